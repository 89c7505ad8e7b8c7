import { stat } from 'node:fs/promises';
import * as vscode from 'vscode';

import type { Lab } from '../../core/content/model';
import { errorMessage } from '../../core/errors';
import { buildCells, readNotebook, type NotebookCellInfo, type RawCell } from '../../core/labs/notebook';

/** The notebook type that VS Code's built-in ipynb extension registers for `.ipynb` files. */
export const JUPYTER_NOTEBOOK_TYPE = 'jupyter-notebook';

/** A lab's code cells, or the reason they cannot be read. */
export type LabCells =
  | { readonly ok: true; readonly cells: readonly NotebookCellInfo[]; readonly fromEditor: boolean }
  | { readonly ok: false; readonly problem: string };

/**
 * Reads the code cells of a lab. A notebook open in the notebook editor is read
 * from the editor, so cells added or moved before a save count at once. Any
 * other notebook is read from disk, cached by modification time and size.
 */
export class LabCellSource {
  private readonly cache = new Map<string, { mtimeMs: number; size: number; cells: LabCells }>();

  async codeCells(lab: Lab): Promise<LabCells> {
    const open = findOpenNotebook(lab.absolutePath);
    if (open !== undefined) {
      return { ok: true, cells: codeCellsOfDocument(open), fromEditor: true };
    }

    let info: { mtimeMs: number; size: number };
    try {
      info = await stat(lab.absolutePath);
    } catch (error) {
      return { ok: false, problem: `Notebook ${lab.relativePath} could not be read: ${errorMessage(error)}` };
    }

    const cached = this.cache.get(lab.absolutePath);
    if (cached !== undefined && cached.mtimeMs === info.mtimeMs && cached.size === info.size) {
      return cached.cells;
    }

    let cells: LabCells;
    try {
      const notebook = await readNotebook(lab.absolutePath);
      cells = { ok: true, cells: notebook.codeCells, fromEditor: false };
    } catch (error) {
      cells = { ok: false, problem: errorMessage(error) };
    }

    this.cache.set(lab.absolutePath, { mtimeMs: info.mtimeMs, size: info.size, cells });
    return cells;
  }
}

/** Returns the open Jupyter notebook document of a file, if any. */
export function findOpenNotebook(absolutePath: string): vscode.NotebookDocument | undefined {
  return vscode.workspace.notebookDocuments.find(
    (document) => document.notebookType === JUPYTER_NOTEBOOK_TYPE && document.uri.scheme === 'file' && document.uri.fsPath === absolutePath,
  );
}

/**
 * Returns every cell of an open notebook with its stable key, using the same
 * rule as the file parser. The ipynb extension keeps an nbformat 4.5 cell id in
 * `cell.metadata.id` and opens raw cells as code cells in the language "raw".
 */
export function cellsOfDocument(document: vscode.NotebookDocument): NotebookCellInfo[] {
  const rawCells: RawCell[] = document.getCells().map((cell) => {
    const id: unknown = cell.metadata?.id;
    let kind: RawCell['kind'] = 'code';
    if (cell.kind === vscode.NotebookCellKind.Markup) {
      kind = 'markdown';
    } else if (cell.document.languageId === 'raw') {
      kind = 'raw';
    }

    return {
      kind,
      source: cell.document.getText(),
      ...(typeof id === 'string' && id !== '' ? { id } : {}),
    };
  });

  return buildCells(rawCells);
}

/** Returns the code cells of an open notebook with their stable keys. */
export function codeCellsOfDocument(document: vscode.NotebookDocument): NotebookCellInfo[] {
  return cellsOfDocument(document).filter((cell) => cell.kind === 'code');
}
