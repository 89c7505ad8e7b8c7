/**
 * Chroma document ids. An id joins its parts with `_`, in the form
 * `agents_crewai_quick-start`. Every character of a part other than ASCII
 * letters, digits, `.` and `-` is percent-encoded (UTF-8 bytes, `%5f` for
 * `_`), so the separator never occurs inside a part: `llm_fine` + `tuning`
 * and `llm` + `fine_tuning` give different ids, and no id contains whitespace,
 * control or invisible characters. An empty part is written `~`.
 */

const PLAIN = /^[A-Za-z0-9.-]$/;

/** Encodes one part of an id. */
export function encodeIdPart(part: string): string {
  if (part === '') {
    return '~';
  }
  let encoded = '';
  for (const character of part) {
    if (PLAIN.test(character)) {
      encoded += character;
      continue;
    }
    for (const byte of Buffer.from(character, 'utf8')) {
      encoded += `%${byte.toString(16).padStart(2, '0')}`;
    }
  }
  return encoded;
}

/** Builds an id from its parts. */
export function documentId(parts: readonly string[]): string {
  return parts.map(encodeIdPart).join('_');
}

/** Id of a PRD section: domain, technology, section id. */
export function integrationSectionId(domain: string, technology: string, sectionId: string): string {
  return documentId([domain, technology, sectionId]);
}

/** Id of a code block: domain, technology, section id, 1-based position in the section. */
export function codeExampleId(domain: string, technology: string, sectionId: string, indexInSection: number): string {
  return documentId([domain, technology, sectionId, String(indexInSection + 1)]);
}

/** Id of a research section: session folder, file path without `.md`, section id. */
export function researchSectionId(session: string, file: string, sectionId: string): string {
  return documentId([session, file.replace(/\.md$/i, ''), sectionId]);
}
