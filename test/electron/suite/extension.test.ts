// Checks that desktop VS Code loads and activates the extension and that
// activation registers every command the manifest contributes.
import { before, describe, it } from 'mocha';
import assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'luno-ai.luno-ai';

interface ContributedCommand {
  readonly command: string;
}

describe('extension in desktop VS Code', () => {
  let extension: vscode.Extension<unknown> | undefined;

  before(() => {
    extension = vscode.extensions.getExtension(EXTENSION_ID);
  });

  it('extension is installed', () => {
    assert.ok(extension, `extension ${EXTENSION_ID} is not installed`);
  });

  it('activation succeeds', async () => {
    await extension?.activate();

    assert.equal(extension?.isActive, true);
  });

  it('contributed commands are registered', async () => {
    const contributed = (extension?.packageJSON.contributes?.commands ?? []) as ContributedCommand[];
    const registered = new Set(await vscode.commands.getCommands(false));

    const missing = contributed.map((entry) => entry.command).filter((command) => !registered.has(command));
    assert.deepEqual(missing, []);
  });
});
