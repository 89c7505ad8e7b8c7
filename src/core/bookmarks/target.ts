/**
 * Storage form of bookmarks on research files in the `bookmarks` table, whose
 * columns were made for PRDs (domain, technology, section anchor).
 *
 * A research bookmark has domain `research`, technology = the session folder
 * name (for example "2026-01-05_crewai-multi-agent-framework") and section =
 * `<file>#<anchor>`, where file is the path inside the session folder, so
 * "findings.md#key-findings". A bookmark on a whole research file has
 * section = `<file>`; one on the whole session has section null.
 * NOTE: an integrations domain folder named "research" would share bookmarks
 * with research sessions of the same name.
 */

export const RESEARCH_DOMAIN = 'research';

/** A research bookmark's section split into its parts. */
export interface ResearchSection {
  /** File path inside the session folder, for example "README.md". */
  readonly file: string;
  /** Heading anchor, or null for the whole file. */
  readonly anchor: string | null;
}

/** Returns the `section` value for a heading (or the whole file) of a research file. */
export function encodeResearchSection(file: string, anchor: string | null): string {
  return anchor === null || anchor === '' ? file : `${file}#${anchor}`;
}

/** Splits a stored research `section`; null stays null (a bookmark on the whole session). */
export function decodeResearchSection(section: string | null): ResearchSection | null {
  if (section === null || section === '') {
    return null;
  }

  const hash = section.indexOf('#');
  if (hash < 0) {
    return { file: section, anchor: null };
  }
  return { file: section.slice(0, hash), anchor: section.slice(hash + 1) || null };
}
