import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

import Database from 'better-sqlite3';

import { DatabaseError, InvalidBackupError } from '../../../src/core/errors';
import { silentLogger } from '../../../src/core/log';
import { backupDatabase, restoreDatabase } from '../../../src/core/store/backup';
import { openStore, type Store } from '../../../src/core/store/database';
import { latestMigrationVersion, schemaVersion } from '../../../src/core/store/migrate';
import { makeTempDir, migrationsDir, openTestStore } from './helpers';

const crewai = { domain: 'agents', technology: 'crewai' };
const whisper = { domain: 'audio', technology: 'whisper' };

function snapshot(store: Store): unknown {
  return {
    progress: store.progress.all(),
    notes: store.progress.notes(crewai),
    bookmarks: store.bookmarks.listWithDetails(),
    settings: store.settings.get(),
  };
}

test('restore replaces data and reopens', async () => {
  const { store, dir, cleanup } = openTestStore();
  let reopened = 0;

  try {
    store.onDidReopen(() => reopened++);
    store.progress.setAllLayers(crewai, true);
    store.progress.setNotes(crewai, 'from the backup');
    const backup = await backupDatabase(store);
    const backedUp = snapshot(store);

    store.progress.setAllLayers(crewai, false);
    store.progress.setLayerCompleted(whisper, 1, true);
    store.settings.update({ theme: 'light' });
    const beforeRestore = snapshot(store);

    const result = await restoreDatabase(store, backup);

    assert.deepEqual(snapshot(store), backedUp);
    assert.equal(reopened, 1);
    assert.equal(result.restoredFrom, backup);
    assert.equal(result.schemaVersion, latestMigrationVersion(migrationsDir));
    assert.equal(store.db.pragma('journal_mode', { simple: true }), 'wal');

    const previous = new Database(result.safetyBackup, { readonly: true });
    try {
      assert.equal(previous.prepare("SELECT COUNT(*) FROM progress WHERE technology = 'whisper' AND completed = 1").pluck().get(), 1);
    } finally {
      previous.close();
    }
    assert.notDeepEqual(beforeRestore, backedUp);
    assert.deepEqual(fs.readdirSync(dir).filter((name) => name.startsWith('.luno-restore-')), []);

    store.bookmarks.add({ ...crewai, section: null, title: 'after restore' });
    assert.equal(store.bookmarks.listWithDetails().length, 1);
  } finally {
    cleanup();
  }
});

test('restore migrates older backup', async () => {
  const temp = makeTempDir();

  try {
    const initialOnly = path.join(temp.dir, 'migrations-initial');
    fs.mkdirSync(initialOnly);
    fs.copyFileSync(path.join(migrationsDir, '001_initial.sql'), path.join(initialOnly, '001_initial.sql'));

    const old = openStore({ file: path.join(temp.dir, 'old', 'luno.db'), migrationsDir: initialOnly, logger: silentLogger });
    old.progress.setLayerCompleted(crewai, 4, true);
    const oldBackup = await backupDatabase(old);
    old.dispose();

    const { store, cleanup } = openTestStore();
    try {
      const result = await restoreDatabase(store, oldBackup);

      assert.equal(result.schemaVersion, 1);
      assert.equal(schemaVersion(store.db), latestMigrationVersion(migrationsDir));
      assert.equal(store.progress.layersOf(crewai)[0].layer, 4);
    } finally {
      cleanup();
    }
  } finally {
    temp.remove();
  }
});

test('restore rejects invalid files untouched', async () => {
  const { store, dir, file, cleanup } = openTestStore();
  const temp = makeTempDir();

  try {
    store.progress.setAllLayers(crewai, true);
    store.progress.setNotes(crewai, 'keep me');
    store.bookmarks.add({ ...crewai, section: 'setup', title: 'Setup' });
    const before = snapshot(store);

    const random = path.join(temp.dir, 'random.db');
    fs.writeFileSync(random, crypto.randomBytes(8192));

    const foreign = path.join(temp.dir, 'foreign.db');
    const foreignDb = new Database(foreign);
    foreignDb.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY)');
    foreignDb.close();

    const newer = path.join(temp.dir, 'newer', 'luno.db');
    const newerStore = openStore({ file: newer, migrationsDir, logger: silentLogger });
    newerStore.db.pragma(`user_version = ${latestMigrationVersion(migrationsDir) + 1}`);
    newerStore.dispose();

    for (const invalid of [random, foreign, newer, file]) {
      await assert.rejects(restoreDatabase(store, invalid), InvalidBackupError, invalid);
    }

    assert.deepEqual(snapshot(store), before);
    assert.equal(fs.existsSync(path.join(dir, 'backups')), false);
    assert.deepEqual(fs.readdirSync(dir).filter((name) => name.startsWith('.luno-restore-')), []);
  } finally {
    temp.remove();
    cleanup();
  }
});

test('restore refused while file in use', async () => {
  const { store, file, cleanup } = openTestStore({ busyTimeoutMs: 50 });
  const other = new Database(file);

  try {
    store.progress.setLayerCompleted(crewai, 0, true);
    const backup = await backupDatabase(store);
    store.progress.setLayerCompleted(whisper, 0, true);
    other.prepare('SELECT COUNT(*) FROM progress').get();

    await assert.rejects(
      restoreDatabase(store, backup),
      (error: unknown) => error instanceof DatabaseError && /is open in another process/.test(error.message),
    );

    assert.equal(store.progress.layersOf(whisper).length, 1);
    assert.equal(store.db.pragma('journal_mode', { simple: true }), 'wal');
  } finally {
    other.close();
    cleanup();
  }
});
