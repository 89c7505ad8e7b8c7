import { createHash } from 'node:crypto';

/**
 * Stable cell keys.
 *
 * A cell with an nbformat 4.5 `id` is keyed by that id. A cell without one
 * (nbformat 4.0-4.4, or a cell added by a tool that writes no ids) is keyed by
 * `src-<hash>` where the hash is the first 12 hex digits of the SHA-256 of its
 * normalised source. When several cells share the same normalised source, the
 * second one in document order gets `src-<hash>-2`, the third `-3`, and so on.
 *
 * So a source key survives reordering cells, adding or removing other cells and
 * editing other cells. Editing the cell itself gives it a new key: the edited
 * cell counts as a new cell that has not run yet.
 */

/** Input of the key rule: a cell's nbformat id, when it has one, and its source text. */
export interface KeyedCellInput {
  readonly id?: string;
  readonly source: string;
}

const HASH_LENGTH = 12;

/**
 * Normalises cell source for hashing: CRLF and CR become LF, trailing
 * whitespace on each line is removed, and leading and trailing blank lines are
 * dropped. Whitespace-only edits and line-ending changes keep the key.
 */
export function normaliseSource(source: string): string {
  const lines = source
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd());

  while (lines.length > 0 && lines[0] === '') {
    lines.shift();
  }
  while (lines.length > 0 && lines[lines.length - 1] === '') {
    lines.pop();
  }

  return lines.join('\n');
}

/** Returns `src-<hash>` for a source, without the occurrence suffix. */
export function sourceKey(source: string): string {
  const digest = createHash('sha256').update(normaliseSource(source), 'utf8').digest('hex');
  return `src-${digest.slice(0, HASH_LENGTH)}`;
}

/** Returns one key per cell, in the same order, following the rule above. */
export function assignCellKeys(cells: readonly KeyedCellInput[]): string[] {
  const occurrences = new Map<string, number>();
  const used = new Set<string>();
  const keys: string[] = [];

  for (const cell of cells) {
    const id = typeof cell.id === 'string' ? cell.id.trim() : '';
    if (id !== '' && !used.has(id)) {
      used.add(id);
      keys.push(id);
      continue;
    }

    // A cell without an id, or with an id already taken (invalid nbformat),
    // falls back to its source key so no two cells share a key.
    const base = sourceKey(cell.source);
    const count = (occurrences.get(base) ?? 0) + 1;
    occurrences.set(base, count);

    const key = count === 1 ? base : `${base}-${count}`;
    used.add(key);
    keys.push(key);
  }

  return keys;
}
