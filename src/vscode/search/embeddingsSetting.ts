import * as vscode from 'vscode';

import { errorMessage } from '../../core/errors';
import { withComponent, type Logger } from '../../core/log';
import { GloveEmbeddingProvider } from '../../core/search/embeddings/glove';
import { LocalEmbeddingProvider } from '../../core/search/embeddings/local';
import { OpenAiEmbeddingProvider } from '../../core/search/embeddings/openai';
import type { EmbeddingProvider } from '../../core/search/embeddings/types';
import { Commands, SecretKeys, Settings } from '../constants';
import { guardCommand } from '../errors';
import type { ExtensionLog } from '../log';

export type EmbeddingsChoice = 'local' | 'glove' | 'openai';

/** The provider to index and search with, and why it differs from the setting when it does. */
export interface ProviderSelection {
  readonly provider: EmbeddingProvider;
  /** Set when `openai` is configured but the local model is used instead. */
  readonly fallbackReason?: string;
}

/** Settings that select or configure the embedding provider; a change of any of them re-creates it. */
export const EMBEDDING_SETTINGS = [Settings.searchEmbeddings, Settings.searchOpenAiBaseUrl].map(
  (key) => `${Settings.section}.${key}`,
);

const SET_KEY_ACTION = 'Set OpenAI API Key';
const USE_OPENAI_ACTION = 'Use OpenAI Embeddings';

/** Text embedded once to check a new key: a single short request. */
const KEY_CHECK_TEXT = 'Luno-AI key check';

/**
 * Reads `luno.search.embeddings` and the OpenAI key in SecretStorage and builds
 * the embedding provider; registers "Set OpenAI API Key" and "Clear OpenAI API Key".
 */
export class EmbeddingsSetting implements vscode.Disposable {
  private readonly logger: Logger;
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  private readonly subscriptions: vscode.Disposable[] = [];

  /** Fires when the key is set or cleared (here or in another window). */
  readonly onDidChangeKey = this.changeEmitter.event;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly log: ExtensionLog,
  ) {
    this.logger = withComponent(log.logger, 'embeddings-setting');

    this.subscriptions.push(
      this.changeEmitter,
      secrets.onDidChange((event) => {
        if (event.key === SecretKeys.openAiApiKey) {
          this.changeEmitter.fire();
        }
      }),
      vscode.commands.registerCommand(Commands.setOpenAiApiKey, guardCommand(log, 'Could not set the OpenAI API key', () => this.setKey())),
      vscode.commands.registerCommand(Commands.clearOpenAiApiKey, guardCommand(log, 'Could not clear the OpenAI API key', () => this.clearKey())),
    );
  }

  /** Returns the configured choice. */
  choice(): EmbeddingsChoice {
    const value = vscode.workspace.getConfiguration(Settings.section).get<string>(Settings.searchEmbeddings, 'local');
    return value === 'openai' || value === 'glove' ? value : 'local';
  }

  /**
   * Builds the configured provider. `openai` without a key falls back to the
   * local model and reports it in `fallbackReason`, so search keeps working.
   */
  async createProvider(): Promise<ProviderSelection> {
    const local = (): EmbeddingProvider => new LocalEmbeddingProvider({ logger: this.log.logger });
    const choice = this.choice();
    if (choice === 'local') {
      return { provider: local() };
    }
    if (choice === 'glove') {
      return { provider: new GloveEmbeddingProvider({ logger: this.log.logger }) };
    }

    const apiKey = await this.secrets.get(SecretKeys.openAiApiKey);
    if (apiKey === undefined || apiKey.trim() === '') {
      const reason = `${Settings.section}.${Settings.searchEmbeddings} is "openai" but no OpenAI API key is set, so the local model is used. Run "Luno: Set OpenAI API Key" to use OpenAI.`;
      this.logger.warn(reason);
      return { provider: local(), fallbackReason: reason };
    }
    return { provider: this.openAiProvider(apiKey) };
  }

  dispose(): void {
    vscode.Disposable.from(...this.subscriptions).dispose();
  }

  private openAiProvider(apiKey: string, overrides: { maxRetries?: number; timeoutMs?: number } = {}): OpenAiEmbeddingProvider {
    const baseURL = vscode.workspace.getConfiguration(Settings.section).get<string>(Settings.searchOpenAiBaseUrl, '').trim();
    return new OpenAiEmbeddingProvider({
      apiKey,
      logger: this.log.logger,
      ...(baseURL === '' ? {} : { baseURL }),
      ...overrides,
    });
  }

  /** Asks for a key, checks it with one embeddings request and stores it only when the API accepts it. */
  private async setKey(): Promise<void> {
    const key = await vscode.window.showInputBox({
      title: 'Luno: Set OpenAI API Key',
      prompt: 'OpenAI API key for semantic search embeddings. It is kept in VS Code\'s secret storage and checked with one small request first.',
      placeHolder: 'sk-…',
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) => (value.trim() === '' ? 'Enter a key, or press Escape to cancel.' : undefined),
    });
    if (key === undefined) {
      return;
    }

    const apiKey = key.trim();
    try {
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Luno-AI: checking the OpenAI API key…', cancellable: true },
        async (_progress, token) => {
          const controller = new AbortController();
          const subscription = token.onCancellationRequested(() => controller.abort());
          try {
            await this.openAiProvider(apiKey, { maxRetries: 1, timeoutMs: 20_000 }).embed([KEY_CHECK_TEXT], controller.signal);
          } finally {
            subscription.dispose();
          }
        },
      );
    } catch (error) {
      this.logger.warn(`the OpenAI API key was not saved because the check failed: ${errorMessage(error)}`);
      const choice = await vscode.window.showErrorMessage(`The OpenAI API key was not saved: ${errorMessage(error)}`, SET_KEY_ACTION);
      if (choice === SET_KEY_ACTION) {
        await this.setKey();
      }
      return;
    }

    await this.secrets.store(SecretKeys.openAiApiKey, apiKey);
    this.logger.info('the OpenAI API key was checked and saved');

    if (this.choice() === 'openai') {
      void vscode.window.showInformationMessage('OpenAI API key saved. Semantic search now indexes with OpenAI embeddings.');
      return;
    }
    const choice = await vscode.window.showInformationMessage(
      `OpenAI API key saved. Semantic search still uses the offline model because ${Settings.section}.${Settings.searchEmbeddings} is "${this.choice()}".`,
      USE_OPENAI_ACTION,
    );
    if (choice === USE_OPENAI_ACTION) {
      await vscode.workspace
        .getConfiguration(Settings.section)
        .update(Settings.searchEmbeddings, 'openai', vscode.ConfigurationTarget.Global);
    }
  }

  private async clearKey(): Promise<void> {
    const existing = await this.secrets.get(SecretKeys.openAiApiKey);
    if (existing === undefined) {
      void vscode.window.showInformationMessage('No OpenAI API key is stored.');
      return;
    }

    await this.secrets.delete(SecretKeys.openAiApiKey);
    this.logger.info('the OpenAI API key was deleted');
    const fallback = this.choice() === 'openai' ? ' Semantic search uses the local model until a key is set.' : '';
    void vscode.window.showInformationMessage(`OpenAI API key deleted.${fallback}`);
  }
}

/** Shows the reason a configured OpenAI provider is not used, with a button that sets the key. */
export async function showFallbackWarning(reason: string): Promise<void> {
  const choice = await vscode.window.showWarningMessage(reason, SET_KEY_ACTION);
  if (choice === SET_KEY_ACTION) {
    await vscode.commands.executeCommand(Commands.setOpenAiApiKey);
  }
}
