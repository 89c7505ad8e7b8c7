import * as vscode from 'vscode';

import { DatabaseError, MigrationError } from '../core/errors';
import { openStore } from '../core/store/database';
import { isBusyError } from '../core/store/migrate';
import { isCorruptError } from '../core/store/sqliteErrors';
import { reportError } from './errors';
import type { LunoServices } from './services';

const MOVE_ASIDE = 'Move Aside and Start Fresh';
const RELOAD_WINDOW = 'Reload Window';

/** Cause of a failed luno.db open, as far as the extension offers a remedy for it. */
export type StoreProblemKind = 'locked' | 'corrupt' | 'migration' | 'other';

/** Classifies an error from `openStore`. */
export function classifyStoreError(error: unknown): StoreProblemKind {
  if (error instanceof MigrationError) {
    return 'migration';
  }
  if (!(error instanceof DatabaseError)) {
    return 'other';
  }
  if (isBusyError(error.cause)) {
    return 'locked';
  }
  // NOTE: a file that opens but fails `PRAGMA quick_check` yields a DatabaseError
  // without a SQLite cause, so it is classified 'other' and the move-aside action is not offered.
  if (isCorruptError(error.cause)) {
    return 'corrupt';
  }
  return 'other';
}

/**
 * Tells the user that progress is unavailable and offers the remedy that fits:
 * reload the window for a locked file, move a corrupt file aside and start with a
 * new database, or read the log. The Learning view keeps showing the content.
 */
export async function reportStoreProblem(services: LunoServices): Promise<void> {
  const kind = classifyStoreError(services.storeError);
  const failure = 'Luno-AI progress is unavailable (the Learning view shows content only)';

  if (kind === 'locked') {
    const choice = await reportError(services.log, failure, services.storeError, { actions: [RELOAD_WINDOW] });
    if (choice === RELOAD_WINDOW) {
      await vscode.commands.executeCommand('workbench.action.reloadWindow');
    }
    return;
  }

  if (kind === 'corrupt') {
    const choice = await reportError(services.log, failure, services.storeError, { actions: [MOVE_ASIDE] });
    if (choice === MOVE_ASIDE) {
      await moveCorruptDatabaseAside(services);
    }
    return;
  }

  await reportError(services.log, failure, services.storeError);
}

/**
 * Renames the damaged luno.db to `luno.db.corrupt-<time>` (kept for recovery),
 * creates a new one and offers a window reload so every view uses it.
 */
async function moveCorruptDatabaseAside(services: LunoServices): Promise<void> {
  const { logger } = services;

  let movedTo: string | undefined;
  try {
    const store = openStore({
      file: services.databaseFile,
      migrationsDir: services.migrationsDir,
      logger,
      moveCorruptAside: true,
    });
    movedTo = store.corruptFileMovedTo;
    store.dispose();
  } catch (error) {
    await reportError(services.log, `Could not move ${services.databaseFile} aside`, error);
    return;
  }

  logger.info(`moved the damaged database to ${movedTo ?? '(nothing moved)'}; a new ${services.databaseFile} was created`);

  const choice = await vscode.window.showInformationMessage(
    `The damaged database was moved to ${movedTo ?? 'its backup name'} and a new, empty one was created. ` +
      'Reload the window to record progress again; "Luno: Restore Progress" can then bring back a backup.',
    RELOAD_WINDOW,
  );
  if (choice === RELOAD_WINDOW) {
    await vscode.commands.executeCommand('workbench.action.reloadWindow');
  }
}
