/** Jupyter notebooks (nbformat 4) under `labs/`. */
import { ContentError } from '../errors';
import { parseMarkdown } from './markdown';

export interface NotebookCell {
  /** "code", "markdown" or "raw". */
  readonly cellType: string;
  /** Cell source with its lines joined. */
  readonly source: string;
  /** The cell's `id` field (nbformat 4.5 and later), when it has one. */
  readonly id?: string;
}

export interface Notebook {
  readonly nbformat: number;
  readonly nbformatMinor: number;
  /** First H1 of the first markdown cell that has one. */
  readonly title?: string;
  readonly cells: readonly NotebookCell[];
}

/**
 * Parses notebook JSON. Throws ContentError naming `filePath` when the text
 * is not JSON or not an nbformat 4 notebook with a list of cells.
 */
export function parseNotebook(text: string, filePath: string): Notebook {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ContentError(
      `Notebook ${filePath} is not valid JSON (${(error as Error).message}). Open it in Jupyter or restore it from version control.`,
      filePath,
      { cause: error },
    );
  }

  if (!isRecord(json) || json.nbformat !== 4 || !Array.isArray(json.cells)) {
    const version = isRecord(json) && json.nbformat !== undefined ? `nbformat ${String(json.nbformat)}` : 'no nbformat field';
    throw new ContentError(
      `Notebook ${filePath} is not an nbformat 4 notebook with a "cells" list (found ${version}). Save it again with Jupyter 4 or later.`,
      filePath,
    );
  }

  const cells = json.cells.map((cell, index) => readCell(cell, index, filePath));
  const title = cells
    .filter((cell) => cell.cellType === 'markdown')
    .map((cell) => parseMarkdown(cell.source).title)
    .find((found) => found !== undefined);
  const nbformatMinor = typeof json.nbformat_minor === 'number' ? json.nbformat_minor : 0;

  return { nbformat: 4, nbformatMinor, ...(title === undefined ? {} : { title }), cells };
}

function readCell(cell: unknown, index: number, filePath: string): NotebookCell {
  if (!isRecord(cell) || typeof cell.cell_type !== 'string') {
    throw new ContentError(`Notebook ${filePath}: cell ${index + 1} has no "cell_type". Save the notebook again with Jupyter.`, filePath);
  }

  const source = readSource(cell.source);
  if (source === undefined) {
    throw new ContentError(
      `Notebook ${filePath}: cell ${index + 1} has a "source" that is neither a string nor a list of strings. Save the notebook again with Jupyter.`,
      filePath,
    );
  }

  const id = typeof cell.id === 'string' ? cell.id : undefined;
  return { cellType: cell.cell_type, source, ...(id === undefined ? {} : { id }) };
}

function readSource(source: unknown): string | undefined {
  if (typeof source === 'string') {
    return source;
  }
  if (Array.isArray(source) && source.every((line) => typeof line === 'string')) {
    return source.join('');
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
