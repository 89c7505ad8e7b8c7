import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

import { LunoError } from '../../../src/core/errors';
import { backupDirectory, defaultDatabasePath, findMigrationsDir } from '../../../src/core/store/paths';
import { makeTempDir } from './helpers';

test('defaultDatabasePath on Linux', () => {
  assert.equal(
    defaultDatabasePath('linux', {}, '/home/ada'),
    '/home/ada/.config/Code/User/globalStorage/luno-ai.luno-ai/luno.db',
  );
  assert.equal(
    defaultDatabasePath('linux', { XDG_CONFIG_HOME: '/xdg' }, '/home/ada'),
    '/xdg/Code/User/globalStorage/luno-ai.luno-ai/luno.db',
  );
  assert.equal(
    defaultDatabasePath('linux', { XDG_CONFIG_HOME: 'relative' }, '/home/ada'),
    '/home/ada/.config/Code/User/globalStorage/luno-ai.luno-ai/luno.db',
  );
});

test('defaultDatabasePath on macOS', () => {
  assert.equal(
    defaultDatabasePath('darwin', { XDG_CONFIG_HOME: '/ignored' }, '/Users/ada'),
    '/Users/ada/Library/Application Support/Code/User/globalStorage/luno-ai.luno-ai/luno.db',
  );
});

test('defaultDatabasePath on Windows', () => {
  assert.equal(
    defaultDatabasePath('win32', { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'C:\\Users\\ada'),
    'C:\\Users\\ada\\AppData\\Roaming\\Code\\User\\globalStorage\\luno-ai.luno-ai\\luno.db',
  );
  assert.equal(
    defaultDatabasePath('win32', {}, 'C:\\Users\\ada'),
    'C:\\Users\\ada\\AppData\\Roaming\\Code\\User\\globalStorage\\luno-ai.luno-ai\\luno.db',
  );
});

test('findMigrationsDir walks up folders', () => {
  const temp = makeTempDir();

  try {
    fs.mkdirSync(path.join(temp.dir, 'migrations'));
    fs.writeFileSync(path.join(temp.dir, 'migrations', '001_initial.sql'), 'SELECT 1;');
    fs.mkdirSync(path.join(temp.dir, 'dist'));
    fs.mkdirSync(path.join(temp.dir, 'src', 'cli'), { recursive: true });

    assert.equal(findMigrationsDir(path.join(temp.dir, 'dist')), path.join(temp.dir, 'migrations'));
    assert.equal(findMigrationsDir(path.join(temp.dir, 'src', 'cli')), path.join(temp.dir, 'migrations'));
  } finally {
    temp.remove();
  }
});

test('findMigrationsDir fails without folder', () => {
  const temp = makeTempDir();

  try {
    assert.throws(() => findMigrationsDir(temp.dir), (error: unknown) => error instanceof LunoError && /No migrations folder/.test(error.message));
  } finally {
    temp.remove();
  }
});

test('backupDirectory is beside database', () => {
  assert.equal(backupDirectory('/data/luno.db'), path.join('/data', 'backups'));
});
