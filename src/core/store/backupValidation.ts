import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import Database from 'better-sqlite3';

import { errorMessage, InvalidBackupError } from '../errors';
import { schemaVersion } from './migrate';

/** Tables that every Luno-AI database has from schema version 1 on. */
export const REQUIRED_TABLES = ['users', 'progress', 'bookmarks', 'research_views', 'lab_runs', 'search_history'];

export interface BackupInfo {
  file: string;
  schemaVersion: number;
  sizeBytes: number;
}

/**
 * Checks that `file` is a Luno-AI database that this build can open: SQLite's
 * integrity_check passes, the tables of schema version 1 exist, and its
 * user_version is between 1 and `maxVersion`. Throws InvalidBackupError with the reason.
 *
 * The check runs on a copy in a temp folder, so it never creates -wal or -shm files
 * beside `file` and still reads the changes in a -wal file that sits beside it.
 */
export function validateBackup(file: string, maxVersion: number): BackupInfo {
  const source = path.resolve(file);
  const sizeBytes = requireRegularFile(source);
  const stageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'luno-validate-'));

  try {
    const staged = stageCopy(source, stageDir);
    const db = openStaged(source, staged);

    try {
      return { file: source, schemaVersion: inspectBackup(db, source, maxVersion), sizeBytes };
    } finally {
      db.close();
    }
  } finally {
    fs.rmSync(stageDir, { recursive: true, force: true });
  }
}

/** Returns the size of `file`, or throws InvalidBackupError when it is missing or not a regular file. */
export function requireRegularFile(file: string): number {
  let stats: fs.Stats;
  try {
    stats = fs.statSync(file);
  } catch (error) {
    throw new InvalidBackupError(`Cannot read the backup ${file}: ${errorMessage(error)}. Check the path.`, { cause: error });
  }

  if (!stats.isFile()) {
    throw new InvalidBackupError(`The backup ${file} is not a file. Give the path of a luno_YYYY-MM-DD.db file.`);
  }
  return stats.size;
}

/** Copies `source` and its -wal file, when present, into `stageDir`; returns the copy's path. */
export function stageCopy(source: string, stageDir: string): string {
  const staged = path.join(stageDir, 'luno.db');

  try {
    fs.copyFileSync(source, staged);
    if (fs.existsSync(`${source}-wal`)) {
      fs.copyFileSync(`${source}-wal`, `${staged}-wal`);
    }
  } catch (error) {
    throw new InvalidBackupError(`Cannot copy the backup ${source}: ${errorMessage(error)}.`, { cause: error });
  }

  return staged;
}

/** Opens a staged copy; `source` names the user's file in error messages. */
export function openStaged(source: string, staged: string): Database.Database {
  try {
    return new Database(staged, { fileMustExist: true });
  } catch (error) {
    throw notADatabase(source, error);
  }
}

/**
 * Runs the checks of validateBackup on an open connection and returns its schema version.
 * `source` names the file in error messages.
 */
export function inspectBackup(db: Database.Database, source: string, maxVersion: number): number {
  let problems: string[];
  try {
    problems = (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((row) => row.integrity_check);
  } catch (error) {
    throw notADatabase(source, error);
  }

  if (problems.length !== 1 || problems[0] !== 'ok') {
    throw new InvalidBackupError(
      `The backup ${source} is damaged: integrity_check reported ${problems.slice(0, 3).join('; ')}. Choose another backup.`,
    );
  }

  const tables = new Set(
    db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[],
  );
  const missing = REQUIRED_TABLES.filter((table) => !tables.has(table));
  const version = schemaVersion(db);

  if (missing.length > 0 || version < 1) {
    const detail = missing.length > 0 ? `tables ${missing.join(', ')} are missing` : 'its schema version is 0';
    throw new InvalidBackupError(
      `${source} is not a Luno-AI database: ${detail}. Choose a luno_YYYY-MM-DD.db file from the backups folder.`,
    );
  }

  if (version > maxVersion) {
    throw new InvalidBackupError(
      `The backup ${source} has schema version ${version}, but this Luno-AI knows versions up to ${maxVersion}: ` +
        'it was written by a newer Luno-AI. Update Luno-AI before restoring it.',
    );
  }

  return version;
}

function notADatabase(source: string, cause: unknown): InvalidBackupError {
  return new InvalidBackupError(
    `${source} is not a SQLite database (${errorMessage(cause)}). Choose a luno_YYYY-MM-DD.db file from the backups folder.`,
    { cause },
  );
}
