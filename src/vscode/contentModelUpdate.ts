import { readFile } from 'node:fs/promises';
import path from 'node:path';

import {
  INTEGRATION_INDEX_PATH,
  parseIntegrationIndex,
  parseTechnologyFile,
  type ContentModel,
  type ContentRoot,
  type Technology,
} from '../core/content';

/** A PRD file of the model: its root and its path relative to that root. */
export interface TechnologyLocation {
  readonly root: ContentRoot;
  readonly relativePath: string;
  readonly technology: Technology;
}

/** Finds the technology whose PRD is `absolutePath`, or undefined when the file is no known PRD. */
export function findTechnologyFile(model: ContentModel, absolutePath: string): TechnologyLocation | undefined {
  const target = path.resolve(absolutePath);

  for (const domain of model.domains) {
    for (const technology of domain.technologies) {
      if (path.resolve(technology.absolutePath) !== target) {
        continue;
      }

      const root = model.roots.find((candidate) => candidate.id === technology.rootId);
      if (root) {
        return { root, relativePath: technology.relativePath, technology };
      }
    }
  }
  return undefined;
}

/** Returns a model with `updated` in place of the technology with the same root, domain and id. */
export function replaceTechnology(model: ContentModel, updated: Technology): ContentModel {
  const domains = model.domains.map((domain) => {
    if (domain.rootId !== updated.rootId || domain.id !== updated.domainId) {
      return domain;
    }

    const technologies = domain.technologies.map((technology) => (technology.id === updated.id ? updated : technology));
    return { ...domain, technologies };
  });

  return { ...model, domains };
}

/**
 * Parses one PRD again from disk and returns the model with it replaced. The
 * root's `integrations/_index.md` is read again too, because it supplies the
 * difficulty and time of PRDs whose header has none.
 */
export async function reparseTechnology(model: ContentModel, location: TechnologyLocation): Promise<ContentModel> {
  const text = await readFile(path.join(location.root.path, ...location.relativePath.split('/')), 'utf8');
  const indexText = await readOptional(path.join(location.root.path, ...INTEGRATION_INDEX_PATH.split('/')));

  const index = parseIntegrationIndex(indexText);
  const technology = parseTechnologyFile(location.root, location.relativePath, text, index);
  return replaceTechnology(model, technology);
}

async function readOptional(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return '';
    }
    throw error;
  }
}
