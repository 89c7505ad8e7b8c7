import * as vscode from 'vscode';

import type { ContentModel } from '../../core/content/model';
import type { Logger } from '../../core/log';
import { buildLearningNodes, type LearningNode, type LearningNodes } from './nodes';
import { ProgressIndex, type LayerState } from './progressIndex';
import { toTreeItem } from './treeItems';

/** The progress reads the tree needs; ProgressRepository provides them. */
export interface ProgressReader {
  all(): LayerState[];
  layersOf(ref: { domain: string; technology: string }): LayerState[];
}

const EMPTY_MODEL: ContentModel = { roots: [], domains: [], research: [], labs: [], problems: [] };

/**
 * Delay before progress changes redraw technology and domain rows, in milliseconds.
 * VS Code drops the handles of a redrawn row's children until it fetches them
 * again, and drops a checkbox click on a child in that gap (VS Code 1.100
 * extHostTreeViews). Waiting until clicks pause keeps quick successive clicks
 * on one technology's layers from landing in the gap.
 */
const PROGRESS_REDRAW_DELAY_MS = 400;

/**
 * Data of the Learning view: domains, technologies and layers with their progress.
 * Progress is cached in a ProgressIndex; a change to one technology redraws that
 * technology and its domain only.
 */
export class LearningTreeProvider implements vscode.TreeDataProvider<LearningNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<LearningNode | LearningNode[] | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;

  private nodes: LearningNodes = buildLearningNodes(EMPTY_MODEL);
  private readonly progress = new ProgressIndex();
  private showCompleted = true;
  private pendingRedraw = new Set<LearningNode>();
  private redrawTimer: NodeJS.Timeout | undefined;

  /** `reader` is undefined while luno.db is unavailable: the tree then shows content without progress. */
  constructor(
    private readonly reader: ProgressReader | undefined,
    private readonly logger: Logger,
  ) {}

  get progressAvailable(): boolean {
    return this.reader !== undefined;
  }

  get showCompletedLayers(): boolean {
    return this.showCompleted;
  }

  /** The rows of the current model, for lookups by commands. */
  get currentNodes(): LearningNodes {
    return this.nodes;
  }

  /** Replaces the content model and redraws the whole tree. */
  setModel(model: ContentModel): void {
    this.nodes = buildLearningNodes(model);
    this.loadProgress();
    this.redrawAll();
  }

  /** Rereads all progress (after a restore) and redraws the whole tree. */
  reloadProgress(): void {
    this.loadProgress();
    this.redrawAll();
  }

  /**
   * Rereads one technology's progress at once and redraws its rows and their
   * domains after PROGRESS_REDRAW_DELAY_MS without further changes.
   */
  technologyChanged(domain: string, technology: string): void {
    if (this.reader) {
      try {
        this.progress.replaceTechnology(domain, technology, this.reader.layersOf({ domain, technology }));
      } catch (error) {
        this.logger.error(`reading progress of ${domain}/${technology} failed; the tree keeps the previous state`, error);
      }
    }

    const rows = this.nodes.technologies(domain, technology);
    if (rows.length === 0) {
      return;
    }

    for (const node of rows) {
      this.pendingRedraw.add(node);
      this.pendingRedraw.add(node.parent);
    }

    clearTimeout(this.redrawTimer);
    this.redrawTimer = setTimeout(() => this.flushRedraw(), PROGRESS_REDRAW_DELAY_MS);
  }

  /** Shows or hides completed layers; redraws the technologies only. */
  setShowCompletedLayers(show: boolean): void {
    if (show === this.showCompleted) {
      return;
    }

    this.showCompleted = show;
    const technologies = this.nodes.allTechnologies();
    if (technologies.length > 0) {
      this.changeEmitter.fire([...technologies]);
    }
  }

  getTreeItem(node: LearningNode): vscode.TreeItem {
    return toTreeItem(node, { progress: this.progress, progressAvailable: this.progressAvailable });
  }

  getChildren(node?: LearningNode): LearningNode[] {
    if (!node) {
      return [...this.nodes.top];
    }

    switch (node.kind) {
      case 'root':
      case 'domain':
        return [...node.children];
      case 'technology':
        return node.children.filter((layer) => this.showCompleted || !this.isLayerCompleted(layer.parent, layer.layer.number));
      case 'layer':
        return [];
    }
  }

  getParent(node: LearningNode): LearningNode | undefined {
    return node.kind === 'root' ? undefined : node.parent;
  }

  isLayerCompleted(node: { technology: { domainId: string; id: string } }, layer: number): boolean {
    return this.progress.isCompleted(node.technology.domainId, node.technology.id, layer);
  }

  dispose(): void {
    clearTimeout(this.redrawTimer);
    this.changeEmitter.dispose();
  }

  private flushRedraw(): void {
    const nodes = [...this.pendingRedraw];
    this.pendingRedraw = new Set();
    if (nodes.length > 0) {
      this.changeEmitter.fire(nodes);
    }
  }

  private redrawAll(): void {
    clearTimeout(this.redrawTimer);
    this.pendingRedraw = new Set();
    this.changeEmitter.fire(undefined);
  }

  private loadProgress(): void {
    if (!this.reader) {
      return;
    }

    try {
      this.progress.replaceAll(this.reader.all());
    } catch (error) {
      this.logger.error('reading progress failed; the tree keeps the previous state', error);
    }
  }
}
