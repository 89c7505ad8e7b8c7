// One call that gives a test a code-server, a browser and a loaded workbench.
import type { Page } from 'playwright-core';

import { screenshot } from './artifacts';
import { launchBrowser, type BrowserSession } from './browser';
import { startCodeServer, type CodeServer, type CodeServerOptions } from './codeServer';
import { openWorkbench } from './workbench';

export interface WorkbenchSessionOptions extends CodeServerOptions {
  /** Folder to open as the workspace. */
  readonly folder: string;
}

export interface WorkbenchSession {
  readonly server: CodeServer;
  readonly browser: BrowserSession;
  readonly page: Page;
  /** Saves a screenshot of the current page under the session's artifacts folder. */
  screenshot(step: string): Promise<string>;
  /** Takes a last screenshot, closes the browser and stops the server. Safe to call twice. */
  close(): Promise<void>;
}

/** Starts code-server, launches Chromium and opens `folder` in the workbench. */
export async function startWorkbench(options: WorkbenchSessionOptions): Promise<WorkbenchSession> {
  const server = await startCodeServer(options);

  let browser: BrowserSession;
  try {
    browser = await launchBrowser();
    await openWorkbench(browser.page, server.url(options.folder)).catch(async (error: unknown) => {
      await screenshot(browser.page, options.name, 'workbench-failed-to-open');
      await browser.close();
      throw error;
    });
  } catch (error) {
    await server.stop();
    throw error;
  }

  let closed = false;
  return {
    server,
    browser,
    page: browser.page,
    screenshot: (step) => screenshot(browser.page, options.name, step),
    async close(): Promise<void> {
      if (closed) {
        return;
      }
      closed = true;

      try {
        await screenshot(browser.page, options.name, 'at-close');
      } finally {
        await browser.close();
        await server.stop();
      }
    },
  };
}
