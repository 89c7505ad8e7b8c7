// Finds and operates rows of tree views contributed by extensions.
import type { Locator, Page } from 'playwright-core';

import { exactText, STEP_TIMEOUT_MS } from './workbench';

/** Locates the tree of a view by the view's name, which the tree element carries as its aria-label. */
export function treeView(page: Page, viewTitle: string): Locator {
  return page.locator(`.part.sidebar [role="tree"][aria-label="${viewTitle}"]`);
}

/** Locates the row of a tree view whose label is exactly `label`. Only rendered rows can be found, so expand parents first. */
export function treeItem(page: Page, viewTitle: string, label: string): Locator {
  return treeView(page, viewTitle)
    .locator('.monaco-list-row[role="treeitem"]')
    .filter({ has: page.locator('.label-name', { hasText: exactText(label) }) })
    .first();
}

/** Expands a collapsible row and waits until its children are requested and shown. Does nothing when already expanded. */
export async function expand(page: Page, viewTitle: string, label: string): Promise<void> {
  const row = treeItem(page, viewTitle, label);
  await row.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });

  const expanded = await row.getAttribute('aria-expanded');
  if (expanded === null) {
    throw new Error(`Tree row "${label}" in view "${viewTitle}" is not collapsible.`);
  }
  if (expanded === 'false') {
    await row.locator('.monaco-tl-twistie').click();
  }

  await treeView(page, viewTitle)
    .locator(`.monaco-list-row[role="treeitem"][aria-expanded="true"]`)
    .filter({ has: page.locator('.label-name', { hasText: exactText(label) }) })
    .first()
    .waitFor({ timeout: STEP_TIMEOUT_MS });
}

/** Locates the checkbox of a tree row (TreeItem.checkboxState). */
export function treeCheckbox(page: Page, viewTitle: string, label: string): Locator {
  return treeItem(page, viewTitle, label).locator('.custom-view-tree-node-item-checkbox[role="checkbox"]');
}

/** Returns true when the checkbox of a tree row is checked. */
export async function isChecked(page: Page, viewTitle: string, label: string): Promise<boolean> {
  const checkbox = treeCheckbox(page, viewTitle, label);
  await checkbox.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  return (await checkbox.getAttribute('aria-checked')) === 'true';
}

/** Clicks the checkbox of a tree row, waits for the new state to show and returns it. */
export async function toggleCheckbox(page: Page, viewTitle: string, label: string): Promise<boolean> {
  const before = await isChecked(page, viewTitle, label);
  await treeCheckbox(page, viewTitle, label).click();

  const after = String(!before);
  await treeItem(page, viewTitle, label)
    .locator(`.custom-view-tree-node-item-checkbox[aria-checked="${after}"]`)
    .waitFor({ timeout: STEP_TIMEOUT_MS });
  return !before;
}
