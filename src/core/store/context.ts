import type Database from 'better-sqlite3';

import { DatabaseError } from '../errors';
import type { Logger } from '../log';
import { translateSqliteError } from './sqliteErrors';
import { isoTimestamp, type Clock } from './time';

/** The single local user that owns every row (single-user mode). */
export const DEFAULT_USER_ID = 'default';

/**
 * The open connection and shared helpers that the repositories use. The Store swaps
 * the connection on reopen (after a restore), so repositories read `db` on every call
 * and never keep statements across calls except through `statement()`.
 */
export class StoreContext {
  private connection: Database.Database | undefined;
  private statements = new Map<string, Database.Statement>();

  constructor(
    readonly file: string,
    readonly busyTimeoutMs: number,
    readonly logger: Logger,
    readonly clock: Clock,
  ) {}

  get db(): Database.Database {
    if (!this.connection) {
      throw new DatabaseError(`The store for ${this.file} is closed. Reopen it before reading or writing.`);
    }
    return this.connection;
  }

  get isOpen(): boolean {
    return this.connection !== undefined;
  }

  /** Installs a new connection (or none) and drops the statements of the old one. */
  setConnection(connection: Database.Database | undefined): void {
    this.connection = connection;
    this.statements = new Map();
  }

  /** Returns a prepared statement for `sql`, cached per connection. */
  statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** Returns the current time as an ISO 8601 UTC string. */
  now(): string {
    return isoTimestamp(this.clock());
  }

  /**
   * Runs `work` inside an IMMEDIATE transaction, so it takes the write lock up front
   * and waits at most the busy timeout. Lock and corruption errors become DatabaseError.
   * `work` must be synchronous: better-sqlite3 commits when it returns.
   */
  write<T>(work: () => T): T {
    try {
      return this.db.transaction(work).immediate();
    } catch (error) {
      throw translateSqliteError(error, this.file, this.busyTimeoutMs);
    }
  }

  /** Runs a read; lock and corruption errors become DatabaseError. */
  read<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      throw translateSqliteError(error, this.file, this.busyTimeoutMs);
    }
  }
}
