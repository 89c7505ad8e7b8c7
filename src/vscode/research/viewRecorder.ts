import * as vscode from 'vscode';

import type { Logger } from '../../core/log';
import type { Store } from '../../core/store/database';
import type { ContentLookup } from '../bookmarks/contentLookup';

/**
 * Records a `research_views` row when a file of a research session becomes the
 * active editor or tab, however it was opened (Research view, search, Explorer,
 * quick open). The repository keeps at most one row per session per five minutes.
 */
export class ResearchViewRecorder implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly lookup: ContentLookup,
    private readonly store: () => Store | undefined,
    private readonly logger: Logger,
  ) {
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor !== undefined) {
          this.recordUri(editor.document.uri);
        }
      }),
      vscode.window.tabGroups.onDidChangeTabs((event) => {
        for (const tab of [...event.opened, ...event.changed]) {
          if (tab.isActive) {
            this.recordTab(tab);
          }
        }
      }),
    );
  }

  /** Records the editor that is active now, for example when the extension starts with one open. */
  recordActive(): void {
    const active = vscode.window.tabGroups.activeTabGroup.activeTab;
    if (active !== undefined) {
      this.recordTab(active);
    }
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }

  private recordTab(tab: vscode.Tab): void {
    const uri = uriOfTab(tab);
    if (uri !== undefined) {
      this.recordUri(uri);
    }
  }

  private recordUri(uri: vscode.Uri): void {
    const file = this.lookup.lookupUri(uri);
    const store = this.store();
    if (file?.kind !== 'research' || store === undefined) {
      return;
    }

    const sessionPath = file.session.relativePath;
    try {
      if (store.researchViews.record(sessionPath)) {
        this.logger.info(`recorded a view of ${sessionPath} (${file.name})`);
      }
    } catch (error) {
      this.logger.error(`could not record a view of ${sessionPath}`, error);
    }
  }
}

function uriOfTab(tab: vscode.Tab): vscode.Uri | undefined {
  const input = tab.input;
  if (input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom || input instanceof vscode.TabInputNotebook) {
    return input.uri;
  }
  if (input instanceof vscode.TabInputTextDiff || input instanceof vscode.TabInputNotebookDiff) {
    return input.modified;
  }
  return undefined;
}
