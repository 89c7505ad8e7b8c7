/** File access for the scanner: listing folders and reading text with problems instead of throws. */
import { readFile as readFileFromDisk, readdir } from 'node:fs/promises';
import path from 'node:path';
import { errorMessage } from '../errors';
import type { Logger } from '../log';
import type { ContentProblem, ContentRoot } from './model';
import { decodeUtf8 } from './text';

/** Reads a file's bytes or text by absolute path. */
export type ReadFile = (absolutePath: string) => Promise<string | Uint8Array>;

/** Inputs and problem list of one root's scan. */
export interface ScanContext {
  readonly root: ContentRoot;
  readonly logger: Logger;
  readonly readFile: ReadFile;
  readonly signal?: AbortSignal;
  readonly problems: ContentProblem[];
}

/** Number of files read at the same time. */
const READ_CONCURRENCY = 16;

export const readFileFromFileSystem: ReadFile = (absolutePath) => readFileFromDisk(absolutePath);

/** Joins a root-relative `/` path onto the root's absolute path. */
export function absolutePathOf(root: ContentRoot, relativePath: string): string {
  return path.join(root.path, ...relativePath.split('/'));
}

/** Names of the entries of a folder, sorted; empty when the folder does not exist. */
export async function listFolder(
  absolutePath: string,
): Promise<{ readonly folders: string[]; readonly files: string[] }> {
  let entries;
  try {
    entries = await readdir(absolutePath, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') {
      return { folders: [], files: [] };
    }
    throw error;
  }

  const folders = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  const files = entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
  return { folders: folders.sort(), files: files.sort() };
}

/**
 * Lists the files under a root-relative folder whose names end in `extension`,
 * recursively, as root-relative paths. Folders whose names start with `.` and
 * folders that `skipFolder` rejects are not entered.
 */
export async function listFilesRecursively(
  context: ScanContext,
  relativeFolder: string,
  extension: string,
  skipFolder: (name: string) => boolean = () => false,
): Promise<string[]> {
  const found: string[] = [];
  const pending = [relativeFolder];

  while (pending.length > 0) {
    context.signal?.throwIfAborted();
    const folder = pending.shift()!;
    const listing = await listFolderOrReport(context, folder);

    for (const name of listing.folders) {
      if (!name.startsWith('.') && !skipFolder(name)) {
        pending.push(`${folder}/${name}`);
      }
    }
    for (const name of listing.files) {
      if (name.toLowerCase().endsWith(extension)) {
        found.push(`${folder}/${name}`);
      }
    }
  }

  return found.sort();
}

/** Lists a root-relative folder; a folder that cannot be listed becomes a problem and an empty listing. */
export async function listFolderOrReport(context: ScanContext, relativeFolder: string) {
  try {
    return await listFolder(absolutePathOf(context.root, relativeFolder));
  } catch (error) {
    report(context, relativeFolder, `Folder ${relativeFolder} could not be listed: ${errorMessage(error)}. Check its permissions.`);
    return { folders: [], files: [] };
  }
}

/**
 * Reads a root-relative file as UTF-8 text. A file that cannot be read or is
 * not text becomes an error problem, and the result is undefined.
 */
export async function readText(context: ScanContext, relativePath: string): Promise<string | undefined> {
  context.signal?.throwIfAborted();

  try {
    const content = await context.readFile(absolutePathOf(context.root, relativePath));
    return typeof content === 'string' ? content : decodeUtf8(content);
  } catch (error) {
    const reason = errorMessage(error);
    report(
      context,
      relativePath,
      `File ${relativePath} could not be read as UTF-8 text (${reason}). Check its permissions and save it as UTF-8 text.`,
    );
    return undefined;
  }
}

/** Adds an error problem and logs it with the root id; `message` names the path and the cause. */
export function report(context: ScanContext, relativePath: string, message: string): void {
  context.problems.push({ severity: 'error', rootId: context.root.id, relativePath, message });
  context.logger.warn(`root ${context.root.id}: ${message}`);
}

/** Maps items with at most READ_CONCURRENCY calls of `map` running at once, keeping the order. */
export async function mapConcurrently<T, R>(items: readonly T[], map: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;

  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await map(items[index]!);
    }
  };

  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, items.length) }, worker));
  return results;
}
