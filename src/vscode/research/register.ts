import * as vscode from 'vscode';

import { LunoError } from '../../core/errors';
import { withComponent } from '../../core/log';
import type { Store } from '../../core/store/database';
import { ContentLookup } from '../bookmarks/contentLookup';
import { Commands, TreeItemContexts, Views } from '../constants';
import { guardCommand } from '../errors';
import type { LunoServices } from '../services';
import { ResearchTreeProvider } from './researchView';
import { ResearchViewRecorder } from './viewRecorder';

/** How often the "viewed N min ago" descriptions are redrawn, in milliseconds. */
const RELATIVE_TIME_REFRESH_MS = 60_000;

/** Registers the Research view and the recording of research session views. */
export function registerResearch(context: vscode.ExtensionContext, services: LunoServices): void {
  const logger = withComponent(services.logger, 'research');
  const store = (): Store | undefined => services.store;
  const lookup = new ContentLookup(() => services.content.model);

  const tree = new ResearchTreeProvider(
    lookup,
    store,
    { openSessionCommand: Commands.openResearchSession, sessionContext: TreeItemContexts.researchSession },
    logger,
  );
  const recorder = new ResearchViewRecorder(lookup, store, logger);
  const timer = setInterval(() => tree.refresh(), RELATIVE_TIME_REFRESH_MS);

  context.subscriptions.push(
    tree,
    recorder,
    { dispose: () => clearInterval(timer) },
    vscode.window.createTreeView(Views.research, { treeDataProvider: tree, showCollapseAll: true }),
    services.content.onDidChange(() => {
      lookup.invalidate();
      tree.refresh();
    }),
  );

  const current = store();
  if (current !== undefined) {
    const changed = current.researchViews.onDidChange(() => tree.refresh());
    const reopened = current.onDidReopen(() => tree.refresh());
    context.subscriptions.push({ dispose: () => changed.dispose() }, { dispose: () => reopened.dispose() });
  }

  context.subscriptions.push(
    vscode.commands.registerCommand(
      Commands.openResearchSession,
      guardCommand(services.log, 'Could not open the research session', async (sessionId: string) => {
        const session = lookup.current.session(sessionId);
        const file = session?.files.find((candidate) => candidate.name.toLowerCase() === 'readme.md') ?? session?.files[0];
        if (file === undefined) {
          throw new LunoError(`Research session ${sessionId} has no markdown files to open.`);
        }
        await vscode.window.showTextDocument(vscode.Uri.file(file.absolutePath), { preview: false });
      }),
    ),
  );

  recorder.recordActive();
}
