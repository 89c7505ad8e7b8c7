import * as vscode from 'vscode';

import type { ContentModel, Lab } from '../../core/content/model';
import {
  applyExecutions,
  markCell,
  progressCounts,
  reconcileProgress,
  statusOf,
  type CellExecution,
  type CellProgress,
  type ProgressCounts,
} from '../../core/labs/cellProgress';
import { LunoError } from '../../core/errors';
import type { NotebookCellInfo } from '../../core/labs/notebook';
import type { Logger } from '../../core/log';
import type { Store } from '../../core/store/database';
import type { LabCellRow, LabViewState } from './messages';
import { LabCellSource } from './labCells';

/** Dependencies of lab progress: the store (undefined while luno.db is unavailable) and the content model. */
export interface LabProgressDependencies {
  readonly store: () => Store | undefined;
  readonly model: () => ContentModel | undefined;
  readonly logger: Logger;
}

/** Progress of one lab: counts only, for the Labs view. */
export type LabSummary =
  | { readonly ok: true; readonly counts: ProgressCounts; readonly completed: boolean }
  | { readonly ok: false; readonly problem: string };

/**
 * Lab runs as the views see them: stored `cell_progress` matched by key to the
 * notebook's current code cells. Reading never writes; every write (a run, a
 * mark, a reset) saves the matched list, so entries of removed cells go then.
 */
export class LabProgressService implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string>();
  private readonly disposables: vscode.Disposable[] = [this.changed];

  /** Fires with a lab id when its progress or its cells changed. */
  readonly onDidChange = this.changed.event;

  readonly cells = new LabCellSource();

  constructor(private readonly dependencies: LabProgressDependencies) {}

  /** Forwards store writes and reopens (after a restore) as lab changes. */
  watchStore(store: Store): vscode.Disposable {
    const changed = store.labRuns.onDidChange((labId) => this.changed.fire(labId));
    const reopened = store.onDidReopen(() => {
      for (const lab of this.dependencies.model()?.labs ?? []) {
        this.changed.fire(lab.id);
      }
    });
    return new vscode.Disposable(() => {
      changed.dispose();
      reopened.dispose();
    });
  }

  /** Tells listeners that a lab's cells changed, for example after an edit in the notebook editor. */
  notifyCellsChanged(labId: string): void {
    this.changed.fire(labId);
  }

  // NOTE: lab ids are paths under labs/, so two content roots with the same notebook path share one lab run.
  findLab(labId: string): Lab | undefined {
    return this.dependencies.model()?.labs.find((lab) => lab.id === labId);
  }

  /** Builds what the progress webview draws for a lab. */
  async view(labId: string): Promise<LabViewState> {
    const lab = this.findLab(labId);
    const store = this.dependencies.store();
    const canEdit = store !== undefined;

    if (lab === undefined) {
      const problem = this.dependencies.model() === undefined
        ? 'The content folder is still being scanned.'
        : `Lab ${labId} was not found under labs/. It may have been moved or deleted.`;
      return emptyState(labId, labId, '', problem, false);
    }

    const cells = await this.cells.codeCells(lab);
    if (!cells.ok) {
      return emptyState(labId, lab.title, lab.relativePath, cells.problem, false);
    }

    const run = this.currentRun(labId);
    const reconciliation = reconcileProgress(run?.cells ?? [], cells.cells.map((cell) => cell.key));
    const matched = reconciliation.cells;
    const rows = toRows(cells.cells, matched);
    const dropped = reconciliation.dropped.filter((entry) => entry.completed || entry.failed === true).length;

    return {
      labId,
      title: lab.title,
      relativePath: lab.relativePath,
      cells: rows,
      counts: progressCounts(matched),
      completedAt: run?.completedAt ?? null,
      canEdit,
      ...(canEdit ? {} : { problem: 'Progress is unavailable because luno.db could not be opened. See the Luno-AI log.' }),
      ...(dropped === 0 ? {} : { notice: droppedNotice(dropped) }),
    };
  }

  /** Counts for the Labs view. */
  async summary(lab: Lab): Promise<LabSummary> {
    const cells = await this.cells.codeCells(lab);
    if (!cells.ok) {
      return { ok: false, problem: cells.problem };
    }

    const run = this.currentRun(lab.id);
    const matched = reconcileProgress(run?.cells ?? [], cells.cells.map((cell) => cell.key)).cells;
    const counts = progressCounts(matched);
    return { ok: true, counts, completed: counts.total > 0 && counts.completed === counts.total };
  }

  /** Marks one cell done or not done. Throws when the database is unavailable or the cell is gone. */
  async markCell(labId: string, key: string, done: boolean): Promise<void> {
    const { store, keys, stored } = await this.prepareWrite(labId);
    if (!keys.includes(key)) {
      throw new LunoError(`Cell ${key} is no longer in lab ${labId}; the notebook changed. The view now shows its current cells.`);
    }

    const matched = reconcileProgress(stored, keys).cells;
    store.labRuns.save(labId, markCell(matched, key, done, new Date()));
    this.dependencies.logger.info(`lab ${labId}: cell ${key} marked ${done ? 'done' : 'not done'}`);
  }

  /** Deletes the lab's run. */
  resetLab(labId: string): void {
    const store = this.requireStore();
    store.labRuns.reset(labId);
    this.dependencies.logger.info(`lab ${labId}: progress reset`);
  }

  /**
   * Records finished executions reported by the notebook editor. `codeCellKeys`
   * are the keys of the open notebook's code cells, which may differ from the file.
   */
  recordExecutions(labId: string, codeCellKeys: readonly string[], executions: readonly CellExecution[]): void {
    const store = this.dependencies.store();
    if (store === undefined) {
      this.dependencies.logger.warn(`lab ${labId}: ${executions.length} cell run(s) not recorded because luno.db is unavailable`);
      return;
    }

    const stored = store.labRuns.current(labId)?.cells ?? [];
    const matched = reconcileProgress(stored, codeCellKeys);
    const result = applyExecutions(matched.cells, executions, new Date());

    if (result.unknown.length > 0) {
      this.dependencies.logger.warn(`lab ${labId}: runs of unknown cells ignored: ${result.unknown.join(', ')}`);
    }
    if (result.changed.length === 0 && !matched.changed) {
      return;
    }

    store.labRuns.save(labId, result.cells);
    this.dependencies.logger.info(`lab ${labId}: recorded runs of cells ${result.changed.join(', ') || '(none)'}`);
    if (matched.dropped.length > 0) {
      this.dependencies.logger.info(
        `lab ${labId}: dropped progress of cells no longer in the notebook: ${matched.dropped.map((cell) => cell.cellId).join(', ')}`,
      );
    }
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }

  private currentRun(labId: string) {
    const store = this.dependencies.store();
    if (store === undefined) {
      return undefined;
    }

    try {
      return store.labRuns.current(labId);
    } catch (error) {
      this.dependencies.logger.error(`lab ${labId}: could not read its run`, error);
      return undefined;
    }
  }

  private async prepareWrite(labId: string): Promise<{ store: Store; keys: string[]; stored: CellProgress[] }> {
    const store = this.requireStore();
    const lab = this.findLab(labId);
    if (lab === undefined) {
      throw new LunoError(`Lab ${labId} was not found under labs/. Refresh the Labs view.`);
    }

    const cells = await this.cells.codeCells(lab);
    if (!cells.ok) {
      throw new LunoError(cells.problem);
    }

    return { store, keys: cells.cells.map((cell) => cell.key), stored: store.labRuns.current(labId)?.cells ?? [] };
  }

  private requireStore(): Store {
    const store = this.dependencies.store();
    if (store === undefined) {
      throw new LunoError('Progress is unavailable because luno.db could not be opened. See the Luno-AI log.');
    }
    return store;
  }
}

function toRows(cells: readonly NotebookCellInfo[], progress: readonly CellProgress[]): LabCellRow[] {
  return cells.map((cell, index) => ({
    key: cell.key,
    number: index + 1,
    firstLine: cell.firstLine,
    status: statusOf(progress[index]),
    executedAt: progress[index]?.executedAt ?? null,
  }));
}

function emptyState(labId: string, title: string, relativePath: string, problem: string, canEdit: boolean): LabViewState {
  return {
    labId,
    title,
    relativePath,
    cells: [],
    counts: { completed: 0, failed: 0, total: 0 },
    completedAt: null,
    problem,
    canEdit,
  };
}

function droppedNotice(count: number): string {
  const cells = count === 1 ? '1 cell that ran earlier is' : `${count} cells that ran earlier are`;
  const results = count === 1 ? 'Its result is' : 'Their results are';
  return `The notebook changed: ${cells} no longer in it (removed, or edited in a notebook without cell ids). ${results} dropped at the next run or mark.`;
}
