import * as vscode from 'vscode';

import { Commands, TreeItemContexts } from '../constants';
import { domainText, layerText, technologyText, type ItemText } from './itemText';
import type { DomainNode, LayerNode, LearningNode, RootNode, TechnologyNode } from './nodes';
import type { ProgressIndex } from './progressIndex';

/** State the item builders read besides the node itself. */
export interface TreeItemState {
  readonly progress: ProgressIndex;
  /** False while luno.db is unavailable: layers show no checkbox and technologies no progress actions. */
  readonly progressAvailable: boolean;
}

/** Builds the VS Code tree item of a Learning view node. */
export function toTreeItem(node: LearningNode, state: TreeItemState): vscode.TreeItem {
  switch (node.kind) {
    case 'root':
      return rootItem(node);
    case 'domain':
      return domainItem(node, state);
    case 'technology':
      return technologyItem(node, state);
    case 'layer':
      return layerItem(node, state);
  }
}

function rootItem(node: RootNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.root.name, vscode.TreeItemCollapsibleState.Expanded);
  item.id = node.id;
  item.description = node.root.path;
  item.tooltip = node.root.path;
  item.iconPath = new vscode.ThemeIcon('root-folder');
  item.accessibilityInformation = { label: `Content folder ${node.root.name}, ${node.children.length} domains` };
  return item;
}

function domainItem(node: DomainNode, state: TreeItemState): vscode.TreeItem {
  const text = domainText(node.domain, state.progressAvailable ? state.progress : undefined);

  const item = withText(new vscode.TreeItem(text.label, vscode.TreeItemCollapsibleState.Collapsed), text);
  item.id = node.id;
  item.contextValue = TreeItemContexts.domain;
  item.iconPath = new vscode.ThemeIcon('library');
  return item;
}

function technologyItem(node: TechnologyNode, state: TreeItemState): vscode.TreeItem {
  const { technology } = node;
  const text = technologyText(technology, state.progressAvailable ? state.progress : undefined);

  const item = withText(new vscode.TreeItem(text.label, vscode.TreeItemCollapsibleState.Collapsed), text);
  item.id = node.id;
  item.resourceUri = vscode.Uri.file(technology.absolutePath);
  item.contextValue = state.progressAvailable ? TreeItemContexts.technology : TreeItemContexts.technologyReadOnly;

  const done = state.progress.completedCount(technology.domainId, technology.id);
  item.iconPath = new vscode.ThemeIcon(done === technology.layers.length ? 'pass-filled' : 'book');
  return item;
}

function layerItem(node: LayerNode, state: TreeItemState): vscode.TreeItem {
  const { layer } = node;
  const { technology } = node.parent;
  const completed = state.progress.isCompleted(technology.domainId, technology.id, layer.number);
  const text = layerText(layer, state.progressAvailable ? completed : undefined);

  const item = withText(new vscode.TreeItem(text.label, vscode.TreeItemCollapsibleState.None), text);
  item.id = node.id;
  item.contextValue = TreeItemContexts.layer;

  if (state.progressAvailable) {
    item.checkboxState = {
      state: completed ? vscode.TreeItemCheckboxState.Checked : vscode.TreeItemCheckboxState.Unchecked,
      tooltip: completed ? `Mark ${text.label} as not completed` : `Mark ${text.label} as completed`,
      accessibilityInformation: { label: text.accessibilityLabel },
    };
  }

  item.command = {
    command: Commands.openAtLine,
    title: 'Open Layer',
    arguments: [vscode.Uri.file(technology.absolutePath), layer.line],
  };
  return item;
}

function withText(item: vscode.TreeItem, text: ItemText): vscode.TreeItem {
  item.description = text.description;
  item.tooltip = text.tooltip;
  item.accessibilityInformation = { label: text.accessibilityLabel };
  return item;
}
