import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ChromaServer, type ChromaServerState } from '../../../src/core/search/chroma/server';
import { MemoryLogger } from '../../../src/core/log';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return condition();
}

let dir: string;

before(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'luno-chroma-server-'));
});

after(() => {
  rmSync(dir, { recursive: true, force: true });
});

test('server starts, restarts and stops', async () => {
  const logger = new MemoryLogger();
  const states: ChromaServerState[] = [];
  const server = new ChromaServer({
    persistDirectory: path.join(dir, 'chroma'),
    logger,
    restartDelayMs: 50,
    onStateChange: (state) => states.push(state),
  });

  try {
    const url = await server.start();
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);

    const heartbeat = await fetch(`${url}/api/v2/heartbeat`);
    assert.equal(heartbeat.status, 200);
    assert.ok(existsSync(path.join(dir, 'chroma', 'chroma.sqlite3')));

    const firstPid = server.pid!;
    process.kill(firstPid, 'SIGKILL');

    const restarted = await waitFor(() => server.state === 'running' && server.pid !== firstPid, 30_000);
    assert.ok(restarted, `server did not restart; states: ${states.join(', ')}`);
    assert.equal(server.url, url);
    assert.ok(states.includes('restarting'));
    assert.ok(logger.lines.some((line) => line.includes('exited unexpectedly')));

    const secondPid = server.pid!;
    await server.stop();
    assert.equal(server.state, 'stopped');
    assert.equal(isAlive(secondPid), false);
  } finally {
    await server.stop();
  }
});

test('server start fails with clear message', async () => {
  const server = new ChromaServer({
    persistDirectory: path.join(dir, 'broken'),
    logger: new MemoryLogger(),
    cliPath: path.join(dir, 'missing-cli.mjs'),
    startTimeoutMs: 5000,
  });

  await assert.rejects(server.start(), /did not start on 127\.0\.0\.1:\d+/);
  assert.equal(server.state, 'failed');
  await server.stop();
});

// Orphan detection reads /proc, so this test needs Linux.
test('server stops an orphan on its folder', async () => {
  const persistDirectory = path.join(dir, 'shared');
  const orphan = new ChromaServer({ persistDirectory, logger: new MemoryLogger(), maxRestarts: 0 });
  const logger = new MemoryLogger();
  const server = new ChromaServer({ persistDirectory, logger });

  try {
    await orphan.start();
    const orphanPid = orphan.pid!;

    const url = await server.start();

    assert.equal(await waitFor(() => !isAlive(orphanPid), 5000), true);
    assert.ok(logger.lines.some((line) => line.includes(`orphaned Chroma server (pid ${orphanPid})`)));
    const heartbeat = await fetch(`${url}/api/v2/heartbeat`);
    assert.equal(heartbeat.status, 200);
  } finally {
    await server.stop();
    await orphan.stop();
  }
});
