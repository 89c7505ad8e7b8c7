import type { Section } from '../content/model';
import { normaliseTitle, titleSimilarity } from './similarity';

/**
 * Finding a bookmarked heading in the current version of its document.
 *
 * A bookmark stores the heading's anchor (`section`) and text (`title`). When
 * the anchor no longer exists, the heading was renamed, moved among duplicates
 * or removed. The bookmark is re-attached only when one heading clearly matches
 * the old title: its normalised text is the same, or its similarity is at
 * least MOVE_THRESHOLD and beats every other heading by MOVE_MARGIN. Otherwise
 * the bookmark is stale and the caller asks the learner to pick a heading.
 */

/** The stored part of a bookmark that locates it in a file. */
export interface BookmarkTarget {
  /** Heading anchor, or null (or '') for a bookmark on the whole file. */
  readonly section: string | null;
  /** Heading text when the bookmark was made. */
  readonly title: string | null;
}

export type BookmarkLocation =
  /** The bookmark is on the whole file. */
  | { readonly kind: 'file' }
  /** A heading with the stored anchor exists. */
  | { readonly kind: 'exact'; readonly section: Section }
  /** The anchor is gone and one heading clearly took its place. */
  | { readonly kind: 'moved'; readonly section: Section; readonly score: number }
  /**
   * No heading clearly matches. `candidates` lists every heading: those with a
   * similarity of at least SUGGEST_THRESHOLD first, most similar first, then the rest in document order.
   */
  | { readonly kind: 'stale'; readonly candidates: readonly Section[] };

/** Minimum similarity for a renamed heading to count as the same heading. */
export const MOVE_THRESHOLD = 0.6;
/** Minimum lead of the best heading over the second best. */
export const MOVE_MARGIN = 0.15;
/** Minimum similarity for a heading to be listed among the suggestions of a stale bookmark. */
export const SUGGEST_THRESHOLD = 0.3;

/** Locates a bookmark among the current sections of its document. */
export function locateBookmark(target: BookmarkTarget, sections: readonly Section[]): BookmarkLocation {
  if (target.section === null || target.section === '') {
    return { kind: 'file' };
  }

  const exact = sections.find((section) => section.anchor === target.section);
  if (exact !== undefined) {
    return { kind: 'exact', section: exact };
  }

  const oldTitle = target.title !== null && target.title.trim() !== '' ? target.title : target.section.replace(/-/g, ' ');

  // Same text under a new anchor: a duplicate heading above it was added or removed.
  const sameText = sections.filter((section) => normaliseTitle(section.text) === normaliseTitle(oldTitle));
  if (sameText.length === 1) {
    return { kind: 'moved', section: sameText[0], score: 1 };
  }

  const scored = sections
    .map((section) => ({ section, score: titleSimilarity(oldTitle, section.text) }))
    .sort((left, right) => right.score - left.score);

  const best = scored[0];
  const second = scored[1];
  const clear = best !== undefined && best.score >= MOVE_THRESHOLD && (second === undefined || best.score - second.score >= MOVE_MARGIN);
  if (sameText.length === 0 && clear) {
    return { kind: 'moved', section: best.section, score: best.score };
  }

  const suggested = scored.filter((entry) => entry.score >= SUGGEST_THRESHOLD).map((entry) => entry.section);
  const others = sections.filter((section) => !suggested.includes(section));
  return { kind: 'stale', candidates: [...suggested, ...others] };
}
