import * as vscode from 'vscode';

import { Commands } from '../constants';
import type { ChromaLifecycle } from './chromaLifecycle';
import type { IndexController } from './indexController';
import { describeProgress, progressPercent } from './searchText';
import type { SearchRuntime } from './searchRuntime';

const ITEM_ID = 'luno.search';

/** Shortest time between two status refreshes, in milliseconds: each one sends a heartbeat to Chroma. */
const REFRESH_THROTTLE_MS = 250;

/**
 * The search status-bar item: `$(search) Indexing 40%` while a full run goes
 * on, then `$(search) Search ready` or `$(warning) Keyword search only` with
 * the reason in the tooltip. Clicking it opens "Luno: Search".
 */
export class SearchStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(ITEM_ID, vscode.StatusBarAlignment.Left, 9);
  private readonly subscriptions: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private refreshing = false;
  private refreshAgain = false;
  private disposed = false;

  constructor(
    private readonly runtime: SearchRuntime,
    private readonly indexer: IndexController,
    private readonly chroma: ChromaLifecycle,
    private readonly storeAvailable: boolean,
  ) {
    this.item.name = 'Luno-AI Search';
    this.item.command = Commands.search;
    this.subscriptions.push(
      this.item,
      runtime.onDidChange(() => this.schedule()),
      indexer.onDidChange(() => this.schedule()),
      chroma.onDidChange(() => this.schedule()),
    );
    this.show('$(search) Starting search…', 'Starting Chroma and the search index.');
  }

  /** Recomputes the item soon; calls close together are merged. */
  schedule(): void {
    if (this.timer !== undefined || this.disposed) {
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, REFRESH_THROTTLE_MS);
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    vscode.Disposable.from(...this.subscriptions).dispose();
  }

  private async refresh(): Promise<void> {
    if (this.refreshing) {
      this.refreshAgain = true;
      return;
    }
    this.refreshing = true;
    try {
      await this.update();
    } finally {
      this.refreshing = false;
      if (this.refreshAgain) {
        this.refreshAgain = false;
        this.schedule();
      }
    }
  }

  private async update(): Promise<void> {
    if (!this.storeAvailable) {
      this.show('$(warning) Search unavailable', 'Search needs luno.db, which could not be opened. See the Luno-AI log.');
      return;
    }

    const progress = this.indexer.progress;
    if (progress !== undefined) {
      this.show(`$(search) Indexing ${progressPercent(progress)}%`, `Building the search index: ${describeProgress(progress)}. Search serves keyword results meanwhile.`);
      return;
    }

    const chroma = this.chroma.state;
    const status = await this.runtime.status();
    if (this.disposed) {
      return;
    }
    if (status === undefined || chroma.state === 'starting') {
      this.show('$(search) Starting search…', 'Starting Chroma and the search index.');
      return;
    }

    const lines = [`${status.documents} sections indexed with ${status.model}.`, `Chroma: ${chroma.url ?? 'not running'} (${chroma.mode}).`];
    if (this.runtime.providerFallback !== undefined) {
      lines.push(this.runtime.providerFallback);
    }
    if (status.vectorsReady) {
      this.show('$(search) Search ready', [...lines, 'Click to search.'].join('\n'));
      return;
    }

    const problem = chroma.problem ?? this.indexer.failure;
    const reason = problem !== undefined ? `Semantic search unavailable: ${problem}` : (status.note ?? 'Semantic search is unavailable.');
    this.show('$(warning) Keyword search only', [reason, ...lines, 'Click to search.'].join('\n'));
  }

  private show(text: string, tooltip: string): void {
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label: `Luno-AI: ${text.replace(/\$\([^)]*\)\s*/g, '')}` };
    this.item.show();
  }
}
