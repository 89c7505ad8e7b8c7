import * as fs from 'node:fs';
import * as path from 'node:path';

import Database from 'better-sqlite3';

import { DatabaseError, errorMessage, LunoError, MigrationError } from '../errors';
import type { Logger } from '../log';

/** One `NNN_name.sql` file of the migrations folder. */
export interface MigrationFile {
  /** The number NNN, which becomes `PRAGMA user_version` once the file is applied. */
  readonly version: number;
  /** File name, for example `001_initial.sql`. */
  readonly name: string;
  readonly file: string;
}

export interface MigrationResult {
  readonly fromVersion: number;
  readonly toVersion: number;
  readonly applied: readonly MigrationFile[];
}

const MIGRATION_NAME = /^(\d{3})_[A-Za-z0-9_-]+\.sql$/;

/**
 * Lists the migrations of `dir` in version order.
 * Throws LunoError when a `.sql` file is misnamed, two files share a number, or the
 * numbers do not run 1, 2, 3, ... without a gap.
 */
export function listMigrations(dir: string): MigrationFile[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((name) => name.toLowerCase().endsWith('.sql'));
  } catch (error) {
    throw new LunoError(`Cannot read the migrations folder ${dir}: ${errorMessage(error)}. Reinstall Luno-AI.`, {
      cause: error,
    });
  }

  const migrations: MigrationFile[] = [];
  for (const name of names) {
    const match = MIGRATION_NAME.exec(name);
    if (!match) {
      throw new LunoError(
        `Invalid migration file name ${name} in ${dir}: expected NNN_name.sql, for example 002_search_index.sql.`,
      );
    }
    migrations.push({ version: Number(match[1]), name, file: path.join(dir, name) });
  }

  migrations.sort((a, b) => a.version - b.version || a.name.localeCompare(b.name));

  if (migrations.length === 0) {
    throw new LunoError(`The migrations folder ${dir} contains no NNN_name.sql files. Reinstall Luno-AI.`);
  }

  for (let index = 0; index < migrations.length; index++) {
    const migration = migrations[index];
    const previous = migrations[index - 1];

    if (previous && previous.version === migration.version) {
      throw new LunoError(
        `Duplicate migration number ${migration.version} in ${dir}: ${previous.name} and ${migration.name}. ` +
          'Give each migration its own number.',
      );
    }

    if (migration.version !== index + 1) {
      throw new LunoError(
        `Missing migration number ${index + 1} in ${dir}: the next file is ${migration.name}. ` +
          'Migration numbers must run 001, 002, 003, ... without gaps.',
      );
    }
  }

  return migrations;
}

/** Returns the version that the newest migration of `dir` sets. */
export function latestMigrationVersion(dir: string): number {
  const migrations = listMigrations(dir);
  return migrations[migrations.length - 1].version;
}

/** Reads `PRAGMA user_version`, the number of the last applied migration. */
export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies the pending migrations of `migrationsDir` to `db`, each inside one
 * IMMEDIATE transaction that also sets `PRAGMA user_version`, and logs each version.
 *
 * A failing file rolls back and throws MigrationError naming the file and SQLite's
 * message, leaving the database at the previous version. A database newer than the
 * newest file throws DatabaseError. SQLITE_BUSY errors are rethrown unchanged so the
 * caller can report the lock.
 */
export function migrate(db: Database.Database, migrationsDir: string, logger: Logger): MigrationResult {
  const migrations = listMigrations(migrationsDir);
  const latest = migrations[migrations.length - 1].version;
  const fromVersion = schemaVersion(db);

  if (fromVersion > latest) {
    throw new DatabaseError(
      `${db.name} has schema version ${fromVersion}, but this Luno-AI knows versions up to ${latest}: ` +
        'the file was written by a newer Luno-AI. Update the Luno-AI extension or CLI, or use another database file.',
    );
  }

  const pending = migrations.filter((migration) => migration.version > fromVersion);
  const applied: MigrationFile[] = [];

  for (const migration of pending) {
    const sql = readMigration(migration, schemaVersion(db));

    if (applyMigration(db, migration, sql)) {
      applied.push(migration);
      logger.info(`applied migration ${migration.name} to ${db.name}: schema version ${migration.version}`);
    }
  }

  return { fromVersion, toVersion: schemaVersion(db), applied };
}

function readMigration(migration: MigrationFile, currentVersion: number): string {
  try {
    return fs.readFileSync(migration.file, 'utf8');
  } catch (error) {
    throw new MigrationError(
      `Cannot read migration ${migration.file}: ${errorMessage(error)}. ` +
        `The database stays at schema version ${currentVersion}. Reinstall Luno-AI.`,
      currentVersion,
      migration.version,
      { cause: error },
    );
  }
}

/** Runs one migration; returns false when another connection applied it first. */
function applyMigration(db: Database.Database, migration: MigrationFile, sql: string): boolean {
  // The version is read again under the write lock, so a process that opened the file
  // at the same time as another skips a migration that the other one has applied.
  const run = db.transaction((): boolean => {
    if (schemaVersion(db) >= migration.version) {
      return false;
    }

    db.exec(sql);

    const violations = db.pragma('foreign_key_check') as unknown[];
    if (violations.length > 0) {
      throw new Error(`${violations.length} rows violate foreign keys after the migration`);
    }

    db.pragma(`user_version = ${migration.version}`);
    return true;
  });

  const before = schemaVersion(db);
  try {
    return run.immediate();
  } catch (error) {
    if (isBusyError(error)) {
      throw error;
    }

    throw new MigrationError(
      `Migration ${migration.file} failed: ${errorMessage(error)}. ` +
        `The database was rolled back and stays at schema version ${before}. ` +
        'Restore a backup or report the problem with the Luno-AI log attached.',
      before,
      migration.version,
      { cause: error },
    );
  }
}

/** True for SQLite's "database is locked" errors (SQLITE_BUSY and SQLITE_LOCKED, with extended codes). */
export function isBusyError(error: unknown): boolean {
  if (!(error instanceof Database.SqliteError)) {
    return false;
  }
  return error.code.startsWith('SQLITE_BUSY') || error.code.startsWith('SQLITE_LOCKED');
}
