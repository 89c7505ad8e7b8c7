/**
 * `npm run bench`: the benchmarks of this repository on the real corpus
 * (next to the repository, else the sample content). Runs the scan, store
 * and labs benchmarks as child processes, then the search benchmark here.
 *
 *   npm run bench -- [--embeddings local,glove] [--runs N] [--only search]
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { benchSearch, formatSearchBench, providerFor } from './bench-search';

const repoRoot = path.resolve(__dirname, '..');
const corpusRoot = path.resolve(repoRoot, '..', 'shared', 'corpus', 'luno-ai');
const sampleContent = path.join(repoRoot, 'test', 'fixtures', 'sample-content');

function runScript(name: string, args: readonly string[]): void {
  const script = path.join(__dirname, name);
  if (!existsSync(script)) {
    return;
  }
  const result = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write(`${name} exited with code ${result.status}\n`);
    process.exitCode = 1;
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      embeddings: { type: 'string', default: 'local,glove' },
      runs: { type: 'string', default: '5' },
      only: { type: 'string' },
    },
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) {
    throw new Error(`--runs must be a positive whole number, got "${values.runs}"`);
  }
  const root = existsSync(corpusRoot) ? corpusRoot : sampleContent;
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  process.stdout.write(`machine: ${os.cpus().length} cores (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; content: ${root}\n\n`);

  if (values.only === undefined || values.only !== 'search') {
    runScript('bench-scan.ts', [root]);
    runScript('bench-store.ts', []);
    runScript('bench-labs.ts', [root]);
  }

  for (const name of values.embeddings.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '')) {
    const provider = providerFor(name);
    const result = await benchSearch(root, provider, runs);
    provider.dispose?.();
    process.stdout.write(`\n${formatSearchBench(result, runs)}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
