import path from 'node:path';
import * as vscode from 'vscode';

import { backupDatabase, listBackups, restoreDatabase, type BackupEntry } from '../core/store/backup';
import type { Store } from '../core/store/database';
import { backupDirectory } from '../core/store/paths';
import { Commands } from './constants';
import { guardCommand } from './errors';
import type { ExtensionLog } from './log';
import type { LunoServices } from './services';

const RESTORE = 'Restore';

interface BackupPick extends vscode.QuickPickItem {
  /** Absolute path of the backup, or undefined for the "choose a file" row. */
  readonly file: string | undefined;
}

/**
 * Registers "Luno: Back Up Progress" and "Luno: Restore Progress". A restore
 * reopens the store in place, so every view rereads its data through the
 * store's `onDidReopen` event.
 */
export function registerBackupCommands(context: vscode.ExtensionContext, services: LunoServices): void {
  const { log } = services;

  context.subscriptions.push(
    vscode.commands.registerCommand(
      Commands.backUpProgress,
      guardCommand(log, 'Backing up Luno-AI progress failed', () => backUp(log, requireStore(services))),
    ),
    vscode.commands.registerCommand(
      Commands.restoreProgress,
      guardCommand(log, 'Restoring Luno-AI progress failed; the current progress is unchanged', () =>
        restore(log, requireStore(services)),
      ),
    ),
  );
}

function requireStore(services: LunoServices): Store {
  if (!services.store) {
    throw new Error(`${services.databaseFile} could not be opened when Luno-AI started, so there is nothing to back up or restore into`);
  }
  return services.store;
}

async function backUp(log: ExtensionLog, store: Store): Promise<void> {
  const file = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Luno-AI: backing up progress…' },
    () => backupDatabase(store, { logger: log.logger }),
  );

  void vscode.window.showInformationMessage(`Progress backed up to ${file}.`);
}

/** Lists the backups, confirms, then restores; the core backs up the current data first. */
async function restore(log: ExtensionLog, store: Store): Promise<void> {
  const file = await pickBackup(store);
  if (!file) {
    return;
  }

  const confirmed = await vscode.window.showWarningMessage(
    `Replace your Luno-AI progress with ${path.basename(file)}?`,
    {
      modal: true,
      detail: 'The current progress is backed up to the backups folder first, so this can be undone by restoring that backup.',
    },
    RESTORE,
  );
  if (confirmed !== RESTORE) {
    return;
  }

  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Luno-AI: restoring progress from ${path.basename(file)}…` },
    () => restoreDatabase(store, file, { logger: log.logger }),
  );

  void vscode.window.showInformationMessage(
    `Progress restored from ${path.basename(result.restoredFrom)}. The replaced data was saved to ${result.safetyBackup}.`,
  );
}

async function pickBackup(store: Store): Promise<string | undefined> {
  const dir = backupDirectory(store.file);
  const backups = listBackups(dir);

  const items: BackupPick[] = backups.map((entry) => toPick(entry));
  items.push({
    label: '$(folder-opened) Choose a Backup File…',
    detail: backups.length === 0 ? `No backups in ${dir} yet.` : undefined,
    file: undefined,
  });

  const picked = await vscode.window.showQuickPick(items, {
    title: 'Restore Luno-AI Progress',
    placeHolder: 'Choose the backup to restore',
    matchOnDescription: true,
  });
  if (!picked) {
    return undefined;
  }
  if (picked.file) {
    return picked.file;
  }

  const chosen = await vscode.window.showOpenDialog({
    title: 'Restore Luno-AI Progress',
    defaultUri: vscode.Uri.file(dir),
    canSelectMany: false,
    openLabel: 'Restore',
    filters: { 'SQLite database': ['db', 'sqlite', 'sqlite3'], 'All files': ['*'] },
  });
  return chosen?.[0]?.fsPath;
}

function toPick(entry: BackupEntry): BackupPick {
  const kilobytes = Math.max(1, Math.round(entry.sizeBytes / 1024));
  return {
    label: `$(database) ${entry.name}`,
    description: `${kilobytes} KB`,
    detail: `Written ${entry.modifiedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}`,
    file: entry.file,
  };
}
