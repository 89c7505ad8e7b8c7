import * as vscode from 'vscode';

import type { Logger } from '../../core/log';
import { reportError } from '../errors';
import type { ExtensionLog } from '../log';
import type { LabProgressService } from './labProgress';
import { parseWebviewMessage, type HostMessage, type WebviewMessage } from './messages';
import { buildLabPanelHtml, labWebviewOptions } from './webviewHtml';

/** Opens a lab's notebook with a code cell selected. */
export type OpenLabCell = (labId: string, key: string) => Promise<void>;

/**
 * One lab progress webview panel. The webview posts "ready" each time its page
 * loads (first open, shown again after being hidden, window reload), and the panel
 * replies with the current state, so progress that changed while it was hidden
 * shows at once. While visible, every change of the lab is posted as it happens.
 */
export class LabProgressPanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;
  private disposed = false;
  private readonly disposeEmitter = new vscode.EventEmitter<void>();

  readonly onDidDispose = this.disposeEmitter.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly labId: string,
    extensionUri: vscode.Uri,
    private readonly service: LabProgressService,
    private readonly log: ExtensionLog,
    private readonly openCell: OpenLabCell,
  ) {
    const lab = service.findLab(labId);
    const title = lab?.title ?? labId;

    panel.title = `Lab: ${title}`;
    panel.webview.options = labWebviewOptions(extensionUri);
    panel.webview.html = buildLabPanelHtml(panel.webview, extensionUri, title);

    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: unknown) => this.onMessage(message)),
      panel.onDidChangeViewState(() => {
        if (panel.visible) {
          void this.postState();
        }
      }),
      service.onDidChange((changedLabId) => {
        if (changedLabId === labId && panel.visible) {
          void this.postState();
        }
      }),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  private get logger(): Logger {
    return this.log.logger;
  }

  reveal(): void {
    this.panel.reveal();
  }

  /** Posts the current state. Nothing is posted before the page has sent "ready". */
  async postState(): Promise<void> {
    if (!this.ready || this.disposed) {
      return;
    }

    const state = await this.service.view(this.labId);
    const message: HostMessage = { type: 'state', state };
    if (!this.disposed) {
      await this.panel.webview.postMessage(message);
    }
  }

  dispose(): void {
    if (this.disposed) {
      return;
    }
    this.disposed = true;

    this.disposeEmitter.fire();
    vscode.Disposable.from(...this.disposables, this.disposeEmitter).dispose();
    this.panel.dispose();
  }

  private async onMessage(value: unknown): Promise<void> {
    const message = parseWebviewMessage(value);
    if (message === undefined) {
      this.logger.warn(`lab ${this.labId}: ignored an invalid webview message`, value);
      return;
    }

    try {
      await this.handle(message);
    } catch (error) {
      await reportError(this.log, `Lab ${this.labId}`, error);
      await this.postState();
    }
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        await this.postState();
        return;
      case 'openCell':
        await this.openCell(this.labId, message.key);
        return;
      case 'markCell':
        await this.service.markCell(this.labId, message.key, message.done);
        return;
      case 'reset':
        await this.confirmReset();
        return;
    }
  }

  private async confirmReset(): Promise<void> {
    const title = this.service.findLab(this.labId)?.title ?? this.labId;
    const choice = await vscode.window.showWarningMessage(
      `Reset the progress of every cell of "${title}"?`,
      { modal: true, detail: 'Runs and marks of this lab are cleared. The notebook itself is not changed.' },
      'Reset Lab',
    );
    if (choice === 'Reset Lab') {
      this.service.resetLab(this.labId);
    }
  }
}
