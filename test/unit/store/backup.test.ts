import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

import Database from 'better-sqlite3';

import { InvalidBackupError } from '../../../src/core/errors';
import { silentLogger } from '../../../src/core/log';
import { backupDatabase, listBackups, validateBackup } from '../../../src/core/store/backup';
import { openStore } from '../../../src/core/store/database';
import { latestMigrationVersion } from '../../../src/core/store/migrate';
import { makeTempDir, migrationsDir, openTestStore } from './helpers';

const crewai = { domain: 'agents', technology: 'crewai' };
// Local noon, so the local date is 2026-12-04 in every time zone.
const december4 = new Date(2026, 11, 4, 12, 0, 0);

test('backupDatabase names file by date', async () => {
  const { store, dir, cleanup } = openTestStore();

  try {
    store.progress.setLayerCompleted(crewai, 0, true);
    const file = await backupDatabase(store, { now: december4 });

    assert.equal(file, path.join(dir, 'backups', 'luno_2026-12-04.db'));

    const copy = new Database(file, { readonly: true });
    try {
      assert.equal(copy.prepare('SELECT COUNT(*) FROM progress WHERE completed = 1').pluck().get(), 1);
      assert.equal(copy.pragma('journal_mode', { simple: true }), 'delete');
    } finally {
      copy.close();
    }
    assert.deepEqual(fs.readdirSync(path.join(dir, 'backups')), ['luno_2026-12-04.db']);
  } finally {
    cleanup();
  }
});

test('same-day backups get a suffix', async () => {
  const { store, dir, cleanup } = openTestStore();

  try {
    const first = await backupDatabase(store, { now: december4 });
    const firstBytes = fs.readFileSync(first);
    store.bookmarks.add({ ...crewai, section: null, title: null });
    const second = await backupDatabase(store, { now: december4 });
    const third = await backupDatabase(store, { now: december4 });

    assert.equal(path.basename(second), 'luno_2026-12-04-2.db');
    assert.equal(path.basename(third), 'luno_2026-12-04-3.db');
    assert.deepEqual(fs.readFileSync(first), firstBytes);
    assert.equal(listBackups(path.join(dir, 'backups')).length, 3);
  } finally {
    cleanup();
  }
});

test('listBackups newest first', () => {
  const temp = makeTempDir();

  try {
    const names = ['luno_2026-01-05.db', 'luno_2026-12-04.db', 'luno_2026-12-04-2.db', 'luno_2026-12-04-10.db', 'notes.txt', 'luno.db'];
    for (const name of names) {
      fs.writeFileSync(path.join(temp.dir, name), 'x'.repeat(name.length));
    }

    const backups = listBackups(temp.dir);

    assert.deepEqual(
      backups.map((backup) => backup.name),
      ['luno_2026-12-04-10.db', 'luno_2026-12-04-2.db', 'luno_2026-12-04.db', 'luno_2026-01-05.db'],
    );
    assert.equal(backups[0].sizeBytes, 'luno_2026-12-04-10.db'.length);
    assert.equal(backups[0].date, '2026-12-04');
    assert.match(backups[0].modifiedAt, /Z$/);
    assert.deepEqual(listBackups(path.join(temp.dir, 'missing')), []);
  } finally {
    temp.remove();
  }
});

test('validateBackup accepts own backup', async () => {
  const { store, cleanup } = openTestStore();

  try {
    const file = await backupDatabase(store, { now: december4 });
    const info = validateBackup(file, latestMigrationVersion(migrationsDir));

    assert.equal(info.schemaVersion, latestMigrationVersion(migrationsDir));
    assert.equal(info.sizeBytes, fs.statSync(file).size);
    assert.deepEqual(fs.readdirSync(path.dirname(file)), [path.basename(file)]);
  } finally {
    cleanup();
  }
});

test('validateBackup reads WAL of live copy', () => {
  const { store, file, dir, cleanup } = openTestStore();

  try {
    store.bookmarks.add({ ...crewai, section: null, title: 'only in the WAL' });
    const copy = path.join(dir, 'copy.db');
    fs.copyFileSync(file, copy);
    const withoutWal = path.join(dir, 'without-wal.db');
    fs.copyFileSync(file, withoutWal);
    fs.copyFileSync(`${file}-wal`, `${copy}-wal`);

    // The schema is still only in the WAL, so the main file alone is not a Luno-AI database.
    assert.throws(() => validateBackup(withoutWal, latestMigrationVersion(migrationsDir)), InvalidBackupError);

    const info = validateBackup(copy, latestMigrationVersion(migrationsDir));

    assert.equal(info.schemaVersion, latestMigrationVersion(migrationsDir));
    assert.equal(fs.existsSync(`${copy}-shm`), false);
  } finally {
    cleanup();
  }
});

test('validateBackup rejects bad files', () => {
  const temp = makeTempDir();
  const maxVersion = latestMigrationVersion(migrationsDir);

  try {
    const random = path.join(temp.dir, 'random.db');
    fs.writeFileSync(random, crypto.randomBytes(8192));

    const foreign = path.join(temp.dir, 'foreign.db');
    const foreignDb = new Database(foreign);
    foreignDb.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)');
    foreignDb.close();

    const newer = path.join(temp.dir, 'newer.db');
    const newerStore = openStore({ file: newer, migrationsDir, logger: silentLogger });
    newerStore.db.pragma(`user_version = ${maxVersion + 5}`);
    newerStore.dispose();

    const cases: Array<{ file: string; message: RegExp }> = [
      { file: random, message: /is not a SQLite database/ },
      { file: foreign, message: /is not a Luno-AI database: tables users, progress, .* are missing/ },
      { file: newer, message: /was written by a newer Luno-AI/ },
      { file: path.join(temp.dir, 'missing.db'), message: /Cannot read the backup/ },
      { file: temp.dir, message: /is not a file/ },
    ];

    for (const { file, message } of cases) {
      assert.throws(
        () => validateBackup(file, maxVersion),
        (error: unknown) => error instanceof InvalidBackupError && message.test(error.message),
        path.basename(file),
      );
    }
  } finally {
    temp.remove();
  }
});
