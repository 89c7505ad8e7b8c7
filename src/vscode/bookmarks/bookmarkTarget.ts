import type { ContentFile } from '../../core/bookmarks/contentFiles';
import { RESEARCH_DOMAIN, encodeResearchSection } from '../../core/bookmarks/target';
import type { Section } from '../../core/content/model';

/** The row a bookmark on one heading (or a whole file) has in the `bookmarks` table. */
export interface BookmarkTarget {
  readonly domain: string;
  readonly technology: string;
  readonly section: string | null;
  readonly title: string | null;
}

/**
 * Returns the bookmark row for a heading of a PRD or research file, or for the
 * whole file when `section` is undefined. Other files cannot be bookmarked.
 */
export function bookmarkTargetFor(file: ContentFile | undefined, section: Section | undefined): BookmarkTarget | undefined {
  if (file?.kind === 'technology') {
    return {
      domain: file.technology.domainId,
      technology: file.technology.id,
      section: section?.anchor ?? null,
      title: section?.text ?? file.technology.title,
    };
  }

  if (file?.kind === 'research' && file.file !== undefined) {
    return {
      domain: RESEARCH_DOMAIN,
      technology: file.session.id,
      section: encodeResearchSection(file.name, section?.anchor ?? null),
      title: section?.text ?? file.session.title,
    };
  }

  return undefined;
}
