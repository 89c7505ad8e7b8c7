import * as assert from 'node:assert/strict';
import { test } from 'node:test';

import { DEFAULT_SETTINGS, type UserSettings } from '../../../src/core/store/settings';
import { InvalidInputError } from '../../../src/core/store/validation';
import { openTestStore } from './helpers';

function storedSettings(db: import('better-sqlite3').Database): unknown {
  return JSON.parse(db.prepare("SELECT settings FROM users WHERE id = 'default'").pluck().get() as string);
}

test('settings defaults on fresh database', () => {
  const { store, cleanup } = openTestStore();

  try {
    assert.deepEqual(store.settings.get(), DEFAULT_SETTINGS);
  } finally {
    cleanup();
  }
});

test('settings update round-trips JSON', () => {
  const { store, cleanup } = openTestStore();
  const expected: UserSettings = { theme: 'dark', defaultDomain: 'agents', showCompletedLayers: false, notificationsEnabled: false };

  try {
    const returned = store.settings.update(expected);

    assert.deepEqual(returned, expected);
    assert.deepEqual(store.settings.get(), expected);
    assert.deepEqual(storedSettings(store.db), expected);
  } finally {
    cleanup();
  }
});

test('settings update merges with stored', () => {
  const { store, cleanup } = openTestStore();

  try {
    store.settings.update({ theme: 'light' });
    const merged = store.settings.update({ defaultDomain: 'audio', theme: undefined });

    assert.equal(merged.theme, 'light');
    assert.equal(merged.defaultDomain, 'audio');
    assert.equal(merged.showCompletedLayers, DEFAULT_SETTINGS.showCompletedLayers);
  } finally {
    cleanup();
  }
});

test('settings keep unknown stored keys', () => {
  const { store, cleanup } = openTestStore();

  try {
    store.db.prepare(`UPDATE users SET settings = '{"futureOption":{"a":[1,2]},"theme":"dark"}'`).run();
    store.settings.update({ notificationsEnabled: false });

    assert.deepEqual(storedSettings(store.db), { futureOption: { a: [1, 2] }, theme: 'dark', notificationsEnabled: false });
  } finally {
    cleanup();
  }
});

test('invalid stored values read as defaults', () => {
  const { store, logger, cleanup } = openTestStore();

  try {
    store.db.prepare(`UPDATE users SET settings = '{"theme":"neon","showCompletedLayers":"yes","defaultDomain":"agents"}'`).run();
    const settings = store.settings.get();

    assert.equal(settings.theme, DEFAULT_SETTINGS.theme);
    assert.equal(settings.showCompletedLayers, DEFAULT_SETTINGS.showCompletedLayers);
    assert.equal(settings.defaultDomain, 'agents');
    assert.ok(logger.lines.some((line) => line.includes('theme has the invalid value "neon"')));
  } finally {
    cleanup();
  }
});

test('settings update rejects invalid values', () => {
  const { store, cleanup } = openTestStore();

  try {
    const invalid: unknown[] = [{ theme: 'neon' }, { showCompletedLayers: 1 }, { defaultDomain: '' }, { colour: 'red' }, null];
    for (const patch of invalid) {
      assert.throws(() => store.settings.update(patch as Partial<UserSettings>), InvalidInputError, JSON.stringify(patch));
    }

    assert.deepEqual(storedSettings(store.db), {});
  } finally {
    cleanup();
  }
});

test('settings JSON check constraint', () => {
  const { store, cleanup } = openTestStore();

  try {
    assert.throws(() => store.db.prepare("UPDATE users SET settings = 'not json'").run(), /CHECK constraint failed/);
    assert.throws(() => store.db.prepare("UPDATE users SET settings = '[1]'").run(), /CHECK constraint failed/);
  } finally {
    cleanup();
  }
});

test('settings update fires onDidChange', () => {
  const { store, cleanup } = openTestStore();
  const seen: UserSettings[] = [];

  try {
    store.settings.onDidChange((settings) => seen.push(settings));
    store.settings.update({ theme: 'dark' });

    assert.equal(seen.length, 1);
    assert.equal(seen[0].theme, 'dark');
  } finally {
    cleanup();
  }
});
