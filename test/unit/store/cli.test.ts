import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';

import { silentLogger } from '../../../src/core/log';
import { openStore } from '../../../src/core/store/database';
import { makeTempDir, migrationsDir } from './helpers';

const execFileAsync = promisify(execFile);
const repoRoot = path.resolve(__dirname, '..', '..', '..');
const sampleContent = path.join(repoRoot, 'test', 'fixtures', 'sample-content');

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `luno ARGS` from the sources, the way `node --import tsx src/cli/main.ts` does. */
async function luno(args: string[], cwd = repoRoot): Promise<RunResult> {
  const tsx = path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs');

  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, ['--import', tsx, path.join(repoRoot, 'src', 'cli', 'main.ts'), ...args], {
      cwd,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** Creates luno.db in `dir` with some progress: crewai done, image-tagger L1. */
function seedDatabase(dir: string): string {
  const file = path.join(dir, 'luno.db');
  const store = openStore({ file, migrationsDir, logger: silentLogger });

  store.progress.setAllLayers({ domain: 'agents', technology: 'crewai' }, true);
  store.progress.setLayerCompleted({ domain: 'vision', technology: 'image-tagger' }, 1, true);
  store.dispose();

  return file;
}

test('progress JSON counts tracked technologies', async () => {
  const temp = makeTempDir();

  try {
    const file = seedDatabase(temp.dir);
    const result = await luno(['progress', '--db', file, '--json']);
    const output = JSON.parse(result.stdout);

    assert.equal(result.code, 0);
    assert.equal(output.database, file);
    assert.deepEqual(output.summary.overall, { technologies: 2, totalLayers: 10, completedLayers: 6, percentage: 60 });
    assert.equal(output.recentActivity.length, 6);
  } finally {
    temp.remove();
  }
});

test('progress with root counts all', async () => {
  const temp = makeTempDir();

  try {
    const file = seedDatabase(temp.dir);
    const result = await luno(['progress', '--db', file, '--root', sampleContent, '--json']);
    const output = JSON.parse(result.stdout);
    const agents = output.summary.domains.find((domain: { domain: string }) => domain.domain === 'agents');

    assert.equal(result.code, 0);
    assert.ok(output.summary.overall.technologies > 2);
    assert.equal(output.summary.overall.completedLayers, 6);
    assert.equal(agents.completedTechnologies, 1);
    assert.ok(agents.technologies > 1);
  } finally {
    temp.remove();
  }
});

test('progress text lists domains', async () => {
  const temp = makeTempDir();

  try {
    const file = seedDatabase(temp.dir);
    const result = await luno(['progress', '--db', file, '--limit', '1']);

    assert.equal(result.code, 0);
    assert.match(result.stdout, /^ {2}agents +5\/5 layers {2}100%/m);
    assert.match(result.stdout, /^ {2}overall +6\/10 layers {2}60%/m);
    assert.equal(result.stdout.match(/^ {2}\d{4}-\d{2}-\d{2}T/gm)?.length, 1);
  } finally {
    temp.remove();
  }
});

test('progress missing database exits 1', async () => {
  const temp = makeTempDir();

  try {
    const file = path.join(temp.dir, 'luno.db');
    const result = await luno(['progress', '--db', file]);

    assert.equal(result.code, 1);
    assert.match(result.stderr, /No database at/);
    assert.equal(fs.existsSync(file), false);
  } finally {
    temp.remove();
  }
});

test('progress bad options exit 2', async () => {
  const unknown = await luno(['progress', '--colour']);
  const badLimit = await luno(['progress', '--limit', 'zero']);

  assert.equal(unknown.code, 2);
  assert.equal(badLimit.code, 2);
  assert.match(badLimit.stderr, /invalid --limit zero/);
});

test('backup writes dated files', async () => {
  const temp = makeTempDir();

  try {
    const file = seedDatabase(temp.dir);
    const first = await luno(['backup', '--db', file]);
    const second = await luno(['backup', '--db', file]);
    const list = await luno(['backup', '--db', file, '--list']);

    assert.equal(first.code, 0);
    assert.match(first.stdout.trim(), /backups[\\/]luno_\d{4}-\d{2}-\d{2}\.db$/);
    assert.match(second.stdout.trim(), /backups[\\/]luno_\d{4}-\d{2}-\d{2}-2\.db$/);
    assert.ok(fs.existsSync(first.stdout.trim()));
    assert.equal(list.stdout.trim().split('\n').length, 2);
  } finally {
    temp.remove();
  }
});

test('restore valid backup from CLI', async () => {
  const temp = makeTempDir();

  try {
    const file = seedDatabase(temp.dir);
    const backup = (await luno(['backup', '--db', file])).stdout.trim();

    const store = openStore({ file, migrationsDir, logger: silentLogger });
    store.progress.setAllLayers({ domain: 'agents', technology: 'crewai' }, false);
    store.dispose();

    const result = await luno(['restore', backup, '--db', file]);

    assert.equal(result.code, 0);
    assert.match(result.stdout, /The data it replaced is in .*luno_\d{4}-\d{2}-\d{2}-2\.db/);

    const after = openStore({ file, migrationsDir, logger: silentLogger });
    try {
      assert.equal(after.progress.summary([{ domain: 'agents', technology: 'crewai' }]).overall.completedLayers, 5);
    } finally {
      after.dispose();
    }
  } finally {
    temp.remove();
  }
});

test('restore invalid file exits 1', async () => {
  const temp = makeTempDir();

  try {
    const file = seedDatabase(temp.dir);
    const bad = path.join(temp.dir, 'bad.db');
    fs.writeFileSync(bad, crypto.randomBytes(4096));

    const result = await luno(['restore', bad, '--db', file]);
    const usage = await luno(['restore', '--db', file]);

    assert.equal(result.code, 1);
    assert.match(result.stderr, /is not a SQLite database/);
    assert.equal(usage.code, 2);
    assert.equal(fs.existsSync(path.join(temp.dir, 'backups')), false);

    const store = openStore({ file, migrationsDir, logger: silentLogger });
    try {
      assert.equal(store.progress.all().filter((layer) => layer.completed).length, 6);
    } finally {
      store.dispose();
    }
  } finally {
    temp.remove();
  }
});
