import { stat } from 'node:fs/promises';
import * as vscode from 'vscode';

import type { Lab } from '../../core/content/model';
import { ContentFileIndex } from '../../core/bookmarks/contentFiles';
import { LunoError } from '../../core/errors';
import { withComponent } from '../../core/log';
import { Commands, TreeItemContexts, Views } from '../constants';
import { guardCommand } from '../errors';
import type { LunoServices } from '../services';
import { LabPanels } from './labPanels';
import { LabProgressService } from './labProgress';
import { LabsTreeProvider } from './labsView';
import { NotebookExecutionTracker, openLabCell } from './notebookTracker';

/** Registers the Labs view, the lab progress webview (with its reload serializer) and the notebook run tracker. */
export function registerLabs(context: vscode.ExtensionContext, services: LunoServices): void {
  const logger = withComponent(services.logger, 'labs');
  const service = new LabProgressService({ store: () => services.store, model: () => services.content.model, logger });

  let index = new ContentFileIndex(services.content.model);
  const labAt = (absolutePath: string): Lab | undefined => {
    if (index.model !== services.content.model) {
      index = new ContentFileIndex(services.content.model);
    }
    const file = index.lookup(absolutePath);
    return file?.kind === 'lab' ? file.lab : undefined;
  };

  const requireLab = (labId: string): Lab => {
    const lab = service.findLab(labId);
    if (lab === undefined) {
      throw new LunoError(`Lab ${labId} was not found under labs/. Refresh the Labs view.`);
    }
    return lab;
  };

  const panels = new LabPanels(context.extensionUri, service, services.log, (labId, key) => openLabCell(requireLab(labId), key));
  const tree = new LabsTreeProvider(service, {
    showProgressCommand: Commands.showLabProgress,
    labContext: TreeItemContexts.lab,
    invalidLabContext: TreeItemContexts.invalidLab,
  });
  tree.setModel(services.content.model);
  const fileVersions = new Map<string, string>();
  void notifyChangedNotebooks(services.content.model.labs, fileVersions, service);

  context.subscriptions.push(
    service,
    panels,
    tree,
    new NotebookExecutionTracker(service, labAt, logger),
    vscode.window.createTreeView(Views.labs, { treeDataProvider: tree, showCollapseAll: true }),
    services.content.onDidChange((change) => {
      tree.setModel(change.model);
      void notifyChangedNotebooks(change.model.labs, fileVersions, service);
    }),
  );

  if (services.store !== undefined) {
    context.subscriptions.push(service.watchStore(services.store));
  }

  const command = (id: string, failure: string, handler: (...args: never[]) => unknown): void => {
    context.subscriptions.push(vscode.commands.registerCommand(id, guardCommand(services.log, failure, handler)));
  };

  command(Commands.showLabProgress, 'Could not show the lab progress', async (argument?: unknown) => {
    const labId = labIdOf(argument) ?? activeLabId(labAt) ?? (await pickLab(services.content.model.labs));
    if (labId !== undefined) {
      requireLab(labId);
      panels.show(labId);
    }
  });

  command(Commands.openLabNotebook, 'Could not open the lab notebook', async (argument?: unknown) => {
    const labId = labIdOf(argument) ?? (await pickLab(services.content.model.labs));
    if (labId !== undefined) {
      await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(requireLab(labId).absolutePath));
    }
  });

  command(Commands.resetLabProgress, 'Could not reset the lab', async (argument?: unknown) => {
    const labId = labIdOf(argument) ?? (await pickLab(services.content.model.labs));
    if (labId === undefined) {
      return;
    }

    const lab = requireLab(labId);
    const choice = await vscode.window.showWarningMessage(
      `Reset the progress of every cell of "${lab.title}"?`,
      { modal: true, detail: 'Runs and marks of this lab are cleared. The notebook itself is not changed.' },
      'Reset Lab',
    );
    if (choice === 'Reset Lab') {
      service.resetLab(labId);
    }
  });
}

/**
 * Tells listeners about labs whose notebook file changed on disk since the last
 * call (by modification time and size), so a rescan redraws only those rows.
 */
async function notifyChangedNotebooks(labs: readonly Lab[], versions: Map<string, string>, service: LabProgressService): Promise<void> {
  for (const lab of labs) {
    let version: string;
    try {
      const info = await stat(lab.absolutePath);
      version = `${info.mtimeMs}:${info.size}`;
    } catch {
      version = 'missing';
    }

    if (versions.get(lab.absolutePath) !== version) {
      const known = versions.has(lab.absolutePath);
      versions.set(lab.absolutePath, version);
      if (known) {
        service.notifyCellsChanged(lab.id);
      }
    }
  }
}

/** Accepts a lab id, or a Labs view node ({ kind: 'lab', lab }). */
function labIdOf(argument: unknown): string | undefined {
  if (typeof argument === 'string' && argument !== '') {
    return argument;
  }
  if (typeof argument === 'object' && argument !== null) {
    const node = argument as { kind?: unknown; lab?: Lab };
    if (node.kind === 'lab' && node.lab !== undefined) {
      return node.lab.id;
    }
  }
  return undefined;
}

function activeLabId(labAt: (absolutePath: string) => Lab | undefined): string | undefined {
  const notebook = vscode.window.activeNotebookEditor?.notebook;
  if (notebook === undefined || notebook.uri.scheme !== 'file') {
    return undefined;
  }
  return labAt(notebook.uri.fsPath)?.id;
}

async function pickLab(labs: readonly Lab[]): Promise<string | undefined> {
  if (labs.length === 0) {
    void vscode.window.showInformationMessage('No labs found: add Jupyter notebooks under labs/ in the content folder.');
    return undefined;
  }

  const picked = await vscode.window.showQuickPick(
    labs.map((lab) => ({ label: lab.title, description: lab.relativePath, labId: lab.id })),
    { placeHolder: 'Lab to show', matchOnDescription: true },
  );
  return picked?.labId;
}
