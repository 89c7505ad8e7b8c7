/** Integration PRDs: `integrations/<domain>/<technology>.md` turned into Technology and Domain values. */
import { domainName, EMPTY_INDEX, parseIntegrationIndex, type IntegrationIndex } from './domains';
import { absolutePathOf, listFolderOrReport, mapConcurrently, readText, type ScanContext } from './files';
import { completeLayers, findLearningPath } from './layers';
import { parseMarkdown } from './markdown';
import type { ContentRoot, Domain, Technology } from './model';
import { titleCase } from './text';

export const INTEGRATIONS_FOLDER = 'integrations';
export const INTEGRATION_INDEX_PATH = 'integrations/_index.md';

/** True for names the scanner passes over: templates, `_index.md` and other `_` or `.` names. */
export function isSkippedName(name: string): boolean {
  return name === 'templates' || name.startsWith('_') || name.startsWith('.');
}

/**
 * Parses one PRD. `relativePath` is root-relative, for example
 * "integrations/agents/crewai.md"; `index` gives the difficulty and time of
 * PRDs whose header has none. Use it to re-parse a file after a save.
 */
export function parseTechnologyFile(
  root: ContentRoot,
  relativePath: string,
  text: string,
  index: IntegrationIndex = EMPTY_INDEX,
): Technology {
  const parts = relativePath.split('/');
  const domainId = parts[parts.length - 2] ?? '';
  const id = (parts[parts.length - 1] ?? '').replace(/\.md$/i, '');

  const document = parseMarkdown(text);
  const learningPath = findLearningPath(document.sections);
  const layers = completeLayers(document.layers, learningPath?.startLine ?? 0, learningPath?.anchor);
  const entry = index.entries.get(`${domainId}/${id}`);

  const difficulty = document.header.difficulty ?? entry?.difficulty;
  const setupTime = document.header.setupTime ?? entry?.time;
  const tagline = document.header.tagline;

  return {
    rootId: root.id,
    domainId,
    id,
    title: document.title ?? titleCase(id),
    relativePath,
    absolutePath: absolutePathOf(root, relativePath),
    document,
    layers,
    ...(difficulty === undefined ? {} : { difficulty }),
    ...(setupTime === undefined ? {} : { setupTime }),
    ...(tagline === undefined ? {} : { tagline }),
  };
}

/** Reads `integrations/_index.md`; a missing file gives an empty index. */
export async function readIntegrationIndex(context: ScanContext): Promise<IntegrationIndex> {
  const listing = await listFolderOrReport(context, INTEGRATIONS_FOLDER);
  if (!listing.files.includes('_index.md')) {
    return EMPTY_INDEX;
  }

  const text = await readText(context, INTEGRATION_INDEX_PATH);
  return text === undefined ? EMPTY_INDEX : parseIntegrationIndex(text);
}

/** Scans `integrations/` of one root into domains, in the order `_index.md` lists them. */
export async function scanIntegrations(context: ScanContext): Promise<Domain[]> {
  const index = await readIntegrationIndex(context);
  const listing = await listFolderOrReport(context, INTEGRATIONS_FOLDER);
  const domainIds = listing.folders.filter((name) => !isSkippedName(name));

  const domains = await mapConcurrently(domainIds, async (domainId) => {
    const folder = `${INTEGRATIONS_FOLDER}/${domainId}`;
    const files = (await listFolderOrReport(context, folder)).files.filter(
      (name) => name.toLowerCase().endsWith('.md') && !isSkippedName(name),
    );

    const technologies = await mapConcurrently(files, async (name) => {
      const relativePath = `${folder}/${name}`;
      const text = await readText(context, relativePath);
      return text === undefined ? undefined : parseTechnologyFile(context.root, relativePath, text, index);
    });

    const found = technologies.filter((technology): technology is Technology => technology !== undefined);
    const domain: Domain = {
      rootId: context.root.id,
      id: domainId,
      name: domainName(index, domainId),
      technologies: sortByIndex(found, index),
    };
    return domain;
  });

  return sortDomains(
    domains.filter((domain) => domain.technologies.length > 0),
    index,
  );
}

function sortByIndex(technologies: readonly Technology[], index: IntegrationIndex): Technology[] {
  const order = [...index.entries.keys()];
  const position = (technology: Technology): number => {
    const found = order.indexOf(`${technology.domainId}/${technology.id}`);
    return found < 0 ? order.length : found;
  };
  return [...technologies].sort((a, b) => position(a) - position(b) || a.id.localeCompare(b.id));
}

function sortDomains(domains: readonly Domain[], index: IntegrationIndex): Domain[] {
  const position = (domain: Domain): number => {
    const found = index.domainOrder.indexOf(domain.id);
    return found < 0 ? index.domainOrder.length : found;
  };
  return [...domains].sort((a, b) => position(a) - position(b) || a.id.localeCompare(b.id));
}
