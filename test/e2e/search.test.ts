// Semantic search in a real VS Code (code-server + Chromium) on a copy of the
// real corpus. The status bar reports the index ready. "Luno: Search" finds the
// PRD heading that answers a learner's question and opens it at the top of the
// editor. Code examples filter by language and open at their fence, research
// results record a view, and searches are saved to luno.db and listed again.
// The OpenAI key is checked against a local server that speaks the embeddings
// API, and a window reload leaves one Chroma server. Last, luno.chroma.url is
// switched to a closed port: the embedded server stops and search serves
// keyword results with a note.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import type { Locator, Page } from 'playwright-core';

import { reloadWindow, repoRoot, runCommand, startWorkbench, waitForNotification, type WorkbenchSession } from './harness';
import { activeTabTitle, corpus, cursorLine, EXTENSION_ID, makeWorkspace, queryDatabase, waitForValue } from './lunoSteps';

/** A learner's question in their own words, and the PRD heading that answers it. */
const QUESTION = 'my whisper transcription is too slow';
const ANSWER_FILE = 'integrations/audio/whisper.md';
const ANSWER_HEADING = '#### Issue 2: Slow Transcription';
const NEXT_HEADING = '#### Issue 3: Poor Accuracy';

/** A request for a code example, and the section and file of the expected top example. */
const CODE_QUESTION = 'detect objects in a webcam stream';
const CODE_SECTION = 'L1: Video & Tracking';
const CODE_FILE = 'integrations/visual-ai/yolo.md';

/** A question about research, and the session and section of the expected top result. */
const RESEARCH_QUESTION = 'which speech to text service is most reliable in production';
const RESEARCH_SECTION = 'Commercial APIs Lead in Production Reliability';
const RESEARCH_SESSION = 'research/2026-01-02_speech-to-text-alternatives';

/** A PRD the test creates while the workbench runs. */
const NEW_FILE = 'integrations/audio/zebracorn.md';

/** Keys the local embeddings server accepts and rejects. */
const GOOD_KEY = 'sk-test-accepted-key';
const BAD_KEY = 'sk-test-rejected-key';

/** Time allowed for Chroma to start and the whole corpus to be indexed with the local model. */
const INDEX_READY_MS = 900_000;
const STEP_MS = 20_000;

const skip = existsSync(corpus) ? false : `real corpus not found at ${corpus}`;

describe('search on real corpus', { skip }, () => {
  let workspace: string;
  let session: WorkbenchSession;
  let databaseFile: string;
  let headingLine: number;
  let nextHeadingLine: number;
  let embeddings: FakeEmbeddingsServer;

  before(async () => {
    workspace = await makeWorkspace('luno-search-e2e-');
    const lines = (await fs.readFile(path.join(workspace, ANSWER_FILE), 'utf8')).split('\n');
    headingLine = lines.findIndex((line) => line.trim() === ANSWER_HEADING) + 1;
    nextHeadingLine = lines.findIndex((line) => line.trim() === NEXT_HEADING) + 1;

    embeddings = await startFakeEmbeddingsServer();
    session = await startWorkbench({
      name: 'search on real corpus',
      extensions: [repoRoot],
      folder: workspace,
      settings: { 'luno.search.openaiBaseUrl': `${embeddings.url}/v1` },
    });
    databaseFile = path.join(session.server.globalStorageDir(EXTENSION_ID), 'luno.db');
  });

  after(async () => {
    await session?.close();
    await embeddings?.close();
    if (workspace) {
      await fs.rm(workspace, { recursive: true, force: true });
    }
  });

  it('status bar reaches Search ready', async () => {
    const started = Date.now();
    // A first index with the local model takes long enough to show its progress; a fast one may be missed.
    const indexing = await searchStatusItem(session.page, 'Indexing')
      .waitFor({ timeout: 30_000 })
      .then(() => true)
      .catch(() => false);
    if (indexing) {
      await session.page.waitForTimeout(3000);
      await session.screenshot('indexing');
    }
    await searchStatusItem(session.page, 'Search ready').waitFor({ timeout: INDEX_READY_MS });
    console.log(`search index ready ${((Date.now() - started) / 1000).toFixed(1)} s after the workbench loaded`);
    await session.screenshot('index-ready');

    assert.equal(await searchStatusItem(session.page, 'Search ready').isVisible(), true);
  });

  it('empty box lists no searches yet', async () => {
    await openSearch(session.page);
    const first = await firstRowLabel(session.page);
    await session.screenshot('search-opened');

    assert.match(first, /No recent searches/);
  });

  it('question ranks answer first', async () => {
    const input = session.page.locator('.quick-input-widget input');
    await input.pressSequentially(QUESTION, { delay: 30 });
    const typed = Date.now();
    const row = resultRows(session.page).first();
    await row.filter({ hasText: 'Slow Transcription' }).waitFor({ timeout: STEP_MS });
    console.log(`top result shown ${Date.now() - typed} ms after the last keystroke`);
    await session.screenshot('results-shown');

    const label = await row.locator('.label-name').first().textContent();
    assert.match(label ?? '', /Issue 2: Slow Transcription/);
    assert.match(label ?? '', /Whisper/);
  });

  it('top result opens at heading', async () => {
    await session.page.keyboard.press('Enter');
    await session.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: STEP_MS });
    await session.page.locator('.tabs-container .tab.active[aria-label^="whisper.md"]').waitFor({ timeout: STEP_MS });
    const line = await waitForValue(() => cursorLine(session.page), (value) => value === headingLine);
    await session.screenshot('result-opened');

    assert.equal(await activeTabTitle(session.page), 'whisper.md');
    assert.equal(line, headingLine);
    const offset = await lineOffsetInEditor(session.page, ANSWER_HEADING);
    assert.ok(offset >= 0, 'heading line is not drawn in the editor');
    assert.ok(offset < 0.3, `heading drawn at ${(offset * 100).toFixed(0)}% of the editor height, expected near the top`);
  });

  it('search saved to history', async () => {
    const rows = await waitForValue(
      () => queryDatabase<{ query: string; results_count: number }>(databaseFile, 'SELECT query, results_count FROM search_history'),
      (found) => found.length > 0,
    );

    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.query, QUESTION);
    assert.ok((rows[0]?.results_count ?? 0) > 0, `results_count is ${rows[0]?.results_count}`);
  });

  it('code search filters by language', async () => {
    await openSearch(session.page, 'Luno: Search Code Examples');
    await session.page.locator('.quick-input-titlebar .action-label[aria-label="Filter by language…"]').click({ timeout: STEP_MS });
    const python = session.page.locator('.quick-input-widget .monaco-list-row', { has: session.page.locator('.label-name', { hasText: /^\s*python\s*$/ }) });
    await python.first().click({ timeout: STEP_MS });
    await session.page.locator('.quick-input-widget input').pressSequentially(CODE_QUESTION, { delay: 30 });
    await resultRows(session.page).first().filter({ hasText: CODE_SECTION }).waitFor({ timeout: STEP_MS });
    await session.screenshot('code-results');

    const title = await session.page.locator('.quick-input-widget .quick-input-title').textContent();
    assert.match(title ?? '', /language python/);
    assert.match((await resultRows(session.page).first().locator('.label-name').first().textContent()) ?? '', /\(python\)/);
  });

  it('code result opens at fence', async () => {
    await session.page.keyboard.press('Enter');
    await session.page.locator('.tabs-container .tab.active[aria-label^="yolo.md"]').waitFor({ timeout: STEP_MS });
    const line = await waitForValue(() => cursorLine(session.page), (value) => value !== undefined && value > 1);
    await session.screenshot('code-opened');

    const lines = (await fs.readFile(path.join(workspace, CODE_FILE), 'utf8')).split('\n');
    assert.match(lines[(line ?? 1) - 1] ?? '', /^```python/);
  });

  it('research result records a view', async () => {
    await openSearch(session.page);
    await session.page.locator('.quick-input-titlebar .action-label[aria-label="Filter by type…"]').click({ timeout: STEP_MS });
    await session.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Research notes' }).first().click({ timeout: STEP_MS });
    await session.page.locator('.quick-input-widget input').pressSequentially(RESEARCH_QUESTION, { delay: 20 });
    await resultRows(session.page).first().filter({ hasText: RESEARCH_SECTION }).waitFor({ timeout: STEP_MS });
    await session.screenshot('research-results');
    await session.page.keyboard.press('Enter');
    await session.page.locator('.tabs-container .tab.active[aria-label^="README.md"]').waitFor({ timeout: STEP_MS });

    const views = await waitForValue(
      () => queryDatabase<{ session_path: string }>(databaseFile, 'SELECT session_path FROM research_views'),
      (rows) => rows.length > 0,
    );
    assert.ok(
      views.some((row) => row.session_path === RESEARCH_SESSION),
      `research_views rows: ${JSON.stringify(views)}`,
    );
  });

  it('empty box lists recent searches', async () => {
    await openSearch(session.page);
    const rows = historyRows(session.page);
    await rows.nth(2).waitFor({ timeout: STEP_MS });
    const labels = await rows.evaluateAll((elements) => elements.map((row) => row.querySelector('.label-name')?.textContent?.trim() ?? ''));
    await session.screenshot('recent-searches');

    assert.deepEqual(labels, [RESEARCH_QUESTION, CODE_QUESTION, QUESTION]);
  });

  it('picking recent search runs it', async () => {
    await historyRows(session.page).filter({ hasText: QUESTION }).first().click({ timeout: STEP_MS });
    await resultRows(session.page).first().filter({ hasText: 'Slow Transcription' }).waitFor({ timeout: STEP_MS });
    await session.screenshot('recent-search-run');

    assert.equal(await session.page.locator('.quick-input-widget input').inputValue(), QUESTION);
    await session.page.keyboard.press('Escape');
  });

  it('created file becomes searchable', async () => {
    const file = path.join(workspace, NEW_FILE);
    await fs.writeFile(file, '# Zebracorn Toolkit\n\n## Quick Start\n\nThe zebracorn pipeline transcribes whale songs into sheet music.\n');
    await waitForValue(
      async () => {
        await openSearch(session.page);
        await session.page.locator('.quick-input-widget input').fill('zebracorn whale songs');
        const found = await resultRows(session.page)
          .filter({ hasText: 'Zebracorn Toolkit' })
          .first()
          .waitFor({ timeout: 3000 })
          .then(() => true)
          .catch(() => false);
        if (!found) {
          await session.page.keyboard.press('Escape');
        }
        return found;
      },
      (found) => found,
      STEP_MS * 2,
    );
    await session.screenshot('created-file-found');

    const label = await resultRows(session.page).first().locator('.label-name').first().textContent();
    assert.match(label ?? '', /Quick Start — Zebracorn Toolkit/);
    await session.page.keyboard.press('Escape');
  });

  it('rejected OpenAI key is not saved', async () => {
    await enterOpenAiKey(session.page, BAD_KEY);
    const message = await waitForNotification(session.page, 'The OpenAI API key was not saved', 8000);
    await session.screenshot('openai-key-rejected');

    assert.match(message, /HTTP 401/);
    assert.doesNotMatch(message, new RegExp(BAD_KEY));
    assert.deepEqual(embeddings.authorizations, [`Bearer ${BAD_KEY}`]);
  });

  it('accepted OpenAI key is saved', async () => {
    await runCommand(session.page, 'Notifications: Clear All Notifications');
    await enterOpenAiKey(session.page, GOOD_KEY);
    const message = await waitForNotification(session.page, 'OpenAI API key saved', 8000);
    await session.screenshot('openai-key-saved');

    assert.match(message, /still uses the offline model/);
    assert.deepEqual(embeddings.authorizations, [`Bearer ${BAD_KEY}`, `Bearer ${GOOD_KEY}`]);
  });

  it('reload leaves one Chroma server', async () => {
    const chromaData = path.join(session.server.globalStorageDir(EXTENSION_ID), 'chroma');
    assert.equal(chromaProcesses(chromaData).length, 1, 'one Chroma server before the reload');

    await reloadWindow(session.page);
    const started = Date.now();
    await searchStatusItem(session.page, 'Search ready').waitFor({ timeout: INDEX_READY_MS });
    console.log(`search ready ${((Date.now() - started) / 1000).toFixed(1)} s after the reload (unchanged content)`);
    const processes = await waitForValue(() => chromaProcesses(chromaData), (found) => found.length === 1);
    await session.screenshot('ready-after-reload');

    assert.equal(processes.length, 1, `Chroma processes after the reload: ${JSON.stringify(processes)}`);
  });

  it('unreachable Chroma means keyword only', async () => {
    const closedPort = await freePort();
    await setUserSetting(session.page, 'luno.chroma.url', `http://127.0.0.1:${closedPort}`);
    await searchStatusItem(session.page, 'Keyword search only').waitFor({ timeout: STEP_MS });
    await session.screenshot('keyword-only-status');

    assert.equal(await searchStatusItem(session.page, 'Keyword search only').isVisible(), true);
  });

  it('remote URL stops embedded Chroma', async () => {
    const chromaData = path.join(session.server.globalStorageDir(EXTENSION_ID), 'chroma');
    const processes = await waitForValue(() => chromaProcesses(chromaData), (found) => found.length === 0);

    assert.deepEqual(processes, []);
  });

  it('keyword results carry note', async () => {
    await runCommand(session.page, 'View: Close All Editors');
    await openSearch(session.page);
    await session.page.locator('.quick-input-widget input').pressSequentially(QUESTION, { delay: 20 });
    const note = session.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Semantic search unavailable' }).first();
    await note.waitFor({ timeout: STEP_MS });
    await resultRows(session.page).first().waitFor({ timeout: STEP_MS });
    await session.screenshot('keyword-results');

    assert.match((await note.textContent()) ?? '', /not reachable/);
    assert.match((await session.page.locator('.quick-input-widget .quick-input-title').textContent()) ?? '', /keyword results/);
    assert.match((await resultRows(session.page).first().locator('.label-name').first().textContent()) ?? '', /Slow Transcription/);
  });

  it('Enter opens top keyword result', async () => {
    await session.page.keyboard.press('Enter');
    await session.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: STEP_MS });
    await session.page.locator('.tabs-container .tab.active[aria-label^="whisper.md"]').waitFor({ timeout: STEP_MS });

    // Keyword ranking may put the section's code block first: any line of the section is right.
    const line = (await cursorLine(session.page)) ?? 0;
    assert.equal(await activeTabTitle(session.page), 'whisper.md');
    assert.ok(line >= headingLine, `cursor on line ${line}, before the heading on line ${headingLine}`);
    assert.ok(line < nextHeadingLine, `cursor on line ${line}, past the section that ends before line ${nextHeadingLine}`);
  });
});

/** Locates the status-bar item showing `text`. */
function searchStatusItem(page: Page, text: string): Locator {
  return page.locator('.statusbar-item', { hasText: text }).first();
}

/** Runs a search command from the command palette and waits for its quick pick, titled like the command. */
async function openSearch(page: Page, command = 'Luno: Search'): Promise<void> {
  const quickInput = page.locator('.quick-input-widget');
  const exact = new RegExp(`^\\s*${command}\\s*$`);
  await page.keyboard.press('F1');
  await quickInput.locator('input').fill(`>${command}`);
  await quickInput.locator('.monaco-list-row', { has: page.locator('.label-name', { hasText: exact }) }).first().click({ timeout: STEP_MS });
  await quickInput.locator('.quick-input-title', { hasText: command }).waitFor({ timeout: STEP_MS });

  // The pointer rests where the command row was, over the input, whose hover would cover the title buttons.
  await page.mouse.move(5, 5);
}

/** Rows of the quick pick that are search results (not notes, separators or history). */
function resultRows(page: Page): Locator {
  return page.locator('.quick-input-widget .monaco-list-row', { has: page.locator('.codicon-book, .codicon-beaker, .codicon-code') });
}

/** Sets a string setting in the Settings editor, as a person does, and closes the editor. */
async function setUserSetting(page: Page, key: string, value: string): Promise<void> {
  await runCommand(page, 'Preferences: Open User Settings');
  const editor = page.locator('.settings-editor');
  await editor.locator('.settings-header .suggest-input-container').click({ timeout: STEP_MS });
  await page.keyboard.type(key);
  const input = editor.locator(`input[aria-label="${key}"]`);
  await input.waitFor({ timeout: STEP_MS });
  await input.fill(value);
  await input.press('Tab');
  await screenshotSettle(page);
  await runCommand(page, 'View: Close Editor');
}

/** Gives the Settings editor time to write the value it debounces. */
function screenshotSettle(page: Page): Promise<void> {
  return page.waitForTimeout(1000);
}

/** Rows of the quick pick that are recent searches. */
function historyRows(page: Page): Locator {
  return page.locator('.quick-input-widget .monaco-list-row', { has: page.locator('.codicon-history') });
}

/** Runs "Luno: Set OpenAI API Key" and submits `key` in its password box. */
async function enterOpenAiKey(page: Page, key: string): Promise<void> {
  const quickInput = page.locator('.quick-input-widget');
  await page.keyboard.press('F1');
  await quickInput.locator('input').fill('>Luno: Set OpenAI API Key');
  await quickInput.locator('.monaco-list-row', { hasText: 'Luno: Set OpenAI API Key' }).first().click({ timeout: STEP_MS });
  await quickInput.locator('.quick-input-title', { hasText: 'Luno: Set OpenAI API Key' }).waitFor({ timeout: STEP_MS });
  await quickInput.locator('input[type="password"]').fill(key);
  await page.keyboard.press('Enter');
  await quickInput.waitFor({ state: 'hidden', timeout: STEP_MS });
}

/** Command lines of the Chroma servers whose data folder is `dataDir`. */
function chromaProcesses(dataDir: string): string[] {
  const table = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return table
    .split('\n')
    .filter((line) => line.includes(' run ') && line.includes(`--path ${dataDir}`))
    .map((line) => line.trim());
}

interface FakeEmbeddingsServer {
  readonly url: string;
  /** Authorization header of each embeddings request, in order. */
  readonly authorizations: string[];
  close(): Promise<void>;
}

/**
 * Starts a server on 127.0.0.1 that responds to POST /v1/embeddings as OpenAI's
 * API does: vectors of 1536 numbers for GOOD_KEY, 401 with an error body for
 * any other key.
 */
async function startFakeEmbeddingsServer(): Promise<FakeEmbeddingsServer> {
  const authorizations: string[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    request.on('end', () => {
      if (request.method !== 'POST' || request.url !== '/v1/embeddings') {
        response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'not found' } }));
        return;
      }
      const authorization = request.headers.authorization ?? '';
      authorizations.push(authorization);
      if (authorization !== `Bearer ${GOOD_KEY}`) {
        const error = { message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key' };
        response.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error }));
        return;
      }
      const input = (JSON.parse(body) as { input: string[] | string }).input;
      const texts = Array.isArray(input) ? input : [input];
      const data = texts.map((_text, index) => ({ object: 'embedding', index, embedding: new Array<number>(1536).fill(0.01) }));
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ object: 'list', data, model: 'text-embedding-3-small', usage: { prompt_tokens: 4, total_tokens: 4 } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    authorizations,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function firstRowLabel(page: Page): Promise<string> {
  const row = page.locator('.quick-input-widget .monaco-list-row .label-name').first();
  await row.waitFor({ timeout: STEP_MS });
  return (await row.textContent())?.trim() ?? '';
}

/**
 * Returns where the editor line with `text` is drawn, as a fraction of the active
 * editor's height from its top edge (sticky headings and CodeLens rows take
 * the first few lines); -1 when the line is not drawn.
 */
async function lineOffsetInEditor(page: Page, text: string): Promise<number> {
  const editor = page.locator('.editor-group-container.active .monaco-editor').first();
  return editor.evaluate((element, wanted) => {
    const bounds = element.getBoundingClientRect();
    for (const line of Array.from(element.querySelectorAll('.view-lines .view-line'))) {
      if ((line.textContent ?? '').replace(/\u00a0/g, ' ').trim() === wanted) {
        return (line.getBoundingClientRect().top - bounds.top) / bounds.height;
      }
    }
    return -1;
  }, text);
}

/** A port on 127.0.0.1 that nothing listens on once this returns. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
