// Lab progress in a real VS Code (code-server + Chromium) on a copy of the
// real corpus with the lab fixtures in its labs/ folder. Covered: the Labs view
// counts, the progress webview (marks, escaping, hide/show, reload) and
// progress recorded from real notebook runs through a test-only controller.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import type { Frame, Page } from 'playwright-core';

import { openViewContainer, reloadWindow, repoRoot, startWorkbench, treeItem, type WorkbenchSession } from './harness';
import {
  CONTAINER,
  EXTENSION_ID,
  WAIT_MS,
  corpus,
  labWebviewFrame,
  makeWorkspace,
  notebookRunnerExtension,
  openWorkspaceFile,
  queryDatabase,
  runCommand,
  setViewExpanded,
  waitForValue,
} from './lunoSteps';

const TEST_NAME = 'labs on real corpus';
const VIEW = 'Labs';
const CREW = { id: 'agents/crew-basics', title: 'Crew Basics', file: 'labs/agents/crew-basics.ipynb' };
const PROMPTS = { id: 'llms/prompt-patterns', title: 'Prompt Patterns', file: 'labs/llms/prompt-patterns.ipynb' };
const MARKUP_LINE = '# <img src=x onerror=alert(1)> & <b>bold</b>';

interface LabRunRow {
  completed: number;
  completed_at: string | null;
  cell_progress: string;
}

interface CellEntry {
  cellId: string;
  completed: boolean;
  executedAt: string | null;
  failed?: boolean;
}

describe('labs on real corpus', { skip: existsSync(corpus) ? false : `real corpus not found at ${corpus}` }, () => {
  let workspace: string;
  let session: WorkbenchSession;
  let databaseFile: string;
  const workspacePath = (): string => workspace;

  before(async () => {
    workspace = await makeWorkspace('luno-labs-e2e-', { labs: true });
    session = await startWorkbench({ name: TEST_NAME, extensions: [repoRoot, notebookRunnerExtension], folder: workspace });
    databaseFile = path.join(session.server.globalStorageDir(EXTENSION_ID), 'luno.db');
  });

  after(async () => {
    await session?.close();
    if (workspace) {
      await fs.rm(workspace, { recursive: true, force: true });
    }
  });

  it('Labs view counts cells', async () => {
    await showLabsView(session.page);
    await session.screenshot('01-labs-view');

    assert.equal(await labDescription(session.page, CREW.title), '0/4 cells');
    assert.equal(await labDescription(session.page, PROMPTS.title), '0/4 cells');
    assert.equal(await labDescription(session.page, 'Invalid Json'), 'invalid notebook');
  });

  it('invalid notebook shows problem', async () => {
    const frame = await openLabPanel(session.page, 'Invalid Json');
    const problem = (await frame.locator('.lab-problem').textContent({ timeout: WAIT_MS })) ?? '';
    await session.screenshot('02-invalid-notebook');

    assert.match(problem, /invalid-json\.ipynb is not valid JSON/);
    assert.equal(await frame.locator('tr.lab-cell').count(), 0);
    await runCommand(session.page, 'View: Close Editor');
  });

  it('webview lists code cells', async () => {
    const frame = await openLabPanel(session.page, CREW.title);
    await frame.locator('tr.lab-cell').nth(3).waitFor({ timeout: WAIT_MS });
    await session.screenshot('02-webview-opened');

    assert.deepEqual(await firstLines(frame), [
      'import json',
      "agents.append({'role': 'researcher'})",
      MARKUP_LINE,
      "print(len(agents), 'agents')",
    ]);
    assert.deepEqual(await statuses(frame), ['not-run', 'not-run', 'not-run', 'not-run']);
  });

  it('cell markup shows as text', async () => {
    const frame = await labWebviewFrame(session.page, CREW.title);

    assert.equal(await frame.locator('img').count(), 0);
    assert.equal(await frame.locator('b').count(), 0);
    assert.equal(await frame.locator('tr[data-cell-key="markup-cell"] code').textContent(), MARKUP_LINE);
  });

  it('mark done writes database', async () => {
    const frame = await labWebviewFrame(session.page, CREW.title);
    await frame.locator('tr[data-cell-key="setup"] button[data-action="mark"]').click();

    const cells = await waitForValue(() => readCells(databaseFile, CREW.id), (found) => found[0]?.completed === true);
    await frame.locator('tr[data-cell-key="setup"][data-status="ran"]').waitFor({ timeout: WAIT_MS });
    await session.screenshot('03-cell-marked');

    assert.deepEqual(
      cells.map((cell) => [cell.cellId, cell.completed]),
      [
        ['setup', true],
        ['define-agents', false],
        ['markup-cell', false],
        ['run-crew', false],
      ],
    );
    assert.match(cells[0]?.executedAt ?? '', /^\d{4}-\d{2}-\d{2}T/);
  });

  it('Labs view count follows', async () => {
    const text = await waitForValue(() => labDescription(session.page, CREW.title), (found) => found === '1/4 cells');

    assert.equal(text, '1/4 cells');
  });

  it('state kept after hide/show', async () => {
    await openWorkspaceFile(session.page, 'integrations/agents/crewai.md');
    await session.screenshot('04-webview-hidden');
    await editorTab(session.page, `Lab: ${CREW.title}`).click();

    const frame = await labWebviewFrame(session.page, CREW.title);
    await frame.locator('tr.lab-cell').nth(3).waitFor({ timeout: WAIT_MS });
    await session.screenshot('05-webview-shown');

    assert.deepEqual(await statuses(frame), ['ran', 'not-run', 'not-run', 'not-run']);
  });

  it('change while hidden shows', async () => {
    await openWorkspaceFile(session.page, 'integrations/agents/crewai.md');
    await runCommand(session.page, 'Luno: Reset Lab Progress');
    await pickQuickInputRow(session.page, CREW.title);
    await session.page.locator('.monaco-dialog-box .monaco-button', { hasText: 'Reset Lab' }).click();
    await waitForValue(() => readCells(databaseFile, CREW.id), (found) => found.length === 0);

    await editorTab(session.page, `Lab: ${CREW.title}`).click();
    const frame = await labWebviewFrame(session.page, CREW.title);
    const shown = await waitForValue(() => statuses(frame), (found) => found[0] === 'not-run');
    await session.screenshot('06-reset-while-hidden');

    assert.deepEqual(shown, ['not-run', 'not-run', 'not-run', 'not-run']);
  });

  it('panel restored after reload', async () => {
    let frame = await labWebviewFrame(session.page, CREW.title);
    await frame.locator('tr[data-cell-key="define-agents"] button[data-action="mark"]').click();
    await waitForValue(() => readCells(databaseFile, CREW.id), (found) => found[1]?.completed === true);

    await reloadWindow(session.page);
    frame = await labWebviewFrame(session.page, CREW.title, 30_000);
    const shown = await waitForValue(() => statuses(frame), (found) => found.length === 4);
    await session.screenshot('07-restored-after-reload');

    assert.deepEqual(shown, ['not-run', 'ran', 'not-run', 'not-run']);
  });

  it('notebook run records progress', async () => {
    await openWorkspaceFile(session.page, CREW.file);
    await runAllCells(session.page);
    await session.screenshot('08-run-all-clicked');

    const run = await waitForValue(() => readRun(databaseFile, CREW.id), (found) => found?.completed === 1, 30_000);
    await session.screenshot('08-notebook-ran');

    const cells = JSON.parse(run?.cell_progress ?? '[]') as CellEntry[];
    assert.deepEqual(
      cells.map((cell) => [cell.cellId, cell.completed]),
      [
        ['setup', true],
        ['define-agents', true],
        ['markup-cell', true],
        ['run-crew', true],
      ],
    );
    assert.equal(run?.completed, 1);
    assert.match(run?.completed_at ?? '', /^\d{4}-\d{2}-\d{2}T/);
  });

  it('webview shows the run', async () => {
    await editorTab(session.page, `Lab: ${CREW.title}`).click();
    const frame = await labWebviewFrame(session.page, CREW.title);
    const shown = await waitForValue(() => statuses(frame), (found) => found.every((status) => status === 'ran'));
    await session.screenshot('09-webview-after-run');

    assert.deepEqual(shown, ['ran', 'ran', 'ran', 'ran']);
    assert.match((await frame.locator('.lab-counts').textContent()) ?? '', /^4\/4 cells ran · completed /);
  });

  it('Open selects the cell', async () => {
    const frame = await labWebviewFrame(session.page, CREW.title);
    await frame.locator('tr[data-cell-key="markup-cell"] button[data-action="open"]').click();

    const indicator = session.page.locator('.statusbar-item', { hasText: /^Cell \d+ of \d+$/ }).first();
    const text = await waitForValue(async () => (await indicator.textContent().catch(() => ''))?.trim() ?? '', (found) => found === 'Cell 4 of 5');
    await session.screenshot('10-cell-opened');

    assert.equal(text, 'Cell 4 of 5');
  });

  it('nbformat 4.2 run keyed by source', async () => {
    await openWorkspaceFile(session.page, PROMPTS.file);
    await runAllCells(session.page);

    const cells = await waitForValue(
      () => readCells(databaseFile, PROMPTS.id),
      (found) => found.filter((cell) => cell.executedAt !== null).length === 4,
      30_000,
    );
    await session.screenshot('11-older-notebook-ran');

    assert.deepEqual(
      cells.map((cell) => [cell.completed, cell.failed === true]),
      [
        [true, false],
        [true, false],
        [false, true],
        [true, false],
      ],
    );
    for (const cell of cells) {
      assert.match(cell.cellId, /^src-[0-9a-f]{12}(-2)?$/);
    }
    assert.equal(cells[3]?.cellId, `${cells[1]?.cellId}-2`);
  });

  it('Labs view shows failures', async () => {
    await showLabsView(session.page);
    const text = await waitForValue(() => labDescription(session.page, PROMPTS.title), (found) => found === '3/4 cells, 1 failed');
    await session.screenshot('12-labs-view-final');

    assert.equal(text, '3/4 cells, 1 failed');
    assert.equal(await labDescription(session.page, CREW.title), '4/4 cells');
  });

  it('changed notebook keeps progress', async () => {
    await editorTab(session.page, 'prompt-patterns.ipynb').click();
    await runCommand(session.page, 'File: Revert File');
    await runCommand(session.page, 'View: Close Editor');

    // Remove the first code cell (it ran), move the failing cell to the top and add a new cell.
    const file = path.join(workspacePath(), PROMPTS.file);
    const notebook = JSON.parse(await fs.readFile(file, 'utf8')) as { cells: unknown[] };
    const [title, , checkpoint, failing, checkpointAgain] = notebook.cells;
    const added = { cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: ["print('added later')"] };
    notebook.cells = [title, failing, checkpoint, added, checkpointAgain];
    await fs.writeFile(file, JSON.stringify(notebook, null, 1));

    await showLabsView(session.page);
    const text = await waitForValue(() => labDescription(session.page, PROMPTS.title), (found) => found === '2/4 cells, 1 failed');
    const frame = await openLabPanel(session.page, PROMPTS.title);
    const shown = await waitForValue(() => statuses(frame), (found) => found.length === 4);
    await session.screenshot('13-changed-notebook');

    assert.equal(text, '2/4 cells, 1 failed');
    assert.deepEqual(shown, ['failed', 'ran', 'not-run', 'ran']);
    assert.deepEqual(await firstLines(frame), ["raise ValueError('empty question')", "print('checkpoint')", "print('added later')", "print('checkpoint')"]);
    assert.match((await frame.locator('.lab-notice').textContent()) ?? '', /1 cell that ran earlier is no longer in it/);
  });

  it('Reset Lab button clears run', async () => {
    await editorTab(session.page, `Lab: ${CREW.title}`).click();
    const frame = await labWebviewFrame(session.page, CREW.title);
    await frame.locator('button[data-action="reset"]').click();
    await session.page.locator('.monaco-dialog-box .monaco-button', { hasText: 'Reset Lab' }).click();

    const run = await waitForValue(() => readRun(databaseFile, CREW.id), (found) => found === undefined);
    const shown = await waitForValue(() => statuses(frame), (found) => found.every((status) => status === 'not-run'));
    await session.screenshot('14-reset-from-webview');

    assert.equal(run, undefined);
    assert.deepEqual(shown, ['not-run', 'not-run', 'not-run', 'not-run']);
    assert.equal((await frame.locator('.lab-counts').textContent())?.trim(), '0/4 cells ran');
  });
});

async function showLabsView(page: Page): Promise<void> {
  await openViewContainer(page, CONTAINER);
  for (const view of ['Learning', 'Bookmarks', 'Research']) {
    await setViewExpanded(page, view, false);
  }
  await setViewExpanded(page, VIEW, true);
  await treeItem(page, VIEW, CREW.title).waitFor({ timeout: WAIT_MS });
}

/** Clicks a lab's row until its progress webview shows; a row redrawn right at the click can drop it. */
async function openLabPanel(page: Page, title: string): Promise<Frame> {
  for (let attempt = 1; attempt < 3; attempt += 1) {
    await treeItem(page, VIEW, title).click();
    const frame = await labWebviewFrame(page, title, 4000).catch(() => undefined);
    if (frame !== undefined) {
      return frame;
    }
  }
  await treeItem(page, VIEW, title).click();
  return labWebviewFrame(page, title);
}

async function labDescription(page: Page, title: string): Promise<string> {
  const text = await treeItem(page, VIEW, title).locator('.label-description').textContent({ timeout: WAIT_MS });
  return text?.trim() ?? '';
}

function editorTab(page: Page, title: string) {
  return page.locator('.tabs-container .tab', { has: page.locator('.label-name', { hasText: title }) }).first();
}

async function firstLines(frame: Frame): Promise<string[]> {
  return (await frame.locator('tr.lab-cell td.cell-source code').allTextContents()).map((text) => text.trim());
}

async function statuses(frame: Frame): Promise<string[]> {
  return frame.locator('tr.lab-cell').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-status') ?? ''));
}

async function pickQuickInputRow(page: Page, label: string): Promise<void> {
  const row = page.locator('.quick-input-widget .monaco-list-row', { has: page.locator('.label-name', { hasText: label }) }).first();
  await row.waitFor({ timeout: WAIT_MS });
  await row.click();
}

/** Runs every cell of the active notebook, picking the test runner when the kernel picker opens. */
async function runAllCells(page: Page): Promise<void> {
  // The workbench keeps hidden notebook editors of other tabs, so only visible elements count.
  await page.locator('.notebook-editor .cell-list-container .monaco-list-row').filter({ visible: true }).first().waitFor({ timeout: WAIT_MS });
  await page.locator('.notebook-toolbar-container .action-item', { hasText: 'Run All' }).filter({ visible: true }).first().click({ timeout: WAIT_MS });

  const picker = page.locator('.quick-input-widget .monaco-list-row', { has: page.locator('.label-name', { hasText: 'Luno Test Runner' }) });
  const asked = await picker
    .first()
    .waitFor({ timeout: 3000 })
    .then(() => true)
    .catch(() => false);
  if (asked) {
    await picker.first().click();
  }
}

function readRun(file: string, labId: string): LabRunRow | undefined {
  return queryDatabase<LabRunRow>(file, 'SELECT completed, completed_at, cell_progress FROM lab_runs WHERE lab_id = ?', labId)[0];
}

function readCells(file: string, labId: string): CellEntry[] {
  const run = readRun(file, labId);
  return run === undefined ? [] : (JSON.parse(run.cell_progress) as CellEntry[]);
}
