import * as vscode from 'vscode';

import type { Technology } from '../../core/content/model';
import type { ProgressRepository, TechnologyRef } from '../../core/store/progress';
import { Commands } from '../constants';
import { guardCommand, reportError } from '../errors';
import type { ExtensionLog } from '../log';
import { technologyLabel } from './itemText';
import type { LearningNode, TechnologyNode } from './nodes';
import type { LearningTreeProvider } from './provider';

const UNDO = 'Undo';

/** Dependencies of the technology commands. */
export interface TechnologyCommandDeps {
  readonly log: ExtensionLog;
  readonly provider: LearningTreeProvider;
  /** Undefined while luno.db is unavailable; the commands then report that. */
  readonly progress: ProgressRepository | undefined;
}

/** Registers "Mark All Layers Done", "Reset Progress" and "Edit Notes". */
export function registerTechnologyCommands(deps: TechnologyCommandDeps): vscode.Disposable {
  const { log } = deps;

  return vscode.Disposable.from(
    vscode.commands.registerCommand(
      Commands.markAllLayersDone,
      guardCommand(log, 'Could not mark the layers done', (node?: LearningNode) => markAllDone(deps, node)),
    ),
    vscode.commands.registerCommand(
      Commands.resetProgress,
      guardCommand(log, 'Could not reset the progress', (node?: LearningNode) => resetProgress(deps, node)),
    ),
    vscode.commands.registerCommand(
      Commands.editNotes,
      guardCommand(log, 'Could not save the notes', (node?: LearningNode) => editNotes(deps, node)),
    ),
  );
}

async function markAllDone(deps: TechnologyCommandDeps, node: LearningNode | undefined): Promise<void> {
  const progress = requireProgress(deps);
  const technology = await resolveTechnology(deps, node, 'Mark all layers of which technology as done?');
  if (!technology) {
    return;
  }

  progress.setAllLayers(refOf(technology), true);
  deps.log.logger.info(`[learning] marked all layers of ${technology.domainId}/${technology.id} done`);
}

/** Clears every layer, then offers Undo, which completes again the layers that were completed. */
async function resetProgress(deps: TechnologyCommandDeps, node: LearningNode | undefined): Promise<void> {
  const progress = requireProgress(deps);
  const technology = await resolveTechnology(deps, node, 'Reset the progress of which technology?');
  if (!technology) {
    return;
  }

  const ref = refOf(technology);
  const completedBefore = progress
    .layersOf(ref)
    .filter((row) => row.completed)
    .map((row) => row.layer);

  if (completedBefore.length === 0) {
    void vscode.window.showInformationMessage(`${technologyLabel(technology)} has no completed layers to reset.`);
    return;
  }

  progress.setAllLayers(ref, false);
  deps.log.logger.info(
    `[learning] reset ${ref.domain}/${ref.technology}; layers completed before: ${completedBefore.join(', ')}`,
  );

  const layerWord = completedBefore.length === 1 ? 'layer' : 'layers';
  const choice = await vscode.window.showInformationMessage(
    `Reset ${technologyLabel(technology)}: ${completedBefore.length} completed ${layerWord} cleared. Notes are kept.`,
    UNDO,
  );
  if (choice !== UNDO) {
    return;
  }

  // NOTE: Undo completes the layers again through setLayerCompleted, so their
  // completed_at becomes the time of the undo, not the original completion time.
  try {
    for (const layer of completedBefore) {
      progress.setLayerCompleted(ref, layer, true);
    }
    deps.log.logger.info(`[learning] undid the reset of ${ref.domain}/${ref.technology}`);
  } catch (error) {
    await reportError(deps.log, `Could not undo the reset of ${technologyLabel(technology)}`, error);
  }
}

async function editNotes(deps: TechnologyCommandDeps, node: LearningNode | undefined): Promise<void> {
  const progress = requireProgress(deps);
  const technology = await resolveTechnology(deps, node, 'Edit the notes of which technology?');
  if (!technology) {
    return;
  }

  const ref = refOf(technology);
  const current = progress.notes(ref) ?? '';

  const notes = await vscode.window.showInputBox({
    title: `Notes for ${technologyLabel(technology)}`,
    prompt: 'Saved per technology in your Luno-AI progress. Leave empty to clear.',
    value: current,
    ignoreFocusOut: true,
  });
  if (notes === undefined || notes === current) {
    return;
  }

  progress.setNotes(ref, notes);
  deps.log.logger.info(`[learning] saved notes of ${ref.domain}/${ref.technology} (${notes.length} characters)`);
}

function requireProgress(deps: TechnologyCommandDeps): ProgressRepository {
  if (!deps.progress) {
    throw new Error('Progress is unavailable because luno.db could not be opened');
  }
  return deps.progress;
}

/** Returns the technology of a tree node, or prompts for one with a quick pick when run from the palette. */
async function resolveTechnology(
  deps: TechnologyCommandDeps,
  node: LearningNode | undefined,
  placeHolder: string,
): Promise<Technology | undefined> {
  if (node?.kind === 'technology') {
    return node.technology;
  }
  if (node?.kind === 'layer') {
    return node.parent.technology;
  }

  const items = deps.provider.currentNodes.allTechnologies().map((technologyNode: TechnologyNode) => ({
    label: technologyLabel(technologyNode.technology),
    description: technologyNode.parent.domain.name,
    technology: technologyNode.technology,
  }));

  if (items.length === 0) {
    void vscode.window.showInformationMessage('No Luno-AI technologies were found in this workspace.');
    return undefined;
  }

  const picked = await vscode.window.showQuickPick(items, { placeHolder, matchOnDescription: true });
  return picked?.technology;
}

function refOf(technology: Technology): TechnologyRef {
  return { domain: technology.domainId, technology: technology.id };
}
