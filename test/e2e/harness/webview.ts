// Reaches into webviews. VS Code shows each webview in an outer iframe that
// hosts the extension's HTML in an inner iframe with the id "active-frame".
import type { FrameLocator, Page } from 'playwright-core';

/**
 * Locates the document of the webview shown now (a panel or a view), so a
 * test can use ordinary locators inside it, e.g.
 * `webviewContent(page).locator('h1')`. Hidden webviews are skipped.
 */
export function webviewContent(page: Page): FrameLocator {
  return page.locator('iframe.webview.ready:visible').contentFrame().frameLocator('#active-frame');
}
