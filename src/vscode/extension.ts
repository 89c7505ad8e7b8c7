import * as vscode from 'vscode';

import { registerBackupCommands } from './backupCommands';
import { registerBookmarks } from './bookmarks/register';
import { reportError } from './errors';
import { registerLabs } from './labs/register';
import { registerLearningTree } from './learningTree';
import { createExtensionLog, registerShowLog } from './log';
import { registerProgressSummary } from './progressSummary';
import { registerResearch } from './research/register';
import { registerSearch } from './search/searchFeature';
import { createServices, type LunoServices } from './services';
import { registerStatusBar } from './statusBar';
import { reportStoreProblem } from './storeProblems';

/** A feature module: registers its views and commands and pushes every disposable to `context.subscriptions`. */
type Feature = (context: vscode.ExtensionContext, services: LunoServices) => void;

/** Feature modules, registered in this order. Add a feature with one line here. */
const FEATURES: ReadonlyArray<readonly [name: string, register: Feature]> = [
  ['log', registerShowLog],
  ['learning tree', registerLearningTree],
  ['status bar', registerStatusBar],
  ['progress summary', registerProgressSummary],
  ['backup', registerBackupCommands],
  ['bookmarks', registerBookmarks],
  ['research', registerResearch],
  ['labs', registerLabs],
  ['search', registerSearch],
];

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const started = performance.now();
  const log = createExtensionLog();
  context.subscriptions.push(log);

  let services: LunoServices;
  try {
    services = await createServices(context, log);
  } catch (error) {
    await reportError(log, 'Luno-AI could not start', error);
    return;
  }

  for (const [name, register] of FEATURES) {
    try {
      register(context, services);
    } catch (error) {
      void reportError(log, `Luno-AI could not start its ${name}`, error);
    }
  }

  // Pushed after the features so that, when VS Code disposes the subscriptions in
  // order, the views stop before the store and the content watcher close.
  context.subscriptions.push(services);

  log.logger.info(`Activated in ${Math.round(performance.now() - started)} ms`);

  if (services.storeError !== undefined) {
    void reportStoreProblem(services);
  }
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
