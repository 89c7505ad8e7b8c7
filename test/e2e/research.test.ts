// Research tracking in a real VS Code (code-server + Chromium) on a copy of the
// real corpus. Sessions are listed newest first. Opening a session file records
// a research_views row (once per five minutes), and the view then marks the
// session viewed and lists it under "Recently viewed".
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import type { Page } from 'playwright-core';

import { expand, openViewContainer, repoRoot, startWorkbench, treeItem, treeView, type WorkbenchSession } from './harness';
import {
  CONTAINER,
  EXTENSION_ID,
  WAIT_MS,
  activeTabTitle,
  corpus,
  makeWorkspace,
  openWorkspaceFile,
  queryDatabase,
  setViewExpanded,
  waitForValue,
} from './lunoSteps';

const TEST_NAME = 'research on real corpus';
const VIEW = 'Research';
const CREWAI_SESSION = 'research/2026-01-05_crewai-multi-agent-framework';
const STT_SESSION = 'research/2026-01-02_speech-to-text-alternatives';

interface ViewRow {
  session_path: string;
  viewed_at: string;
}

describe('research on real corpus', { skip: existsSync(corpus) ? false : `real corpus not found at ${corpus}` }, () => {
  let workspace: string;
  let session: WorkbenchSession;
  let databaseFile: string;
  let crewaiTitle: string;
  let sttTitle: string;

  before(async () => {
    workspace = await makeWorkspace('luno-research-e2e-');
    crewaiTitle = await readmeTitle(path.join(workspace, CREWAI_SESSION));
    sttTitle = await readmeTitle(path.join(workspace, STT_SESSION));

    session = await startWorkbench({ name: TEST_NAME, extensions: [repoRoot], folder: workspace });
    databaseFile = path.join(session.server.globalStorageDir(EXTENSION_ID), 'luno.db');
  });

  after(async () => {
    await session?.close();
    if (workspace) {
      await fs.rm(workspace, { recursive: true, force: true });
    }
  });

  it('sessions listed newest first', async () => {
    await showResearchView(session.page);
    await session.screenshot('01-research-view');

    const dates = (await topLevelDescriptions(session.page)).map((text) => text.slice(0, 10));
    assert.equal(dates.length, 11);
    assert.deepEqual(dates, [...dates].sort().reverse());
    assert.equal(await treeItem(session.page, VIEW, 'Recently viewed').count(), 0);
  });

  it('opening session file records view', async () => {
    await openWorkspaceFile(session.page, `${CREWAI_SESSION}/findings.md`);

    const rows = await waitForValue(() => readViews(databaseFile), (found) => found.length === 1);
    assert.deepEqual(
      rows.map((row) => row.session_path),
      [CREWAI_SESSION],
    );
    assert.match(rows[0]?.viewed_at ?? '', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('view marks session viewed', async () => {
    await treeItem(session.page, VIEW, 'Recently viewed').waitFor({ timeout: WAIT_MS });
    const description = await waitForValue(
      () => rowDescription(session.page, crewaiTitle),
      (text) => text.includes('viewed'),
    );
    await session.screenshot('02-session-viewed');

    assert.match(description, /^2026-01-05 · .* · viewed just now$/);
    assert.equal(await treeItem(session.page, VIEW, crewaiTitle).getAttribute('aria-level'), '2');
  });

  it('second file within interval', async () => {
    await openWorkspaceFile(session.page, `${CREWAI_SESSION}/sources.md`);
    await waitForValue(() => activeTabTitle(session.page), (title) => title === 'sources.md');

    assert.equal(readViews(databaseFile).length, 1);
  });

  it('opening from view records', async () => {
    await treeItem(session.page, VIEW, sttTitle).click();
    await waitForValue(() => activeTabTitle(session.page), (title) => title === 'README.md');

    const rows = await waitForValue(() => readViews(databaseFile), (found) => found.length === 2);
    await expand(session.page, VIEW, 'Recently viewed');
    await session.screenshot('03-two-sessions-viewed');

    assert.deepEqual(
      rows.map((row) => row.session_path),
      [CREWAI_SESSION, STT_SESSION],
    );
    // The view redraws after the database change event, a moment after the row is written.
    const labels = await waitForValue(() => recentLabels(session.page), (found) => found.length === 2);
    assert.deepEqual(labels, [sttTitle, crewaiTitle]);
  });
});

async function showResearchView(page: Page): Promise<void> {
  await openViewContainer(page, CONTAINER);
  for (const view of ['Learning', 'Bookmarks', 'Labs']) {
    await setViewExpanded(page, view, false);
  }
  await setViewExpanded(page, VIEW, true);
  await treeView(page, VIEW).locator('.monaco-list-row[role="treeitem"]').first().waitFor({ timeout: WAIT_MS });
}

async function readmeTitle(folder: string): Promise<string> {
  const text = await fs.readFile(path.join(folder, 'README.md'), 'utf8');
  const heading = text.split('\n').find((line) => line.startsWith('# '));
  return heading?.slice(2).trim() ?? '';
}

async function topLevelDescriptions(page: Page): Promise<string[]> {
  const rows = treeView(page, VIEW).locator('.monaco-list-row[role="treeitem"][aria-level="1"] .label-description');
  return (await rows.allTextContents()).map((text) => text.trim());
}

async function rowDescription(page: Page, label: string): Promise<string> {
  const text = await treeItem(page, VIEW, label).locator('.label-description').textContent({ timeout: WAIT_MS });
  return text?.trim() ?? '';
}

/** Labels of the rows inside "Recently viewed": the level-2 rows before the next level-1 row. */
async function recentLabels(page: Page): Promise<string[]> {
  return treeView(page, VIEW)
    .locator('.monaco-list-row[role="treeitem"]')
    .evaluateAll((rows) => {
      const labels: string[] = [];
      let inRecent = false;
      for (const row of rows) {
        const level = row.getAttribute('aria-level');
        const label = row.querySelector('.label-name')?.textContent?.trim() ?? '';
        if (level === '1') {
          inRecent = label === 'Recently viewed';
        } else if (inRecent && level === '2') {
          labels.push(label);
        }
      }
      return labels;
    });
}

function readViews(file: string): ViewRow[] {
  return queryDatabase<ViewRow>(file, 'SELECT session_path, viewed_at FROM research_views ORDER BY id');
}
