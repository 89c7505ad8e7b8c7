import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { LunoError } from '../errors';

/** Extension id (`publisher.name`) whose global storage folder contains luno.db. */
export const EXTENSION_ID = 'luno-ai.luno-ai';

export const DATABASE_FILE_NAME = 'luno.db';

/** The migration that every migrations folder starts with; used to recognise the folder. */
const FIRST_MIGRATION = '001_initial.sql';

/**
 * Returns the path of luno.db in VS Code's global storage for this extension, the same
 * file that `ExtensionContext.globalStorageUri` points to for the stable VS Code build.
 *
 * - Linux: `$XDG_CONFIG_HOME` (or `~/.config`) `/Code/User/globalStorage/luno-ai.luno-ai/luno.db`
 * - macOS: `~/Library/Application Support/Code/User/globalStorage/luno-ai.luno-ai/luno.db`
 * - Windows: `%APPDATA%\Code\User\globalStorage\luno-ai.luno-ai\luno.db`
 */
export function defaultDatabasePath(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = os.homedir(),
): string {
  const storage = ['Code', 'User', 'globalStorage', EXTENSION_ID, DATABASE_FILE_NAME];

  if (platform === 'win32') {
    const appData = env.APPDATA || path.win32.join(home, 'AppData', 'Roaming');
    return path.win32.join(appData, ...storage);
  }

  if (platform === 'darwin') {
    return path.posix.join(home, 'Library', 'Application Support', ...storage);
  }

  // The XDG base directory rules ignore a relative XDG_CONFIG_HOME.
  const xdgConfig = env.XDG_CONFIG_HOME;
  const configHome = xdgConfig && path.posix.isAbsolute(xdgConfig) ? xdgConfig : path.posix.join(home, '.config');

  return path.posix.join(configHome, ...storage);
}

/**
 * Finds the `migrations/` folder by walking up from `startDir`.
 * The CLI bundle passes its own folder (`dist/`, so `dist/../migrations`); code run
 * from the sources (tests, `tsx src/cli/main.ts`) finds the repository's `migrations/`.
 */
export function findMigrationsDir(startDir: string): string {
  let current = path.resolve(startDir);

  for (;;) {
    const candidate = path.join(current, 'migrations');
    if (fs.existsSync(path.join(candidate, FIRST_MIGRATION))) {
      return candidate;
    }

    const parent = path.dirname(current);
    if (parent === current) {
      throw new LunoError(
        `No migrations folder (one containing ${FIRST_MIGRATION}) was found in ${startDir} or any folder above it. ` +
          'Reinstall Luno-AI, or run it from its installation folder.',
      );
    }
    current = parent;
  }
}

/** Returns the folder where backups of `databaseFile` are written: `backups/` beside it. */
export function backupDirectory(databaseFile: string): string {
  return path.join(path.dirname(databaseFile), 'backups');
}
