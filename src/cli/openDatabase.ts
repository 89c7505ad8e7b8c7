/** Shared options of the commands that read or write luno.db. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { LunoError } from '../core/errors';
import { openStore, type Store } from '../core/store/database';
import { defaultDatabasePath, findMigrationsDir } from '../core/store/paths';
import { createStderrLogger, type CliIo } from './args';

/** parseArgs options for `--db FILE` and `--verbose`. */
export const DATABASE_OPTIONS = {
  db: { type: 'string' },
  verbose: { type: 'boolean', short: 'v' },
} as const;

export const DATABASE_OPTION_HELP = `  --db FILE      luno.db to use; default: the extension's file in VS Code's global storage
  -v, --verbose  log to standard error`;

/** Returns `--db` resolved against the working directory, or the extension's default luno.db. */
export function databasePath(io: CliIo, value: string | undefined): string {
  if (value !== undefined) {
    return path.resolve(io.cwd, value);
  }
  return defaultDatabasePath(process.platform, io.env, os.homedir());
}

/** Returns the migrations folder shipped with the CLI (`dist/../migrations`, or the repository's). */
export function cliMigrationsDir(): string {
  return findMigrationsDir(__dirname);
}

/**
 * Opens the store at `file` and migrates it. With `mustExist`, a missing file throws
 * LunoError instead of creating an empty database.
 */
export function openCliStore(io: CliIo, file: string, options: { verbose: boolean; mustExist: boolean }): Store {
  if (options.mustExist && !fs.existsSync(file)) {
    throw new LunoError(
      `No database at ${file}: Luno-AI has stored nothing there yet. ` +
        'Open a content folder in VS Code with the Luno-AI extension first, or pass --db FILE.',
    );
  }

  return openStore({
    file,
    migrationsDir: cliMigrationsDir(),
    logger: createStderrLogger(io, options.verbose),
  });
}
