import * as vscode from 'vscode';

import type { ContentModel } from '../../core/content/model';
import { errorMessage } from '../../core/errors';
import type { Logger } from '../../core/log';
import type { SearchResult } from '../../core/search/searchService';
import type { Store } from '../../core/store/database';

export interface OpenResultDeps {
  readonly logger: Logger;
  readonly store: Store | undefined;
  readonly model: ContentModel;
}

/**
 * Opens a result's file with the cursor on its heading (or code fence) and
 * that line at the top of the editor. A research result also records a view
 * of its session.
 */
export async function openSearchResult(result: SearchResult, deps: OpenResultDeps): Promise<void> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(result.absolutePath));

  // The file may have shrunk since it was indexed.
  const line = Math.max(0, Math.min(result.line, document.lineCount - 1));
  const position = new vscode.Position(line, 0);
  const range = new vscode.Range(position, position);
  const editor = await vscode.window.showTextDocument(document, { selection: range, preview: false });
  editor.revealRange(range, vscode.TextEditorRevealType.AtTop);

  if (result.type === 'research' && result.session !== undefined) {
    recordResearchView(result.session, deps);
  }
}

function recordResearchView(sessionId: string, deps: OpenResultDeps): void {
  if (deps.store === undefined) {
    return;
  }
  const session = deps.model.research.find((candidate) => candidate.id === sessionId);
  const sessionPath = session?.relativePath ?? `research/${sessionId}`;
  try {
    deps.store.researchViews.record(sessionPath);
  } catch (error) {
    deps.logger.error(`[search] recording a view of research session ${sessionPath} failed: ${errorMessage(error)}`, error);
  }
}
