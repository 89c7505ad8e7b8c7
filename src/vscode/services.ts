import path from 'node:path';
import * as vscode from 'vscode';

import type { Logger } from '../core/log';
import { openStore, type Store } from '../core/store/database';
import { DATABASE_FILE_NAME } from './constants';
import { ContentWatcher } from './contentWatcher';
import type { ExtensionLog } from './log';

/**
 * The core services of one extension session, built in order by `createServices`
 * and released together by `dispose`. Feature modules receive this object.
 */
export interface LunoServices extends vscode.Disposable {
  readonly context: vscode.ExtensionContext;
  readonly log: ExtensionLog;
  readonly logger: Logger;
  /** Absolute path of luno.db in the extension's global storage. */
  readonly databaseFile: string;
  readonly migrationsDir: string;
  /**
   * The open progress database, or undefined when it could not be opened (locked,
   * corrupt, failed migration). Features then show content without progress.
   */
  readonly store: Store | undefined;
  /** Error that kept the store from opening; undefined when it opened. */
  readonly storeError: unknown;
  /** The workspace's content model, kept current as files change. */
  readonly content: ContentWatcher;
}

/**
 * Builds the services: the store in global storage (migrated), then the content
 * model (first scan finished). A store that fails to open is logged and reported
 * through `storeError`; it does not stop the content model.
 */
export async function createServices(context: vscode.ExtensionContext, log: ExtensionLog): Promise<LunoServices> {
  const logger = log.logger;
  const databaseFile = path.join(context.globalStorageUri.fsPath, DATABASE_FILE_NAME);
  const migrationsDir = path.join(context.extensionPath, 'migrations');

  const { store, storeError } = openProgressStore(databaseFile, migrationsDir, logger);

  const content = new ContentWatcher(logger);
  try {
    await content.start();
  } catch (error) {
    content.dispose();
    store?.dispose();
    throw error;
  }

  return {
    context,
    log,
    logger,
    databaseFile,
    migrationsDir,
    store,
    storeError,
    content,
    dispose: () => {
      content.dispose();
      store?.dispose();
    },
  };
}

function openProgressStore(
  file: string,
  migrationsDir: string,
  logger: Logger,
): { store: Store | undefined; storeError: unknown } {
  try {
    const store = openStore({ file, migrationsDir, logger });
    return { store, storeError: undefined };
  } catch (error) {
    logger.error(`opening ${file} failed; progress is unavailable until it opens`, error);
    return { store: undefined, storeError: error };
  }
}
