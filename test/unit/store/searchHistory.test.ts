import * as assert from 'node:assert/strict';
import { test } from 'node:test';

import { SEARCH_HISTORY_MAX_ROWS } from '../../../src/core/store/searchHistory';
import { InvalidInputError } from '../../../src/core/store/validation';
import { openTestStore, steppingClock } from './helpers';

test('recent returns distinct queries newest first', () => {
  const { store, cleanup } = openTestStore({ clock: steppingClock(new Date('2026-01-05T10:00:00.000Z')) });

  try {
    store.searchHistory.add('multi-agent systems', 5);
    store.searchHistory.add('speech to text', 2);
    store.searchHistory.add('multi-agent systems', 7);

    assert.deepEqual(store.searchHistory.recent(), [
      { query: 'multi-agent systems', resultsCount: 7, searchedAt: '2026-01-05T10:00:02.000Z' },
      { query: 'speech to text', resultsCount: 2, searchedAt: '2026-01-05T10:00:01.000Z' },
    ]);
    assert.equal(store.searchHistory.recent(1).length, 1);
  } finally {
    cleanup();
  }
});

test('add trims and skips empty', () => {
  const { store, cleanup } = openTestStore();

  try {
    store.searchHistory.add('   ', 0);
    store.searchHistory.add('  rag  ', 1);

    assert.deepEqual(store.searchHistory.recent().map((entry) => entry.query), ['rag']);
  } finally {
    cleanup();
  }
});

test('add rejects invalid count', () => {
  const { store, cleanup } = openTestStore();

  try {
    assert.throws(() => store.searchHistory.add('rag', -1), InvalidInputError);
    assert.throws(() => store.searchHistory.add('rag', 1.5), InvalidInputError);
  } finally {
    cleanup();
  }
});

test('history keeps newest rows only', () => {
  const { store, cleanup } = openTestStore({ clock: steppingClock(new Date('2026-01-05T10:00:00.000Z')) });

  try {
    for (let index = 0; index < SEARCH_HISTORY_MAX_ROWS + 5; index++) {
      store.searchHistory.add(`query ${index}`, index);
    }

    const count = store.db.prepare('SELECT COUNT(*) FROM search_history').pluck().get();
    const oldest = store.db.prepare('SELECT query FROM search_history ORDER BY searched_at LIMIT 1').pluck().get();

    assert.equal(count, SEARCH_HISTORY_MAX_ROWS);
    assert.equal(oldest, 'query 5');
  } finally {
    cleanup();
  }
});
