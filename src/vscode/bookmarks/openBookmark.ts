import * as vscode from 'vscode';

import type { ResolvedBookmark } from '../../core/bookmarks/resolve';
import { RESEARCH_DOMAIN, decodeResearchSection, encodeResearchSection } from '../../core/bookmarks/target';
import type { Section } from '../../core/content/model';
import { LunoError } from '../../core/errors';
import type { Logger } from '../../core/log';
import type { Bookmark, Store } from '../../core/store/database';

/** Opens a file with a 0-based line selected and scrolled to the top of the editor. */
export async function openFileAtLine(filePath: string, line: number): Promise<vscode.TextEditor> {
  const position = new vscode.Position(line, 0);
  const editor = await vscode.window.showTextDocument(vscode.Uri.file(filePath), {
    selection: new vscode.Range(position, position),
    preview: false,
  });
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.AtTop);
  return editor;
}

/** Returns the `section` value for a heading of the bookmark's file. */
export function sectionValueFor(bookmark: Bookmark, section: Section): string {
  if (bookmark.domain !== RESEARCH_DOMAIN) {
    return section.anchor;
  }
  const file = decodeResearchSection(bookmark.section)?.file ?? 'README.md';
  return encodeResearchSection(file, section.anchor);
}

/**
 * Asks the learner which heading a stale bookmark should point to, most
 * similar headings first, and moves the bookmark there. Returns the heading,
 * or undefined when the learner cancelled.
 */
export async function pickHeading(resolved: ResolvedBookmark, store: Store, logger: Logger): Promise<Section | undefined> {
  const { bookmark } = resolved;
  const candidates = resolved.location.kind === 'stale' ? resolved.location.candidates : resolved.sections;
  if (candidates.length === 0) {
    throw new LunoError(`The file of bookmark "${bookmark.title ?? bookmark.section}" has no headings. Remove the bookmark instead.`);
  }

  const picked = await vscode.window.showQuickPick(
    candidates.map((section) => ({
      label: section.text,
      description: `H${section.level} · line ${section.startLine + 1}`,
      section,
    })),
    {
      title: `Heading "${bookmark.title ?? bookmark.section}" not found`,
      placeHolder: 'Pick the heading this bookmark should point to',
      matchOnDescription: true,
    },
  );
  if (picked === undefined) {
    return undefined;
  }

  const moved = store.bookmarks.moveSection(bookmark.id, sectionValueFor(bookmark, picked.section), picked.section.text);
  logger.info(`bookmark ${bookmark.id} re-attached by the learner to ${moved.section}`);
  return picked.section;
}
