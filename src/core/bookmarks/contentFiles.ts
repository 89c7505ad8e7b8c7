import path from 'node:path';

import type { ContentModel, Lab, ResearchFile, ResearchSession, Technology } from '../content/model';

/** Kind of a content file that bookmarks, research views and labs act on. */
export type ContentFile =
  | { readonly kind: 'technology'; readonly technology: Technology }
  | { readonly kind: 'research'; readonly session: ResearchSession; readonly file?: ResearchFile; readonly name: string }
  | { readonly kind: 'lab'; readonly lab: Lab };

/**
 * Looks up content files by absolute path. Built once per content model.
 * A file inside a research session folder is found even when the scan did not
 * read it (an image, a notebook), so opening it still counts as viewing the session.
 */
export class ContentFileIndex {
  private readonly files = new Map<string, ContentFile>();
  private readonly sessionFolders: { folder: string; session: ResearchSession }[] = [];
  private readonly technologiesByRef = new Map<string, Technology>();
  private readonly sessionsById = new Map<string, ResearchSession>();

  constructor(
    readonly model: ContentModel,
  ) {
    const rootPaths = new Map(model.roots.map((root) => [root.id, root.path]));

    for (const domain of model.domains) {
      for (const technology of domain.technologies) {
        this.files.set(normalise(technology.absolutePath), { kind: 'technology', technology });
        const key = refKey(technology.domainId, technology.id);
        if (!this.technologiesByRef.has(key)) {
          this.technologiesByRef.set(key, technology);
        }
      }
    }

    for (const session of model.research) {
      if (!this.sessionsById.has(session.id)) {
        this.sessionsById.set(session.id, session);
      }

      const rootPath = rootPaths.get(session.rootId);
      if (rootPath !== undefined) {
        this.sessionFolders.push({ folder: normalise(path.join(rootPath, session.relativePath)), session });
      }

      for (const file of session.files) {
        this.files.set(normalise(file.absolutePath), { kind: 'research', session, file, name: file.name });
      }
    }

    for (const lab of model.labs) {
      this.files.set(normalise(lab.absolutePath), { kind: 'lab', lab });
    }
  }

  /** Returns what the file at an absolute path is, or undefined for any other file. */
  lookup(absolutePath: string): ContentFile | undefined {
    const normalised = normalise(absolutePath);
    const known = this.files.get(normalised);
    if (known !== undefined) {
      return known;
    }

    for (const { folder, session } of this.sessionFolders) {
      if (normalised.startsWith(folder + path.sep)) {
        const name = path.relative(folder, normalised).split(path.sep).join('/');
        return { kind: 'research', session, name };
      }
    }
    return undefined;
  }

  /** Returns the technology of a (domain, technology) pair; the first root wins in a multi-root workspace. */
  technology(domain: string, technology: string): Technology | undefined {
    return this.technologiesByRef.get(refKey(domain, technology));
  }

  /** Returns a research session by folder name. */
  session(id: string): ResearchSession | undefined {
    return this.sessionsById.get(id);
  }
}

function normalise(filePath: string): string {
  return path.resolve(filePath);
}

function refKey(domain: string, technology: string): string {
  return `${domain}\u0000${technology}`;
}
