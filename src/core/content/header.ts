/**
 * The header block under a PRD's or research session's H1: lines such as
 * `> **Category**: Agentic AI`, `**Difficulty**: Beginner`, a two-column table
 * of the same pairs, and a tagline such as `> **Role-based agents**`.
 */
import type { PrdHeader } from './model';

/** Keys that fill a typed header field, by lower-case key as written. */
const TYPED_KEYS: Readonly<Record<string, keyof Omit<PrdHeader, 'fields'>>> = {
  tagline: 'tagline',
  category: 'category',
  difficulty: 'difficulty',
  level: 'difficulty',
  'setup time': 'setupTime',
  'setup-time': 'setupTime',
  setup_time: 'setupTime',
  setuptime: 'setupTime',
  time: 'setupTime',
  'estimated time': 'setupTime',
};

/** Keys also accepted without bold markup, because authors write them as plain `Key: value`. */
const PLAIN_KEYS = new Set([
  ...Object.keys(TYPED_KEYS),
  'status',
  'domain',
  'date',
  'tags',
  'topic',
  'last updated',
]);

const BOLD_PAIR = /^(?:\*\*|__)([^*_]+?)(?::\s*(?:\*\*|__)|(?:\*\*|__)\s*:)\s*(.*)$/;
const PLAIN_PAIR = /^([A-Za-z][A-Za-z _-]{0,30}):\s+(.+)$/;
const TABLE_SEPARATOR = /^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$/;
const HORIZONTAL_RULE = /^(?:-{3,}|\*{3,}|_{3,})$/;

/**
 * Reads the header block from `lines[start]` up to, not including, `end`.
 * `frontMatter` fills typed fields that the block does not give.
 */
export function parseHeaderBlock(
  lines: readonly string[],
  start: number,
  end: number,
  frontMatter?: Readonly<Record<string, string>>,
): PrdHeader {
  const fields: Record<string, string> = {};
  let tagline: string | undefined;

  for (let index = start; index < end; index += 1) {
    const line = stripBlockquote(lines[index] ?? '');
    if (line === '' || HORIZONTAL_RULE.test(line) || TABLE_SEPARATOR.test(line)) {
      continue;
    }

    const pair = line.startsWith('|') ? readTableRow(line) : readPair(line);
    if (pair !== undefined) {
      fields[pair.key] ??= pair.value;
      continue;
    }

    if (tagline === undefined && !line.startsWith('|')) {
      tagline = stripEmphasis(line);
    }
  }

  return buildHeader(fields, tagline, frontMatter);
}

function buildHeader(
  fields: Record<string, string>,
  tagline: string | undefined,
  frontMatter: Readonly<Record<string, string>> | undefined,
): PrdHeader {
  const typed: { -readonly [K in keyof Omit<PrdHeader, 'fields'>]?: string } = {};

  for (const [key, value] of Object.entries(fields)) {
    const target = TYPED_KEYS[key];
    if (target !== undefined && value !== '') {
      typed[target] ??= value;
    }
  }
  if (tagline !== undefined && tagline !== '') {
    typed.tagline ??= tagline;
  }

  for (const [key, value] of Object.entries(frontMatter ?? {})) {
    const target = TYPED_KEYS[key.toLowerCase()];
    if (target !== undefined && value !== '') {
      typed[target] ??= value;
    }
  }

  return { ...typed, fields };
}

function stripBlockquote(line: string): string {
  return line.replace(/^\s*(?:>\s?)+/, '').trim();
}

function stripEmphasis(text: string): string {
  return text.replace(/^(\*\*|__|\*|_)(.*)\1$/, '$2').trim();
}

function readPair(line: string): { key: string; value: string } | undefined {
  const bold = BOLD_PAIR.exec(line);
  if (bold !== null) {
    return { key: normaliseKey(bold[1]!), value: stripEmphasis(bold[2]!.trim()) };
  }

  const plain = PLAIN_PAIR.exec(line);
  if (plain !== null && PLAIN_KEYS.has(normaliseKey(plain[1]!))) {
    return { key: normaliseKey(plain[1]!), value: stripEmphasis(plain[2]!.trim()) };
  }

  return undefined;
}

function readTableRow(line: string): { key: string; value: string } | undefined {
  const cells = line
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((cell) => stripEmphasis(cell.trim()));
  if (cells.length !== 2 || cells[0] === '') {
    return undefined;
  }

  const key = normaliseKey(cells[0]!);
  // A table's first row is normally its column titles ("Field | Value"), which only counts when it names a known key.
  if (!PLAIN_KEYS.has(key) && /^(field|key|name|property|aspect|attribute)$/.test(key)) {
    return undefined;
  }
  return { key, value: cells[1]! };
}

function normaliseKey(key: string): string {
  return key.trim().replace(/\s+/g, ' ').toLowerCase();
}
