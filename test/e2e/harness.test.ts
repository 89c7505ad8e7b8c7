// Proves the end-to-end harness against a real code-server and Chromium with
// a small test-only extension: view, command palette, notification, global
// storage, tree checkbox, quick pick, CodeLens, webview, output channel and
// window reload.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import {
  codeLens,
  expand,
  notifications,
  openFile,
  openViewContainer,
  pickQuickItem,
  quickPickItems,
  readExtensionHostLog,
  readOutputChannel,
  reloadWindow,
  repoRoot,
  runCommand,
  startWorkbench,
  toggleCheckbox,
  treeItem,
  waitForNotification,
  webviewContent,
  type WorkbenchSession,
} from './harness';

const TEST_NAME = 'harness hello extension';
const EXTENSION_ID = 'luno-test.hello-extension';
const VIEW = 'Hello Items';
const helloExtension = path.join(repoRoot, 'test', 'e2e', 'fixtures', 'hello-extension');

describe('harness with hello extension', () => {
  let workspace: string;
  let session: WorkbenchSession;

  before(async () => {
    workspace = await fs.mkdtemp(path.join(os.tmpdir(), 'luno-harness-workspace-'));
    await fs.writeFile(path.join(workspace, 'README.md'), '# Harness workspace\n');
    await fs.mkdir(path.join(workspace, 'notes'));
    await fs.writeFile(path.join(workspace, 'notes', 'headings.md'), '# First Heading\n\nText.\n\n# Second Heading\n');

    session = await startWorkbench({ name: TEST_NAME, extensions: [helloExtension], folder: workspace });
    await session.screenshot('workbench-loaded');
  });

  after(async () => {
    await session?.close();
    await fs.rm(workspace, { recursive: true, force: true });
  });

  it('view container shows tree rows', async () => {
    await openViewContainer(session.page, 'Hello Harness');
    await treeItem(session.page, VIEW, 'Greeting').waitFor();
    await session.screenshot('view-shown');

    assert.equal(await treeItem(session.page, VIEW, 'Greeting').isVisible(), true);
    assert.equal(await treeItem(session.page, VIEW, 'Fruits').isVisible(), true);
  });

  it('palette command shows notification', async () => {
    await runCommand(session.page, 'Hello Harness: Write Greeting');
    const message = await waitForNotification(session.page, 'wrote greeting.txt');
    await session.screenshot('notification-shown');

    assert.equal(message, 'Hello Harness: wrote greeting.txt');
    assert.ok((await notifications(session.page)).includes('Hello Harness: wrote greeting.txt'));
  });

  it('command writes global storage file', async () => {
    const file = path.join(session.server.globalStorageDir(EXTENSION_ID), 'greeting.txt');

    assert.equal(await fs.readFile(file, 'utf8'), 'Hello from the harness test\n');
  });

  it('checkbox click reaches extension', async () => {
    await expand(session.page, VIEW, 'Fruits');
    const checked = await toggleCheckbox(session.page, VIEW, 'Apple');
    await session.screenshot('apple-checked');

    assert.equal(checked, true);
    const file = path.join(session.server.globalStorageDir(EXTENSION_ID), 'checked.json');
    assert.deepEqual(JSON.parse(await waitForFile(file)), ['Apple']);
  });

  it('quick pick item is picked', async () => {
    await runCommand(session.page, 'Hello Harness: Pick Fruit');
    const items = await quickPickItems(session.page);
    await session.screenshot('quick-pick-shown');
    await pickQuickItem(session.page, 'Banana');

    assert.deepEqual(items, ['Apple', 'Banana', 'Cherry']);
    const file = path.join(session.server.globalStorageDir(EXTENSION_ID), 'fruit.txt');
    assert.equal(await waitForFile(file), 'Banana');
  });

  it('CodeLens click runs its command', async () => {
    await openFile(session.page, 'notes/headings.md');
    const lenses = codeLens(session.page, 'Record Heading');
    await lenses.nth(1).waitFor();
    await session.screenshot('codelens-shown');
    await lenses.nth(1).click();

    assert.equal(await lenses.count(), 2);
    const file = path.join(session.server.globalStorageDir(EXTENSION_ID), 'heading.txt');
    assert.equal(await waitForFile(file), 'Second Heading');
  });

  it('webview button reaches extension', async () => {
    await runCommand(session.page, 'Hello Harness: Show Panel');
    const panel = webviewContent(session.page);
    await panel.locator('h1', { hasText: 'Hello Panel' }).waitFor();
    await panel.locator('#ping').click();
    await panel.locator('#status', { hasText: 'pong' }).waitFor();
    await session.screenshot('webview-answered');

    assert.equal(await panel.locator('#status').textContent(), 'pong');
    const file = path.join(session.server.globalStorageDir(EXTENSION_ID), 'panel.txt');
    assert.equal(await waitForFile(file), 'ping');
  });

  it('output channel log is readable', async () => {
    const output = await readOutputChannel(session.server, 'Hello Harness');

    assert.match(output, /Hello Harness activated/);
    assert.match(output, /wrote greeting\.txt/);
  });

  it('reload keeps view and activates again', async () => {
    await reloadWindow(session.page);
    await openViewContainer(session.page, 'Hello Harness');
    await treeItem(session.page, VIEW, 'Greeting').waitFor();
    await session.screenshot('after-reload');

    assert.equal(await treeItem(session.page, VIEW, 'Fruits').isVisible(), true);
    const hostLog = await readExtensionHostLog(session.server);
    const activations = hostLog.match(/_doActivateExtension luno-test\.hello-extension/g) ?? [];
    assert.equal(activations.length, 2, `expected one activation per window load; extension host log:\n${hostLog}`);
  });
});

/** Reads a file the extension writes asynchronously, waiting up to 10 s for it to appear. */
async function waitForFile(file: string): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      return await fs.readFile(file, 'utf8');
    } catch (error) {
      if (Date.now() > deadline) {
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
