import * as vscode from 'vscode';

import type { ContentModel, Lab } from '../../core/content/model';
import type { LabProgressService, LabSummary } from './labProgress';

/** Commands and context values the Labs view items use. */
export interface LabsViewIds {
  readonly showProgressCommand: string;
  readonly labContext: string;
  readonly invalidLabContext: string;
}

type LabsNode = { readonly kind: 'domain'; readonly domain: string; readonly labs: readonly Lab[] } | { readonly kind: 'lab'; readonly lab: Lab };

/** The Labs view: lab domains, then each lab with its progress, such as "3/7 cells". */
export class LabsTreeProvider implements vscode.TreeDataProvider<LabsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<LabsNode | undefined>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private domains: LabsNode[] = [];
  private readonly labNodes = new Map<string, LabsNode>();
  private signature: string | undefined;

  readonly onDidChangeTreeData = this.changed.event;

  constructor(
    private readonly service: LabProgressService,
    private readonly ids: LabsViewIds,
  ) {
    this.disposables.push(
      service.onDidChange((labId) => {
        const node = this.labNodes.get(labId);
        if (node !== undefined) {
          this.changed.fire(node);
        }
      }),
    );
  }

  /**
   * Rebuilds the rows from a new content model. When the model lists the same
   * labs as before, returns false and leaves the rows alone, so a rescan does
   * not redraw the whole view under the learner's pointer.
   */
  setModel(model: ContentModel | undefined): boolean {
    const signature = JSON.stringify((model?.labs ?? []).map((lab) => [lab.rootId, lab.id, lab.title, lab.absolutePath]));
    if (signature === this.signature) {
      return false;
    }
    this.signature = signature;

    const byDomain = new Map<string, Lab[]>();
    for (const lab of model?.labs ?? []) {
      const labs = byDomain.get(lab.domainId) ?? [];
      labs.push(lab);
      byDomain.set(lab.domainId, labs);
    }

    this.labNodes.clear();
    this.domains = [...byDomain.keys()].sort().map((domain) => {
      const labs = (byDomain.get(domain) ?? []).sort((left, right) => left.title.localeCompare(right.title));
      for (const lab of labs) {
        this.labNodes.set(lab.id, { kind: 'lab', lab });
      }
      return { kind: 'domain', domain, labs };
    });

    this.changed.fire(undefined);
    return true;
  }

  getChildren(element?: LabsNode): LabsNode[] {
    if (element === undefined) {
      return this.domains;
    }
    if (element.kind === 'domain') {
      return element.labs.map((lab) => this.labNodes.get(lab.id) ?? { kind: 'lab', lab });
    }
    return [];
  }

  async getTreeItem(element: LabsNode): Promise<vscode.TreeItem> {
    if (element.kind === 'domain') {
      const item = new vscode.TreeItem(element.domain, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `labs-domain/${element.domain}`;
      item.iconPath = new vscode.ThemeIcon('folder-library');
      item.description = `${element.labs.length} ${element.labs.length === 1 ? 'lab' : 'labs'}`;
      return item;
    }

    const { lab } = element;
    const summary = await this.service.summary(lab);
    const item = new vscode.TreeItem(lab.title, vscode.TreeItemCollapsibleState.None);
    item.id = `lab/${lab.rootId}/${lab.id}`;
    item.resourceUri = vscode.Uri.file(lab.absolutePath);
    item.command = { command: this.ids.showProgressCommand, title: 'Show Lab Progress', arguments: [lab.id] };
    describeLab(item, lab, summary);
    item.contextValue = summary.ok ? this.ids.labContext : this.ids.invalidLabContext;
    return item;
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }
}

function describeLab(item: vscode.TreeItem, lab: Lab, summary: LabSummary): void {
  if (!summary.ok) {
    item.description = 'invalid notebook';
    item.iconPath = new vscode.ThemeIcon('warning');
    item.tooltip = `${lab.relativePath}\n${summary.problem}`;
    item.accessibilityInformation = { label: `${lab.title}, invalid notebook: ${summary.problem}` };
    return;
  }

  const { completed, failed, total } = summary.counts;
  item.description = `${completed}/${total} cells${failed > 0 ? `, ${failed} failed` : ''}`;
  item.iconPath = new vscode.ThemeIcon(summary.completed ? 'pass-filled' : 'beaker');
  item.tooltip = `${lab.relativePath}\n${completed} of ${total} code cells ran${failed > 0 ? `, ${failed} failed` : ''}`;
  item.accessibilityInformation = { label: `${lab.title}, ${completed} of ${total} cells ran${summary.completed ? ', completed' : ''}` };
}
