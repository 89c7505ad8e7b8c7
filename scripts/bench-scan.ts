/**
 * Measures how long scanContent takes on a content folder and prints the
 * median in ms. Usage: node --import tsx scripts/bench-scan.ts [ROOT] [--runs N]
 * ROOT defaults to the real corpus next to the repository, else the sample content.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { contentRootAt } from '../src/core/content/roots';
import { scanContent } from '../src/core/content/scan';
import { silentLogger } from '../src/core/log';

const repoRoot = path.resolve(import.meta.dirname, '..');
const corpusRoot = path.resolve(repoRoot, '..', 'shared', 'corpus', 'luno-ai');
const sampleContent = path.join(repoRoot, 'test', 'fixtures', 'sample-content');

export interface ScanBenchResult {
  readonly root: string;
  readonly runs: number;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly technologies: number;
}

/** Scans `root` once to warm up, then `runs` times, and returns the timings. */
export async function benchScan(root: string, runs: number): Promise<ScanBenchResult> {
  const contentRoot = contentRootAt(root);
  const first = await scanContent([contentRoot], { logger: silentLogger });
  const technologies = first.domains.reduce((sum, domain) => sum + domain.technologies.length, 0);

  const timings: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    await scanContent([contentRoot], { logger: silentLogger });
    timings.push(performance.now() - started);
  }

  timings.sort((a, b) => a - b);
  const middle = Math.floor(timings.length / 2);
  const medianMs = timings.length % 2 === 1 ? timings[middle]! : (timings[middle - 1]! + timings[middle]!) / 2;
  return { root, runs, medianMs, minMs: timings[0]!, maxMs: timings[timings.length - 1]!, technologies };
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { runs: { type: 'string', default: '9' } },
    allowPositionals: true,
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) {
    throw new Error(`--runs must be a positive whole number, got "${values.runs}"`);
  }

  const root = positionals[0] ?? (existsSync(corpusRoot) ? corpusRoot : sampleContent);
  const result = await benchScan(path.resolve(root), runs);

  process.stdout.write(
    `scan ${result.root}: median ${result.medianMs.toFixed(1)} ms over ${result.runs} runs ` +
      `(min ${result.minMs.toFixed(1)}, max ${result.maxMs.toFixed(1)}; ${result.technologies} technologies)\n`,
  );
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(import.meta.dirname, 'bench-scan.ts')) {
  main().catch((error: unknown) => {
    process.stderr.write(`bench-scan failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
