// Operates quick picks and input boxes that extensions open with
// window.showQuickPick and window.showInputBox.
import type { Locator, Page } from 'playwright-core';

import { exactText, STEP_TIMEOUT_MS } from './workbench';

/** Locates the visible quick input widget (quick pick or input box). */
export function quickInput(page: Page): Locator {
  return page.locator('.quick-input-widget:visible');
}

/** Waits for a quick input to show and returns the labels of its rows, top first. An input box has none. */
export async function quickPickItems(page: Page): Promise<string[]> {
  const widget = quickInput(page);
  await widget.waitFor({ timeout: STEP_TIMEOUT_MS });

  const labels = await widget.locator('.monaco-list-row .label-name').allTextContents();
  return labels.map((label) => label.trim());
}

/** Picks the quick pick row whose label is exactly `label` and waits for the quick pick to close. */
export async function pickQuickItem(page: Page, label: string): Promise<void> {
  const widget = quickInput(page);
  const row = widget
    .locator('.monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: exactText(label) }) })
    .first();

  try {
    await row.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  } catch (error) {
    throw new Error(`Quick pick item not found: "${label}". Items shown: ${JSON.stringify(await quickPickItems(page))}`, {
      cause: error,
    });
  }

  await row.click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
}

/** Replaces the text of the open quick pick or input box, e.g. a search query. Press Enter yourself to accept it. */
export async function fillQuickInput(page: Page, text: string): Promise<void> {
  const input = quickInput(page).locator('input');
  await input.waitFor({ timeout: STEP_TIMEOUT_MS });
  await input.fill(text);
}
