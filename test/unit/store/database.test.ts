import * as assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

import Database from 'better-sqlite3';

import { DatabaseError } from '../../../src/core/errors';
import { silentLogger } from '../../../src/core/log';
import { openStore } from '../../../src/core/store/database';
import { makeTempDir, migrationsDir, openTestStore } from './helpers';

test('openStore creates folder and configures', () => {
  const temp = makeTempDir();
  const file = path.join(temp.dir, 'nested', 'storage', 'luno.db');

  try {
    const store = openStore({ file, migrationsDir, logger: silentLogger, busyTimeoutMs: 1234 });
    try {
      assert.ok(fs.existsSync(file));
      assert.equal(store.db.pragma('journal_mode', { simple: true }), 'wal');
      assert.equal(store.db.pragma('foreign_keys', { simple: true }), 1);
      assert.equal(store.db.pragma('busy_timeout', { simple: true }), 1234);
    } finally {
      store.dispose();
    }
  } finally {
    temp.remove();
  }
});

test('openStore default busy timeout', () => {
  const { store, cleanup } = openTestStore();

  try {
    assert.equal(store.db.pragma('busy_timeout', { simple: true }), 2000);
  } finally {
    cleanup();
  }
});

test('locked database on open', () => {
  const temp = makeTempDir();
  const file = path.join(temp.dir, 'luno.db');
  const holder = new Database(file);

  try {
    holder.exec('CREATE TABLE other_process (id INTEGER)');
    holder.exec('BEGIN IMMEDIATE');

    assert.throws(
      () => openStore({ file, migrationsDir, logger: silentLogger, busyTimeoutMs: 50 }),
      (error: unknown) => {
        assert.ok(error instanceof DatabaseError);
        assert.match(error.message, /is locked by another process/);
        assert.match(error.message, /waited 50 ms/);
        assert.match(error.message, /then try again/);
        return true;
      },
    );
  } finally {
    holder.exec('ROLLBACK');
    holder.close();
    temp.remove();
  }
});

test('locked database on write', () => {
  const { store, file, cleanup } = openTestStore({ busyTimeoutMs: 50 });
  const holder = new Database(file);

  try {
    holder.exec('BEGIN IMMEDIATE');

    assert.throws(
      () => store.progress.setLayerCompleted({ domain: 'agents', technology: 'crewai' }, 0, true),
      (error: unknown) => error instanceof DatabaseError && /is locked by another process/.test(error.message),
    );

    holder.exec('ROLLBACK');
    const row = store.progress.setLayerCompleted({ domain: 'agents', technology: 'crewai' }, 0, true);
    assert.equal(row.completed, true);
  } finally {
    holder.close();
    cleanup();
  }
});

test('corrupt file is rejected untouched', () => {
  const temp = makeTempDir();
  const file = path.join(temp.dir, 'luno.db');
  const bytes = crypto.randomBytes(16384);
  fs.writeFileSync(file, bytes);

  try {
    assert.throws(
      () => openStore({ file, migrationsDir, logger: silentLogger }),
      (error: unknown) => {
        assert.ok(error instanceof DatabaseError);
        assert.match(error.message, /is not a usable SQLite database/);
        assert.match(error.message, /file is not a database/);
        assert.match(error.message, /luno restore/);
        return true;
      },
    );

    assert.deepEqual(fs.readFileSync(file), bytes);
    assert.deepEqual(fs.readdirSync(temp.dir), ['luno.db']);
  } finally {
    temp.remove();
  }
});

test('damaged database fails quick_check', () => {
  const temp = makeTempDir();
  const file = path.join(temp.dir, 'luno.db');

  try {
    const db = new Database(file);
    db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, text TEXT)');
    const insert = db.prepare('INSERT INTO filler (text) VALUES (?)');
    db.transaction(() => {
      for (let index = 0; index < 2000; index++) {
        insert.run(`row ${index} `.repeat(20));
      }
    })();
    db.close();

    // Overwrite pages after the first one (the header and schema) with random bytes.
    const handle = fs.openSync(file, 'r+');
    fs.writeSync(handle, crypto.randomBytes(4096 * 8), 0, 4096 * 8, 4096 * 4);
    fs.closeSync(handle);

    assert.throws(
      () => openStore({ file, migrationsDir, logger: silentLogger }),
      (error: unknown) => error instanceof DatabaseError && /is not a usable SQLite database/.test(error.message),
    );
  } finally {
    temp.remove();
  }
});

test('corrupt file moved aside on request', () => {
  const temp = makeTempDir();
  const file = path.join(temp.dir, 'luno.db');
  const bytes = crypto.randomBytes(8192);
  fs.writeFileSync(file, bytes);
  const now = new Date('2026-12-04T10:20:30.456Z');

  try {
    const store = openStore({ file, migrationsDir, logger: silentLogger, moveCorruptAside: true, clock: () => now });
    try {
      const moved = path.join(temp.dir, 'luno.db.corrupt-2026-12-04T10-20-30-456Z');

      assert.equal(store.corruptFileMovedTo, moved);
      assert.deepEqual(fs.readFileSync(moved), bytes);
      assert.equal(store.settings.get().theme, 'system');
    } finally {
      store.dispose();
    }
  } finally {
    temp.remove();
  }
});

test('closed store rejects use', () => {
  const { store, cleanup } = openTestStore();

  try {
    store.close();

    assert.throws(() => store.progress.all(), (error: unknown) => error instanceof DatabaseError && /is closed/.test(error.message));
    assert.throws(() => store.db, DatabaseError);
  } finally {
    cleanup();
  }
});

test('reopen keeps listeners and fires', () => {
  const { store, cleanup } = openTestStore();
  const reopened: number[] = [];
  const changed: string[] = [];

  try {
    store.onDidReopen(() => reopened.push(1));
    store.bookmarks.onDidChange(() => changed.push('bookmarks'));
    store.bookmarks.add({ domain: 'agents', technology: 'crewai', section: null, title: null });

    store.reopen();
    store.bookmarks.add({ domain: 'agents', technology: 'langgraph', section: null, title: null });

    assert.equal(reopened.length, 1);
    assert.deepEqual(changed, ['bookmarks', 'bookmarks']);
    assert.equal(store.bookmarks.listWithDetails().length, 2);
  } finally {
    cleanup();
  }
});

test('listener error does not stop others', () => {
  const { store, logger, cleanup } = openTestStore();
  const calls: string[] = [];

  try {
    store.searchHistory.onDidChange(() => {
      throw new Error('listener broke');
    });
    store.searchHistory.onDidChange(() => calls.push('second'));

    store.searchHistory.add('agents', 3);

    assert.deepEqual(calls, ['second']);
    assert.ok(logger.lines.some((line) => line.includes('listener broke')));
  } finally {
    cleanup();
  }
});
