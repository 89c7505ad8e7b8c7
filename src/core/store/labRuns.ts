import { ObservableRepository } from './repository';
import { DEFAULT_USER_ID } from './context';
import { InvalidInputError, requireText } from './validation';

export interface CellProgress {
  cellId: string;
  completed: boolean;
  /**
 * ISO 8601 time of the last execution, or null when never executed. */
  executedAt: string | null;
  failed?: boolean;
}

export interface LabRun {
  id: number;
  labId: string;
  /** True when the run has cells and every cell is completed. */
  completed: boolean;
  startedAt: string;
  completedAt: string | null;
  cells: CellProgress[];
}

interface LabRunRow {
  id: number;
  lab_id: string;
  completed: number;
  started_at: string;
  completed_at: string | null;
  cell_progress: string;
}

const COLUMNS = 'id, lab_id, completed, started_at, completed_at, cell_progress';

/**
 * Cell progress of each lab's current run; a lab has at most one current run.
 * `onDidChange` fires with the lab id after each save or reset.
 */
export class LabRunRepository extends ObservableRepository<string> {
  current(labId: string): LabRun | undefined {
    const id = requireText(labId, 'lab id');

    const row = this.context.read(
      () =>
        this.context
          .statement(`SELECT ${COLUMNS} FROM lab_runs WHERE user_id = ? AND lab_id = ?`)
          .get(DEFAULT_USER_ID, id) as LabRunRow | undefined,
    );

    return row ? this.toLabRun(row) : undefined;
  }

  /**
   * Stores the cells of the lab's current run, creating the run when missing.
   * The run is completed, with completed_at set, when it has cells and every one is
   * completed. A run that was already completed keeps its first completion time.
   * Any other save clears both.
   */
  save(labId: string, cells: CellProgress[]): LabRun {
    const id = requireText(labId, 'lab id');
    const normalised = validateCells(cells);
    const completed = normalised.length > 0 && normalised.every((cell) => cell.completed);

    const row = this.context.write(() => {
      const now = this.context.now();

      return this.context
        .statement(
          `INSERT INTO lab_runs (user_id, lab_id, completed, started_at, completed_at, cell_progress)
           VALUES (@userId, @labId, @completed, @now, @completedAt, @cells)
           ON CONFLICT (user_id, lab_id) DO UPDATE SET
             cell_progress = excluded.cell_progress,
             completed = excluded.completed,
             completed_at = CASE
               WHEN excluded.completed = 0 THEN NULL
               WHEN lab_runs.completed = 1 THEN lab_runs.completed_at
               ELSE excluded.completed_at
             END
           RETURNING ${COLUMNS}`,
        )
        .get({
          userId: DEFAULT_USER_ID,
          labId: id,
          completed: completed ? 1 : 0,
          now,
          completedAt: completed ? now : null,
          cells: JSON.stringify(normalised),
        }) as LabRunRow;
    });

    this.changed.fire(id);
    return this.toLabRun(row);
  }

  /** Deletes the lab's current run, so the next save starts a new one. */
  reset(labId: string): void {
    const id = requireText(labId, 'lab id');

    const result = this.context.write(() =>
      this.context.statement('DELETE FROM lab_runs WHERE user_id = ? AND lab_id = ?').run(DEFAULT_USER_ID, id),
    );

    if (result.changes > 0) {
      this.changed.fire(id);
    }
  }

  /** Returns every current run, by lab id. */
  all(): LabRun[] {
    const rows = this.context.read(
      () =>
        this.context
          .statement(`SELECT ${COLUMNS} FROM lab_runs WHERE user_id = ? ORDER BY lab_id`)
          .all(DEFAULT_USER_ID) as LabRunRow[],
    );

    return rows.map((row) => this.toLabRun(row));
  }

  private toLabRun(row: LabRunRow): LabRun {
    return {
      id: row.id,
      labId: row.lab_id,
      completed: row.completed === 1,
      startedAt: row.started_at,
      completedAt: row.completed_at,
      cells: this.parseCells(row),
    };
  }

  /** Parses stored cells, dropping entries that are not cell progress (logged). */
  private parseCells(row: LabRunRow): CellProgress[] {
    const parsed: unknown = JSON.parse(row.cell_progress);
    const entries = Array.isArray(parsed) ? parsed : [];
    const cells: CellProgress[] = [];

    for (const entry of entries) {
      const cell = toCellProgress(entry);
      if (cell) {
        cells.push(cell);
      } else {
        this.context.logger.warn(`lab run ${row.id} of ${row.lab_id} has an invalid cell entry; ignoring it`, entry);
      }
    }

    return cells;
  }
}

/** Returns the cells with only the known keys, or throws InvalidInputError naming the bad cell. */
function validateCells(cells: CellProgress[]): CellProgress[] {
  if (!Array.isArray(cells)) {
    throw new InvalidInputError(`Invalid cell progress ${JSON.stringify(cells)}: expected an array.`);
  }

  const seen = new Set<string>();

  return cells.map((entry, index) => {
    const cell = toCellProgress(entry);
    if (!cell) {
      throw new InvalidInputError(
        `Invalid cell progress at index ${index}: ${JSON.stringify(entry)}. ` +
          'Expected { cellId: non-empty string, completed: boolean, executedAt: string or null, failed?: boolean }.',
      );
    }

    if (seen.has(cell.cellId)) {
      throw new InvalidInputError(`Duplicate cell id ${JSON.stringify(cell.cellId)} at index ${index}.`);
    }
    seen.add(cell.cellId);

    return cell;
  });
}

function toCellProgress(entry: unknown): CellProgress | undefined {
  if (entry === null || typeof entry !== 'object') {
    return undefined;
  }

  const { cellId, completed, executedAt, failed } = entry as Record<string, unknown>;
  const valid =
    typeof cellId === 'string' &&
    cellId !== '' &&
    typeof completed === 'boolean' &&
    (executedAt === null || typeof executedAt === 'string') &&
    (failed === undefined || typeof failed === 'boolean');

  if (!valid) {
    return undefined;
  }

  const cell: CellProgress = { cellId, completed, executedAt };
  if (failed !== undefined) {
    cell.failed = failed;
  }
  return cell;
}
