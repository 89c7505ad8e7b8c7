import { readFile } from 'node:fs/promises';

import { ContentError, errorMessage } from '../errors';
import { assignCellKeys } from './cellKeys';

/**
 * Reading Jupyter notebooks (nbformat 4.x) into the cells a lab tracks.
 * Only the fields lab progress needs are read: cell type, id, source, execution
 * count and whether an output is an error.
 */

export type NotebookCellKind = 'code' | 'markdown' | 'raw';

/** One cell of a notebook, with its stable key. */
export interface NotebookCellInfo {
  /** Stable key: the nbformat id, or a source-hash key (see cellKeys.ts). */
  readonly key: string;
  /** 0-based position among all cells. */
  readonly index: number;
  readonly kind: NotebookCellKind;
  readonly source: string;
  /** First non-blank line of the source, trimmed; '' for an empty cell. */
  readonly firstLine: string;
  /** The nbformat 4.5 cell id, when the cell has one. */
  readonly id?: string;
  /** `execution_count` saved in the file, or null. */
  readonly executionCount: number | null;
  /** True when a saved output has `output_type` "error". */
  readonly hasErrorOutput: boolean;
}

/** A parsed notebook. */
export interface ParsedNotebook {
  readonly nbformat: number;
  readonly nbformatMinor: number;
  /** Kernel language from the notebook metadata, when given. */
  readonly language?: string;
  readonly cells: readonly NotebookCellInfo[];
  /** Cells of kind "code", in document order: the cells a lab run tracks. */
  readonly codeCells: readonly NotebookCellInfo[];
  /** Problems with single cells that did not stop parsing, one sentence each. */
  readonly problems: readonly string[];
}

/** A cell as any source (a file or an open notebook editor) provides it, before keys are assigned. */
export interface RawCell {
  readonly kind: NotebookCellKind;
  readonly source: string;
  readonly id?: string;
  readonly executionCount?: number | null;
  readonly hasErrorOutput?: boolean;
}

/** Returns the first non-blank line of a source, trimmed. */
export function firstLineOf(source: string): string {
  for (const line of source.split(/\r\n?|\n/)) {
    const trimmed = line.trim();
    if (trimmed !== '') {
      return trimmed;
    }
  }
  return '';
}

/** Assigns keys and positions to raw cells. */
export function buildCells(rawCells: readonly RawCell[]): NotebookCellInfo[] {
  const keys = assignCellKeys(rawCells);

  return rawCells.map((cell, index) => {
    const info: NotebookCellInfo = {
      key: keys[index],
      index,
      kind: cell.kind,
      source: cell.source,
      firstLine: firstLineOf(cell.source),
      executionCount: cell.executionCount ?? null,
      hasErrorOutput: cell.hasErrorOutput ?? false,
      ...(cell.id !== undefined ? { id: cell.id } : {}),
    };
    return info;
  });
}

/**
 * Parses notebook JSON text.
 * Throws ContentError when the text is not JSON, not an nbformat 4 notebook, or
 * has no cell list. A single malformed cell is read as well as possible and
 * reported in `problems`.
 */
export function parseNotebook(text: string, filePath: string): ParsedNotebook {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ContentError(
      `Notebook ${filePath} is not valid JSON (${errorMessage(error)}). Fix the file or restore it from version control.`,
      filePath,
      { cause: error },
    );
  }

  if (!isRecord(json)) {
    throw new ContentError(`Notebook ${filePath} is not a JSON object. Check that it is a Jupyter notebook.`, filePath);
  }

  const nbformat = json.nbformat;
  if (typeof nbformat !== 'number') {
    throw new ContentError(
      `Notebook ${filePath} has no numeric "nbformat" field, so it is not a Jupyter notebook.`,
      filePath,
    );
  }
  if (nbformat !== 4) {
    throw new ContentError(
      `Notebook ${filePath} uses nbformat ${nbformat}; only nbformat 4 is supported. Open and save it in Jupyter to convert it.`,
      filePath,
    );
  }

  if (!Array.isArray(json.cells)) {
    throw new ContentError(`Notebook ${filePath} has no "cells" list. Check that the file is complete.`, filePath);
  }

  const problems: string[] = [];
  const rawCells = json.cells.map((cell: unknown, index: number) => readRawCell(cell, index, problems));
  const cells = buildCells(rawCells);

  return {
    nbformat,
    nbformatMinor: typeof json.nbformat_minor === 'number' ? json.nbformat_minor : 0,
    language: readLanguage(json.metadata),
    cells,
    codeCells: cells.filter((cell) => cell.kind === 'code'),
    problems,
  };
}

/** Reads and parses a notebook file; a read failure is a ContentError too. */
export async function readNotebook(filePath: string): Promise<ParsedNotebook> {
  let text: string;
  try {
    text = await readFile(filePath, 'utf8');
  } catch (error) {
    throw new ContentError(`Could not read notebook ${filePath}: ${errorMessage(error)}`, filePath, { cause: error });
  }

  return parseNotebook(text, filePath);
}

function readRawCell(cell: unknown, index: number, problems: string[]): RawCell {
  const position = `Cell ${index + 1}`;

  if (!isRecord(cell)) {
    problems.push(`${position} is not a JSON object; it is shown as an empty raw cell.`);
    return { kind: 'raw', source: '' };
  }

  let kind: NotebookCellKind;
  if (cell.cell_type === 'code' || cell.cell_type === 'markdown' || cell.cell_type === 'raw') {
    kind = cell.cell_type;
  } else {
    problems.push(`${position} has unknown cell_type ${JSON.stringify(cell.cell_type)}; it is treated as a raw cell.`);
    kind = 'raw';
  }

  const source = readSource(cell.source);
  if (source === undefined) {
    problems.push(`${position} has a "source" that is neither a string nor a list of strings; it is read as empty.`);
  }

  const raw: RawCell = {
    kind,
    source: source ?? '',
    executionCount: typeof cell.execution_count === 'number' ? cell.execution_count : null,
    hasErrorOutput: Array.isArray(cell.outputs) && cell.outputs.some(isErrorOutput),
    ...(typeof cell.id === 'string' && cell.id !== '' ? { id: cell.id } : {}),
  };
  return raw;
}

/** nbformat allows `source` as one string or as a list of lines that already end in "\n". */
function readSource(value: unknown): string | undefined {
  if (value === undefined) {
    return '';
  }
  if (typeof value === 'string') {
    return value;
  }
  if (Array.isArray(value) && value.every((line) => typeof line === 'string')) {
    return value.join('');
  }
  return undefined;
}

function isErrorOutput(output: unknown): boolean {
  return isRecord(output) && output.output_type === 'error';
}

function readLanguage(metadata: unknown): string | undefined {
  if (!isRecord(metadata)) {
    return undefined;
  }
  const languageInfo = metadata.language_info;
  if (isRecord(languageInfo) && typeof languageInfo.name === 'string') {
    return languageInfo.name;
  }
  const kernelSpec = metadata.kernelspec;
  if (isRecord(kernelSpec) && typeof kernelSpec.language === 'string') {
    return kernelSpec.language;
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
