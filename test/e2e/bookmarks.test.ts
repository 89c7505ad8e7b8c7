// Bookmarks in a real VS Code (code-server + Chromium) on a copy of the real
// corpus: the CodeLens above a PRD heading writes the bookmarks table and
// flips its title, the Bookmarks view lists the bookmark and opens the file at
// the heading.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import type { Locator, Page } from 'playwright-core';

import { expand, openViewContainer, startWorkbench, treeItem, waitForNotification, type WorkbenchSession } from './harness';
import {
  CONTAINER,
  EXTENSION_ID,
  WAIT_MS,
  activeTabTitle,
  corpus,
  clickUntilVisible,
  cursorLine,
  goToLine,
  makeWorkspace,
  openWorkspaceFile,
  queryDatabase,
  runCommand,
  setViewExpanded,
  waitForValue,
} from './lunoSteps';

const TEST_NAME = 'bookmarks on real corpus';
const VIEW = 'Bookmarks';
const PRD = 'integrations/agents/crewai.md';
const HEADING = '## Quick Start (15 min)';
const RESEARCH_SESSION = 'research/2026-01-05_crewai-multi-agent-framework';

interface BookmarkRow {
  domain: string;
  technology: string;
  section: string | null;
  title: string | null;
}

describe('bookmarks on real corpus', { skip: existsSync(corpus) ? false : `real corpus not found at ${corpus}` }, () => {
  let workspace: string;
  let session: WorkbenchSession;
  let databaseFile: string;
  let headingLine: number;

  before(async () => {
    workspace = await makeWorkspace('luno-bookmarks-e2e-');
    const lines = (await fs.readFile(path.join(workspace, PRD), 'utf8')).split('\n');
    headingLine = lines.findIndex((line) => line.startsWith(HEADING)) + 1;

    session = await startWorkbench({ name: TEST_NAME, extensions: [repoExtension()], folder: workspace });
    databaseFile = path.join(session.server.globalStorageDir(EXTENSION_ID), 'luno.db');
  });

  after(async () => {
    await session?.close();
    if (workspace) {
      await fs.rm(workspace, { recursive: true, force: true });
    }
  });

  it('lens above Quick Start', async () => {
    await openWorkspaceFile(session.page, PRD);
    await goToLine(session.page, headingLine);
    const lens = await lensAboveHeading(session.page, HEADING);
    await session.screenshot('01-lens-shown');

    assert.equal((await lens.textContent())?.trim(), 'Bookmark');
  });

  it('clicking lens writes row', async () => {
    const lens = await lensAboveHeading(session.page, HEADING);
    await lens.click();

    const rows = await waitForValue(() => readBookmarks(databaseFile), (found) => found.length === 1);
    assert.deepEqual(rows, [{ domain: 'agents', technology: 'crewai', section: 'quick-start-15-min', title: 'Quick Start (15 min)' }]);
  });

  it('lens says Bookmarked', async () => {
    const title = await waitForValue(
      async () => (await (await lensAboveHeading(session.page, HEADING)).textContent())?.trim(),
      (text) => text === 'Bookmarked · Remove',
    );
    await session.screenshot('02-lens-bookmarked');

    assert.equal(title, 'Bookmarked · Remove');
  });

  it('Bookmarks view lists it', async () => {
    await openViewContainer(session.page, CONTAINER);
    await treeItem(session.page, VIEW, 'Agentic AI').waitFor({ timeout: WAIT_MS });
    await expand(session.page, VIEW, 'Agentic AI');
    await expand(session.page, VIEW, 'CrewAI Integration');
    const row = treeItem(session.page, VIEW, 'Quick Start (15 min)');
    await row.waitFor({ timeout: WAIT_MS });
    await session.screenshot('03-bookmarks-view');

    assert.equal(await row.isVisible(), true);
    assert.equal((await treeItem(session.page, VIEW, 'CrewAI Integration').locator('.label-description').textContent())?.trim(), 'not started');
  });

  it('view opens file at heading', async () => {
    await runCommand(session.page, 'View: Close All Editors');
    await treeItem(session.page, VIEW, 'Quick Start (15 min)').click();

    const line = await waitForValue(() => cursorLine(session.page).catch(() => undefined), (value) => value === headingLine);
    await session.screenshot('04-opened-at-heading');

    assert.equal(await activeTabTitle(session.page), 'crewai.md');
    assert.equal(line, headingLine);
  });

  it('renamed heading re-attaches', async () => {
    const file = path.join(workspace, PRD);
    const text = await fs.readFile(file, 'utf8');
    await fs.writeFile(file, text.replace(HEADING, '## Quick Start (20 min)'));
    await runCommand(session.page, 'Luno: Refresh Learning View');

    const rows = await waitForValue(
      () => readBookmarks(databaseFile),
      (found) => found[0]?.section === 'quick-start-20-min',
    );
    await treeItem(session.page, VIEW, 'Quick Start (20 min)').waitFor({ timeout: WAIT_MS });
    await session.screenshot('05-reattached');

    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.section, 'quick-start-20-min');
    assert.equal(rows[0]?.title, 'Quick Start (20 min)');
  });

  it('research heading lens bookmarks', async () => {
    await openWorkspaceFile(session.page, `${RESEARCH_SESSION}/README.md`);
    const lens = await lensAboveHeading(session.page, '## Executive Summary');
    await waitForValue(async () => (await lens.textContent())?.trim(), (text) => text === 'Bookmark');
    await lens.click();

    const rows = await waitForValue(() => readBookmarks(databaseFile), (found) => found.length === 2);
    await session.screenshot('06-research-bookmarked');

    assert.deepEqual(rows[1], {
      domain: 'research',
      technology: path.posix.basename(RESEARCH_SESSION),
      section: 'README.md#executive-summary',
      title: 'Executive Summary',
    });
  });

  it('remove from Bookmarks view', async () => {
    await expand(session.page, VIEW, 'Research');
    const row = treeItem(session.page, VIEW, 'Executive Summary');
    await row.hover();
    await row.locator('.action-label[aria-label="Remove Bookmark"]').click();

    const rows = await waitForValue(() => readBookmarks(databaseFile), (found) => found.length === 1);
    await treeItem(session.page, VIEW, 'Research').waitFor({ state: 'detached', timeout: WAIT_MS });

    assert.deepEqual(
      rows.map((found) => found.section),
      ['quick-start-20-min'],
    );
  });

  it('Learning row shows mark', async () => {
    for (const view of ['Bookmarks', 'Research', 'Labs']) {
      await setViewExpanded(session.page, view, false);
    }
    await expand(session.page, 'Learning', 'Agentic AI');
    const row = treeItem(session.page, 'Learning', 'CrewAI');
    await row.waitFor({ timeout: WAIT_MS });
    const badges = await waitForValue(
      () => decorationBadges(row),
      (found) => found.includes('★'),
    );
    await session.screenshot('07-learning-mark');

    assert.deepEqual(badges, ['★']);
    assert.deepEqual(await decorationBadges(treeItem(session.page, 'Learning', 'LangGraph Agent Framework')), []);
  });

  it('stale heading offers pick', async () => {
    const file = path.join(workspace, PRD);
    const text = await fs.readFile(file, 'utf8');
    await fs.writeFile(file, text.replace('## Quick Start (20 min)', '## Hands-on Walkthrough'));
    await runCommand(session.page, 'Luno: Refresh Learning View');

    await setViewExpanded(session.page, VIEW, true);
    const row = treeItem(session.page, VIEW, 'Quick Start (20 min)');
    const description = await waitForValue(
      async () => (await row.locator('.label-description').textContent().catch(() => ''))?.trim() ?? '',
      (found) => found === 'heading not found',
    );
    await session.screenshot('08-stale-bookmark');

    assert.equal(description, 'heading not found');
    assert.equal(readBookmarks(databaseFile)[0]?.section, 'quick-start-20-min');
  });

  it('picked heading re-attaches', async () => {
    const pick = session.page
      .locator('.quick-input-widget .monaco-list-row', { has: session.page.locator('.label-name', { hasText: 'Hands-on Walkthrough' }) })
      .first();
    await clickUntilVisible(treeItem(session.page, VIEW, 'Quick Start (20 min)'), pick);
    await session.screenshot('09-heading-pick');
    await pick.click();

    const rows = await waitForValue(() => readBookmarks(databaseFile), (found) => found[0]?.section === 'hands-on-walkthrough');
    const line = await waitForValue(() => cursorLine(session.page).catch(() => undefined), (value) => value === headingLine);

    assert.equal(rows[0]?.title, 'Hands-on Walkthrough');
    assert.equal(line, headingLine);
  });

  it('whole-file bookmark never duplicates', async () => {
    await setViewExpanded(session.page, 'Learning', true);
    await expand(session.page, 'Learning', 'Agentic AI');
    const messages = ['Bookmarked CrewAI Integration.', 'CrewAI Integration is already bookmarked.'];
    for (const message of messages) {
      await treeItem(session.page, 'Learning', 'CrewAI').click({ button: 'right' });
      const action = session.page.locator('.context-view .monaco-menu .action-label', { hasText: 'Bookmark Technology' }).first();
      await action.waitFor({ timeout: WAIT_MS });
      // The menu ignores a click that comes right after it opened, so hover first.
      await action.hover();
      await session.page.waitForTimeout(300);
      await action.click();
      await session.page.locator('.context-view .monaco-menu').waitFor({ state: 'detached', timeout: WAIT_MS });
      await waitForNotification(session.page, message);
    }
    await session.screenshot('10-whole-file-bookmark');

    const wholeFile = readBookmarks(databaseFile).filter((row) => row.section === null);
    assert.deepEqual(wholeFile, [{ domain: 'agents', technology: 'crewai', section: null, title: 'CrewAI Integration' }]);
  });

  it('lenses follow unsaved edits', async () => {
    await openWorkspaceFile(session.page, PRD);
    await goToLine(session.page, 2);
    await session.page.keyboard.insertText('## Draft Heading\n\n');

    const draft = await lensAboveHeading(session.page, '## Draft Heading');
    const draftTitle = await waitForValue(async () => (await draft.textContent())?.trim(), (text) => text === 'Bookmark');
    await goToLine(session.page, headingLine + 2);
    const moved = await lensAboveHeading(session.page, '## Hands-on Walkthrough');
    const movedTitle = await waitForValue(async () => (await moved.textContent())?.trim(), (text) => text === 'Bookmarked · Remove');
    await session.screenshot('11-unsaved-edit-lenses');

    assert.equal(draftTitle, 'Bookmark');
    assert.equal(movedTitle, 'Bookmarked · Remove');
  });
});

function repoExtension(): string {
  return path.resolve(import.meta.dirname, '..', '..');
}

function readBookmarks(file: string): BookmarkRow[] {
  return queryDatabase<BookmarkRow>(file, 'SELECT domain, technology, section, title FROM bookmarks ORDER BY id');
}

/**
 * Finds the CodeLens shown just above a heading line: the lens whose box ends
 * closest above the top of the heading's rendered line. Lenses arrive a moment
 * after an edit, so this polls until one is there.
 */
async function lensAboveHeading(page: Page, heading: string): Promise<Locator> {
  const editor = page.locator('.editor-instance .monaco-editor').first();
  const line = editor.locator('.view-line', { hasText: heading }).first();
  await line.waitFor({ timeout: WAIT_MS });

  const lenses = editor.locator('.codelens-decoration a');
  const index = await waitForValue(() => indexOfLensAbove(line, lenses), (found) => found !== undefined);
  if (index === undefined) {
    throw new Error(`No CodeLens above "${heading}"`);
  }
  return lenses.nth(index);
}

async function indexOfLensAbove(line: Locator, lenses: Locator): Promise<number | undefined> {
  const lineBox = await line.boundingBox();
  if (lineBox === null) {
    return undefined;
  }

  let best: { index: number; gap: number } | undefined;
  const count = await lenses.count();
  for (let index = 0; index < count; index += 1) {
    const box = await lenses.nth(index).boundingBox();
    if (box === null) {
      continue;
    }
    const gap = lineBox.y - (box.y + box.height);
    if (gap >= -2 && gap < lineBox.height && (best === undefined || gap < best.gap)) {
      best = { index, gap };
    }
  }
  return best?.index;
}

/** Reads the badges that file decorations draw on a row: the CSS `::after` content of its label parts. */
async function decorationBadges(row: Locator): Promise<string[]> {
  return row.evaluate((element) => {
    const badges: string[] = [];
    for (const node of Array.from(element.querySelectorAll('*'))) {
      const content = getComputedStyle(node, '::after').content;
      if (content !== 'none' && content !== 'normal' && content !== '""') {
        badges.push(content.replace(/^"|"$/g, ''));
      }
    }
    return badges;
  });
}
