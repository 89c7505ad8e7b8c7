/**
 * Measures the search on a copy of a content folder, with a fresh luno.db and
 * a local Chroma server in a temp dir. It reports the cold full index, the
 * no-change and one-file re-index, search latency over 100 warm queries,
 * ranking quality on the evaluation questions, and peak memory.
 *
 *   node --import tsx scripts/bench-search.ts [ROOT] [--embeddings local,glove] [--runs N]
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ContentModel } from '../src/core/content/model';
import { contentRootAt } from '../src/core/content/roots';
import { scanContent } from '../src/core/content/scan';
import { silentLogger } from '../src/core/log';
import { ChromaServer } from '../src/core/search/chroma/server';
import { GloveEmbeddingProvider } from '../src/core/search/embeddings/glove';
import { LocalEmbeddingProvider } from '../src/core/search/embeddings/local';
import type { EmbeddingProvider } from '../src/core/search/embeddings/types';
import { SearchService } from '../src/core/search/searchService';
import { openStore } from '../src/core/store/database';
import { findMigrationsDir } from '../src/core/store/paths';
import { ensureVectorsFile } from './build-vectors';
import { evaluate, loadQuestions, type EvalScore } from './search-eval';

export interface SearchBenchResult {
  readonly model: string;
  readonly documents: number;
  readonly coldIndexMs: number;
  readonly noChangeMs: number;
  readonly oneFileMs: number;
  readonly searchP50Ms: number;
  readonly searchP95Ms: number;
  readonly scores: EvalScore[];
  /** Peak resident memory of this process and of the Chroma server, in MB. */
  readonly peakRssMb: number;
  readonly chromaPeakRssMb: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
}

/** Peak resident set of a process from /proc, in MB (Linux only; 0 elsewhere). */
function peakRssOf(pid: number | undefined): number {
  if (pid === undefined) {
    return 0;
  }
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    return match === null ? 0 : Number(match[1]) / 1024;
  } catch {
    return 0;
  }
}

async function drain(run: AsyncGenerator<unknown, { documents: number }>): Promise<{ documents: number }> {
  for (;;) {
    const next = await run.next();
    if (next.done) {
      return next.value;
    }
  }
}

/** 100 queries: the evaluation questions, then their first words as typed so far. */
function latencyQueries(): string[] {
  const questions = loadQuestions().map((item) => item.question);
  const partial = questions.map((question) => question.split(' ').slice(0, 3).join(' '));
  return [...questions, ...partial].slice(0, 100);
}

/** Appends a sentence to the first paragraph after the second heading of a file. */
function editOneSection(file: string, round: number): void {
  const lines = readFileSync(file, 'utf8').split('\n');
  const headings = lines.map((line, index) => (line.startsWith('#') ? index : -1)).filter((index) => index >= 0);
  const target = lines.findIndex((line, index) => index > headings[1]! && line.trim() !== '' && !line.startsWith('#'));
  lines[target] = `${lines[target]} Edit ${round}.`;
  writeFileSync(file, lines.join('\n'));
}

export async function benchSearch(sourceRoot: string, provider: EmbeddingProvider, runs: number): Promise<SearchBenchResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'luno-bench-search-'));
  const contentDir = path.join(dir, 'content');
  cpSync(sourceRoot, contentDir, { recursive: true });

  const store = openStore({ file: path.join(dir, 'luno.db'), migrationsDir: findMigrationsDir(__dirname), logger: silentLogger });
  const server = new ChromaServer({ persistDirectory: path.join(dir, 'chroma'), logger: silentLogger });
  const root = contentRootAt(contentDir);
  let chromaPeak = 0;

  try {
    await server.start();
    const service = new SearchService({
      db: () => store.db,
      endpoint: () => (server.url === undefined ? undefined : { url: server.url }),
      provider,
      logger: silentLogger,
      roots: () => [root],
    });
    const scan = (): Promise<ContentModel> => scanContent([root], { logger: silentLogger });

    let started = performance.now();
    const summary = await drain(service.index(await scan()));
    const coldIndexMs = performance.now() - started;

    const noChange: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      started = performance.now();
      await drain(service.index(await scan()));
      noChange.push(performance.now() - started);
    }

    const edited = path.join(contentDir, 'integrations', 'agents', 'crewai.md');
    const oneFile: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      editOneSection(edited, run);
      started = performance.now();
      await service.indexFile(edited, await scan());
      oneFile.push(performance.now() - started);
    }

    const queries = latencyQueries();
    for (const query of queries) {
      await service.search(query);
    }
    const latencies: number[] = [];
    for (const query of queries) {
      started = performance.now();
      await service.search(query);
      latencies.push(performance.now() - started);
    }

    const questions = loadQuestions();
    const scores = [
      await evaluate(service, questions, 'keyword'),
      await evaluate(service, questions, 'vector'),
      await evaluate(service, questions, 'hybrid'),
    ];
    chromaPeak = peakRssOf(server.pid);
    service.dispose();

    return {
      model: provider.id,
      documents: summary.documents,
      coldIndexMs,
      noChangeMs: median(noChange),
      oneFileMs: median(oneFile),
      searchP50Ms: percentile(latencies, 0.5),
      searchP95Ms: percentile(latencies, 0.95),
      scores,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      chromaPeakRssMb: chromaPeak,
    };
  } finally {
    await server.stop();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function providerFor(name: string): EmbeddingProvider {
  if (name === 'local') {
    return new LocalEmbeddingProvider({ logger: silentLogger });
  }
  if (name === 'glove') {
    return new GloveEmbeddingProvider({ logger: silentLogger, vectorsFile: ensureVectorsFile() });
  }
  throw new Error(`unknown embeddings "${name}": expected local or glove`);
}

export function formatSearchBench(result: SearchBenchResult, runs: number): string {
  const percent = (value: number): string => `${(value * 100).toFixed(1)}%`;
  const rows = result.scores.map(
    (score) => `| ${score.mode} | ${percent(score.hitAt1)} | ${percent(score.hitAt5)} | ${score.mrr.toFixed(3)} |`,
  );
  return [
    `search with ${result.model} (${result.documents} documents; medians of ${runs} runs):`,
    `  cold full index (scan + embed + store): ${(result.coldIndexMs / 1000).toFixed(1)} s`,
    `  no-change re-index (scan + hash check): ${result.noChangeMs.toFixed(0)} ms`,
    `  one-file re-index (scan + one PRD): ${result.oneFileMs.toFixed(0)} ms`,
    `  search latency over 100 warm queries: p50 ${result.searchP50Ms.toFixed(1)} ms, p95 ${result.searchP95Ms.toFixed(1)} ms`,
    `  peak RSS: bench process ${result.peakRssMb.toFixed(0)} MB, Chroma server ${result.chromaPeakRssMb.toFixed(0)} MB`,
    `  ranking on ${result.scores[0]!.questions} evaluation questions (document level):`,
    '  | ranking | hit@1 | hit@5 | MRR |',
    '  |---|---|---|---|',
    ...rows.map((row) => `  ${row}`),
  ].join('\n');
}
