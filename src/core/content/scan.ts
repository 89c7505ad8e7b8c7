/**
 * Scans content roots into a ContentModel. Files that cannot be read or
 * parsed become ContentProblems, so a scan rejects only when its signal aborts it.
 */
import { stat } from 'node:fs/promises';
import { errorMessage } from '../errors';
import { withComponent, type Logger } from '../log';
import { readFileFromFileSystem, type ReadFile, type ScanContext } from './files';
import { scanLabs } from './labs';
import type { ContentModel, ContentProblem, ContentRoot, Domain, Lab, ResearchSession } from './model';
import { scanResearch } from './research';
import { CONTENT_FOLDERS } from './roots';
import { scanIntegrations } from './technology';

export interface ScanOptions {
  readonly logger: Logger;
  /** Reads a file by absolute path; defaults to the file system. The extension can pass one that reads the text of unsaved editors. */
  readonly readFile?: ReadFile;
  /** Stops the scan between files; the promise then rejects with the signal's reason. */
  readonly signal?: AbortSignal;
}

interface RootContent {
  readonly domains: Domain[];
  readonly research: ResearchSession[];
  readonly labs: Lab[];
  readonly problems: ContentProblem[];
}

/** Scans every root, in the order given, and joins the results. */
export async function scanContent(roots: readonly ContentRoot[], options: ScanOptions): Promise<ContentModel> {
  const logger = withComponent(options.logger, 'content');
  const started = performance.now();

  const results: RootContent[] = [];
  for (const root of roots) {
    results.push(await scanRoot(root, logger, options));
  }

  const model: ContentModel = {
    roots: [...roots],
    domains: results.flatMap((result) => result.domains),
    research: results.flatMap((result) => result.research),
    labs: results.flatMap((result) => result.labs),
    problems: results.flatMap((result) => result.problems),
  };

  const technologies = model.domains.reduce((sum, domain) => sum + domain.technologies.length, 0);
  logger.info(
    `Scanned ${roots.length} root(s) in ${Math.round(performance.now() - started)} ms: ` +
      `${model.domains.length} domains, ${technologies} technologies, ${model.research.length} research sessions, ` +
      `${model.labs.length} labs, ${model.problems.length} problems`,
  );
  return model;
}

async function scanRoot(root: ContentRoot, logger: Logger, options: ScanOptions): Promise<RootContent> {
  const context: ScanContext = {
    root,
    logger,
    readFile: options.readFile ?? readFileFromFileSystem,
    problems: [],
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  };

  const rootProblem = await checkRootFolder(root);
  if (rootProblem !== undefined) {
    logger.warn(`root ${root.id}: ${rootProblem.message}`);
    return { domains: [], research: [], labs: [], problems: [rootProblem] };
  }

  const [domains, research, labs] = await Promise.all([
    scanIntegrations(context),
    scanResearch(context),
    scanLabs(context),
  ]);

  const missing = await missingContentFolders(root);
  if (missing) {
    context.problems.push({
      severity: 'warning',
      rootId: root.id,
      relativePath: '.',
      message: `Folder ${root.path} has neither integrations/ nor research/, so it has no PRDs or research sessions. Open a Luno-AI content folder, or give one as ROOT or in the luno.contentRoot setting.`,
    });
  }

  return { domains, research, labs, problems: context.problems };
}

async function checkRootFolder(root: ContentRoot): Promise<ContentProblem | undefined> {
  try {
    const info = await stat(root.path);
    if (info.isDirectory()) {
      return undefined;
    }
    return rootError(root, `Content root ${root.path} is a file, not a folder. Give the folder that contains integrations/ or research/ as ROOT or in the luno.contentRoot setting.`);
  } catch (error) {
    return rootError(root, `Content root ${root.path} could not be opened (${errorMessage(error)}). Check that the folder exists, or fix the ROOT argument or the luno.contentRoot setting.`);
  }
}

function rootError(root: ContentRoot, message: string): ContentProblem {
  return { severity: 'error', rootId: root.id, relativePath: '.', message };
}

async function missingContentFolders(root: ContentRoot): Promise<boolean> {
  const found = await Promise.all(
    CONTENT_FOLDERS.map((name) =>
      stat(`${root.path}/${name}`).then(
        (info) => info.isDirectory(),
        () => false,
      ),
    ),
  );
  return !found.includes(true);
}
