import * as vscode from 'vscode';

import type { ResearchFile, ResearchSession } from '../../core/content/model';
import type { Logger } from '../../core/log';
import type { Store } from '../../core/store/database';
import type { ContentLookup } from '../bookmarks/contentLookup';

/** Number of sessions in the "Recently viewed" group. */
export const RECENT_LIMIT = 5;

/** Command and context values the Research view items use. */
export interface ResearchViewIds {
  readonly openSessionCommand: string;
  readonly sessionContext: string;
}

type ResearchNode =
  | { readonly kind: 'recent'; readonly sessions: readonly ResearchSession[] }
  | { readonly kind: 'session'; readonly session: ResearchSession; readonly inRecent: boolean }
  | { readonly kind: 'file'; readonly session: ResearchSession; readonly file: ResearchFile };

/**
 * The Research view: a "Recently viewed" group, then every session newest
 * first with its date, domain and status. Viewed sessions show an eye icon and
 * when they were last viewed.
 */
export class ResearchTreeProvider implements vscode.TreeDataProvider<ResearchNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private lastViewed = new Map<string, string>();

  readonly onDidChangeTreeData = this.changed.event;

  constructor(
    private readonly lookup: ContentLookup,
    private readonly store: () => Store | undefined,
    private readonly ids: ResearchViewIds,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  refresh(): void {
    this.changed.fire();
  }

  getChildren(element?: ResearchNode): ResearchNode[] {
    if (element === undefined) {
      return this.topLevel();
    }
    if (element.kind === 'recent') {
      return element.sessions.map((session) => ({ kind: 'session', session, inRecent: true }));
    }
    if (element.kind === 'session') {
      return element.session.files.map((file) => ({ kind: 'file', session: element.session, file }));
    }
    return [];
  }

  getTreeItem(element: ResearchNode): vscode.TreeItem {
    switch (element.kind) {
      case 'recent': {
        const item = new vscode.TreeItem('Recently viewed', vscode.TreeItemCollapsibleState.Expanded);
        item.id = 'research/recent';
        item.iconPath = new vscode.ThemeIcon('history');
        return item;
      }
      case 'session':
        return this.sessionItem(element.session, element.inRecent);
      case 'file': {
        const item = new vscode.TreeItem(element.file.name, vscode.TreeItemCollapsibleState.None);
        item.id = `research/file/${element.session.rootId}/${element.file.relativePath}`;
        item.resourceUri = vscode.Uri.file(element.file.absolutePath);
        item.command = { command: 'vscode.open', title: 'Open', arguments: [item.resourceUri] };
        return item;
      }
    }
  }

  dispose(): void {
    this.changed.dispose();
  }

  private topLevel(): ResearchNode[] {
    const sessions = [...this.lookup.current.model.research].sort(compareSessions);
    this.lastViewed = this.readLastViewed();

    const nodes: ResearchNode[] = [];
    const recent = this.recentSessions(sessions);
    if (recent.length > 0) {
      nodes.push({ kind: 'recent', sessions: recent });
    }
    for (const session of sessions) {
      nodes.push({ kind: 'session', session, inRecent: false });
    }
    return nodes;
  }

  private recentSessions(sessions: readonly ResearchSession[]): ResearchSession[] {
    const byPath = new Map(sessions.map((session) => [session.relativePath, session]));
    const store = this.store();
    if (store === undefined) {
      return [];
    }

    try {
      return store.researchViews
        .recent(RECENT_LIMIT)
        .map((entry) => byPath.get(entry.sessionPath))
        .filter((session): session is ResearchSession => session !== undefined);
    } catch (error) {
      this.logger.error('could not read recently viewed research sessions', error);
      return [];
    }
  }

  private readLastViewed(): Map<string, string> {
    const store = this.store();
    if (store === undefined) {
      return new Map();
    }
    try {
      return store.researchViews.lastViewed();
    } catch (error) {
      this.logger.error('could not read research views', error);
      return new Map();
    }
  }

  private sessionItem(session: ResearchSession, inRecent: boolean): vscode.TreeItem {
    const viewedAt = this.lastViewed.get(session.relativePath);
    const item = new vscode.TreeItem(session.title, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `research/${inRecent ? 'recent/' : ''}${session.rootId}/${session.id}`;
    item.contextValue = this.ids.sessionContext;
    item.iconPath = new vscode.ThemeIcon(viewedAt === undefined ? 'book' : 'eye');
    item.command = { command: this.ids.openSessionCommand, title: 'Open Research Session', arguments: [session.id] };

    const parts = [session.date, session.domain, session.status].filter((part): part is string => part !== undefined && part !== '');
    if (viewedAt !== undefined) {
      parts.push(`viewed ${relativeTime(viewedAt, this.now())}`);
    }
    item.description = parts.join(' · ');

    const tooltip = new vscode.MarkdownString(undefined, false);
    tooltip.appendText(session.title);
    tooltip.appendMarkdown('\n\n');
    tooltip.appendText(
      [
        session.date !== undefined ? `Date: ${session.date}` : undefined,
        session.domain !== undefined ? `Domain: ${session.domain}` : undefined,
        session.status !== undefined ? `Status: ${session.status}` : undefined,
        session.tags.length > 0 ? `Tags: ${session.tags.join(', ')}` : undefined,
        viewedAt !== undefined ? `Last viewed: ${new Date(viewedAt).toLocaleString()}` : 'Not viewed yet',
      ]
        .filter((line) => line !== undefined)
        .join('\n'),
    );
    item.tooltip = tooltip;

    item.accessibilityInformation = {
      label: `${session.title}, ${parts.join(', ')}${viewedAt === undefined ? ', not viewed' : ''}`,
    };
    return item;
  }
}

/** Newest date first; sessions without a date last; then by title. */
function compareSessions(left: ResearchSession, right: ResearchSession): number {
  const byDate = (right.date ?? '').localeCompare(left.date ?? '');
  return byDate !== 0 ? byDate : left.title.localeCompare(right.title);
}

/** Formats a past ISO time as "just now", "5 min ago", "3 h ago" or a date. */
export function relativeTime(iso: string, now: Date): string {
  const elapsedMs = now.getTime() - Date.parse(iso);
  if (!Number.isFinite(elapsedMs)) {
    return iso;
  }

  const minutes = Math.floor(elapsedMs / 60_000);
  if (minutes < 1) {
    return 'just now';
  }
  if (minutes < 60) {
    return `${minutes} min ago`;
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    return `${hours} h ago`;
  }
  return new Date(iso).toLocaleDateString();
}
