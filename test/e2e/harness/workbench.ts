// Drives the VS Code workbench the way a person does: command palette,
// activity bar, notifications and window reload.
import type { Locator, Page } from 'playwright-core';

/** Default wait for workbench steps, in milliseconds. Loading the workbench gets longer. */
export const STEP_TIMEOUT_MS = 15_000;
export const LOAD_TIMEOUT_MS = 60_000;

/** Matches a whole text after trimming, for exact label matches. */
export function exactText(text: string): RegExp {
  return new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
}

/**
 * Waits for the workbench on the current page: `.monaco-workbench` is shown
 * and the workbench has started the extension host and registered the
 * extensions (its `code/didLoadExtensions` performance mark). Extensions that
 * activate on `onStartupFinished` may still be activating after it returns.
 */
export async function waitForWorkbench(page: Page): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: LOAD_TIMEOUT_MS });
  await page.waitForFunction(() => performance.getEntriesByName('code/didLoadExtensions', 'mark').length > 0, undefined, {
    timeout: LOAD_TIMEOUT_MS,
  });
}

/** Opens a workbench URL (from `server.url(folder)`) and waits until the extensions are loaded. */
export async function openWorkbench(page: Page, url: string): Promise<void> {
  await page.goto(url, { timeout: LOAD_TIMEOUT_MS });
  await waitForWorkbench(page);
}

/**
 * Runs a command by its palette title, e.g. "Developer: Reload Window": opens
 * the command palette with F1, types the title and picks the row whose label
 * is exactly that title.
 */
export async function runCommand(page: Page, title: string): Promise<void> {
  const quickInput = page.locator('.quick-input-widget');
  await page.keyboard.press('F1');
  await quickInput.locator('input').waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });

  await quickInput.locator('input').fill(`>${title}`);
  const row = quickInput
    .locator('.monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: exactText(title) }) })
    .first();
  try {
    await row.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  } catch (error) {
    const shown = await quickInput.locator('.monaco-list-row .label-name').allTextContents();
    await page.keyboard.press('Escape');
    throw new Error(`Command not found in the command palette: "${title}". Rows shown: ${JSON.stringify(shown)}`, {
      cause: error,
    });
  }

  await row.click();
  await waitForCommandPaletteToClose(page);
}

/**
 * Waits until the command palette is gone: the quick input is hidden, or the
 * command reused it for its own quick pick or input box, whose value does not
 * start with the ">" of command mode.
 */
async function waitForCommandPaletteToClose(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const widget = document.querySelector<HTMLElement>('.quick-input-widget');
      const input = widget?.querySelector<HTMLInputElement>('input');
      if (widget === null || widget === undefined || input === null || input === undefined) {
        return true;
      }
      return getComputedStyle(widget).display === 'none' || !input.value.startsWith('>');
    },
    undefined,
    { timeout: STEP_TIMEOUT_MS },
  );
}

/** Locates the activity bar entry of a view container by its title (e.g. "Luno-AI"). */
export function activityBarItem(page: Page, title: string): Locator {
  return page.locator('.activitybar li.action-item').filter({ has: page.locator(`a.action-label[aria-label^="${title}"]`) });
}

/** Shows a view container from the activity bar; does nothing when it is already shown. */
export async function openViewContainer(page: Page, title: string): Promise<void> {
  const item = activityBarItem(page, title);
  await item.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });

  // Clicking the selected entry would hide the side bar.
  if ((await item.getAttribute('aria-selected')) !== 'true') {
    await item.click();
  }

  await page.locator(`.activitybar li.action-item[aria-selected="true"] a.action-label[aria-label^="${title}"]`).waitFor({
    timeout: STEP_TIMEOUT_MS,
  });
}

/** Reloads the window through "Developer: Reload Window" and waits for the new workbench. */
export async function reloadWindow(page: Page): Promise<void> {
  const oldDocument = await page.evaluate(() => performance.timeOrigin);
  await runCommand(page, 'Developer: Reload Window');

  await page.waitForFunction((origin) => performance.timeOrigin !== origin, oldDocument, { timeout: LOAD_TIMEOUT_MS });
  await waitForWorkbench(page);
}

/** Returns the messages of the notification toasts shown now, top first. */
export async function notifications(page: Page): Promise<string[]> {
  const messages = await page.locator('.notifications-toasts .notification-list-item-message').allTextContents();
  return messages.map((message) => message.trim());
}

/**
 * Waits for a notification whose message contains `text` and returns its full message.
 * It waits for a toast first, then looks in the notification center, because code-server
 * 1.100 sometimes posts a message without showing its toast (seen next to a progress toast).
 */
export async function waitForNotification(page: Page, text: string, timeoutMs = STEP_TIMEOUT_MS): Promise<string> {
  const toast = page.locator('.notifications-toasts .notification-list-item-message', { hasText: text }).first();
  const toastShown = await toast.waitFor({ state: 'visible', timeout: timeoutMs }).then(
    () => true,
    () => false,
  );
  if (toastShown) {
    return (await toast.textContent())?.trim() ?? '';
  }

  const shownToasts = await notifications(page);
  await runCommand(page, 'Notifications: Show Notifications');
  const listed = page.locator('.notifications-center .notification-list-item-message', { hasText: text }).first();
  try {
    await listed.waitFor({ state: 'visible', timeout: 5000 });
    return (await listed.textContent())?.trim() ?? '';
  } catch (error) {
    throw new Error(
      `No notification containing "${text}" within ${timeoutMs} ms, as a toast or in the notification center. Toasts: ${JSON.stringify(shownToasts)}`,
      { cause: error },
    );
  } finally {
    await page.keyboard.press('Escape');
  }
}
