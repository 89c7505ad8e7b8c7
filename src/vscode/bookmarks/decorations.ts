import * as vscode from 'vscode';

import type { Logger } from '../../core/log';
import type { Store } from '../../core/store/database';
import type { ContentLookup } from './contentLookup';

/**
 * Marks PRD files that have bookmarks with a badge. Tree items with a
 * `resourceUri` show file decorations, so the technology rows of the Learning
 * view get the mark, and so does the file in the Explorer.
 */
export class BookmarkDecorationProvider implements vscode.FileDecorationProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri | vscode.Uri[] | undefined>();

  readonly onDidChangeFileDecorations = this.changed.event;

  constructor(
    private readonly lookup: ContentLookup,
    private readonly store: () => Store | undefined,
    private readonly logger: Logger,
  ) {}

  /** Redraws every decoration, after bookmarks or the content changed. */
  refresh(): void {
    this.changed.fire(undefined);
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    const file = this.lookup.lookupUri(uri);
    const store = this.store();
    if (file?.kind !== 'technology' || store === undefined) {
      return undefined;
    }

    let count = 0;
    try {
      count = store.bookmarks.forTechnology({ domain: file.technology.domainId, technology: file.technology.id }).length;
    } catch (error) {
      this.logger.error(`could not count the bookmarks of ${file.technology.domainId}/${file.technology.id}`, error);
      return undefined;
    }

    if (count === 0) {
      return undefined;
    }
    return {
      badge: '★',
      tooltip: count === 1 ? '1 bookmark' : `${count} bookmarks`,
      propagate: false,
    };
  }

  dispose(): void {
    this.changed.dispose();
  }
}
