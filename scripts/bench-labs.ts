/**
 * Measures the work behind bookmarks and lab progress and prints medians in ms:
 * parsing a PRD's headings (what a CodeLens request costs on a cache miss),
 * locating a renamed bookmark among a PRD's headings, and parsing, keying and
 * updating the progress of a generated 1,000-cell notebook.
 * Usage: node --import tsx scripts/bench-labs.ts [--runs N]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { locateBookmark } from '../src/core/bookmarks/reattach';
import { parseMarkdown } from '../src/core/content/markdown';
import { applyExecutions, reconcileProgress } from '../src/core/labs/cellProgress';
import { parseNotebook } from '../src/core/labs/notebook';

const repoRoot = path.resolve(import.meta.dirname, '..');
const corpusRoot = path.resolve(repoRoot, '..', 'shared', 'corpus', 'luno-ai');
const sampleContent = path.join(repoRoot, 'test', 'fixtures', 'sample-content');
const NOTEBOOK_CELLS = 1000;

export interface LabsBenchResult {
  readonly prds: number;
  readonly largestPrdLines: number;
  /** Median time to parse the largest PRD's headings. */
  readonly parseLargestPrdMs: number;
  /** Median time to parse every PRD once. */
  readonly parseAllPrdsMs: number;
  /** Median time to locate one renamed bookmark in the largest PRD. */
  readonly locateBookmarkMs: number;
  /** Median time to parse and key a notebook of NOTEBOOK_CELLS code cells without ids. */
  readonly parseNotebookMs: number;
  /** Median time to reconcile stored progress and apply one execution per cell. */
  readonly updateProgressMs: number;
}

/** Runs each measurement once to warm up, then `runs` times. */
export function benchLabs(root: string, runs: number): LabsBenchResult {
  const prdTexts = readPrds(root);
  if (prdTexts.length === 0) {
    throw new Error(`No PRDs found under ${path.join(root, 'integrations')}. Pass a content folder that has integrations/.`);
  }
  const largest = prdTexts.reduce((left, right) => (right.length > left.length ? right : left));
  const largestSections = parseMarkdown(largest).sections;
  const target = largestSections[Math.floor(largestSections.length / 2)]!;
  const renamed = { section: `${target.anchor}-old`, title: `${target.text} (old)` };

  const notebookText = generatedNotebook(NOTEBOOK_CELLS);
  const keys = parseNotebook(notebookText, 'bench.ipynb').codeCells.map((cell) => cell.key);
  const stored = keys.map((key) => ({ cellId: key, completed: false, executedAt: null }));
  const executions = keys.map((key, index) => ({ key, success: index % 10 !== 0, endTime: 1_767_600_000_000 + index }));

  return {
    prds: prdTexts.length,
    largestPrdLines: largest.split('\n').length,
    parseLargestPrdMs: median(runs, () => parseMarkdown(largest)),
    parseAllPrdsMs: median(runs, () => prdTexts.forEach((text) => parseMarkdown(text))),
    locateBookmarkMs: median(runs, () => locateBookmark(renamed, largestSections)),
    parseNotebookMs: median(runs, () => parseNotebook(notebookText, 'bench.ipynb')),
    updateProgressMs: median(runs, () => applyExecutions(reconcileProgress(stored, [...keys].reverse()).cells, executions, new Date())),
  };
}

function readPrds(root: string): string[] {
  const integrations = path.join(root, 'integrations');
  const texts: string[] = [];
  for (const domain of readdirSync(integrations, { withFileTypes: true })) {
    if (!domain.isDirectory()) {
      continue;
    }
    for (const file of readdirSync(path.join(integrations, domain.name))) {
      if (file.endsWith('.md') && !file.startsWith('_')) {
        texts.push(readFileSync(path.join(integrations, domain.name, file), 'utf8'));
      }
    }
  }
  return texts;
}

function generatedNotebook(cells: number): string {
  const codeCells = Array.from({ length: cells }, (_, index) => ({
    cell_type: 'code',
    execution_count: null,
    metadata: {},
    outputs: [],
    source: [`value_${index} = ${index}\n`, `print(value_${index})`],
  }));
  return JSON.stringify({ nbformat: 4, nbformat_minor: 2, metadata: {}, cells: codeCells });
}

function median(runs: number, work: () => unknown): number {
  work();
  const timings: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    work();
    timings.push(performance.now() - started);
  }
  timings.sort((left, right) => left - right);
  return timings[Math.floor(timings.length / 2)]!;
}

function main(): void {
  const { values, positionals } = parseArgs({ options: { runs: { type: 'string', default: '21' } }, allowPositionals: true });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) {
    throw new Error(`--runs must be a positive whole number, got "${values.runs}"`);
  }

  const root = path.resolve(positionals[0] ?? (existsSync(corpusRoot) ? corpusRoot : sampleContent));
  const result = benchLabs(root, runs);
  process.stdout.write(
    [
      `labs and bookmarks on ${root} (median of ${runs} runs):`,
      `  parse largest PRD (${result.largestPrdLines} lines): ${result.parseLargestPrdMs.toFixed(2)} ms`,
      `  parse all ${result.prds} PRDs: ${result.parseAllPrdsMs.toFixed(1)} ms`,
      `  locate a renamed bookmark: ${result.locateBookmarkMs.toFixed(3)} ms`,
      `  parse and key a ${NOTEBOOK_CELLS}-cell notebook: ${result.parseNotebookMs.toFixed(2)} ms`,
      `  reconcile and apply ${NOTEBOOK_CELLS} runs: ${result.updateProgressMs.toFixed(2)} ms`,
    ].join('\n') + '\n',
  );
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(import.meta.dirname, 'bench-labs.ts')) {
  try {
    main();
  } catch (error) {
    process.stderr.write(`bench-labs failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
