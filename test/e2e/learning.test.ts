// The Learning view in a real VS Code (code-server + Chromium) on a copy of the
// real Luno-AI corpus: domains shown, layer checkmarks written to luno.db,
// kept across a window reload, and the domain's counts updated in place.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';

import {
  expand,
  fillQuickInput,
  isChecked,
  openViewContainer,
  pickQuickItem,
  readOutputChannel,
  reloadWindow,
  repoRoot,
  runCommand,
  startWorkbench,
  toggleCheckbox,
  treeItem,
  treeView,
  waitForNotification,
  webviewContent,
  type WorkbenchSession,
} from './harness';

const TEST_NAME = 'learning tree on real corpus';
const EXTENSION_ID = 'luno-ai.luno-ai';
const VIEW = 'Learning';
const CONTAINER = 'Luno-AI';
const corpus = path.resolve(repoRoot, '..', 'shared', 'corpus', 'luno-ai');

/** Domain names as the corpus's integrations/_index.md gives them, in its order. */
const DOMAINS = [
  'Visual AI',
  'Generative AI',
  'Audio AI',
  'LLMs',
  'Agentic AI',
  'Classical ML',
  'Edge & Deployment',
  'Robotics',
  'Specialized Domains',
];

const WAIT_MS = 15_000;

interface ProgressRow {
  layer: number;
  completed: number;
  completed_at: string | null;
}

describe('learning tree on real corpus', { skip: existsSync(corpus) ? false : `real corpus not found at ${corpus}` }, () => {
  let workspace: string;
  let session: WorkbenchSession;
  let databaseFile: string;
  let agentTechnologies: number;

  before(async () => {
    workspace = await fs.mkdtemp(path.join(os.tmpdir(), 'luno-learning-e2e-'));
    await fs.cp(corpus, workspace, { recursive: true });
    agentTechnologies = await countPrds(path.join(workspace, 'integrations', 'agents'));

    session = await startWorkbench({ name: TEST_NAME, extensions: [repoRoot], folder: workspace });
    databaseFile = path.join(session.server.globalStorageDir(EXTENSION_ID), 'luno.db');
  });

  after(async () => {
    await session?.close();
    if (workspace) {
      await fs.rm(workspace, { recursive: true, force: true });
    }
  });

  it('view shows nine domains', async () => {
    await showLearningViewOnly(session.page);
    await treeItem(session.page, VIEW, DOMAINS[0]).waitFor({ timeout: WAIT_MS });
    await session.screenshot('01-domains');

    assert.deepEqual(await topLevelLabels(session.page), DOMAINS);
  });

  it('domain starts with no progress', async () => {
    assert.equal(await description(session.page, 'Agentic AI'), `0/${agentTechnologies} · 0%`);
  });

  it('CrewAI shows its layers', async () => {
    await expand(session.page, VIEW, 'Agentic AI');
    await expand(session.page, VIEW, 'CrewAI');
    await treeItem(session.page, VIEW, 'L1: Add Tools').waitFor({ timeout: WAIT_MS });
    await session.screenshot('02-crewai-expanded');

    assert.equal(await treeItem(session.page, VIEW, 'L0: Basic Crew').isVisible(), true);
    assert.equal(await treeItem(session.page, VIEW, 'L1: Add Tools').isVisible(), true);
    assert.equal(await description(session.page, 'L1: Add Tools'), '2-3 hours');
  });

  it('checking L0 and L1', async () => {
    assert.equal(await toggleCheckbox(session.page, VIEW, 'L0: Basic Crew'), true);
    assert.equal(await toggleCheckbox(session.page, VIEW, 'L1: Add Tools'), true);

    const expected = `0/${agentTechnologies} · ${percent(2, agentTechnologies)}%`;
    await waitForDescription(session.page, 'Agentic AI', expected);
    await session.screenshot('03-l0-l1-checked');

    assert.equal(await description(session.page, 'Agentic AI'), expected);
    assert.equal(await description(session.page, 'CrewAI'), 'L2 · Intermediate');
  });

  it('checks survive window reload', async () => {
    await reloadWindow(session.page);
    await showLearningViewOnly(session.page);
    await treeItem(session.page, VIEW, 'Agentic AI').waitFor({ timeout: WAIT_MS });
    await expand(session.page, VIEW, 'Agentic AI');
    await expand(session.page, VIEW, 'CrewAI');
    await treeItem(session.page, VIEW, 'L1: Add Tools').waitFor({ timeout: WAIT_MS });
    await session.screenshot('04-after-reload');

    assert.equal(await isChecked(session.page, VIEW, 'L0: Basic Crew'), true);
    assert.equal(await isChecked(session.page, VIEW, 'L1: Add Tools'), true);
    assert.equal(await isChecked(session.page, VIEW, 'L2: Advanced Patterns'), false);
  });

  it('database has both completed rows', async () => {
    const rows = await waitForRows(databaseFile, (found) => found.length === 2);

    assert.deepEqual(
      rows.map((row) => [row.layer, row.completed]),
      [
        [0, 1],
        [1, 1],
      ],
    );
    for (const row of rows) {
      assert.match(row.completed_at ?? '', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    }
  });

  it('unchecking L1 clears its row', async () => {
    assert.equal(await toggleCheckbox(session.page, VIEW, 'L1: Add Tools'), false);

    const rows = await waitForRows(databaseFile, (found) => found.some((row) => row.layer === 1 && row.completed === 0));
    await session.screenshot('05-l1-unchecked');

    const layerOne = rows.find((row) => row.layer === 1);
    assert.equal(layerOne?.completed, 0);
    assert.equal(layerOne?.completed_at, null);
    assert.equal(rows.find((row) => row.layer === 0)?.completed, 1);
  });

  it('domain description follows uncheck', async () => {
    const expected = `0/${agentTechnologies} · ${percent(1, agentTechnologies)}%`;
    await waitForDescription(session.page, 'Agentic AI', expected);
    await session.screenshot('06-domain-updated');

    assert.equal(await description(session.page, 'Agentic AI'), expected);
    assert.equal(await description(session.page, 'CrewAI'), 'L1 · Intermediate');
  });

  it('status bar shows overall progress', async () => {
    const item = session.page.locator('.statusbar-item', { hasText: 'layers ·' });
    await item.waitFor({ timeout: WAIT_MS });

    assert.equal((await item.textContent())?.trim(), '1/300 layers · 0%');
  });

  it('layer click opens its heading', async () => {
    await treeItem(session.page, VIEW, 'L1: Add Tools').locator('.label-name').click();
    await session.page.locator('.tabs-container .tab.active[aria-label^="crewai.md"]').waitFor({ timeout: WAIT_MS });
    const cursor = session.page.locator('.statusbar-item', { hasText: /^\s*Ln \d+, Col \d+/ });
    await cursor.waitFor({ timeout: WAIT_MS });

    const placement = await settledLinePlacement(session.page, '### L1: Add Tools (2-3 hours)');
    await session.screenshot('07-layer-opened');

    const headingLine = await lineOf(path.join(workspace, 'integrations', 'agents', 'crewai.md'), '### L1: Add Tools');
    assert.equal((await cursor.textContent())?.trim(), `Ln ${headingLine}, Col 1`);
    // Sticky-scroll headings and a CodeLens row may sit above a line revealed at the top.
    // So "at the top" is checked as the upper third, while a centred line sits at half the height.
    assert.ok(placement, 'the heading line was not rendered in the editor');
    assert.ok(placement.offset < placement.height / 3, `heading is ${placement.offset} px below the top of a ${placement.height} px editor`);
  });

  it('created PRD appears without reload', async () => {
    const file = path.join(workspace, 'integrations', 'agents', 'zeta-agents.md');
    // Without an H1 the title comes from the file name, so a rename shows in the tree.
    await fs.writeFile(file, '## Learning Path\n\n### L0: First Steps (5 min)\n');

    await treeItem(session.page, VIEW, 'Zeta Agents').waitFor({ timeout: WAIT_MS });
    const expected = `0/${agentTechnologies + 1} · ${percent(1, agentTechnologies + 1)}%`;
    await waitForDescription(session.page, 'Agentic AI', expected);
    await session.screenshot('08-prd-created');

    assert.equal(await description(session.page, 'Agentic AI'), expected);
  });

  it('saved PRD change updates layers', async () => {
    const file = path.join(workspace, 'integrations', 'agents', 'crewai.md');
    const text = await fs.readFile(file, 'utf8');
    await fs.writeFile(file, text.replace('### L2: Advanced Patterns (4-6 hours)', '### L2: Expert Patterns (5 hours)'));

    await treeItem(session.page, VIEW, 'L2: Expert Patterns').waitFor({ timeout: WAIT_MS });
    await session.screenshot('09-prd-changed');

    assert.equal(await description(session.page, 'L2: Expert Patterns'), '5 hours');
    assert.equal(await isChecked(session.page, VIEW, 'L0: Basic Crew'), true);
  });

  it('renamed and deleted PRD follow', async () => {
    const file = path.join(workspace, 'integrations', 'agents', 'zeta-agents.md');
    const renamed = path.join(workspace, 'integrations', 'agents', 'omega-agents.md');
    await fs.rename(file, renamed);
    await treeItem(session.page, VIEW, 'Omega Agents').waitFor({ timeout: WAIT_MS });
    await treeItem(session.page, VIEW, 'Zeta Agents').waitFor({ state: 'detached', timeout: WAIT_MS });

    await fs.rm(renamed);
    await treeItem(session.page, VIEW, 'Omega Agents').waitFor({ state: 'detached', timeout: WAIT_MS });
    const expected = `0/${agentTechnologies} · ${percent(1, agentTechnologies)}%`;
    await waitForDescription(session.page, 'Agentic AI', expected);
    await session.screenshot('10-prd-deleted');

    assert.equal(await description(session.page, 'Agentic AI'), expected);
  });

  it('summary opens from status bar', async () => {
    await session.page.locator('.statusbar-item', { hasText: 'layers ·' }).click();
    const summary = webviewContent(session.page);
    await summary.locator('h1', { hasText: 'Luno-AI Progress' }).waitFor({ timeout: WAIT_MS });
    await session.screenshot('11-progress-summary');

    const text = (await summary.locator('body').textContent()) ?? '';
    assert.match(text, /1 of 300 layers completed \(0\.3%\)/);
    assert.match(text, /CrewAI \(Agentic AI\)\s*L0: Basic Crew/);
  });

  it('reset offers working undo', async () => {
    await runContextMenuItem(session.page, 'CrewAI', 'Reset Progress');
    await waitForNotification(session.page, 'Reset CrewAI: 1 completed layer cleared');
    await waitForChecked(session.page, 'L0: Basic Crew', false);
    await session.screenshot('12-reset');

    await session.page
      .locator('.notifications-toasts .notification-list-item', { hasText: 'Reset CrewAI' })
      .locator('.monaco-button', { hasText: 'Undo' })
      .click();
    await waitForChecked(session.page, 'L0: Basic Crew', true);
    await session.screenshot('13-reset-undone');

    const rows = await waitForRows(databaseFile, (found) => found.some((row) => row.layer === 0 && row.completed === 1));
    assert.equal(rows.find((row) => row.layer === 0)?.completed, 1);
  });

  it('mark all done completes CrewAI', async () => {
    await runContextMenuItem(session.page, 'CrewAI', 'Mark All Layers Done');
    const expected = `1/${agentTechnologies} · ${percent(5, agentTechnologies)}%`;
    await waitForDescription(session.page, 'Agentic AI', expected);
    await session.screenshot('14-all-done');

    assert.equal(await description(session.page, 'Agentic AI'), expected);
    assert.equal(await description(session.page, 'CrewAI'), 'all layers done · Intermediate');
    const rows = await waitForRows(databaseFile, (found) => found.filter((row) => row.completed === 1).length === 5);
    assert.equal(rows.filter((row) => row.completed === 1).length, 5);
  });

  it('restore brings back a backup', async () => {
    await runCommand(session.page, 'Luno: Back Up Progress');
    const backedUp = await waitForNotification(session.page, 'Progress backed up to');
    const backupFile = /Progress backed up to (.+\.db)\./.exec(backedUp)?.[1];
    assert.ok(backupFile, `no backup path in "${backedUp}"`);
    assert.ok(existsSync(backupFile), `backup file ${backupFile} not found`);

    assert.equal(await toggleCheckbox(session.page, VIEW, 'L4: Advanced'), false);
    await waitForRows(databaseFile, (found) => found.some((row) => row.layer === 4 && row.completed === 0));

    await runCommandKeepingInput(session.page, 'Luno: Restore Progress');
    await pickQuickItem(session.page, path.basename(backupFile));
    await session.page.locator('.monaco-dialog-box .monaco-button', { hasText: exactText('Restore') }).click();
    await waitForNotification(session.page, 'Progress restored from');
    await waitForChecked(session.page, 'L4: Advanced', true);
    await session.screenshot('15-restored');

    const rows = await waitForRows(databaseFile, (found) => found.some((row) => row.layer === 4 && row.completed === 1));
    assert.equal(rows.find((row) => row.layer === 4)?.completed, 1);
    assert.equal(await description(session.page, 'CrewAI'), 'all layers done · Intermediate');
  });

  it('hide toggle hides completed layers', async () => {
    await clickViewAction(session.page, 'Hide Completed Layers');
    await treeItem(session.page, VIEW, 'L0: Basic Crew').waitFor({ state: 'detached', timeout: WAIT_MS });
    await treeView(session.page, VIEW).hover();
    await viewAction(session.page, 'Show Completed Layers').waitFor({ timeout: WAIT_MS });
    await session.screenshot('16-completed-hidden');

    assert.equal(await treeItem(session.page, VIEW, 'L4: Advanced').count(), 0);
    assert.equal(await treeItem(session.page, VIEW, 'CrewAI').isVisible(), true);
    assert.equal(readShowCompletedSetting(databaseFile), false);

    await clickViewAction(session.page, 'Show Completed Layers');
    await treeItem(session.page, VIEW, 'L0: Basic Crew').waitFor({ timeout: WAIT_MS });
    assert.equal(readShowCompletedSetting(databaseFile), true);
  });

  it('edit notes stores them', async () => {
    await runContextMenuItem(session.page, 'CrewAI', 'Edit Notes');
    await fillQuickInput(session.page, 'Try the hierarchical crew next');
    await session.page.keyboard.press('Enter');
    await session.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: WAIT_MS });

    const notes = await waitForNotes(databaseFile, 'Try the hierarchical crew next');
    assert.equal(notes, 'Try the hierarchical crew next');
  });

  it('log reports activation time', async (t) => {
    const log = await readOutputChannel(session.server, 'Luno-AI');
    const times = [...log.matchAll(/Activated in (\d+) ms/g)].map((match) => Number(match[1]));
    t.diagnostic(`activation times (ms), one per window load: ${times.join(', ')}`);

    assert.equal(times.length >= 2, true, `expected an activation line per window load in:\n${log}`);
  });
});

/**
 * Opens the Luno-AI container and collapses its other views, so the Learning
 * view has the height to show every row the test clicks.
 */
async function showLearningViewOnly(page: Page): Promise<void> {
  await openViewContainer(page, CONTAINER);

  const otherViews = page
    .locator('.part.sidebar .pane-header[aria-expanded="true"]')
    .filter({ hasNot: page.locator('h3.title', { hasText: new RegExp(`^\\s*${VIEW}\\s*$`, 'i') }) });

  // Each click collapses one view, so the locator matches one fewer header; the bound stops a loop on a stuck header.
  for (let attempt = 0; attempt < 10 && (await otherViews.count()) > 0; attempt += 1) {
    await otherViews.first().click();
  }
}

/** 1-based number of the first line of `file` that starts with `prefix`. */
async function lineOf(file: string, prefix: string): Promise<number> {
  const lines = (await fs.readFile(file, 'utf8')).split('\n');
  const index = lines.findIndex((line) => line.startsWith(prefix));
  assert.notEqual(index, -1, `no line starting with "${prefix}" in ${file}`);
  return index + 1;
}

/** Locates a rendered line of the active editor whose text is exactly `text`. Monaco renders spaces as no-break spaces. */
function editorLine(page: Page, text: string) {
  const pattern = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[\\s\\u00a0]');
  return page
    .locator('.editor-group-container.active .monaco-editor .view-line')
    .filter({ hasText: new RegExp(`^[\\s\\u00a0]*${pattern}[\\s\\u00a0]*$`) })
    .first();
}

/**
 * Measures the distance in pixels from the top of the active editor's text area
 * to the line with `text`, and the text area's height. It waits until the line is
 * rendered and stays put for half a second, and returns undefined when that does
 * not happen within the wait.
 */
async function settledLinePlacement(page: Page, text: string): Promise<{ offset: number; height: number } | undefined> {
  const editor = page.locator('.editor-group-container.active .monaco-editor .overflow-guard').first();
  const deadline = Date.now() + WAIT_MS;
  let previous: number | undefined;

  while (Date.now() < deadline) {
    const lineBox = await editorLine(page, text).boundingBox().catch(() => null);
    const editorBox = await editor.boundingBox();
    const offset = lineBox && editorBox ? Math.round(lineBox.y - editorBox.y) : undefined;

    if (offset !== undefined && offset === previous && editorBox) {
      return { offset, height: Math.round(editorBox.height) };
    }
    previous = offset;
    await page.waitForTimeout(500);
  }
  return undefined;
}

/** Clicks a title-bar button of the Learning view, hovering the view first because VS Code shows them on hover or focus. */
async function clickViewAction(page: Page, title: string): Promise<void> {
  await treeView(page, VIEW).hover();
  const action = viewAction(page, title);
  await action.waitFor({ state: 'visible', timeout: WAIT_MS });
  await action.click();
}

/** Locates a title-bar button of the Learning view by its title. */
function viewAction(page: Page, title: string) {
  return page.locator(`.part.sidebar .pane-header .actions .action-label[aria-label="${title}"]`).first();
}

/** Reads the showCompletedLayers value stored in the default user's settings JSON. */
function readShowCompletedSetting(file: string): unknown {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare(`SELECT settings FROM users WHERE id = 'default'`).get() as { settings: string };
    return (JSON.parse(row.settings) as Record<string, unknown>).showCompletedLayers;
  } finally {
    db.close();
  }
}

/**
 * Right-clicks a Learning view row and picks an entry of its context menu. The
 * menu can miss a click that arrives while it is still opening, so the entry is
 * hovered first and the click is repeated until the menu closes.
 */
async function runContextMenuItem(page: Page, label: string, action: string): Promise<void> {
  await treeItem(page, VIEW, label).click({ button: 'right' });

  const menu = page.locator('.context-view .monaco-menu');
  const item = menu.locator('.action-label', { hasText: exactText(action) });
  await item.waitFor({ timeout: WAIT_MS });

  for (let attempt = 0; attempt < 3 && (await menu.count()) > 0; attempt += 1) {
    await item.hover();
    await page.waitForTimeout(200);
    await item.click({ timeout: WAIT_MS }).catch(() => undefined);
    await menu.waitFor({ state: 'detached', timeout: 2000 }).catch(() => undefined);
  }
  assert.equal(await menu.count(), 0, `the context menu stayed open after choosing "${action}"`);
}

/**
 * Runs a palette command that opens its own quick pick: unlike runCommand it
 * does not wait for the palette to close, because the command's quick pick
 * takes its place.
 */
async function runCommandKeepingInput(page: Page, title: string): Promise<void> {
  const quickInput = page.locator('.quick-input-widget');
  await page.keyboard.press('F1');
  await quickInput.locator('input').fill(`>${title}`);
  await quickInput
    .locator('.monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: exactText(title) }) })
    .first()
    .click();
}

async function waitForChecked(page: Page, label: string, checked: boolean): Promise<void> {
  await treeItem(page, VIEW, label)
    .locator(`.custom-view-tree-node-item-checkbox[aria-checked="${checked}"]`)
    .waitFor({ timeout: WAIT_MS });
}

function exactText(text: string): RegExp {
  return new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
}

/** Counts the PRDs of a domain folder the way the scanner does: `.md` files not starting with `_`. */
async function countPrds(folder: string): Promise<number> {
  const names = await fs.readdir(folder);
  return names.filter((name) => name.endsWith('.md') && !name.startsWith('_')).length;
}

/** Percentage of `layers` completed layers among the five layers of each technology, as the view rounds it. */
function percent(layers: number, technologies: number): number {
  return Math.round((layers / (technologies * 5)) * 100);
}

/** Labels of the rows at the top level of the Learning view, in order. */
async function topLevelLabels(page: Page): Promise<string[]> {
  const rows = treeView(page, VIEW).locator('.monaco-list-row[role="treeitem"][aria-level="1"] .label-name');
  return (await rows.allTextContents()).map((label) => label.trim());
}

/** Description text of a tree row (the grey text after the label). */
async function description(page: Page, label: string): Promise<string> {
  const text = await treeItem(page, VIEW, label).locator('.label-description').textContent();
  return text?.trim() ?? '';
}

async function waitForDescription(page: Page, label: string, expected: string): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (Date.now() < deadline) {
    if ((await description(page, label)) === expected) {
      return;
    }
    await page.waitForTimeout(100);
  }
}

/** Reads the CrewAI progress rows until `ready` accepts them or the wait ends; returns the last read. */
async function waitForRows(file: string, ready: (rows: ProgressRow[]) => boolean): Promise<ProgressRow[]> {
  const deadline = Date.now() + WAIT_MS;
  let rows: ProgressRow[] = [];

  while (Date.now() < deadline) {
    rows = readCrewAiRows(file);
    if (ready(rows)) {
      return rows;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return rows;
}

/** Reads the CrewAI notes until they equal `expected` or the wait ends; returns the last read. */
async function waitForNotes(file: string, expected: string): Promise<string | null> {
  const deadline = Date.now() + WAIT_MS;
  let notes: string | null = null;

  while (Date.now() < deadline) {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const row = db
        .prepare(`SELECT notes FROM progress WHERE domain = 'agents' AND technology = 'crewai' AND notes IS NOT NULL`)
        .get() as { notes: string } | undefined;
      notes = row?.notes ?? null;
    } finally {
      db.close();
    }

    if (notes === expected) {
      return notes;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return notes;
}

function readCrewAiRows(file: string): ProgressRow[] {
  if (!existsSync(file)) {
    return [];
  }

  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(
        `SELECT layer, completed, completed_at FROM progress
         WHERE domain = 'agents' AND technology = 'crewai' ORDER BY layer`,
      )
      .all() as ProgressRow[];
  } finally {
    db.close();
  }
}

describe('learning tree with corrupt database', { skip: existsSync(corpus) ? false : `real corpus not found at ${corpus}` }, () => {
  const garbage = 'this is not a SQLite database\n'.repeat(200);
  let workspace: string;
  let userDataDir: string;
  let storageDir: string;
  let session: WorkbenchSession;

  before(async () => {
    workspace = await fs.mkdtemp(path.join(os.tmpdir(), 'luno-corrupt-e2e-'));
    await fs.cp(corpus, workspace, { recursive: true });

    userDataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'luno-corrupt-user-'));
    storageDir = path.join(userDataDir, 'User', 'globalStorage', EXTENSION_ID);
    await fs.mkdir(storageDir, { recursive: true });
    await fs.writeFile(path.join(storageDir, 'luno.db'), garbage);

    session = await startWorkbench({
      name: 'learning tree with corrupt database',
      extensions: [repoRoot],
      folder: workspace,
      userDataDir,
    });
  });

  after(async () => {
    await session?.close();
    for (const folder of [workspace, userDataDir]) {
      if (folder) {
        await fs.rm(folder, { recursive: true, force: true });
      }
    }
  });

  it('reports the unusable database', async () => {
    const message = await waitForNotification(session.page, 'Luno-AI progress is unavailable');
    await session.screenshot('01-corrupt-reported');

    assert.match(message, /is not a usable SQLite database/);
  });

  it('tree still shows content', async () => {
    await showLearningViewOnly(session.page);
    await treeItem(session.page, VIEW, 'Agentic AI').waitFor({ timeout: WAIT_MS });
    await expand(session.page, VIEW, 'Agentic AI');
    await expand(session.page, VIEW, 'CrewAI');
    await treeItem(session.page, VIEW, 'L0: Basic Crew').waitFor({ timeout: WAIT_MS });
    await session.screenshot('02-content-without-progress');

    assert.deepEqual(await topLevelLabels(session.page), DOMAINS);
    assert.equal(await treeItem(session.page, VIEW, 'L0: Basic Crew').locator('.custom-view-tree-node-item-checkbox').count(), 0);
    assert.equal(await description(session.page, 'Agentic AI'), `${await countPrds(path.join(workspace, 'integrations', 'agents'))} technologies`);
  });

  it('move aside starts fresh', async () => {
    await session.page
      .locator('.notifications-toasts .notification-list-item', { hasText: 'Luno-AI progress is unavailable' })
      .locator('.monaco-button', { hasText: 'Move Aside and Start Fresh' })
      .click();
    await waitForNotification(session.page, 'The damaged database was moved to');
    await session.screenshot('03-moved-aside');

    const names = await fs.readdir(storageDir);
    const moved = names.find((name) => name.startsWith('luno.db.corrupt-'));
    assert.ok(moved, `no luno.db.corrupt-* file in ${names.join(', ')}`);
    assert.equal(await fs.readFile(path.join(storageDir, moved), 'utf8'), garbage);
  });

  it('reload records progress again', async () => {
    await reloadWindow(session.page);
    await showLearningViewOnly(session.page);
    await treeItem(session.page, VIEW, 'Agentic AI').waitFor({ timeout: WAIT_MS });
    await expand(session.page, VIEW, 'Agentic AI');
    await expand(session.page, VIEW, 'CrewAI');

    assert.equal(await toggleCheckbox(session.page, VIEW, 'L0: Basic Crew'), true);
    await session.screenshot('04-fresh-database');
    const rows = await waitForRows(path.join(storageDir, 'luno.db'), (found) => found.length === 1);
    assert.equal(rows[0]?.completed, 1);
  });
});

describe('learning tree in empty folder', () => {
  let workspace: string;
  let session: WorkbenchSession;

  before(async () => {
    workspace = await fs.mkdtemp(path.join(os.tmpdir(), 'luno-empty-e2e-'));
    await fs.writeFile(path.join(workspace, 'README.md'), '# Not Luno content\n');
    session = await startWorkbench({ name: 'learning tree in empty folder', extensions: [repoRoot], folder: workspace });
  });

  after(async () => {
    await session?.close();
    if (workspace) {
      await fs.rm(workspace, { recursive: true, force: true });
    }
  });

  it('welcome view explains missing content', async () => {
    await showLearningViewOnly(session.page);
    const welcome = session.page.locator('.part.sidebar .welcome-view-content', { hasText: 'No Luno-AI content was found' });
    await welcome.waitFor({ timeout: WAIT_MS });
    await session.screenshot('01-welcome');

    assert.equal(await welcome.locator('.monaco-button', { hasText: 'Open Folder' }).isVisible(), true);
    assert.equal(await welcome.locator('a', { hasText: 'content folder setting' }).isVisible(), true);
  });

  it('new content folder fills tree', async () => {
    const prd = path.join(workspace, 'integrations', 'agents', 'demo.md');
    await fs.mkdir(path.dirname(prd), { recursive: true });
    await fs.writeFile(prd, '# Demo Integration\n\n## Learning Path\n\n### L0: Hello (5 min)\n');

    await treeItem(session.page, VIEW, 'Agents').waitFor({ timeout: WAIT_MS });
    await session.screenshot('02-content-found');

    assert.equal(await description(session.page, 'Agents'), '0/1 · 0%');
  });
});
