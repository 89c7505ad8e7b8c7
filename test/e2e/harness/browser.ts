// Starts Debian's Chromium through playwright-core.
import { existsSync } from 'node:fs';

import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Flags that keep Chromium off the network except for the pages it is sent to, and off the GPU. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export const VIEWPORT = { width: 1400, height: 900 };

export interface BrowserSession {
  readonly browser: Browser;
  /** One page with a 1400x900 viewport. */
  readonly page: Page;
  close(): Promise<void>;
}

/**
 * Launches a headless Chromium with a fresh profile (playwright creates a
 * temporary user-data dir per launch and deletes it on close) and opens one page.
 */
export async function launchBrowser(): Promise<BrowserSession> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}. Install the Debian package: bash scripts/setup-code-server.sh (or apt-get install chromium).`);
  }

  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();

  return {
    browser,
    page,
    async close(): Promise<void> {
      await browser.close();
    },
  };
}
