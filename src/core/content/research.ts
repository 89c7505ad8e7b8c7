/** Research sessions: `research/<YYYY-MM-DD>_<slug>/` folders of markdown files. */
import { absolutePathOf, listFilesRecursively, listFolderOrReport, mapConcurrently, readText, type ScanContext } from './files';
import { parseMarkdown } from './markdown';
import type { ResearchFile, ResearchSession } from './model';
import { isSkippedName } from './technology';

export const RESEARCH_FOLDER = 'research';

const SESSION_DATE = /^(\d{4}-\d{2}-\d{2})(?:_|$)/;
const README = /^readme\.md$/i;

/**
 * Scans `research/` of one root. Every folder except `templates/` and names
 * starting with `_` or `.` is a session when it has at least one markdown file.
 * Sessions are sorted newest first by folder name.
 */
export async function scanResearch(context: ScanContext): Promise<ResearchSession[]> {
  const listing = await listFolderOrReport(context, RESEARCH_FOLDER);
  const sessionIds = listing.folders.filter((name) => !isSkippedName(name));

  const sessions = await mapConcurrently(sessionIds, (sessionId) => scanSession(context, sessionId));
  return sessions
    .filter((session): session is ResearchSession => session !== undefined)
    .sort((a, b) => b.id.localeCompare(a.id));
}

async function scanSession(context: ScanContext, sessionId: string): Promise<ResearchSession | undefined> {
  const folder = `${RESEARCH_FOLDER}/${sessionId}`;
  const paths = await listFilesRecursively(context, folder, '.md', (name) => name === 'templates');
  if (paths.length === 0) {
    return undefined;
  }

  const files = await mapConcurrently(paths, async (relativePath) => {
    const text = await readText(context, relativePath);
    if (text === undefined) {
      return undefined;
    }
    const file: ResearchFile = {
      name: relativePath.slice(folder.length + 1),
      relativePath,
      absolutePath: absolutePathOf(context.root, relativePath),
      document: parseMarkdown(text),
    };
    return file;
  });

  const readable = files.filter((file): file is ResearchFile => file !== undefined).sort(readmeFirst);
  const readme = readable.find((file) => README.test(file.name));
  const fields = readme?.document.header.fields ?? {};
  const date = SESSION_DATE.exec(sessionId)?.[1];

  return {
    rootId: context.root.id,
    id: sessionId,
    ...(date === undefined ? {} : { date }),
    title: readme?.document.title ?? sessionId,
    ...(fields.domain === undefined ? {} : { domain: fields.domain }),
    ...(fields.status === undefined ? {} : { status: fields.status }),
    tags: splitTags(fields.tags),
    relativePath: folder,
    files: readable,
  };
}

/** Splits a `Tags` header value such as "agents, #mcp, tools" into ["agents", "mcp", "tools"]. */
export function splitTags(value: string | undefined): string[] {
  if (value === undefined) {
    return [];
  }
  return value
    .split(/[,;]/)
    .map((tag) => tag.trim().replace(/^#/, '').replace(/^`(.*)`$/, '$1'))
    .filter((tag) => tag !== '');
}

function readmeFirst(a: ResearchFile, b: ResearchFile): number {
  const aReadme = README.test(a.name) ? 0 : 1;
  const bReadme = README.test(b.name) ? 0 : 1;
  return aReadme - bReadme || a.name.localeCompare(b.name);
}
