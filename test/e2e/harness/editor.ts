// Opens files in editors and finds their CodeLens actions.
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';

import { exactText, STEP_TIMEOUT_MS } from './workbench';

/** Locates the tab of an open editor by its file name. */
export function editorTab(page: Page, fileName: string): Locator {
  return page.locator(`.tabs-container .tab[aria-label^="${fileName}"]`);
}

/**
 * Opens a workspace file through Quick Open, as a person would, and waits
 * until its editor is the active one. `relativePath` is relative to the
 * workspace folder, e.g. "integrations/vision/yolo.md".
 */
export async function openFile(page: Page, relativePath: string): Promise<void> {
  const fileName = path.basename(relativePath);
  const quickOpen = page.locator('.quick-input-widget');

  await page.keyboard.press('F1');
  await quickOpen.locator('input').waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  // Without the ">" of command mode the palette searches files.
  await quickOpen.locator('input').fill(relativePath);

  // A file row shows the file name as its label and the folder as its description.
  let row = quickOpen.locator('.monaco-list-row').filter({ has: page.locator('.label-name', { hasText: exactText(fileName) }) });
  const folder = path.dirname(relativePath);
  if (folder !== '.') {
    row = row.filter({ has: page.locator('.label-description', { hasText: folder }) });
  }
  row = row.first();
  try {
    await row.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  } catch (error) {
    const shown = await quickOpen.locator('.monaco-list-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label')));
    await page.keyboard.press('Escape');
    throw new Error(`File not found by Quick Open: "${relativePath}". Rows shown: ${JSON.stringify(shown)}`, { cause: error });
  }

  await row.click();
  await page.locator(`.tabs-container .tab.active[aria-label^="${fileName}"]`).waitFor({ timeout: STEP_TIMEOUT_MS });
}

/** Locates the CodeLens actions with the given title in the visible editors, in document order. */
export function codeLens(page: Page, title: string): Locator {
  return page.locator('.monaco-editor .codelens-decoration a', { hasText: title });
}
