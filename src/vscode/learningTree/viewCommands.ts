import * as vscode from 'vscode';

import type { Event } from '../../core/events';
import type { SettingsRepository } from '../../core/store/settings';
import { Commands, ContextKeys } from '../constants';
import type { ContentWatcher } from '../contentWatcher';
import { guardCommand } from '../errors';
import type { ExtensionLog } from '../log';
import type { LearningTreeProvider } from './provider';

export interface ViewCommandDeps {
  readonly log: ExtensionLog;
  readonly provider: LearningTreeProvider;
  readonly content: ContentWatcher;
  /** Undefined while luno.db is unavailable; the toggle then lasts for the session only. */
  readonly settings: SettingsRepository | undefined;
  /** Fires after a restore replaced the database, whose settings may differ. */
  readonly onDidReopenStore: Event<void> | undefined;
}

/**
 * Registers the title-bar commands (refresh, show or hide completed layers) and the
 * internal command that opens a PRD at a line. Also keeps the `showCompletedLayers`
 * user setting, the tree and the context key in step.
 */
export function registerViewCommands(deps: ViewCommandDeps): vscode.Disposable {
  const { log, provider, content, settings } = deps;
  const disposables: vscode.Disposable[] = [];

  applyShowCompleted(provider, readShowCompleted(deps));
  if (settings) {
    disposables.push(settings.onDidChange((value) => applyShowCompleted(provider, value.showCompletedLayers)));
  }
  if (deps.onDidReopenStore) {
    disposables.push(deps.onDidReopenStore(() => applyShowCompleted(provider, readShowCompleted(deps))));
  }

  const setShowCompleted = (show: boolean): void => {
    if (settings) {
      // The settings listener applies the new value to the tree and the context key.
      settings.update({ showCompletedLayers: show });
    } else {
      applyShowCompleted(provider, show);
    }
    log.logger.info(`[learning] completed layers ${show ? 'shown' : 'hidden'}`);
  };

  disposables.push(
    vscode.commands.registerCommand(
      Commands.refresh,
      guardCommand(log, 'Could not refresh the Learning view', () => refresh(content)),
    ),
    vscode.commands.registerCommand(
      Commands.toggleCompletedLayers,
      guardCommand(log, 'Could not change the completed-layers setting', () =>
        setShowCompleted(!provider.showCompletedLayers),
      ),
    ),
    vscode.commands.registerCommand(
      Commands.showCompletedLayers,
      guardCommand(log, 'Could not show completed layers', () => setShowCompleted(true)),
    ),
    vscode.commands.registerCommand(
      Commands.hideCompletedLayers,
      guardCommand(log, 'Could not hide completed layers', () => setShowCompleted(false)),
    ),
    vscode.commands.registerCommand(
      Commands.openAtLine,
      guardCommand(log, 'Could not open the PRD', (uri: vscode.Uri, line: number) => openAtLine(uri, line)),
    ),
  );

  return vscode.Disposable.from(...disposables);
}

function readShowCompleted(deps: ViewCommandDeps): boolean {
  if (!deps.settings) {
    return true;
  }

  try {
    return deps.settings.get().showCompletedLayers;
  } catch (error) {
    deps.log.logger.error('[learning] reading the showCompletedLayers setting failed; showing completed layers', error);
    return true;
  }
}

function applyShowCompleted(provider: LearningTreeProvider, show: boolean): void {
  provider.setShowCompletedLayers(show);
  void vscode.commands.executeCommand('setContext', ContextKeys.showCompletedLayers, show);
}

/**
 * Scans the content again, with a progress indicator in the status bar. The tree
 * rereads all progress when the new model arrives, so changes made outside this
 * window (the luno CLI) show too.
 */
async function refresh(content: ContentWatcher): Promise<void> {
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'Luno-AI: scanning content' },
    () => content.rescan(),
  );
}

/** Time to wait for a newly opened editor's first layout before giving up on re-revealing, in milliseconds. */
const FIRST_LAYOUT_WAIT_MS = 3000;

/** Opens a file with `line` (0-based) selected and scrolled to the top of the editor. */
async function openAtLine(uri: vscode.Uri, line: number): Promise<void> {
  const position = new vscode.Position(Math.max(0, line), 0);
  const range = new vscode.Range(position, position);

  const editor = await vscode.window.showTextDocument(uri, { selection: range, preview: true });
  editor.revealRange(range, vscode.TextEditorRevealType.AtTop);
  revealAgainAfterFirstLayout(editor, range);
}

/**
 * Reveals `range` at the top once more on the editor's first visible-range change.
 * In VS Code 1.100 a reveal sent right after opening an editor is lost when the editor
 * has not been laid out yet, and the selection ends up centred instead. A second
 * reveal is a no-op when the first one took effect.
 */
function revealAgainAfterFirstLayout(editor: vscode.TextEditor, range: vscode.Range): void {
  const listener = vscode.window.onDidChangeTextEditorVisibleRanges((event) => {
    if (event.textEditor === editor) {
      stop();
      editor.revealRange(range, vscode.TextEditorRevealType.AtTop);
    }
  });
  const timer = setTimeout(() => stop(), FIRST_LAYOUT_WAIT_MS);

  function stop(): void {
    clearTimeout(timer);
    listener.dispose();
  }
}
