import * as vscode from 'vscode';

import { parseMarkdown } from '../../core/content/markdown';
import type { Section } from '../../core/content/model';

/**
 * Headings of open markdown documents, parsed from the editor text (so they
 * follow edits before a save) and cached per document URI and version.
 */
export class HeadingCache implements vscode.Disposable {
  private readonly entries = new Map<string, { version: number; sections: readonly Section[] }>();
  private readonly subscription: vscode.Disposable;

  constructor() {
    this.subscription = vscode.workspace.onDidCloseTextDocument((document) => this.entries.delete(document.uri.toString()));
  }

  sections(document: vscode.TextDocument): readonly Section[] {
    const key = document.uri.toString();
    const cached = this.entries.get(key);
    if (cached !== undefined && cached.version === document.version) {
      return cached.sections;
    }

    const sections = parseMarkdown(document.getText()).sections;
    this.entries.set(key, { version: document.version, sections });
    return sections;
  }

  dispose(): void {
    this.subscription.dispose();
    this.entries.clear();
  }
}
