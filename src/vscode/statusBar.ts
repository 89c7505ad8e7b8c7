import * as vscode from 'vscode';

import { Commands } from './constants';
import { technologyRefs } from './progressSummaryMarkdown';
import type { LunoServices } from './services';

const ITEM_ID = 'luno.progress';

/**
 * Registers the status-bar item with overall progress (`$(mortar-board) 12/300 layers · 4%`).
 * Clicking it opens the progress summary. Hidden while the workspace has no PRDs.
 */
export function registerStatusBar(context: vscode.ExtensionContext, services: LunoServices): void {
  const item = vscode.window.createStatusBarItem(ITEM_ID, vscode.StatusBarAlignment.Left, 10);
  item.name = 'Luno-AI Progress';
  item.command = Commands.showProgressSummary;

  const update = (): void => updateItem(item, services);

  context.subscriptions.push(item, services.content.onDidChange(update));
  if (services.store) {
    context.subscriptions.push(services.store.progress.onDidChange(update), services.store.onDidReopen(update));
  }

  update();
}

function updateItem(item: vscode.StatusBarItem, services: LunoServices): void {
  const refs = technologyRefs(services.content.model);
  if (refs.length === 0) {
    item.hide();
    return;
  }

  const { store } = services;
  if (!store) {
    item.text = '$(mortar-board) progress unavailable';
    item.tooltip = 'Luno-AI progress is unavailable because its database could not be opened. Click for details.';
    item.accessibilityInformation = { label: 'Luno-AI progress unavailable' };
    item.show();
    return;
  }

  try {
    const { overall } = store.progress.summary(refs);
    const percentage = Math.round(overall.percentage);

    item.text = `$(mortar-board) ${overall.completedLayers}/${overall.totalLayers} layers · ${percentage}%`;
    item.tooltip = `Luno-AI: ${overall.completedLayers} of ${overall.totalLayers} layers completed across ${overall.technologies} technologies. Click for the progress summary.`;
    item.accessibilityInformation = {
      label: `Luno-AI progress, ${overall.completedLayers} of ${overall.totalLayers} layers completed, ${percentage} percent`,
    };
  } catch (error) {
    services.logger.error('[status-bar] reading the progress summary failed', error);
    item.text = '$(mortar-board) progress unavailable';
    item.tooltip = 'Reading Luno-AI progress failed. Click for details; the log has the error.';
    item.accessibilityInformation = { label: 'Luno-AI progress unavailable' };
  }
  item.show();
}
