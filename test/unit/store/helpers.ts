import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { MemoryLogger } from '../../../src/core/log';
import { openStore, type OpenStoreOptions, type Store } from '../../../src/core/store/database';
import { findMigrationsDir } from '../../../src/core/store/paths';

export const migrationsDir = findMigrationsDir(__dirname);

/** Creates a temp folder and returns it with a function that removes it. */
export function makeTempDir(prefix = 'luno-store-'): { dir: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A clock that returns `start` and then advances by `stepMs` on each call. */
export function steppingClock(start: Date, stepMs = 1000): () => Date {
  let next = start.getTime();
  return () => {
    const now = new Date(next);
    next += stepMs;
    return now;
  };
}

export interface TestStore {
  store: Store;
  dir: string;
  file: string;
  logger: MemoryLogger;
  /** Disposes the store and removes the temp folder. */
  cleanup: () => void;
}

/** Opens a store on a new luno.db in its own temp folder. */
export function openTestStore(options: Partial<OpenStoreOptions> = {}): TestStore {
  const temp = makeTempDir();
  const file = path.join(temp.dir, 'luno.db');
  const logger = new MemoryLogger();
  const store = openStore({ file, migrationsDir, logger, ...options });

  return {
    store,
    dir: temp.dir,
    file,
    logger,
    cleanup: () => {
      store.dispose();
      temp.remove();
    },
  };
}
