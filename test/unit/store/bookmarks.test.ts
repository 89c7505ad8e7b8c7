import * as assert from 'node:assert/strict';
import { test } from 'node:test';

import { LunoError } from '../../../src/core/errors';
import { openTestStore, steppingClock } from './helpers';

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const crewai = { domain: 'agents', technology: 'crewai' };

test('whole-file bookmark is not duplicated', () => {
  const { store, cleanup } = openTestStore();

  try {
    const first = store.bookmarks.add({ ...crewai, section: null, title: 'CrewAI' });
    const second = store.bookmarks.add({ ...crewai, section: null, title: 'Other title' });
    const third = store.bookmarks.add({ ...crewai, section: '', title: null });

    assert.equal(second.id, first.id);
    assert.equal(third.id, first.id);
    assert.equal(second.title, 'CrewAI');
    assert.equal(store.bookmarks.forTechnology(crewai).length, 1);
  } finally {
    cleanup();
  }
});

test('unique index rejects raw NULL duplicate', () => {
  const { store, cleanup } = openTestStore();

  try {
    const insert = store.db.prepare("INSERT INTO bookmarks (domain, technology, section) VALUES ('agents', 'crewai', NULL)");
    insert.run();

    assert.throws(() => insert.run(), /UNIQUE constraint failed/);
  } finally {
    cleanup();
  }
});

test('section bookmarks are separate', () => {
  const { store, cleanup } = openTestStore();
  let events = 0;

  try {
    store.bookmarks.onDidChange(() => events++);
    const file = store.bookmarks.add({ ...crewai, section: null, title: null });
    const quickStart = store.bookmarks.add({ ...crewai, section: 'quick-start', title: 'Quick Start' });
    store.bookmarks.add({ ...crewai, section: 'quick-start', title: 'Quick Start' });

    assert.notEqual(file.id, quickStart.id);
    assert.equal(quickStart.section, 'quick-start');
    assert.match(quickStart.createdAt, ISO_UTC);
    assert.equal(store.bookmarks.find(crewai, 'quick-start')?.id, quickStart.id);
    assert.equal(store.bookmarks.find(crewai, null)?.id, file.id);
    assert.equal(store.bookmarks.find(crewai, 'missing'), undefined);
    assert.equal(events, 2);
  } finally {
    cleanup();
  }
});

test('remove deletes and fires once', () => {
  const { store, cleanup } = openTestStore();
  let events = 0;

  try {
    const bookmark = store.bookmarks.add({ ...crewai, section: null, title: null });
    store.bookmarks.onDidChange(() => events++);

    store.bookmarks.remove(bookmark.id);
    store.bookmarks.remove(bookmark.id);

    assert.equal(store.bookmarks.find(crewai, null), undefined);
    assert.equal(events, 1);
  } finally {
    cleanup();
  }
});

test('listWithDetails newest first with layer', () => {
  const { store, cleanup } = openTestStore({ clock: steppingClock(new Date('2026-01-05T10:00:00.000Z')) });

  try {
    store.bookmarks.add({ ...crewai, section: null, title: 'CrewAI' });
    store.bookmarks.add({ domain: 'audio', technology: 'whisper', section: 'setup', title: 'Setup' });
    store.progress.setLayerCompleted(crewai, 0, true);
    store.progress.setLayerCompleted(crewai, 2, true);
    store.progress.setLayerCompleted(crewai, 3, false);

    const list = store.bookmarks.listWithDetails();

    assert.deepEqual(
      list.map((bookmark) => [bookmark.technology, bookmark.currentLayer]),
      [
        ['whisper', null],
        ['crewai', 2],
      ],
    );
  } finally {
    cleanup();
  }
});

test('moveSection re-attaches bookmark', () => {
  const { store, cleanup } = openTestStore();

  try {
    const bookmark = store.bookmarks.add({ ...crewai, section: 'quick-start', title: 'Quick Start' });
    const moved = store.bookmarks.moveSection(bookmark.id, 'getting-started', 'Getting Started');

    assert.equal(moved.id, bookmark.id);
    assert.equal(moved.section, 'getting-started');
    assert.equal(moved.title, 'Getting Started');
    assert.equal(store.bookmarks.find(crewai, 'quick-start'), undefined);
  } finally {
    cleanup();
  }
});

test('moveSection onto existing merges', () => {
  const { store, cleanup } = openTestStore();

  try {
    const existing = store.bookmarks.add({ ...crewai, section: 'setup', title: 'Setup' });
    const renamed = store.bookmarks.add({ ...crewai, section: 'old-setup', title: 'Old Setup' });

    const result = store.bookmarks.moveSection(renamed.id, 'setup', 'Setup');

    assert.equal(result.id, existing.id);
    assert.equal(store.bookmarks.forTechnology(crewai).length, 1);
  } finally {
    cleanup();
  }
});

test('moveSection unknown id throws', () => {
  const { store, cleanup } = openTestStore();

  try {
    assert.throws(() => store.bookmarks.moveSection(999, 'x', null), (error: unknown) => error instanceof LunoError && /Bookmark 999 not found/.test(error.message));
  } finally {
    cleanup();
  }
});
