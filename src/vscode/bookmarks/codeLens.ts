import * as vscode from 'vscode';

import type { Logger } from '../../core/log';
import type { Store } from '../../core/store/database';
import { bookmarkTargetFor, type BookmarkTarget } from './bookmarkTarget';
import type { ContentLookup } from './contentLookup';
import type { HeadingCache } from './headingCache';

/** Titles of the lens above each heading. */
export const LENS_TITLES = {
  add: 'Bookmark',
  remove: 'Bookmarked · Remove',
  unavailable: 'Bookmarks unavailable',
} as const;

class BookmarkLens extends vscode.CodeLens {
  constructor(
    range: vscode.Range,
    readonly target: BookmarkTarget,
  ) {
    super(range);
  }
}

/**
 * A "Bookmark" / "Bookmarked · Remove" lens above every heading of PRDs and
 * research files. Providing the lenses only reads the cached headings of the
 * editor text; resolving a lens looks up its bookmark in the database.
 */
export class BookmarkCodeLensProvider implements vscode.CodeLensProvider<BookmarkLens>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();

  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(
    private readonly lookup: ContentLookup,
    private readonly headings: HeadingCache,
    private readonly store: () => Store | undefined,
    private readonly toggleCommand: string,
    private readonly logger: Logger,
  ) {}

  /** Asks VS Code to provide and resolve the lenses again. */
  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): BookmarkLens[] {
    const file = this.lookup.lookupUri(document.uri);
    if (bookmarkTargetFor(file, undefined) === undefined) {
      return [];
    }

    const lenses: BookmarkLens[] = [];
    for (const section of this.headings.sections(document)) {
      const target = bookmarkTargetFor(file, section);
      if (target !== undefined && section.anchor !== '') {
        const line = Math.min(section.startLine, document.lineCount - 1);
        lenses.push(new BookmarkLens(new vscode.Range(line, 0, line, 0), target));
      }
    }
    return lenses;
  }

  resolveCodeLens(lens: BookmarkLens): BookmarkLens {
    const store = this.store();
    if (store === undefined) {
      lens.command = { title: LENS_TITLES.unavailable, command: '', tooltip: 'luno.db could not be opened. See the Luno-AI log.' };
      return lens;
    }

    let bookmarked = false;
    try {
      bookmarked = store.bookmarks.find(lens.target, lens.target.section) !== undefined;
    } catch (error) {
      this.logger.error(`could not look up the bookmark of ${lens.target.domain}/${lens.target.technology}#${lens.target.section}`, error);
    }

    lens.command = {
      title: bookmarked ? LENS_TITLES.remove : LENS_TITLES.add,
      tooltip: bookmarked ? `Remove the bookmark on "${lens.target.title}"` : `Bookmark "${lens.target.title}"`,
      command: this.toggleCommand,
      arguments: [lens.target],
    };
    return lens;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
