import * as assert from 'node:assert/strict';
import { test } from 'node:test';

import { openTestStore } from './helpers';

const session = 'research/2026-01-05_agentic-framework-comparison';
const start = new Date('2026-01-05T10:00:00.000Z');

function minutesAfter(minutes: number): Date {
  return new Date(start.getTime() + minutes * 60_000);
}

test('record respects five minute interval', () => {
  const { store, cleanup } = openTestStore();

  try {
    assert.equal(store.researchViews.record(session, { now: start }), true);
    assert.equal(store.researchViews.record(session, { now: minutesAfter(4.9) }), false);
    assert.equal(store.researchViews.record(session, { now: minutesAfter(5) }), true);
    assert.equal(store.db.prepare('SELECT COUNT(*) FROM research_views').pluck().get(), 2);
  } finally {
    cleanup();
  }
});

test('record custom interval and events', () => {
  const { store, cleanup } = openTestStore();
  const events: string[] = [];

  try {
    store.researchViews.onDidChange((path) => events.push(path));

    store.researchViews.record(session, { now: start, minIntervalMs: 0 });
    store.researchViews.record(session, { now: start, minIntervalMs: 0 });
    store.researchViews.record(session, { now: minutesAfter(1), minIntervalMs: 120_000 });

    assert.deepEqual(events, [session, session]);
  } finally {
    cleanup();
  }
});

test('interval is per session', () => {
  const { store, cleanup } = openTestStore();

  try {
    store.researchViews.record(session, { now: start });

    assert.equal(store.researchViews.record('research/2026-01-06_other', { now: minutesAfter(1) }), true);
  } finally {
    cleanup();
  }
});

test('lastViewed and recent are distinct', () => {
  const { store, cleanup } = openTestStore();
  const other = 'research/2026-01-06_other';

  try {
    store.researchViews.record(session, { now: start });
    store.researchViews.record(other, { now: minutesAfter(10) });
    store.researchViews.record(session, { now: minutesAfter(20) });

    const last = store.researchViews.lastViewed();
    assert.equal(last.get(session), '2026-01-05T10:20:00.000Z');
    assert.equal(last.get(other), '2026-01-05T10:10:00.000Z');

    assert.deepEqual(store.researchViews.recent(), [
      { sessionPath: session, viewedAt: '2026-01-05T10:20:00.000Z' },
      { sessionPath: other, viewedAt: '2026-01-05T10:10:00.000Z' },
    ]);
    assert.deepEqual(store.researchViews.recent(1).map((view) => view.sessionPath), [session]);
  } finally {
    cleanup();
  }
});
