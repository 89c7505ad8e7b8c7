import * as vscode from 'vscode';

import type { Lab } from '../../core/content/model';
import type { CellExecution } from '../../core/labs/cellProgress';
import type { Logger } from '../../core/log';
import { JUPYTER_NOTEBOOK_TYPE, cellsOfDocument } from './labCells';
import type { LabProgressService } from './labProgress';

/**
 * Records lab progress from real runs. When a cell of a lab notebook finishes
 * running in the notebook editor, VS Code reports the cell's new execution
 * summary (success and timing) through `onDidChangeNotebookDocument`. The
 * tracker turns each finished run into a CellExecution for that cell's key.
 */
export class NotebookExecutionTracker implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly service: LabProgressService,
    private readonly labAt: (absolutePath: string) => Lab | undefined,
    private readonly logger: Logger,
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeNotebookDocument((event) => this.onDidChange(event)),
      vscode.workspace.onDidOpenNotebookDocument((document) => this.notify(document)),
      vscode.workspace.onDidCloseNotebookDocument((document) => this.notify(document)),
      vscode.workspace.onDidSaveNotebookDocument((document) => this.notify(document)),
    );
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }

  private onDidChange(event: vscode.NotebookDocumentChangeEvent): void {
    const lab = this.labOf(event.notebook);
    if (lab === undefined) {
      return;
    }

    const finished = event.cellChanges.filter(
      (change) =>
        change.executionSummary !== undefined &&
        typeof change.executionSummary.success === 'boolean' &&
        change.cell.kind === vscode.NotebookCellKind.Code,
    );

    if (finished.length > 0) {
      this.record(lab, event.notebook, finished);
    }

    // Added, removed or moved cells change what the progress views list.
    if (event.contentChanges.length > 0 || event.cellChanges.some((change) => change.document !== undefined)) {
      this.service.notifyCellsChanged(lab.id);
    }
  }

  private record(lab: Lab, notebook: vscode.NotebookDocument, changes: readonly vscode.NotebookDocumentCellChange[]): void {
    const cells = cellsOfDocument(notebook);
    const codeCellKeys = cells.filter((cell) => cell.kind === 'code').map((cell) => cell.key);

    const executions: CellExecution[] = [];
    for (const change of changes) {
      const summary = change.cell.executionSummary ?? change.executionSummary;
      const cell = cells[change.cell.index];
      if (summary === undefined || typeof summary.success !== 'boolean' || cell === undefined) {
        continue;
      }

      const endTime = summary.timing?.endTime;
      executions.push({ key: cell.key, success: summary.success, ...(endTime === undefined ? {} : { endTime }) });
    }

    this.logger.debug(`lab ${lab.id}: ${executions.length} finished cell run(s) reported by the notebook editor`);
    try {
      this.service.recordExecutions(lab.id, codeCellKeys, executions);
    } catch (error) {
      this.logger.error(`lab ${lab.id}: could not record cell runs ${executions.map((run) => run.key).join(', ')}`, error);
      void vscode.window.showErrorMessage(`Could not record the cell runs of lab ${lab.title}. See the Luno-AI log.`);
    }
  }

  private notify(document: vscode.NotebookDocument): void {
    const lab = this.labOf(document);
    if (lab !== undefined) {
      this.service.notifyCellsChanged(lab.id);
    }
  }

  private labOf(document: vscode.NotebookDocument): Lab | undefined {
    if (document.notebookType !== JUPYTER_NOTEBOOK_TYPE || document.uri.scheme !== 'file') {
      return undefined;
    }
    return this.labAt(document.uri.fsPath);
  }
}

/** Opens a lab's notebook in the notebook editor with the cell of `key` selected and in view. */
export async function openLabCell(lab: Lab, key: string): Promise<void> {
  const document = await vscode.workspace.openNotebookDocument(vscode.Uri.file(lab.absolutePath));
  const cell = cellsOfDocument(document).find((candidate) => candidate.key === key);

  const range = cell === undefined ? undefined : new vscode.NotebookRange(cell.index, cell.index + 1);
  const editor = await vscode.window.showNotebookDocument(document, {
    ...(range === undefined ? {} : { selections: [range] }),
    preview: false,
  });

  if (range === undefined) {
    void vscode.window.showWarningMessage(`That cell is no longer in ${lab.relativePath}; the notebook changed since the view was drawn.`);
    return;
  }
  editor.revealRange(range, vscode.NotebookEditorRevealType.InCenterIfOutsideViewport);
}
