import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync, writeFileSync } from 'node:fs';
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

/** Returns the pid of a process that has already exited. */
function exitedPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!;
}

// Orphan detection reads /proc, so this test needs Linux.
test('server stops an orphan on its folder', async () => {
  const persistDirectory = path.join(dir, 'shared');
  const orphan = new ChromaServer({ persistDirectory, logger: new MemoryLogger(), maxRestarts: 0 });
  const logger = new MemoryLogger();
  const server = new ChromaServer({ persistDirectory, logger });

  try {
    await orphan.start();
    const orphanPid = orphan.pid!;
    // The owner of the orphan is gone, as after a crash of the window that started it.
    const pidFile = path.join(persistDirectory, 'luno-chroma.pid');
    const record = JSON.parse(readFileSync(pidFile, 'utf8')) as { server: number; port: number };
    writeFileSync(pidFile, JSON.stringify({ ...record, owner: exitedPid() }));

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

// A second window on the same profile finds the first window's server through the pid file.
test('second server uses the live one', async () => {
  const persistDirectory = path.join(dir, 'two-windows');
  const first = new ChromaServer({ persistDirectory, logger: new MemoryLogger() });
  const logger = new MemoryLogger();
  const second = new ChromaServer({ persistDirectory, logger, sharedCheckIntervalMs: 200, restartDelayMs: 50 });

  try {
    const firstUrl = await first.start();
    const firstPid = first.pid!;

    const secondUrl = await second.start();

    assert.equal(secondUrl, firstUrl);
    assert.equal(second.pid, undefined);
    assert.equal(isAlive(firstPid), true);
    assert.ok(logger.lines.some((line) => line.includes(`using the Chroma server pid ${firstPid}`)));

    await first.stop();

    assert.equal(await waitFor(() => second.pid !== undefined && second.state === 'running', 30_000), true);
    const heartbeat = await fetch(`${second.url}/api/v2/heartbeat`);
    assert.equal(heartbeat.status, 200);
  } finally {
    await second.stop();
    await first.stop();
  }
});
