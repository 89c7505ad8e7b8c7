import * as vscode from 'vscode';

import type { IndexProgress } from '../../core/search/indexer';
import { describeProgress, progressPercent } from './searchText';

/**
 * A cancellable progress notification for one index run. It appears only
 * after `delayMs`, so a run with nothing to do never flashes a toast; Cancel
 * aborts `controller`.
 */
export class IndexNotification {
  private progress: vscode.Progress<{ message?: string; increment?: number }> | undefined;
  private resolveShown: (() => void) | undefined;
  private readonly timer: NodeJS.Timeout;
  private reported = 0;
  private latest: IndexProgress | undefined;
  private finished = false;

  constructor(
    private readonly title: string,
    private readonly controller: AbortController,
    delayMs: number,
  ) {
    this.timer = setTimeout(() => this.show(), delayMs);
  }

  update(progress: IndexProgress): void {
    this.latest = progress;
    this.report();
  }

  /** Closes the notification, or keeps it from appearing. */
  finish(): void {
    this.finished = true;
    clearTimeout(this.timer);
    this.resolveShown?.();
  }

  private show(): void {
    if (this.finished) {
      return;
    }
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: this.title, cancellable: true },
      (progress, token) => {
        this.progress = progress;
        token.onCancellationRequested(() => this.controller.abort());
        this.report();
        return new Promise<void>((resolve) => {
          this.resolveShown = resolve;
        });
      },
    );
  }

  private report(): void {
    if (this.progress === undefined || this.latest === undefined) {
      return;
    }
    const percent = progressPercent(this.latest);
    const increment = Math.max(0, percent - this.reported);
    this.reported = Math.max(this.reported, percent);
    this.progress.report({ message: `${percent}% — ${describeProgress(this.latest)}`, increment });
  }
}
