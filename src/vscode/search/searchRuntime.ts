import * as vscode from 'vscode';

import { errorMessage } from '../../core/errors';
import { withComponent, type Logger } from '../../core/log';
import type { EmbeddingProvider } from '../../core/search/embeddings/types';
import { SearchService, type SearchStatus } from '../../core/search/searchService';
import type { LunoServices } from '../services';
import type { ChromaLifecycle } from './chromaLifecycle';
import { showFallbackWarning, type EmbeddingsSetting } from './embeddingsSetting';
import type { IndexController } from './indexController';

/**
 * Sections embedded per step of a full run. Each step reports progress and
 * checks for cancellation, and the local model embeds about 64 sections in a
 * few seconds (an estimate on a 2-core machine), so the status bar moves
 * and Cancel acts soon.
 */
const EMBED_BATCH_SIZE = 64;

/**
 * Holds the session's SearchService and re-creates it when the embedding
 * provider or the Chroma server changes. Chroma and the first index start in
 * the background, so activation does not wait for them.
 */
export class SearchRuntime implements vscode.Disposable {
  private readonly logger: Logger;
  private service: SearchService | undefined;
  private provider: EmbeddingProvider | undefined;
  private serviceSubscription: { dispose(): void } | undefined;
  private fallbackReason: string | undefined;
  private restarting: Promise<void> = Promise.resolve();
  private disposed = false;
  private readonly changeEmitter = new vscode.EventEmitter<void>();

  /** Fires when the service is replaced or reports a status change. */
  readonly onDidChange = this.changeEmitter.event;

  constructor(
    private readonly services: LunoServices,
    private readonly chroma: ChromaLifecycle,
    private readonly embeddings: EmbeddingsSetting,
    private readonly getIndexer: () => IndexController,
  ) {
    this.logger = withComponent(services.logger, 'search-runtime');
  }

  /** The search service, or undefined before the first start or when luno.db is unavailable. */
  get current(): SearchService | undefined {
    return this.service;
  }

  /** Reason the configured OpenAI provider is not used, when it is not. */
  get providerFallback(): string | undefined {
    return this.fallbackReason;
  }

  /** Status of the current service, or undefined when there is none. */
  async status(): Promise<SearchStatus | undefined> {
    try {
      return await this.service?.status();
    } catch (error) {
      this.logger.error(`reading the search status failed: ${errorMessage(error)}`);
      return undefined;
    }
  }

  /** Starts Chroma, builds the service and queues the first full index. */
  start(): Promise<void> {
    return this.serialize(async () => {
      await this.chroma.start();
      await this.createService();
      void this.getIndexer().indexAll();
    });
  }

  /** Re-creates the service for a new embedding provider, then indexes with it. */
  restartProvider(): Promise<void> {
    return this.serialize(async () => {
      this.getIndexer().cancel();
      await this.createService();
      void this.getIndexer().indexAll();
    });
  }

  /** Restarts Chroma from the current settings, re-creates the service and indexes. */
  restartChroma(): Promise<void> {
    return this.serialize(async () => {
      this.getIndexer().cancel();
      await this.chroma.restart();
      await this.createService();
      void this.getIndexer().indexAll();
    });
  }

  dispose(): void {
    this.disposed = true;
    this.releaseService();
    this.changeEmitter.dispose();
  }

  /** Disposes the service and its provider (the local model runs in a worker thread). */
  private releaseService(): void {
    this.serviceSubscription?.dispose();
    this.service?.dispose();
    this.provider?.dispose?.();
    this.serviceSubscription = undefined;
    this.service = undefined;
    this.provider = undefined;
  }

  private serialize(step: () => Promise<void>): Promise<void> {
    this.restarting = this.restarting.then(async () => {
      if (this.disposed) {
        return;
      }
      try {
        await step();
      } catch (error) {
        this.logger.error(`starting search failed: ${errorMessage(error)}`, error);
      }
    });
    return this.restarting;
  }

  private async createService(): Promise<void> {
    const store = this.services.store;
    if (store === undefined) {
      this.logger.warn(`search is unavailable because ${this.services.databaseFile} could not be opened`);
      return;
    }

    const selection = await this.embeddings.createProvider();
    if (this.disposed) {
      return;
    }
    this.fallbackReason = selection.fallbackReason;
    if (selection.fallbackReason !== undefined) {
      void showFallbackWarning(selection.fallbackReason);
    }

    this.releaseService();
    this.provider = selection.provider;
    this.service = new SearchService({
      db: () => store.db,
      endpoint: () => this.chroma.endpoint(),
      provider: selection.provider,
      logger: this.services.logger,
      roots: () => this.services.content.model.roots,
      embedBatchSize: EMBED_BATCH_SIZE,
    });
    this.serviceSubscription = this.service.onDidChangeStatus(() => this.changeEmitter.fire());
    this.logger.info(`search uses model ${selection.provider.id} with Chroma ${this.chroma.state.mode} ${this.chroma.state.url ?? '(not running)'}`);
    this.changeEmitter.fire();
  }
}
