/**
 * Measures the store: opening luno.db (quick_check and migration check included),
 * single progress writes, the progress summary and an online backup.
 * Usage: node --import tsx scripts/bench-store.ts [--runs N]
 * Works on a temp database seeded with 60 technologies in 9 domains, all layers stored.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

import { silentLogger } from '../src/core/log';
import { backupDatabase } from '../src/core/store/backup';
import { openStore, type Store } from '../src/core/store/database';
import { findMigrationsDir } from '../src/core/store/paths';
import type { TechnologyRef } from '../src/core/store/progress';

const migrationsDir = findMigrationsDir(__dirname);

export interface Timing {
  readonly name: string;
  readonly medianMs: number;
  readonly maxMs: number;
}

async function measure(name: string, runs: number, work: () => unknown): Promise<Timing> {
  const timings: number[] = [];

  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await work();
    timings.push(performance.now() - started);
  }

  timings.sort((a, b) => a - b);
  return { name, medianMs: timings[Math.floor(timings.length / 2)]!, maxMs: timings[timings.length - 1]! };
}

function seed(store: Store): TechnologyRef[] {
  const refs: TechnologyRef[] = [];

  for (let index = 0; index < 60; index++) {
    const ref = { domain: `domain-${index % 9}`, technology: `technology-${index}` };
    refs.push(ref);
    store.progress.setAllLayers(ref, index % 2 === 0);
    store.progress.setNotes(ref, `notes for ${ref.technology}`);
    store.bookmarks.add({ ...ref, section: null, title: ref.technology });
  }

  return refs;
}

/** Runs every measurement `runs` times on a fresh temp database and returns the timings. */
export async function benchStore(runs: number): Promise<Timing[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'luno-bench-store-'));
  const file = path.join(dir, 'luno.db');

  try {
    const timings: Timing[] = [];
    let fresh = 0;

    timings.push(
      await measure('open new database (creates and migrates)', runs, () => {
        openStore({ file: path.join(dir, `fresh-${fresh++}.db`), migrationsDir, logger: silentLogger }).dispose();
      }),
    );

    const store = openStore({ file, migrationsDir, logger: silentLogger });
    const refs = seed(store);
    store.dispose();

    timings.push(
      await measure('open existing database', runs, () => {
        openStore({ file, migrationsDir, logger: silentLogger }).dispose();
      }),
    );

    const open = openStore({ file, migrationsDir, logger: silentLogger });
    try {
      let layer = 0;
      timings.push(await measure('setLayerCompleted', runs, () => open.progress.setLayerCompleted(refs[0]!, layer++ % 5, true)));
      timings.push(await measure('summary of 60 technologies', runs, () => open.progress.summary(refs)));
      timings.push(await measure('bookmarks listWithDetails (60)', runs, () => open.bookmarks.listWithDetails()));
      timings.push(await measure('online backup', runs, () => backupDatabase(open)));
    } finally {
      open.dispose();
    }

    return timings;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '21' } } });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) {
    throw new Error(`--runs must be a positive integer, got "${values.runs}"`);
  }

  for (const timing of await benchStore(runs)) {
    process.stdout.write(`store ${timing.name}: median ${timing.medianMs.toFixed(2)} ms, max ${timing.maxMs.toFixed(2)} ms over ${runs} runs\n`);
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
