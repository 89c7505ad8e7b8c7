// Steps shared by the bookmarks, research and labs end-to-end tests: a temp
// copy of the real corpus, opening files the way a person does, reading luno.db
// and reaching into the lab progress webview.
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import Database from 'better-sqlite3';
import type { Frame, Locator, Page } from 'playwright-core';

import { repoRoot, runCommand } from './harness';

export const EXTENSION_ID = 'luno-ai.luno-ai';
export const CONTAINER = 'Luno-AI';
export const WAIT_MS = 15_000;

/** The real corpus, read-only; tests copy it. */
export const corpus = path.resolve(repoRoot, '..', 'shared', 'corpus', 'luno-ai');

/** Lab notebooks of the tests, copied into the workspace's `labs/` folder. */
export const labFixtures = path.join(repoRoot, 'test', 'fixtures', 'labs');

/** The test-only extension with a notebook controller that runs cells without a kernel. */
export const notebookRunnerExtension = path.join(repoRoot, 'test', 'e2e', 'fixtures', 'notebook-runner-extension');

/** Copies the corpus, and the lab fixtures when asked, into a new temp folder. */
export async function makeWorkspace(prefix: string, options: { labs?: boolean } = {}): Promise<string> {
  const workspace = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  await fs.cp(corpus, workspace, { recursive: true });
  if (options.labs) {
    await fs.cp(labFixtures, path.join(workspace, 'labs'), { recursive: true });
  }
  return workspace;
}

/** Opens a workspace file through "Go to File..." (quick open), by its path relative to the workspace. */
export async function openWorkspaceFile(page: Page, relativePath: string): Promise<void> {
  await runCommandKeepingInput(page, 'Go to File...');
  const quickInput = page.locator('.quick-input-widget');
  await quickInput.locator('input').fill(relativePath);

  const name = path.posix.basename(relativePath);
  await quickInput
    .locator('.monaco-list-row', { has: page.locator('.label-name', { hasText: name }) })
    .first()
    .waitFor({ timeout: WAIT_MS });
  await page.keyboard.press('Enter');
  await quickInput.waitFor({ state: 'hidden', timeout: WAIT_MS });
}

/** Runs "Go to Line/Column..." and jumps to a 1-based line. */
export async function goToLine(page: Page, line: number): Promise<void> {
  await runCommandKeepingInput(page, 'Go to Line/Column...');
  await page.locator('.quick-input-widget input').fill(`:${line}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: WAIT_MS });
}

/** Reads the 1-based cursor line of the active editor from the status bar; undefined when it shows none. */
export async function cursorLine(page: Page): Promise<number | undefined> {
  const text = await page.locator('.statusbar-item#status\\.editor\\.selection').textContent({ timeout: WAIT_MS });
  const match = /Ln (\d+)/.exec(text ?? '');
  return match ? Number(match[1]) : undefined;
}

/** Title of the active editor tab. */
export async function activeTabTitle(page: Page): Promise<string> {
  const text = await page.locator('.tabs-container .tab.active .label-name').first().textContent({ timeout: WAIT_MS });
  return text?.trim() ?? '';
}

/** Polls `read` until `ready` accepts its value or the wait ends; returns the last value. */
export async function waitForValue<T>(read: () => T | Promise<T>, ready: (value: T) => boolean, timeoutMs = WAIT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!ready(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 150));
    value = await read();
  }
  return value;
}

/** Runs a read-only query on luno.db; returns no rows while the file does not exist. */
export function queryDatabase<Row>(file: string, sql: string, ...parameters: unknown[]): Row[] {
  if (!existsSync(file)) {
    return [];
  }

  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...parameters) as Row[];
  } finally {
    db.close();
  }
}

/**
 * Finds the frame of the lab progress webview whose title is `title`. Webviews are
 * nested iframes and the notebook editor has webviews of its own, so the frame
 * is found by its content. Look it up again after the webview was hidden or
 * the window reloaded: the frame is then a new one.
 */
export async function labWebviewFrame(page: Page, title: string, timeoutMs = WAIT_MS): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const heading = await frame
        .locator('main#app h1.lab-title')
        .textContent({ timeout: 100 })
        .catch(() => null);
      if (heading?.trim() === title) {
        return frame;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`No lab progress webview titled "${title}" within ${timeoutMs} ms`);
}

/**
 * Clicks `target` until `shown` becomes visible, at most `attempts` times. A
 * tree that redraws right at the click (after a content rescan) can drop it.
 */
export async function clickUntilVisible(target: Locator, shown: Locator, attempts = 3): Promise<void> {
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    await target.click();
    const visible = await shown
      .waitFor({ timeout: attempt === attempts ? WAIT_MS : 3000 })
      .then(() => true)
      .catch(() => false);
    if (visible) {
      return;
    }
  }
  throw new Error(`Clicking ${String(target)} ${attempts} times did not show ${String(shown)}`);
}

/** Expands or collapses a view section of the side bar by clicking its header, so other views get room. */
export async function setViewExpanded(page: Page, viewTitle: string, expanded: boolean): Promise<void> {
  const header = page.locator('.part.sidebar .pane-header', { has: page.locator('h3.title', { hasText: new RegExp(`^${viewTitle}$`, 'i') }) }).first();
  await header.waitFor({ timeout: WAIT_MS });
  if ((await header.getAttribute('aria-expanded')) !== String(expanded)) {
    await header.click();
  }
  await page
    .locator(`.part.sidebar .pane-header[aria-expanded="${expanded}"]`, { has: page.locator('h3.title', { hasText: new RegExp(`^${viewTitle}$`, 'i') }) })
    .first()
    .waitFor({ timeout: WAIT_MS });
}

/** Opens the command palette, runs a command whose title is exact, and leaves a quick input it opens. */
async function runCommandKeepingInput(page: Page, title: string): Promise<void> {
  const quickInput = page.locator('.quick-input-widget');
  await page.keyboard.press('F1');
  await quickInput.locator('input').waitFor({ state: 'visible', timeout: WAIT_MS });
  await quickInput.locator('input').fill(`>${title}`);

  const row = quickInput.locator('.monaco-list-row', { has: page.locator('.label-name', { hasText: title }) }).first();
  await row.waitFor({ state: 'visible', timeout: WAIT_MS });
  await row.click();

  // The command opens a new quick input in place of the palette; its value no longer starts with ">".
  const input = quickInput.locator('input');
  await waitForValue(() => input.inputValue().catch(() => '>'), (value) => !value.startsWith('>'));
  await input.waitFor({ state: 'visible', timeout: WAIT_MS });
}

export { runCommand };
