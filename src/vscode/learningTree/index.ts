import * as vscode from 'vscode';

import type { ContentModel } from '../../core/content/model';
import type { ProgressRepository } from '../../core/store/progress';
import { ContextKeys, Views } from '../constants';
import { reportError } from '../errors';
import type { ExtensionLog } from '../log';
import type { LunoServices } from '../services';
import { registerTechnologyCommands } from './commands';
import { technologyLabel } from './itemText';
import type { LayerNode, LearningNode } from './nodes';
import { LearningTreeProvider } from './provider';
import { registerViewCommands } from './viewCommands';

/**
 * Registers the Learning view: domains, technologies and layers with checkboxes
 * that write progress at once, its title-bar and context-menu commands, and the
 * context keys its welcome view and toggles read.
 */
export function registerLearningTree(context: vscode.ExtensionContext, services: LunoServices): void {
  const { log, store, content } = services;
  const progress = store?.progress;

  const provider = new LearningTreeProvider(progress, log.logger);
  const treeView = vscode.window.createTreeView<LearningNode>(Views.learning, {
    treeDataProvider: provider,
    showCollapseAll: true,
    manageCheckboxStateManually: true,
  });

  context.subscriptions.push(
    provider,
    treeView,
    registerViewCommands({ log, provider, content, settings: store?.settings, onDidReopenStore: store?.onDidReopen }),
    registerTechnologyCommands({ log, provider, progress }),
    content.onDidChange((change) => showModel(provider, change.model)),
    treeView.onDidChangeCheckboxState((event) => {
      for (const [node, state] of event.items) {
        if (node.kind === 'layer') {
          writeLayer(log, provider, progress, node, state === vscode.TreeItemCheckboxState.Checked);
        }
      }
    }),
  );

  if (store) {
    context.subscriptions.push(
      store.progress.onDidChange((ref) => provider.technologyChanged(ref.domain, ref.technology)),
      store.onDidReopen(() => provider.reloadProgress()),
    );
  }

  void vscode.commands.executeCommand('setContext', ContextKeys.progressAvailable, store !== undefined);
  showModel(provider, content.model);
}

function showModel(provider: LearningTreeProvider, model: ContentModel): void {
  provider.setModel(model);

  void vscode.commands.executeCommand('setContext', ContextKeys.hasContent, model.domains.length > 0);
  void vscode.commands.executeCommand('setContext', ContextKeys.contentScanned, true);
}

/** Stores a checkbox change; on failure redraws the technology so the checkbox shows the stored state again. */
function writeLayer(
  log: ExtensionLog,
  provider: LearningTreeProvider,
  progress: ProgressRepository | undefined,
  node: LayerNode,
  completed: boolean,
): void {
  const { technology } = node.parent;
  const ref = { domain: technology.domainId, technology: technology.id };
  const label = `L${node.layer.number} of ${technologyLabel(technology)}`;

  try {
    if (!progress) {
      throw new Error('Progress is unavailable because luno.db could not be opened');
    }

    progress.setLayerCompleted(ref, node.layer.number, completed);
    log.logger.info(
      `[learning] ${ref.domain}/${ref.technology} L${node.layer.number} ${completed ? 'completed' : 'not completed'}`,
    );
  } catch (error) {
    provider.technologyChanged(ref.domain, ref.technology);
    void reportError(log, `Could not save the progress of ${label}`, error);
  }
}
