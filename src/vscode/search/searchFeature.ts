import * as vscode from 'vscode';

import { Commands, SecretKeys } from '../constants';
import { guardCommand } from '../errors';
import type { ExtensionLog } from '../log';
import type { LunoServices } from '../services';
import { CHROMA_SETTINGS, ChromaLifecycle } from './chromaLifecycle';
import { registerCodeSearchQuickPick } from './codeSearchQuickPick';
import { EMBEDDING_SETTINGS, EmbeddingsSetting } from './embeddingsSetting';
import { IndexController } from './indexController';
import type { SearchPickerDeps } from './searchPicker';
import { registerSearchQuickPick } from './searchQuickPick';
import { SearchRuntime } from './searchRuntime';
import { SearchStatusBar } from './searchStatusBar';

/**
 * Registers semantic search: the Chroma server, the embedding provider, the
 * background index with its status-bar item, and the search commands. Chroma
 * and the first index start after this returns, so activation does not wait
 * for them.
 */
export function registerSearch(context: vscode.ExtensionContext, services: LunoServices): void {
  const { log } = services;

  const chroma = new ChromaLifecycle(context.globalStorageUri.fsPath, context.secrets, services.logger);
  const embeddings = new EmbeddingsSetting(context.secrets, log);
  const indexer: IndexController = new IndexController({
    log,
    service: () => runtime.current,
    model: () => services.content.model,
  });
  const runtime: SearchRuntime = new SearchRuntime(services, chroma, embeddings, () => indexer);
  const statusBar = new SearchStatusBar(runtime, indexer, chroma, services.store !== undefined);

  const pickerDeps: SearchPickerDeps = {
    logger: services.logger,
    service: () => runtime.current,
    unavailableReason: () =>
      services.store === undefined
        ? `Search needs ${services.databaseFile}, which could not be opened. See the Luno-AI log.`
        : 'Search is still starting; try again in a moment.',
    store: () => services.store,
    model: () => services.content.model,
  };

  context.subscriptions.push(
    // Disposed in this order: the status bar and the index stop before the service and the Chroma server.
    vscode.Disposable.from(statusBar, indexer, runtime, embeddings, chroma),
    registerSearchQuickPick(log, pickerDeps),
    registerCodeSearchQuickPick(log, pickerDeps),
    vscode.commands.registerCommand(
      Commands.rebuildSearchIndex,
      guardCommand(log, 'Could not rebuild the search index', () => rebuild(services, runtime, indexer)),
    ),
    vscode.commands.registerCommand(
      Commands.setChromaToken,
      guardCommand(log, 'Could not set the Chroma token', () => setChromaToken(context.secrets, log, runtime, chroma)),
    ),
    services.content.onDidChange((change) => indexer.onContentChange(change)),
    embeddings.onDidChangeKey(() => {
      if (embeddings.choice() === 'openai') {
        void runtime.restartProvider();
      }
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (CHROMA_SETTINGS.some((key) => event.affectsConfiguration(key))) {
        void runtime.restartChroma();
      } else if (EMBEDDING_SETTINGS.some((key) => event.affectsConfiguration(key))) {
        void runtime.restartProvider();
      }
    }),
  );

  if (services.store !== undefined) {
    // A restore replaces luno.db and with it the keyword index and the record of embedded sections.
    context.subscriptions.push(services.store.onDidReopen(() => void indexer.indexAll()));
    void runtime.start();
  } else {
    statusBar.schedule();
  }
}

async function rebuild(services: LunoServices, runtime: SearchRuntime, indexer: IndexController): Promise<void> {
  if (services.store === undefined) {
    throw new Error(`the search index lives in ${services.databaseFile}, which could not be opened`);
  }
  if (runtime.current === undefined) {
    void vscode.window.showInformationMessage('Search is still starting; the index is built as soon as it has started.');
    return;
  }

  // The palette lists this command right under "Luno: Search", so one stray Enter must not discard the index.
  const confirm = 'Rebuild';
  const choice = await vscode.window.showWarningMessage(
    'Rebuild the search index?',
    {
      modal: true,
      detail: `This drops the index of the model ${runtime.current.modelId} and embeds all content again, which can take several minutes. Keyword search works meanwhile.`,
    },
    confirm,
  );
  if (choice !== confirm) {
    return;
  }
  await indexer.rebuild();
}

/** Asks for the token of the Chroma server in `luno.chroma.url`; an empty value deletes the stored one. */
async function setChromaToken(
  secrets: vscode.SecretStorage,
  log: ExtensionLog,
  runtime: SearchRuntime,
  chroma: ChromaLifecycle,
): Promise<void> {
  const token = await vscode.window.showInputBox({
    title: 'Luno: Set Chroma Token',
    prompt: 'Token of the Chroma server set in luno.chroma.url, sent as a Bearer token. Leave empty to delete the stored token.',
    password: true,
    ignoreFocusOut: true,
  });
  if (token === undefined) {
    return;
  }

  if (token.trim() === '') {
    await secrets.delete(SecretKeys.chromaToken);
    log.logger.info('[search] the Chroma token was deleted');
  } else {
    await secrets.store(SecretKeys.chromaToken, token.trim());
    log.logger.info('[search] the Chroma token was saved');
  }

  if (chroma.state.mode === 'remote') {
    await runtime.restartChroma();
  }
  void vscode.window.showInformationMessage(token.trim() === '' ? 'Chroma token deleted.' : 'Chroma token saved.');
}
