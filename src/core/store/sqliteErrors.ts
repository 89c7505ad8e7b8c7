import Database from 'better-sqlite3';

import { DatabaseError, errorMessage } from '../errors';
import { isBusyError } from './migrate';

/** True for SQLite's "file is not a database" and "database disk image is malformed" errors. */
export function isCorruptError(error: unknown): boolean {
  if (!(error instanceof Database.SqliteError)) {
    return false;
  }
  return error.code.startsWith('SQLITE_CORRUPT') || error.code.startsWith('SQLITE_NOTADB');
}

export function lockedDatabaseError(file: string, busyTimeoutMs: number, cause: unknown): DatabaseError {
  return new DatabaseError(
    `${file} is locked by another process (waited ${busyTimeoutMs} ms for its write lock). ` +
      'Close other VS Code windows or luno commands that use it, then try again.',
    { cause },
  );
}

export function corruptDatabaseError(file: string, detail: string, cause?: unknown): DatabaseError {
  return new DatabaseError(
    `${file} is not a usable SQLite database (${detail}). ` +
      'Restore a backup with "luno restore FILE", or move the file aside so that Luno-AI creates a new one; ' +
      'moving it aside keeps the damaged file for recovery.',
    { cause },
  );
}

/** Turns lock and corruption errors from SQLite into DatabaseError; returns other errors unchanged. */
export function translateSqliteError(error: unknown, file: string, busyTimeoutMs: number): unknown {
  if (isBusyError(error)) {
    return lockedDatabaseError(file, busyTimeoutMs, error);
  }
  if (isCorruptError(error)) {
    return corruptDatabaseError(file, errorMessage(error), error);
  }
  return error;
}
