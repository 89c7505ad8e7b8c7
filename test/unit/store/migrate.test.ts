import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

import Database from 'better-sqlite3';

import { DatabaseError, LunoError, MigrationError } from '../../../src/core/errors';
import { MemoryLogger, silentLogger } from '../../../src/core/log';
import { openStore } from '../../../src/core/store/database';
import { latestMigrationVersion, listMigrations, migrate, schemaVersion } from '../../../src/core/store/migrate';
import { makeTempDir, migrationsDir } from './helpers';

const EXPECTED_TABLES = ['bookmarks', 'lab_runs', 'progress', 'research_views', 'search_history', 'users'];

function schemaOf(db: Database.Database): string[] {
  const rows = db.prepare("SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all();
  return rows.map((row) => JSON.stringify(row));
}

/** Creates a migrations folder with the real 001_initial.sql and the `extra` files. */
function migrationsWith(dir: string, extra: Record<string, string>): string {
  const target = fs.mkdtempSync(path.join(dir, 'migrations-'));
  fs.copyFileSync(path.join(migrationsDir, '001_initial.sql'), path.join(target, '001_initial.sql'));
  for (const [name, sql] of Object.entries(extra)) {
    fs.writeFileSync(path.join(target, name), sql);
  }
  return target;
}

test('migrate fresh database creates schema', () => {
  const temp = makeTempDir();
  const db = new Database(path.join(temp.dir, 'luno.db'));
  const logger = new MemoryLogger();

  try {
    const result = migrate(db, migrationsDir, logger);

    assert.equal(result.fromVersion, 0);
    assert.equal(result.toVersion, latestMigrationVersion(migrationsDir));
    assert.equal(schemaVersion(db), result.toVersion);

    const tables = db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .pluck()
      .all();
    for (const table of EXPECTED_TABLES) {
      assert.ok(tables.includes(table), `missing table ${table}`);
    }

    const user = db.prepare("SELECT name, settings FROM users WHERE id = 'default'").get();
    assert.deepEqual(user, { name: 'Local User', settings: '{}' });

    assert.ok(logger.lines.some((line) => line.includes('applied migration 001_initial.sql')));
  } finally {
    db.close();
    temp.remove();
  }
});

test('migrate second run changes nothing', () => {
  const temp = makeTempDir();
  const db = new Database(path.join(temp.dir, 'luno.db'));

  try {
    migrate(db, migrationsDir, silentLogger);
    db.prepare("INSERT INTO bookmarks (domain, technology) VALUES ('agents', 'crewai')").run();
    const schemaBefore = schemaOf(db);
    const versionBefore = schemaVersion(db);

    const second = migrate(db, migrationsDir, silentLogger);

    assert.deepEqual(second.applied, []);
    assert.equal(schemaVersion(db), versionBefore);
    assert.deepEqual(schemaOf(db), schemaBefore);
    assert.equal(db.prepare('SELECT COUNT(*) FROM bookmarks').pluck().get(), 1);
    assert.equal(db.prepare('SELECT COUNT(*) FROM users').pluck().get(), 1);
  } finally {
    db.close();
    temp.remove();
  }
});

test('failing migration keeps previous version', () => {
  const temp = makeTempDir();
  const file = path.join(temp.dir, 'luno.db');

  try {
    const initialOnly = migrationsWith(temp.dir, {});
    const first = openStore({ file, migrationsDir: initialOnly, logger: silentLogger });
    first.bookmarks.add({ domain: 'agents', technology: 'crewai', section: null, title: 'CrewAI' });
    first.dispose();

    const broken = migrationsWith(temp.dir, {
      '002_broken.sql': 'CREATE TABLE half_done (id INTEGER);\nINSERT INTO no_such_table VALUES (1);\n',
    });

    assert.throws(
      () => openStore({ file, migrationsDir: broken, logger: silentLogger }),
      (error: unknown) => {
        assert.ok(error instanceof MigrationError);
        assert.match(error.message, /002_broken\.sql/);
        assert.match(error.message, /no such table: no_such_table/);
        assert.equal(error.fromVersion, 1);
        assert.equal(error.failedVersion, 2);
        return true;
      },
    );

    const db = new Database(file, { readonly: true });
    try {
      assert.equal(schemaVersion(db), 1);
      assert.equal(db.prepare("SELECT COUNT(*) FROM sqlite_schema WHERE name = 'half_done'").pluck().get(), 0);
      assert.equal(db.prepare('SELECT title FROM bookmarks').pluck().get(), 'CrewAI');
    } finally {
      db.close();
    }
  } finally {
    temp.remove();
  }
});

test('later migration applies after first', () => {
  const temp = makeTempDir();
  const file = path.join(temp.dir, 'luno.db');

  try {
    openStore({ file, migrationsDir: migrationsWith(temp.dir, {}), logger: silentLogger }).dispose();
    const extended = migrationsWith(temp.dir, { '002_extra.sql': 'CREATE TABLE extra (id INTEGER PRIMARY KEY);\n' });

    const store = openStore({ file, migrationsDir: extended, logger: silentLogger });
    try {
      assert.equal(schemaVersion(store.db), 2);
      assert.equal(store.db.prepare("SELECT COUNT(*) FROM sqlite_schema WHERE name = 'extra'").pluck().get(), 1);
    } finally {
      store.dispose();
    }
  } finally {
    temp.remove();
  }
});

test('newer database version is rejected', () => {
  const temp = makeTempDir();
  const file = path.join(temp.dir, 'luno.db');

  try {
    const db = new Database(file);
    db.pragma('user_version = 99');
    db.close();

    assert.throws(
      () => openStore({ file, migrationsDir, logger: silentLogger }),
      (error: unknown) => {
        assert.ok(error instanceof DatabaseError);
        assert.match(error.message, /schema version 99/);
        assert.match(error.message, /newer Luno-AI/);
        return true;
      },
    );

    const after = new Database(file, { readonly: true });
    assert.equal(schemaVersion(after), 99);
    after.close();
  } finally {
    temp.remove();
  }
});

test('listMigrations rejects bad folders', () => {
  const cases: Array<{ files: string[]; message: RegExp }> = [
    { files: ['001_a.sql', '001_b.sql'], message: /Duplicate migration number 1/ },
    { files: ['001_a.sql', '003_c.sql'], message: /Missing migration number 2/ },
    { files: ['002_b.sql'], message: /Missing migration number 1/ },
    { files: ['001_a.sql', '2_b.sql'], message: /Invalid migration file name 2_b\.sql/ },
    { files: [], message: /contains no NNN_name\.sql files/ },
  ];

  for (const { files, message } of cases) {
    const temp = makeTempDir();
    try {
      for (const name of files) {
        fs.writeFileSync(path.join(temp.dir, name), 'SELECT 1;');
      }
      assert.throws(() => listMigrations(temp.dir), (error: unknown) => error instanceof LunoError && message.test(error.message), files.join(','));
    } finally {
      temp.remove();
    }
  }
});

test('listMigrations orders by number', () => {
  const temp = makeTempDir();
  try {
    for (const name of ['010_j.sql', '002_b.sql', '001_a.sql', '003_c.sql', '004_d.sql', '005_e.sql']) {
      fs.writeFileSync(path.join(temp.dir, name), 'SELECT 1;');
    }
    for (const name of ['006_f.sql', '007_g.sql', '008_h.sql', '009_i.sql', 'README.md']) {
      fs.writeFileSync(path.join(temp.dir, name), 'SELECT 1;');
    }

    const versions = listMigrations(temp.dir).map((migration) => migration.version);

    assert.deepEqual(versions, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  } finally {
    temp.remove();
  }
});
