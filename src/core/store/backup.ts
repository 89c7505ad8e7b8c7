import * as fs from 'node:fs';
import * as path from 'node:path';

import Database from 'better-sqlite3';

import { DatabaseError, errorMessage, InvalidBackupError } from '../errors';
import { silentLogger, withComponent, type Logger } from '../log';
import { inspectBackup, openStaged, requireRegularFile, stageCopy } from './backupValidation';
import type { Store } from './database';
import { isBusyError, latestMigrationVersion } from './migrate';
import { backupDirectory } from './paths';
import { localDate } from './time';

export { REQUIRED_TABLES, validateBackup, type BackupInfo } from './backupValidation';

export interface BackupOptions {
  /** Time whose local date names the file; default now. */
  now?: Date;
  logger?: Logger;
}

export interface BackupEntry {
  file: string;
  name: string;
  /** `YYYY-MM-DD` from the file name. */
  date: string;
  /** 1 for `luno_<date>.db`, N for `luno_<date>-N.db`. */
  sequence: number;
  sizeBytes: number;
  /** ISO 8601 UTC modification time of the file. */
  modifiedAt: string;
}

export interface RestoreResult {
  restoredFrom: string;
  /** Backup of the data that the restore replaced. */
  safetyBackup: string;
  schemaVersion: number;
}

const BACKUP_NAME = /^luno_(\d{4}-\d{2}-\d{2})(?:-(\d+))?\.db$/;

/** Upper bound on same-day backups, so a name search cannot loop forever. */
const MAX_BACKUPS_PER_DAY = 10_000;

/**
 * Writes a copy of the store's database to `backups/luno_YYYY-MM-DD.db` beside it,
 * using SQLite's online backup so writers may continue, and returns the path.
 * A second backup on the same date gets `-2`, `-3`, ... and never overwrites a file.
 * The copy is switched to rollback-journal mode, so it is a single self-contained file.
 */
export async function backupDatabase(store: Store, options: BackupOptions = {}): Promise<string> {
  const logger = withComponent(options.logger ?? silentLogger, 'backup');
  const dir = backupDirectory(store.file);
  const date = localDate(options.now ?? new Date());

  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new DatabaseError(`Cannot create the backups folder ${dir}: ${errorMessage(error)}. Check that it is writable.`, {
      cause: error,
    });
  }

  const target = reserveBackupName(dir, date);

  try {
    await store.db.backup(target);

    const copy = new Database(target);
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
  } catch (error) {
    // The empty file was created by reserveBackupName, so removing it loses nothing.
    fs.rmSync(target, { force: true });
    logger.error(`backup of ${store.file} to ${target} failed: ${errorMessage(error)}`, error);
    throw new DatabaseError(`Backup of ${store.file} to ${target} failed: ${errorMessage(error)}. Try again.`, {
      cause: error,
    });
  }

  logger.info(`backed up ${store.file} to ${target}`);
  return target;
}

/** Lists the `luno_YYYY-MM-DD[-N].db` files of `dir`, newest first; a missing folder has none. */
export function listBackups(dir: string): BackupEntry[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return [];
    }
    throw error;
  }

  const entries: BackupEntry[] = [];
  for (const name of names) {
    const match = BACKUP_NAME.exec(name);
    if (!match) {
      continue;
    }

    const file = path.join(dir, name);
    const stats = fs.statSync(file);
    if (!stats.isFile()) {
      continue;
    }

    entries.push({
      file,
      name,
      date: match[1],
      sequence: match[2] ? Number(match[2]) : 1,
      sizeBytes: stats.size,
      modifiedAt: stats.mtime.toISOString(),
    });
  }

  return entries.sort((a, b) => b.date.localeCompare(a.date) || b.sequence - a.sequence);
}

/**
 * Replaces the store's data with the backup `file` and reopens the store in place
 * (its repositories and listeners stay, and `onDidReopen` fires).
 *
 * Steps:
 * 1. Copy the backup beside luno.db and validate the copy. An invalid file throws
 *    InvalidBackupError and changes nothing.
 * 2. Back up the current data (the safety backup).
 * 3. Switch the store out of WAL mode. SQLite refuses this while another process has
 *    the file open, and on success it removes the -wal and -shm files.
 * 4. Close the store, rename the copy over luno.db, reopen and migrate it to the
 *    current version. When that reopen fails, the safety backup is put back.
 */
export async function restoreDatabase(store: Store, file: string, options: BackupOptions = {}): Promise<RestoreResult> {
  const logger = withComponent(options.logger ?? silentLogger, 'backup');
  const source = path.resolve(file);

  if (source === store.file) {
    throw new InvalidBackupError(`${source} is the database in use; choose a file from the backups folder.`);
  }

  requireRegularFile(source);
  const maxVersion = latestMigrationVersion(store.migrationsDir);

  // The stage folder sits beside luno.db so the final rename stays on one file system.
  const stageDir = fs.mkdtempSync(path.join(path.dirname(store.file), '.luno-restore-'));

  try {
    const staged = stageCopy(source, stageDir);
    const version = prepareStaged(source, staged, maxVersion);
    const safetyBackup = await backupDatabase(store, options);

    leaveWalMode(store);
    store.close();
    swapIn(store, staged, safetyBackup, logger);

    logger.info(`restored ${store.file} from ${source} (schema version ${version}); previous data in ${safetyBackup}`);
    return { restoredFrom: source, safetyBackup, schemaVersion: version };
  } finally {
    fs.rmSync(stageDir, { recursive: true, force: true });
  }
}

/** Validates the staged copy and folds its WAL into it; returns its schema version. */
function prepareStaged(source: string, staged: string, maxVersion: number): number {
  const db = openStaged(source, staged);

  try {
    const version = inspectBackup(db, source, maxVersion);
    db.pragma('journal_mode = DELETE');
    return version;
  } finally {
    db.close();
  }
}

/**
 * Checkpoints the store and switches it to rollback-journal mode, which SQLite
 * allows only while no other connection has the file open. Throws DatabaseError
 * (store still open) when another process uses the file.
 */
function leaveWalMode(store: Store): void {
  const inUse = (cause?: unknown): DatabaseError =>
    new DatabaseError(
      `${store.file} is open in another process, so it cannot be replaced. ` +
        'Close other VS Code windows and luno commands that use it, then restore again.',
      { cause },
    );

  try {
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    const mode = store.db.pragma('journal_mode = DELETE', { simple: true });
    if (mode !== 'delete') {
      throw inUse();
    }
  } catch (error) {
    if (isBusyError(error)) {
      throw inUse(error);
    }
    throw error;
  }
}

/** Renames the staged copy over the closed store's file and reopens it; puts the safety backup back on failure. */
function swapIn(store: Store, staged: string, safetyBackup: string, logger: Logger): void {
  const sideFiles = [`${store.file}-wal`, `${store.file}-shm`].filter((side) => fs.existsSync(side));

  // NOTE: a process that opens luno.db between this check and the rename keeps reading
  // the replaced file until it reopens. Nothing here can lock it out across processes.
  if (sideFiles.length > 0) {
    // Another process opened the file after the WAL check, and replacing it now could corrupt its data.
    store.reopen();
    throw new DatabaseError(
      `${store.file} was opened by another process during the restore (${sideFiles.join(', ')} exist). ` +
        'Close other VS Code windows and luno commands that use it, then restore again.',
    );
  }

  fs.renameSync(staged, store.file);

  try {
    store.reopen();
  } catch (error) {
    logger.error(`reopening ${store.file} after the restore failed: ${errorMessage(error)}; putting back ${safetyBackup}`, error);

    fs.copyFileSync(safetyBackup, store.file);
    for (const side of [`${store.file}-wal`, `${store.file}-shm`]) {
      fs.rmSync(side, { force: true });
    }
    store.reopen();

    throw new DatabaseError(
      `The restored database could not be opened: ${errorMessage(error)}. The previous data was put back from ${safetyBackup}.`,
      { cause: error },
    );
  }
}

/** Creates the first free `luno_<date>[-N].db` in `dir` as an empty file and returns its path. */
function reserveBackupName(dir: string, date: string): string {
  for (let sequence = 1; sequence <= MAX_BACKUPS_PER_DAY; sequence++) {
    const name = sequence === 1 ? `luno_${date}.db` : `luno_${date}-${sequence}.db`;
    const candidate = path.join(dir, name);

    try {
      fs.closeSync(fs.openSync(candidate, 'wx'));
      return candidate;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new DatabaseError(`Cannot create the backup file ${candidate}: ${errorMessage(error)}. Check that the folder is writable.`, {
          cause: error,
        });
      }
    }
  }

  throw new DatabaseError(`${dir} already has ${MAX_BACKUPS_PER_DAY} backups dated ${date}. Remove old backups, then try again.`);
}
