/** Content roots of a workspace and their ids. */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import GithubSlugger from 'github-slugger';
import type { ContentRoot } from './model';

/** Subfolders that make a folder a content root. */
export const CONTENT_FOLDERS = ['integrations', 'research'] as const;

export interface WorkspaceFolderInfo {
  readonly name: string;
  /** Absolute path of the folder. */
  readonly path: string;
}

/** True when `folderPath` has an `integrations/` or `research/` subfolder. */
export function isContentFolder(folderPath: string): boolean {
  return CONTENT_FOLDERS.some((name) => isDirectory(path.join(folderPath, name)));
}

/**
 * Returns the content roots of a workspace: only `configuredRoot` when it is
 * set (a relative value resolves against the first workspace folder), else
 * every workspace folder that has `integrations/` or `research/`. Root ids
 * come from the folder names, in lower case with `-` for other characters,
 * and get `-1`, `-2`, ... when two folders have the same name.
 */
export function findContentRoots(
  workspaceFolders: readonly WorkspaceFolderInfo[],
  configuredRoot?: string,
): ContentRoot[] {
  const slugger = new GithubSlugger();
  const configured = configuredRoot?.trim() ?? '';

  if (configured !== '') {
    const base = workspaceFolders[0]?.path ?? process.cwd();
    const rootPath = path.resolve(base, configured);
    const name = path.basename(rootPath) || rootPath;
    return [{ id: rootId(slugger, name), path: rootPath, name }];
  }

  return workspaceFolders
    .filter((folder) => isContentFolder(folder.path))
    .map((folder) => ({ id: rootId(slugger, folder.name), path: folder.path, name: folder.name }));
}

/** Returns a single root for a folder given on the command line. */
export function contentRootAt(folderPath: string): ContentRoot {
  return findContentRoots([], folderPath)[0]!;
}

function rootId(slugger: GithubSlugger, name: string): string {
  const slug = slugger.slug(name);
  return slug.replace(/^-+|-+$/g, '') === '' ? slugger.slug('root') : slug;
}

function isDirectory(candidate: string): boolean {
  return existsSync(candidate) && statSync(candidate).isDirectory();
}
