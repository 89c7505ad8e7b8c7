import * as vscode from 'vscode';

import { resolveBookmark } from '../../core/bookmarks/resolve';
import type { Technology } from '../../core/content/model';
import { LunoError } from '../../core/errors';
import { withComponent, type Logger } from '../../core/log';
import type { Store } from '../../core/store/database';
import { Commands, TreeItemContexts, Views } from '../constants';
import { guardCommand } from '../errors';
import type { LunoServices } from '../services';
import type { BookmarkTarget } from './bookmarkTarget';
import { BookmarksTreeProvider, type BookmarksNode } from './bookmarksView';
import { BookmarkCodeLensProvider } from './codeLens';
import { ContentLookup } from './contentLookup';
import { BookmarkDecorationProvider } from './decorations';
import { HeadingCache } from './headingCache';
import { openFileAtLine, pickHeading } from './openBookmark';

/** Registers the bookmark CodeLens, the Bookmarks view, the file badge and the bookmark commands. */
export function registerBookmarks(context: vscode.ExtensionContext, services: LunoServices): void {
  const logger = withComponent(services.logger, 'bookmarks');
  const store = (): Store | undefined => services.store;
  const lookup = new ContentLookup(() => services.content.model);
  const headings = new HeadingCache();

  const lenses = new BookmarkCodeLensProvider(lookup, headings, store, Commands.toggleBookmark, logger);
  const tree = new BookmarksTreeProvider(
    lookup,
    store,
    { openCommand: Commands.openBookmark, bookmarkContext: TreeItemContexts.bookmark, staleBookmarkContext: TreeItemContexts.staleBookmark },
    logger,
  );
  const decorations = new BookmarkDecorationProvider(lookup, store, logger);

  const refreshAll = (): void => {
    lenses.refresh();
    tree.refresh();
    decorations.refresh();
  };

  context.subscriptions.push(
    headings,
    lenses,
    tree,
    decorations,
    vscode.languages.registerCodeLensProvider({ language: 'markdown', scheme: 'file' }, lenses),
    vscode.window.createTreeView(Views.bookmarks, { treeDataProvider: tree, showCollapseAll: true }),
    vscode.window.registerFileDecorationProvider(decorations),
    services.content.onDidChange(() => {
      lookup.invalidate();
      reattachMoved(store(), lookup, logger);
      refreshAll();
    }),
  );

  const current = store();
  if (current !== undefined) {
    const changed = current.bookmarks.onDidChange(() => refreshAll());
    const reopened = current.onDidReopen(() => refreshAll());
    context.subscriptions.push({ dispose: () => changed.dispose() }, { dispose: () => reopened.dispose() });
  }

  reattachMoved(current, lookup, logger);

  const command = (id: string, failure: string, handler: (...args: never[]) => unknown): void => {
    context.subscriptions.push(vscode.commands.registerCommand(id, guardCommand(services.log, failure, handler)));
  };

  command(Commands.toggleBookmark, 'Could not change the bookmark', (target: BookmarkTarget) => {
    const bookmarks = requireStore(store()).bookmarks;
    const existing = bookmarks.find(target, target.section);
    if (existing !== undefined) {
      bookmarks.remove(existing.id);
      logger.info(`removed bookmark ${existing.id} on ${target.domain}/${target.technology}#${target.section}`);
    } else {
      const added = bookmarks.add(target);
      logger.info(`added bookmark ${added.id} on ${target.domain}/${target.technology}#${target.section}`);
    }
  });

  command(Commands.bookmarkTechnology, 'Could not bookmark the technology', async (node?: unknown) => {
    const technology = technologyOf(node) ?? (await pickTechnology(services));
    if (technology === undefined) {
      return;
    }

    const bookmarks = requireStore(store()).bookmarks;
    const ref = { domain: technology.domainId, technology: technology.id };
    const existing = bookmarks.find(ref, null);
    const bookmark = existing ?? bookmarks.add({ ...ref, section: null, title: technology.title });
    void vscode.window.showInformationMessage(
      existing === undefined ? `Bookmarked ${technology.title}.` : `${technology.title} is already bookmarked.`,
    );
    logger.info(`whole-file bookmark ${bookmark.id} on ${ref.domain}/${ref.technology}`);
  });

  command(Commands.openBookmark, 'Could not open the bookmark', async (id: number) => {
    await openBookmark(id, requireStore(store()), lookup, logger);
  });

  command(Commands.removeBookmark, 'Could not remove the bookmark', (node: BookmarksNode) => {
    if (node?.kind !== 'bookmark') {
      return;
    }
    requireStore(store()).bookmarks.remove(node.resolved.bookmark.id);
    logger.info(`removed bookmark ${node.resolved.bookmark.id} from the Bookmarks view`);
  });

  command(Commands.pickBookmarkHeading, 'Could not re-attach the bookmark', async (node: BookmarksNode) => {
    if (node?.kind !== 'bookmark' || node.resolved.filePath === undefined) {
      return;
    }
    const section = await pickHeading(resolveBookmark(node.resolved.bookmark, lookup.current), requireStore(store()), logger);
    if (section !== undefined) {
      await openFileAtLine(node.resolved.filePath, section.startLine);
    }
  });
}

/** Opens a bookmark at its heading. A moved heading is re-attached first, and a stale one opens a heading pick. */
async function openBookmark(id: number, store: Store, lookup: ContentLookup, logger: Logger): Promise<void> {
  const bookmark = store.bookmarks.listWithDetails().find((candidate) => candidate.id === id);
  if (bookmark === undefined) {
    throw new LunoError(`Bookmark ${id} not found; it may have been removed.`);
  }

  const resolved = resolveBookmark(bookmark, lookup.current);
  const { location, filePath } = resolved;

  if (location.kind === 'missing' || filePath === undefined) {
    const choice = await vscode.window.showWarningMessage(
      `The file of bookmark "${bookmark.title ?? bookmark.technology}" is no longer in the content folder.`,
      'Remove Bookmark',
    );
    if (choice === 'Remove Bookmark') {
      store.bookmarks.remove(id);
    }
    return;
  }

  if (location.kind === 'file') {
    await openFileAtLine(filePath, 0);
    return;
  }

  if (location.kind === 'moved' && resolved.newSection !== undefined) {
    store.bookmarks.moveSection(id, resolved.newSection, location.section.text);
    logger.info(`bookmark ${id} re-attached from ${bookmark.section} to ${resolved.newSection}`);
  }

  if (location.kind === 'stale') {
    const section = await pickHeading(resolved, store, logger);
    if (section !== undefined) {
      await openFileAtLine(filePath, section.startLine);
    }
    return;
  }

  await openFileAtLine(filePath, location.section.startLine);
}

/** Moves every bookmark whose heading clearly moved to its new anchor. */
function reattachMoved(store: Store | undefined, lookup: ContentLookup, logger: Logger): void {
  if (store === undefined) {
    return;
  }

  try {
    const index = lookup.current;
    for (const bookmark of store.bookmarks.listWithDetails()) {
      const resolved = resolveBookmark(bookmark, index);
      if (resolved.location.kind === 'moved' && resolved.newSection !== undefined) {
        store.bookmarks.moveSection(bookmark.id, resolved.newSection, resolved.location.section.text);
        logger.info(`bookmark ${bookmark.id} re-attached from ${bookmark.section} to ${resolved.newSection}`);
      }
    }
  } catch (error) {
    logger.error('re-attaching moved bookmarks failed', error);
  }
}

function technologyOf(node: unknown): Technology | undefined {
  if (typeof node !== 'object' || node === null) {
    return undefined;
  }
  const candidate = node as { kind?: unknown; technology?: Technology };
  return candidate.kind === 'technology' && candidate.technology !== undefined ? candidate.technology : undefined;
}

async function pickTechnology(services: LunoServices): Promise<Technology | undefined> {
  const items = services.content.model.domains.flatMap((domain) =>
    domain.technologies.map((technology) => ({ label: technology.title, description: domain.name, technology })),
  );
  const picked = await vscode.window.showQuickPick(items, { placeHolder: 'Technology to bookmark', matchOnDescription: true });
  return picked?.technology;
}

function requireStore(store: Store | undefined): Store {
  if (store === undefined) {
    throw new LunoError('Bookmarks are unavailable because luno.db could not be opened. See the Luno-AI log.');
  }
  return store;
}
