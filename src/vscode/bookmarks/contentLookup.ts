import * as vscode from 'vscode';

import { ContentFileIndex, type ContentFile } from '../../core/bookmarks/contentFiles';
import type { ContentModel } from '../../core/content/model';

/** A ContentFileIndex that follows the current content model, rebuilt lazily after each change. */
export class ContentLookup {
  private index: ContentFileIndex | undefined;

  constructor(private readonly model: () => ContentModel) {}

  /** Drops the index; the next lookup rebuilds it from the current model. */
  invalidate(): void {
    this.index = undefined;
  }

  get current(): ContentFileIndex {
    const model = this.model();
    if (this.index === undefined || this.index.model !== model) {
      this.index = new ContentFileIndex(model);
    }
    return this.index;
  }

  lookupUri(uri: vscode.Uri): ContentFile | undefined {
    return uri.scheme === 'file' ? this.current.lookup(uri.fsPath) : undefined;
  }
}
