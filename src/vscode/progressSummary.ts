import * as vscode from 'vscode';

import { errorMessage } from '../core/errors';
import { Commands, SUMMARY_SCHEME } from './constants';
import { guardCommand } from './errors';
import { renderProgressSummary, technologyRefs } from './progressSummaryMarkdown';
import type { LunoServices } from './services';

/** The one summary document; the Markdown preview shows it read-only. */
const SUMMARY_URI = vscode.Uri.from({ scheme: SUMMARY_SCHEME, path: '/Luno-AI Progress.md' });

/** Number of completed layers listed under "Recent activity". */
const RECENT_LIMIT = 15;

/**
 * Serves the progress summary as a virtual Markdown document and redraws it when
 * progress or content changes, so an open preview stays current.
 */
class ProgressSummaryDocument implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changeEmitter.event;

  constructor(private readonly services: LunoServices) {}

  provideTextDocumentContent(): string {
    const { store, content } = this.services;
    const model = content.model;

    if (!store) {
      return renderProgressSummary({
        model,
        summary: undefined,
        recent: [],
        unavailableReason: `${this.services.databaseFile} could not be opened (${errorMessage(this.services.storeError)})`,
      });
    }

    try {
      const summary = store.progress.summary(technologyRefs(model));
      const recent = store.progress.recentActivity(RECENT_LIMIT);
      return renderProgressSummary({ model, summary, recent });
    } catch (error) {
      this.services.logger.error('[summary] reading progress for the summary failed', error);
      return renderProgressSummary({ model, summary: undefined, recent: [], unavailableReason: errorMessage(error) });
    }
  }

  update(): void {
    this.changeEmitter.fire(SUMMARY_URI);
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}

/** Registers "Luno: Show Progress Summary" and the document behind it. */
export function registerProgressSummary(context: vscode.ExtensionContext, services: LunoServices): void {
  const document = new ProgressSummaryDocument(services);
  const update = (): void => document.update();

  context.subscriptions.push(
    document,
    vscode.workspace.registerTextDocumentContentProvider(SUMMARY_SCHEME, document),
    services.content.onDidChange(update),
    vscode.commands.registerCommand(
      Commands.showProgressSummary,
      guardCommand(services.log, 'Could not show the progress summary', () => showSummary()),
    ),
  );

  if (services.store) {
    context.subscriptions.push(services.store.progress.onDidChange(update), services.store.onDidReopen(update));
  }
}

/** Opens the summary in the Markdown preview; without the Markdown extension, as a read-only editor. */
async function showSummary(): Promise<void> {
  const commands = await vscode.commands.getCommands(true);
  if (commands.includes('markdown.showPreview')) {
    await vscode.commands.executeCommand('markdown.showPreview', SUMMARY_URI);
    return;
  }

  const textDocument = await vscode.workspace.openTextDocument(SUMMARY_URI);
  await vscode.window.showTextDocument(textDocument, { preview: true });
}
