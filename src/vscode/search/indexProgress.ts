import * as vscode from 'vscode';

import type { IndexProgress } from '../../core/search/indexer';

/** Share of a full run each phase covers, in percent: embedding takes most of the time. */
const PHASE_SPANS: Readonly<Record<IndexProgress['phase'], readonly [start: number, end: number]>> = {
  reading: [0, 5],
  keywords: [5, 20],
  vectors: [20, 100],
  done: [100, 100],
};

/** Returns the overall percentage (0-100, whole numbers) of a full run at `progress`. */
export function progressPercent(progress: IndexProgress): number {
  const [start, end] = PHASE_SPANS[progress.phase];
  const fraction = progress.total > 0 ? Math.min(1, progress.done / progress.total) : 0;
  return Math.floor(start + (end - start) * fraction);
}

/** Returns a short description of the phase, for the notification and the status-bar tooltip. */
export function describeProgress(progress: IndexProgress): string {
  switch (progress.phase) {
    case 'reading':
      return 'reading the content';
    case 'keywords':
      return `keyword index ${progress.done}/${progress.total} sections`;
    case 'vectors':
      return `embedding ${progress.done}/${progress.total} sections`;
    case 'done':
      return `${progress.total} sections indexed`;
  }
}

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
