import * as vscode from 'vscode';

import type { ContentModel } from '../../core/content/model';
import { EmbeddingError, errorMessage, VectorStoreError } from '../../core/errors';
import { withComponent, type Logger } from '../../core/log';
import type { IndexProgress, IndexSummary } from '../../core/search/indexer';
import type { SearchService } from '../../core/search/searchService';
import type { ContentChange } from '../contentWatcher';
import { reportError } from '../errors';
import type { ExtensionLog } from '../log';
import { IndexNotification } from './indexProgress';

export interface IndexControllerDeps {
  readonly log: ExtensionLog;
  /** The search service to index with; undefined while none exists (no database). */
  readonly service: () => SearchService | undefined;
  readonly model: () => ContentModel;
}

/** Wait after the last content change before the index follows it, in milliseconds. */
const CHANGE_DEBOUNCE_MS = 500;
/** A background run shows its notification only when it takes longer than this, in milliseconds. */
const BACKGROUND_NOTIFICATION_DELAY_MS = 1500;

type RunKind = 'index' | 'rebuild';

/**
 * Runs the search index in the background, one run at a time: full runs (at
 * start, after a full content scan, on "Rebuild Search Index") and file
 * re-indexes after saves, debounced. A cancelled or interrupted full run
 * resumes on the next one, because the core marks a section done only once it
 * is stored.
 */
export class IndexController implements vscode.Disposable {
  private readonly logger: Logger;
  private queue: Promise<void> = Promise.resolve();
  private running: AbortController | undefined;
  private runningProgress: IndexProgress | undefined;
  private pendingFiles = new Set<string>();
  private pendingFull = false;
  private timer: NodeJS.Timeout | undefined;
  private disposed = false;
  private lastFailure: string | undefined;
  private readonly changeEmitter = new vscode.EventEmitter<void>();

  /** Fires when a run starts, progresses or ends. */
  readonly onDidChange = this.changeEmitter.event;

  constructor(private readonly deps: IndexControllerDeps) {
    this.logger = withComponent(deps.log.logger, 'index-controller');
  }

  /** Progress of the full run going on now, if any. */
  get progress(): IndexProgress | undefined {
    return this.runningProgress;
  }

  /** Reason the last run failed, kept until a run succeeds. */
  get failure(): string | undefined {
    return this.lastFailure;
  }

  /** Queues a full run in the background; its notification appears when it takes more than a moment. */
  indexAll(): Promise<void> {
    return this.enqueue(() => this.runFull('index', BACKGROUND_NOTIFICATION_DELAY_MS));
  }

  /** Cancels what is running and queues a rebuild with its notification shown at once. */
  rebuild(): Promise<void> {
    this.cancel();
    return this.enqueue(() => this.runFull('rebuild', 0));
  }

  /** Follows a change of the content model, after a short debounce. */
  onContentChange(change: ContentChange): void {
    if (change.fullScan) {
      this.pendingFull = true;
    }
    for (const file of change.changedFiles) {
      this.pendingFiles.add(file);
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flushChanges(), CHANGE_DEBOUNCE_MS);
  }

  /** Aborts the run going on now; queued runs still start. */
  cancel(): void {
    this.running?.abort();
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    this.cancel();
    this.changeEmitter.dispose();
  }

  private flushChanges(): void {
    const files = [...this.pendingFiles];
    const full = this.pendingFull;
    this.pendingFiles = new Set();
    this.pendingFull = false;

    if (full) {
      void this.enqueue(() => this.runFull('index', BACKGROUND_NOTIFICATION_DELAY_MS));
    } else if (files.length > 0) {
      void this.enqueue(() => this.runFiles(files));
    }
  }

  /** Chains a run after the previous one; a failing run never stops later ones. */
  private enqueue(run: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(async () => {
      if (this.disposed) {
        return;
      }
      try {
        await run();
      } catch (error) {
        this.logger.error(`index run failed unexpectedly: ${errorMessage(error)}`, error);
      }
    });
    return this.queue;
  }

  private async runFull(kind: RunKind, notificationDelayMs: number): Promise<void> {
    const service = this.deps.service();
    if (service === undefined) {
      return;
    }

    const controller = new AbortController();
    this.running = controller;
    const title = kind === 'rebuild' ? 'Luno-AI: rebuilding the search index' : 'Luno-AI: indexing for search';
    const notification = new IndexNotification(title, controller, notificationDelayMs);
    const model = this.deps.model();
    const started = performance.now();
    this.runningProgress = { phase: 'reading', done: 0, total: 0 };
    this.changeEmitter.fire();

    try {
      const generator = kind === 'rebuild' ? service.rebuild(model, controller.signal) : service.index(model, controller.signal);
      let summary: IndexSummary | undefined;
      while (summary === undefined) {
        const next = await generator.next();
        if (next.done) {
          summary = next.value;
        } else {
          this.runningProgress = next.value;
          notification.update(next.value);
          this.changeEmitter.fire();
        }
      }

      this.lastFailure = undefined;
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      this.logger.info(
        `${kind} with model ${service.modelId} finished in ${seconds} s: ${summary.documents} sections, ${summary.embedded} embedded, ${summary.removed} removed`,
      );
      if (kind === 'rebuild') {
        void vscode.window.showInformationMessage(`Search index rebuilt in ${seconds} s: ${summary.documents} sections indexed.`);
      }
    } catch (error) {
      await this.onRunFailed(kind, service, controller, error);
    } finally {
      notification.finish();
      if (this.running === controller) {
        this.running = undefined;
      }
      this.runningProgress = undefined;
      this.changeEmitter.fire();
    }
  }

  private async onRunFailed(kind: RunKind, service: SearchService, controller: AbortController, error: unknown): Promise<void> {
    if (controller.signal.aborted) {
      this.logger.info(`${kind} with model ${service.modelId} was cancelled; the next run continues where it stopped`);
      return;
    }

    this.lastFailure = errorMessage(error);
    if (error instanceof VectorStoreError) {
      // Chroma down is shown by the status bar; search serves keyword results meanwhile.
      this.logger.warn(`${kind} with model ${service.modelId} stopped: ${this.lastFailure}`);
      if (kind === 'rebuild') {
        await reportError(this.deps.log, 'The search index could not be rebuilt', error, { warning: true });
      }
      return;
    }
    if (error instanceof EmbeddingError) {
      await reportError(this.deps.log, `Embedding with ${service.modelId} failed; search serves keyword results`, error, {
        warning: true,
      });
      return;
    }
    await reportError(this.deps.log, `The search index could not be ${kind === 'rebuild' ? 'rebuilt' : 'updated'}`, error);
  }

  private async runFiles(files: readonly string[]): Promise<void> {
    const service = this.deps.service();
    if (service === undefined) {
      return;
    }

    const controller = new AbortController();
    this.running = controller;
    const model = this.deps.model();
    try {
      for (const file of files) {
        const summary = await service.indexFile(file, model, controller.signal);
        this.logger.debug(`re-indexed ${file}: ${summary.saved} saved, ${summary.embedded} embedded, ${summary.removed} removed`);
      }
    } catch (error) {
      if (!controller.signal.aborted) {
        this.lastFailure = errorMessage(error);
        this.logger.warn(`re-indexing ${files.join(', ')} failed: ${this.lastFailure}`);
      }
    } finally {
      if (this.running === controller) {
        this.running = undefined;
      }
      this.changeEmitter.fire();
    }
  }
}
