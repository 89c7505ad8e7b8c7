/**
 * Reads the files of a content model and builds their search documents.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { errorMessage } from '../errors';
import type { Logger } from '../log';
import type { ContentModel, ContentRoot, ResearchSession, Technology } from '../content/model';
import { researchFileDocuments, technologyDocuments } from './documents';
import { documentKey, type SearchDocument } from './types';

/** Documents of a model or a file, and the files that could not be read. */
export interface CollectedDocuments {
  readonly documents: SearchDocument[];
  /** `<rootId>:<relative path>` of files whose documents are kept as they were because reading failed. */
  readonly unreadable: Set<string>;
}

export function fileKey(rootId: string, relativePath: string): string {
  return `${rootId}:${relativePath}`;
}

async function readText(absolutePath: string, logger: Logger): Promise<string | undefined> {
  try {
    return await readFile(absolutePath, 'utf8');
  } catch (error) {
    logger.warn(`skipped ${absolutePath} in the search index: reading it failed: ${errorMessage(error)}`);
    return undefined;
  }
}

async function addTechnology(technology: Technology, collected: CollectedDocuments, logger: Logger): Promise<void> {
  const text = await readText(technology.absolutePath, logger);
  if (text === undefined) {
    collected.unreadable.add(fileKey(technology.rootId, technology.relativePath));
    return;
  }
  collected.documents.push(...technologyDocuments(technology, text));
}

async function addSession(session: ResearchSession, collected: CollectedDocuments, logger: Logger): Promise<void> {
  for (const file of session.files) {
    const text = await readText(file.absolutePath, logger);
    if (text === undefined) {
      collected.unreadable.add(fileKey(session.rootId, file.relativePath));
      continue;
    }
    collected.documents.push(...researchFileDocuments(session, file, text));
  }
}

/** Drops documents whose key was already seen, logging each, so ids stay unique. */
function dropDuplicates(collected: CollectedDocuments, logger: Logger): CollectedDocuments {
  const seen = new Map<string, SearchDocument>();
  for (const document of collected.documents) {
    const key = documentKey(document.collection, document.id);
    const first = seen.get(key);
    if (first !== undefined) {
      logger.warn(`search document ${key} of ${document.rootId}:${document.path} has the same id as one of ${first.rootId}:${first.path}; only the first is indexed`);
      continue;
    }
    seen.set(key, document);
  }
  return { documents: [...seen.values()], unreadable: collected.unreadable };
}

/** Collects every search document of a content model. */
export async function collectModelDocuments(model: ContentModel, logger: Logger, signal?: AbortSignal): Promise<CollectedDocuments> {
  const collected: CollectedDocuments = { documents: [], unreadable: new Set() };
  for (const domain of model.domains) {
    for (const technology of domain.technologies) {
      signal?.throwIfAborted();
      await addTechnology(technology, collected, logger);
    }
  }
  for (const session of model.research) {
    signal?.throwIfAborted();
    await addSession(session, collected, logger);
  }
  return dropDuplicates(collected, logger);
}

/** Role of a file in a content model. */
export type FileLocation =
  | { readonly kind: 'technology'; readonly root: ContentRoot; readonly technology: Technology }
  | { readonly kind: 'research'; readonly root: ContentRoot; readonly session: ResearchSession }
  | { readonly kind: 'other'; readonly root: ContentRoot; readonly relativePath: string }
  | { readonly kind: 'outside' };

/** Finds the root, and the technology or research session, of an absolute file path. */
export function locateFile(model: ContentModel, absolutePath: string): FileLocation {
  const resolved = path.resolve(absolutePath);
  for (const domain of model.domains) {
    for (const technology of domain.technologies) {
      if (path.resolve(technology.absolutePath) === resolved) {
        const root = model.roots.find((candidate) => candidate.id === technology.rootId)!;
        return { kind: 'technology', root, technology };
      }
    }
  }
  for (const session of model.research) {
    if (session.files.some((file) => path.resolve(file.absolutePath) === resolved)) {
      const root = model.roots.find((candidate) => candidate.id === session.rootId)!;
      return { kind: 'research', root, session };
    }
  }

  const root = model.roots.find((candidate) => {
    const relative = path.relative(candidate.path, resolved);
    return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  });
  if (root === undefined) {
    return { kind: 'outside' };
  }
  return { kind: 'other', root, relativePath: path.relative(root.path, resolved).split(path.sep).join('/') };
}

/** Documents of one technology file or one research session. */
export async function collectLocationDocuments(location: FileLocation, logger: Logger): Promise<CollectedDocuments> {
  const collected: CollectedDocuments = { documents: [], unreadable: new Set() };
  if (location.kind === 'technology') {
    await addTechnology(location.technology, collected, logger);
  } else if (location.kind === 'research') {
    await addSession(location.session, collected, logger);
  }
  return dropDuplicates(collected, logger);
}
