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
  isChecked,
  openViewContainer,
  readOutputChannel,
  reloadWindow,
  repoRoot,
  startWorkbench,
  toggleCheckbox,
  treeItem,
  treeView,
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
