import * as vscode from 'vscode';

import { resolveBookmark, type ResolvedBookmark } from '../../core/bookmarks/resolve';
import { RESEARCH_DOMAIN } from '../../core/bookmarks/target';
import type { Logger } from '../../core/log';
import type { BookmarkWithDetails, Store } from '../../core/store/database';
import type { ContentLookup } from './contentLookup';

/** Command and context values the Bookmarks view items use. */
export interface BookmarksViewIds {
  readonly openCommand: string;
  readonly bookmarkContext: string;
  readonly staleBookmarkContext: string;
}

export type BookmarksNode =
  | { readonly kind: 'domain'; readonly id: string; readonly label: string; readonly children: BookmarksNode[] }
  | {
      readonly kind: 'technology';
      readonly id: string;
      readonly label: string;
      readonly description: string;
      readonly children: BookmarksNode[];
    }
  | { readonly kind: 'bookmark'; readonly id: string; readonly resolved: ResolvedBookmark };

/**
 * The Bookmarks view: domain, then technology (with its current layer), then
 * each bookmark. A bookmark whose heading is gone is shown as stale, with an
 * action to pick a new heading; one whose file is gone says so.
 */
export class BookmarksTreeProvider implements vscode.TreeDataProvider<BookmarksNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();

  readonly onDidChangeTreeData = this.changed.event;

  constructor(
    private readonly lookup: ContentLookup,
    private readonly store: () => Store | undefined,
    private readonly ids: BookmarksViewIds,
    private readonly logger: Logger,
  ) {}

  refresh(): void {
    this.changed.fire();
  }

  getChildren(element?: BookmarksNode): BookmarksNode[] {
    if (element === undefined) {
      return this.buildTree();
    }
    return element.kind === 'bookmark' ? [] : element.children;
  }

  getTreeItem(element: BookmarksNode): vscode.TreeItem {
    switch (element.kind) {
      case 'domain': {
        const item = new vscode.TreeItem(element.label, vscode.TreeItemCollapsibleState.Expanded);
        item.id = element.id;
        item.iconPath = new vscode.ThemeIcon('library');
        return item;
      }
      case 'technology': {
        const item = new vscode.TreeItem(element.label, vscode.TreeItemCollapsibleState.Expanded);
        item.id = element.id;
        item.description = element.description;
        item.iconPath = new vscode.ThemeIcon('book');
        return item;
      }
      case 'bookmark':
        return this.bookmarkItem(element);
    }
  }

  dispose(): void {
    this.changed.dispose();
  }

  private buildTree(): BookmarksNode[] {
    const store = this.store();
    if (store === undefined) {
      return [];
    }

    let bookmarks: BookmarkWithDetails[];
    try {
      bookmarks = store.bookmarks.listWithDetails();
    } catch (error) {
      this.logger.error('could not list bookmarks', error);
      return [];
    }

    const index = this.lookup.current;
    const domains = new Map<string, Extract<BookmarksNode, { kind: 'domain' }>>();
    const technologies = new Map<string, Extract<BookmarksNode, { kind: 'technology' }>>();

    for (const bookmark of bookmarks) {
      const domainId = `bookmarks/${bookmark.domain}`;
      let domain = domains.get(domainId);
      if (domain === undefined) {
        domain = { kind: 'domain', id: domainId, label: this.domainLabel(bookmark.domain), children: [] };
        domains.set(domainId, domain);
      }

      const technologyId = `${domainId}/${bookmark.technology}`;
      let technology = technologies.get(technologyId);
      if (technology === undefined) {
        technology = {
          kind: 'technology',
          id: technologyId,
          label: this.technologyLabel(bookmark),
          description: this.technologyDescription(bookmark),
          children: [],
        };
        technologies.set(technologyId, technology);
        domain.children.push(technology);
      }

      technology.children.push({ kind: 'bookmark', id: `bookmark/${bookmark.id}`, resolved: resolveBookmark(bookmark, index) });
    }

    return [...domains.values()].sort((left, right) => left.label.localeCompare(right.label));
  }

  private bookmarkItem(node: Extract<BookmarksNode, { kind: 'bookmark' }>): vscode.TreeItem {
    const { bookmark, location } = node.resolved;
    const label = bookmark.section === null || bookmark.section === '' ? 'Whole file' : (bookmark.title ?? bookmark.section);
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    item.command = { command: this.ids.openCommand, title: 'Open Bookmark', arguments: [bookmark.id] };
    item.contextValue = this.ids.bookmarkContext;
    item.iconPath = new vscode.ThemeIcon('bookmark');
    item.tooltip = `Bookmarked ${new Date(bookmark.createdAt).toLocaleString()}`;

    if (location.kind === 'moved') {
      item.description = `now "${location.section.text}"`;
    } else if (location.kind === 'stale') {
      item.description = 'heading not found';
      item.iconPath = new vscode.ThemeIcon('warning');
      item.contextValue = this.ids.staleBookmarkContext;
      item.tooltip = `The heading "${label}" is no longer in the file. Pick the heading this bookmark should point to.`;
    } else if (location.kind === 'missing') {
      item.description = 'file not found';
      item.iconPath = new vscode.ThemeIcon('warning');
      item.tooltip = 'The bookmarked file is no longer in the content folder. Remove the bookmark or restore the file.';
    }

    item.accessibilityInformation = { label: `Bookmark ${label}${item.description ? `, ${String(item.description)}` : ''}` };
    return item;
  }

  private domainLabel(domain: string): string {
    if (domain === RESEARCH_DOMAIN) {
      return 'Research';
    }
    return this.lookup.current.model.domains.find((candidate) => candidate.id === domain)?.name ?? domain;
  }

  private technologyLabel(bookmark: BookmarkWithDetails): string {
    const index = this.lookup.current;
    if (bookmark.domain === RESEARCH_DOMAIN) {
      return index.session(bookmark.technology)?.title ?? bookmark.technology;
    }
    return index.technology(bookmark.domain, bookmark.technology)?.title ?? bookmark.technology;
  }

  private technologyDescription(bookmark: BookmarkWithDetails): string {
    if (bookmark.domain === RESEARCH_DOMAIN) {
      return this.lookup.current.session(bookmark.technology)?.date ?? '';
    }
    return bookmark.currentLayer === null ? 'not started' : `L${bookmark.currentLayer} done`;
  }
}
