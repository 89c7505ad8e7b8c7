import * as vscode from 'vscode';

import { LAB_PROGRESS_VIEW_TYPE } from '../constants';
import type { ExtensionLog } from '../log';
import type { LabProgressService } from './labProgress';
import { persistedLabId } from './messages';
import { LabProgressPanel, type OpenLabCell } from './progressPanel';
import { labWebviewOptions } from './webviewHtml';


/** Keeps one progress panel per lab and restores panels after a window reload. */
export class LabPanels implements vscode.Disposable, vscode.WebviewPanelSerializer {
  private readonly panels = new Map<string, LabProgressPanel>();
  private readonly registration: vscode.Disposable;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly service: LabProgressService,
    private readonly log: ExtensionLog,
    private readonly openCell: OpenLabCell,
  ) {
    this.registration = vscode.window.registerWebviewPanelSerializer(LAB_PROGRESS_VIEW_TYPE, this);
  }

  /** Shows the progress panel of a lab, creating it when needed. */
  show(labId: string): LabProgressPanel {
    const existing = this.panels.get(labId);
    if (existing !== undefined) {
      existing.reveal();
      return existing;
    }

    const panel = vscode.window.createWebviewPanel(
      LAB_PROGRESS_VIEW_TYPE,
      `Lab: ${labId}`,
      vscode.ViewColumn.Active,
      labWebviewOptions(this.extensionUri),
    );
    return this.track(panel, labId);
  }

  /** Restores a panel after a reload from the state its webview saved with setState. */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const labId = persistedLabId(state);
    if (labId === undefined) {
      this.log.logger.warn('a lab progress panel was restored without a lab id; closing it');
      panel.dispose();
      return;
    }

    const existing = this.panels.get(labId);
    if (existing !== undefined) {
      panel.dispose();
      existing.reveal();
      return;
    }

    this.log.logger.info(`lab ${labId}: progress panel restored`);
    this.track(panel, labId);
  }

  dispose(): void {
    this.registration.dispose();
    for (const panel of [...this.panels.values()]) {
      panel.dispose();
    }
    this.panels.clear();
  }

  private track(webviewPanel: vscode.WebviewPanel, labId: string): LabProgressPanel {
    const panel = new LabProgressPanel(webviewPanel, labId, this.extensionUri, this.service, this.log, this.openCell);
    this.panels.set(labId, panel);

    panel.onDidDispose(() => {
      if (this.panels.get(labId) === panel) {
        this.panels.delete(labId);
      }
    });
    return panel;
  }
}
