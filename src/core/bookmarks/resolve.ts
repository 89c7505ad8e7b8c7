import type { Section } from '../content/model';
import type { Bookmark } from '../store/bookmarks';
import type { ContentFileIndex } from './contentFiles';
import { locateBookmark, type BookmarkLocation } from './reattach';
import { RESEARCH_DOMAIN, decodeResearchSection, encodeResearchSection } from './target';

/** A bookmark matched to its file and heading in the current content. */
export interface ResolvedBookmark {
  readonly bookmark: Bookmark;
  /** Absolute path of the bookmarked file, or undefined when the file is no longer in the content. */
  readonly filePath: string | undefined;
  /** Current location of the bookmark; `missing` when the file is gone. */
  readonly location: BookmarkLocation | { readonly kind: 'missing' };
  /** The `section` value the bookmark should have, when the heading moved; otherwise undefined. */
  readonly newSection?: string;
  /** Headings of the file, for picking a new heading. */
  readonly sections: readonly Section[];
}

/** Matches a bookmark to the current content: PRD headings, or research file headings. */
export function resolveBookmark(bookmark: Bookmark, index: ContentFileIndex): ResolvedBookmark {
  if (bookmark.domain === RESEARCH_DOMAIN) {
    return resolveResearchBookmark(bookmark, index);
  }

  const technology = index.technology(bookmark.domain, bookmark.technology);
  if (technology === undefined) {
    return { bookmark, filePath: undefined, location: { kind: 'missing' }, sections: [] };
  }

  const sections = technology.document.sections;
  const location = locateBookmark(bookmark, sections);
  const newSection = location.kind === 'moved' ? location.section.anchor : undefined;

  return { bookmark, filePath: technology.absolutePath, location, sections, ...(newSection === undefined ? {} : { newSection }) };
}

function resolveResearchBookmark(bookmark: Bookmark, index: ContentFileIndex): ResolvedBookmark {
  const session = index.session(bookmark.technology);
  const decoded = decodeResearchSection(bookmark.section);
  const fileName = decoded?.file ?? 'README.md';
  const file = session?.files.find((candidate) => candidate.name === fileName);

  if (session === undefined || file === undefined) {
    return { bookmark, filePath: undefined, location: { kind: 'missing' }, sections: [] };
  }

  const sections = file.document.sections;
  const location = locateBookmark({ section: decoded?.anchor ?? null, title: bookmark.title }, sections);
  const newSection = location.kind === 'moved' ? encodeResearchSection(fileName, location.section.anchor) : undefined;

  return { bookmark, filePath: file.absolutePath, location, sections, ...(newSection === undefined ? {} : { newSection }) };
}
