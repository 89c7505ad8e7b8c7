// Screenshots of test steps, saved next to the server output of the test.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';

import { artifactsDirFor, slugify } from './paths';

/**
 * Saves a PNG of the page as `.e2e-artifacts/<test>/<NN>-<step>.png`, where
 * NN numbers the screenshots of the test in the order they were taken.
 * Returns the file path.
 */
export async function screenshot(page: Page, testName: string, step: string): Promise<string> {
  const folder = artifactsDirFor(testName);
  await fs.mkdir(folder, { recursive: true });

  const taken = (await fs.readdir(folder)).filter((name) => name.endsWith('.png')).length;
  const file = path.join(folder, `${String(taken + 1).padStart(2, '0')}-${slugify(step)}.png`);
  await page.screenshot({ path: file });
  return file;
}
