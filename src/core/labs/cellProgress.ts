/**
 * Lab cell progress: the `cell_progress` list of a lab run, kept in the
 * notebook's code-cell order, updated from execution summaries and manual marks.
 * Every function returns new arrays and never mutates its input.
 */
import type { CellProgress } from '../store/labRuns';

export type { CellProgress };

export type CellStatus = 'not-run' | 'ran' | 'failed';

/** A finished execution of one cell, as the notebook editor reports it. */
export interface CellExecution {
  /** Stable cell key. */
  readonly key: string;
  readonly success: boolean;
  /** End time in milliseconds since the epoch; the current time is used when missing. */
  readonly endTime?: number;
}

export interface ProgressCounts {
  readonly completed: number;
  readonly failed: number;
  readonly total: number;
}

/** The result of matching stored progress to the current code cells. */
export interface Reconciliation {
  /** One entry per current code cell, in notebook order. */
  readonly cells: CellProgress[];
  /** Stored entries whose cell no longer exists (removed, or edited without an id). */
  readonly dropped: CellProgress[];
  /** Keys of current cells that had no stored entry. */
  readonly added: string[];
  /** True when `cells` differs from the stored list in order, membership or content. */
  readonly changed: boolean;
}

/** Returns the display status of an entry; a missing entry has not run. */
export function statusOf(entry: CellProgress | undefined): CellStatus {
  if (entry === undefined) {
    return 'not-run';
  }
  if (entry.completed) {
    return 'ran';
  }
  return entry.failed === true ? 'failed' : 'not-run';
}

/**
 * Matches stored progress to the notebook's current code-cell keys by key, so a
 * reordered, extended or shortened notebook keeps progress on the right cells.
 */
export function reconcileProgress(stored: readonly CellProgress[], codeCellKeys: readonly string[]): Reconciliation {
  const byKey = new Map<string, CellProgress>();
  for (const entry of stored) {
    if (!byKey.has(entry.cellId)) {
      byKey.set(entry.cellId, entry);
    }
  }

  const current = new Set(codeCellKeys);
  const added: string[] = [];
  const cells = codeCellKeys.map((key) => {
    const entry = byKey.get(key);
    if (entry === undefined) {
      added.push(key);
      return emptyEntry(key);
    }
    return { ...entry };
  });

  const dropped = stored.filter((entry) => !current.has(entry.cellId));

  return { cells, dropped, added, changed: !sameProgress(stored, cells) };
}

/**
 * Applies finished executions in order. A success marks the cell completed, a
 * failure marks it failed and not completed; both record the end time. An
 * execution that ended before the entry's recorded time is ignored, so a
 * repeated report of an old run never undoes a newer run or mark.
 * Executions for keys that are not in `cells` are returned in `unknown`.
 */
export function applyExecutions(
  cells: readonly CellProgress[],
  executions: readonly CellExecution[],
  now: Date,
): { cells: CellProgress[]; changed: string[]; unknown: string[] } {
  const next = cells.map((entry) => ({ ...entry }));
  const indexByKey = new Map(next.map((entry, index) => [entry.cellId, index]));
  const changed = new Set<string>();
  const unknown: string[] = [];

  for (const execution of executions) {
    const index = indexByKey.get(execution.key);
    if (index === undefined) {
      unknown.push(execution.key);
      continue;
    }

    const endTime = execution.endTime !== undefined && Number.isFinite(execution.endTime) ? execution.endTime : now.getTime();
    const current = next[index];
    if (current.executedAt !== null && Date.parse(current.executedAt) > endTime) {
      continue;
    }

    const updated = resultEntry(execution.key, execution.success, new Date(endTime).toISOString());
    if (!sameEntry(current, updated)) {
      next[index] = updated;
      changed.add(execution.key);
    }
  }

  return { cells: next, changed: [...changed], unknown };
}

/** Marks one cell done (completed now) or not done (cleared). Unknown keys leave the list unchanged. */
export function markCell(cells: readonly CellProgress[], key: string, done: boolean, now: Date): CellProgress[] {
  return cells.map((entry) => {
    if (entry.cellId !== key) {
      return { ...entry };
    }
    return done ? resultEntry(key, true, now.toISOString()) : emptyEntry(key);
  });
}

/** Counts completed and failed entries. */
export function progressCounts(cells: readonly CellProgress[]): ProgressCounts {
  let completed = 0;
  let failed = 0;
  for (const entry of cells) {
    if (entry.completed) {
      completed += 1;
    } else if (entry.failed === true) {
      failed += 1;
    }
  }
  return { completed, failed, total: cells.length };
}

/** True when every cell completed and there is at least one cell. */
export function isComplete(cells: readonly CellProgress[]): boolean {
  return cells.length > 0 && cells.every((entry) => entry.completed);
}

function emptyEntry(key: string): CellProgress {
  return { cellId: key, completed: false, executedAt: null };
}

function resultEntry(key: string, success: boolean, executedAt: string): CellProgress {
  return success ? { cellId: key, completed: true, executedAt } : { cellId: key, completed: false, executedAt, failed: true };
}

function sameEntry(left: CellProgress, right: CellProgress): boolean {
  return (
    left.cellId === right.cellId &&
    left.completed === right.completed &&
    left.executedAt === right.executedAt &&
    (left.failed === true) === (right.failed === true)
  );
}

function sameProgress(left: readonly CellProgress[], right: readonly CellProgress[]): boolean {
  return left.length === right.length && left.every((entry, index) => sameEntry(entry, right[index]));
}
