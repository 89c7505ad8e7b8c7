import * as fs from 'node:fs';
import * as path from 'node:path';

import Database from 'better-sqlite3';

import { DatabaseError, errorMessage, LunoError } from '../errors';
import { Emitter, type Event } from '../events';
import { withComponent, type Logger } from '../log';
import { BookmarkRepository } from './bookmarks';
import { StoreContext } from './context';
import { LabRunRepository } from './labRuns';
import { isBusyError, migrate } from './migrate';
import { ProgressRepository } from './progress';
import { ResearchViewRepository } from './researchViews';
import { SearchHistoryRepository } from './searchHistory';
import { SettingsRepository } from './settings';
import { corruptDatabaseError, isCorruptError, lockedDatabaseError } from './sqliteErrors';
import { fileTimestamp, systemClock, type Clock } from './time';

export type { Bookmark, BookmarkWithDetails, NewBookmark } from './bookmarks';
export type { CellProgress, LabRun } from './labRuns';
export type { ActivityEntry, DomainSummary, LayerProgress, ProgressSummary, TechnologyRef } from './progress';
export type { ResearchViewOptions } from './researchViews';
export type { SearchHistoryEntry } from './searchHistory';
export type { UserSettings } from './settings';
export type { BookmarkRepository, LabRunRepository, ProgressRepository, ResearchViewRepository };
export type { SearchHistoryRepository, SettingsRepository };

export const DEFAULT_BUSY_TIMEOUT_MS = 2000;

export interface OpenStoreOptions {
  file: string;
  migrationsDir: string;
  logger: Logger;
  /** How long a write waits for another connection's lock before failing; default 2000 ms. */
  busyTimeoutMs?: number;
  /** Source of the timestamps the repositories write; default the system clock. */
  clock?: Clock;
  /**
   * Handling of a file that is not a usable database. By default openStore throws
   * DatabaseError. When true, it renames the file and its -wal and -shm files to
   * `<file>.corrupt-<timestamp>` and creates a new database. It never deletes them.
   */
  moveCorruptAside?: boolean;
}

export interface Store {
  readonly file: string;
  /**
   * The open connection. A restore replaces it, so read `store.db` on each use
   * instead of keeping it.
   */
  readonly db: Database.Database;
  readonly migrationsDir: string;
  readonly progress: ProgressRepository;
  readonly settings: SettingsRepository;
  readonly bookmarks: BookmarkRepository;
  readonly researchViews: ResearchViewRepository;
  readonly labRuns: LabRunRepository;
  readonly searchHistory: SearchHistoryRepository;
  /** Path the damaged file was moved to when this open moved a corrupt file aside. */
  readonly corruptFileMovedTo: string | undefined;
  /** Fires after `reopen()`, for example after a restore: every repository may have changed. */
  readonly onDidReopen: Event<void>;
  /** Closes the connection; the repositories and their listeners stay and work again after `reopen()`. */
  close(): void;
  /** Opens the file again (closing the current connection first) and migrates it. */
  reopen(): void;
  /** Closes the connection and removes every listener. */
  dispose(): void;
}

/**
 * Opens luno.db, creating its folder and the file when missing, with WAL, foreign
 * keys and a busy timeout, and applies the pending migrations.
 * Throws DatabaseError when the file is locked, corrupt or newer than this
 * Luno-AI, and MigrationError when a migration fails.
 */
export function openStore(options: OpenStoreOptions): Store {
  return new SqliteStore(options);
}

class SqliteStore implements Store {
  readonly file: string;
  readonly migrationsDir: string;
  readonly progress: ProgressRepository;
  readonly settings: SettingsRepository;
  readonly bookmarks: BookmarkRepository;
  readonly researchViews: ResearchViewRepository;
  readonly labRuns: LabRunRepository;
  readonly searchHistory: SearchHistoryRepository;
  readonly onDidReopen: Event<void>;

  private readonly context: StoreContext;
  private readonly logger: Logger;
  private readonly reopened: Emitter<void>;
  private movedTo: string | undefined;

  constructor(private readonly options: OpenStoreOptions) {
    this.file = path.resolve(options.file);
    this.migrationsDir = options.migrationsDir;
    this.logger = withComponent(options.logger, 'store');

    const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
    this.context = new StoreContext(this.file, busyTimeoutMs, this.logger, options.clock ?? systemClock);

    const onListenerError = (error: unknown): void => {
      this.logger.error(`a store change listener failed: ${errorMessage(error)}`, error);
    };

    this.progress = new ProgressRepository(this.context, onListenerError);
    this.settings = new SettingsRepository(this.context, onListenerError);
    this.bookmarks = new BookmarkRepository(this.context, onListenerError);
    this.researchViews = new ResearchViewRepository(this.context, onListenerError);
    this.labRuns = new LabRunRepository(this.context, onListenerError);
    this.searchHistory = new SearchHistoryRepository(this.context, onListenerError);
    this.reopened = new Emitter(onListenerError);
    this.onDidReopen = this.reopened.event;

    this.context.setConnection(this.connect());
  }

  get db(): Database.Database {
    return this.context.db;
  }

  get corruptFileMovedTo(): string | undefined {
    return this.movedTo;
  }

  close(): void {
    if (!this.context.isOpen) {
      return;
    }

    const db = this.context.db;
    this.context.setConnection(undefined);

    try {
      db.pragma('optimize');
    } catch (error) {
      this.logger.warn(`PRAGMA optimize failed on ${this.file}: ${errorMessage(error)}`);
    }

    db.close();
    this.logger.info(`closed ${this.file}`);
  }

  reopen(): void {
    this.close();
    this.context.setConnection(this.connect());
    this.reopened.fire();
  }

  dispose(): void {
    this.close();

    for (const repository of [this.progress, this.settings, this.bookmarks, this.researchViews, this.labRuns, this.searchHistory]) {
      repository.dispose();
    }
    this.reopened.dispose();
  }

  /** Opens, configures, checks and migrates the file; moves a corrupt file aside when asked. */
  private connect(): Database.Database {
    try {
      return this.connectOnce();
    } catch (error) {
      if (!(error instanceof CorruptFileError) || !this.options.moveCorruptAside) {
        throw error instanceof CorruptFileError ? error.databaseError : error;
      }

      this.movedTo = moveAside(this.file, this.context.clock());
      this.logger.warn(`${this.file} was not a usable database (${error.detail}); moved it to ${this.movedTo}`);
      return this.connectOnce();
    }
  }

  private connectOnce(): Database.Database {
    const busyTimeoutMs = this.context.busyTimeoutMs;

    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
    } catch (error) {
      throw new DatabaseError(
        `Cannot create the folder of ${this.file}: ${errorMessage(error)}. Check that the folder is writable.`,
        { cause: error },
      );
    }

    let db: Database.Database;
    try {
      db = new Database(this.file, { timeout: busyTimeoutMs });
    } catch (error) {
      throw new DatabaseError(
        `Cannot open ${this.file}: ${errorMessage(error)}. Check that the path is a writable file.`,
        { cause: error },
      );
    }

    try {
      configure(db, this.logger);
      checkIntegrity(db);

      const result = migrate(db, this.migrationsDir, this.logger);
      this.logger.info(`opened ${this.file} at schema version ${result.toVersion}`);
      return db;
    } catch (error) {
      db.close();

      if (isBusyError(error)) {
        throw lockedDatabaseError(this.file, busyTimeoutMs, error);
      }
      if (error instanceof CorruptFileError) {
        throw error;
      }
      if (isCorruptError(error)) {
        throw new CorruptFileError(this.file, errorMessage(error), error);
      }
      throw error;
    }
  }
}

/** The file failed to open as a database or failed `PRAGMA quick_check`. */
class CorruptFileError extends LunoError {
  readonly databaseError: DatabaseError;

  constructor(
    file: string,
    readonly detail: string,
    cause?: unknown,
  ) {
    super(detail, { cause });
    this.databaseError = corruptDatabaseError(file, detail, cause);
  }
}

function configure(db: Database.Database, logger: Logger): void {
  const mode = db.pragma('journal_mode = WAL', { simple: true });
  if (mode !== 'wal') {
    logger.warn(`${db.name} stays in journal mode ${String(mode)}: its file system does not support WAL`);
  }

  db.pragma('foreign_keys = ON');
}

/** Throws CorruptFileError unless `PRAGMA quick_check` reports ok. */
function checkIntegrity(db: Database.Database): void {
  const rows = db.pragma('quick_check') as Array<{ quick_check: string }>;
  const messages = rows.map((row) => row.quick_check);

  if (messages.length !== 1 || messages[0] !== 'ok') {
    throw new CorruptFileError(db.name, `quick_check: ${messages.slice(0, 3).join('; ')}`);
  }
}

/** Renames the file and its -wal and -shm companions to `<file>.corrupt-<timestamp>`; returns the new name. */
function moveAside(file: string, now: Date): string {
  const target = `${file}.corrupt-${fileTimestamp(now)}`;

  try {
    fs.renameSync(file, target);
    for (const suffix of ['-wal', '-shm']) {
      if (fs.existsSync(file + suffix)) {
        fs.renameSync(file + suffix, target + suffix);
      }
    }
  } catch (error) {
    throw new DatabaseError(
      `Cannot move the damaged database ${file} aside to ${target}: ${errorMessage(error)}. Move or rename it by hand.`,
      { cause: error },
    );
  }

  return target;
}
