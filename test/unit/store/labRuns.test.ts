import * as assert from 'node:assert/strict';
import { test } from 'node:test';

import type { CellProgress } from '../../../src/core/store/labRuns';
import { InvalidInputError } from '../../../src/core/store/validation';
import { openTestStore, steppingClock } from './helpers';

const labId = 'agents/crewai-intro';

const partial: CellProgress[] = [
  { cellId: 'cell-1', completed: true, executedAt: '2026-01-05T10:00:00Z' },
  { cellId: 'cell-2', completed: false, executedAt: '2026-01-05T10:05:00Z', failed: true },
  { cellId: 'cell-3', completed: false, executedAt: null },
];

const finished: CellProgress[] = partial.map((cell) => ({ cellId: cell.cellId, completed: true, executedAt: '2026-01-05T11:00:00Z' }));

test('save creates run and round-trips cells', () => {
  const { store, cleanup } = openTestStore();

  try {
    const run = store.labRuns.save(labId, partial);

    assert.equal(run.labId, labId);
    assert.equal(run.completed, false);
    assert.equal(run.completedAt, null);
    assert.deepEqual(run.cells, partial);
    assert.deepEqual(store.labRuns.current(labId)?.cells, partial);
  } finally {
    cleanup();
  }
});

test('save sets and clears completion', () => {
  const { store, cleanup } = openTestStore({ clock: steppingClock(new Date('2026-01-05T10:00:00.000Z')) });

  try {
    const started = store.labRuns.save(labId, partial);
    const done = store.labRuns.save(labId, finished);
    const again = store.labRuns.save(labId, finished);

    assert.equal(done.id, started.id);
    assert.equal(done.startedAt, started.startedAt);
    assert.equal(done.completed, true);
    assert.equal(done.completedAt, '2026-01-05T10:00:01.000Z');
    assert.equal(again.completedAt, done.completedAt);

    const reopened = store.labRuns.save(labId, partial);
    assert.equal(reopened.completed, false);
    assert.equal(reopened.completedAt, null);
  } finally {
    cleanup();
  }
});

test('empty run is not completed', () => {
  const { store, cleanup } = openTestStore();

  try {
    assert.equal(store.labRuns.save(labId, []).completed, false);
  } finally {
    cleanup();
  }
});

test('one current run per lab', () => {
  const { store, cleanup } = openTestStore();

  try {
    store.labRuns.save(labId, partial);
    store.labRuns.save(labId, finished);
    store.labRuns.save('audio/whisper', partial);

    assert.equal(store.db.prepare('SELECT COUNT(*) FROM lab_runs').pluck().get(), 2);
    assert.deepEqual(store.labRuns.all().map((run) => run.labId), ['agents/crewai-intro', 'audio/whisper']);
    assert.throws(() => store.db.prepare(`INSERT INTO lab_runs (lab_id) VALUES ('${labId}')`).run(), /UNIQUE constraint failed/);
  } finally {
    cleanup();
  }
});

test('reset removes run and fires', () => {
  const { store, cleanup } = openTestStore();
  const events: string[] = [];

  try {
    store.labRuns.onDidChange((id) => events.push(id));
    store.labRuns.save(labId, partial);
    store.labRuns.reset(labId);
    store.labRuns.reset(labId);

    assert.equal(store.labRuns.current(labId), undefined);
    assert.deepEqual(events, [labId, labId]);
  } finally {
    cleanup();
  }
});

test('save rejects invalid cells', () => {
  const { store, cleanup } = openTestStore();
  const invalid: unknown[] = [
    [{ cellId: '', completed: true, executedAt: null }],
    [{ cellId: 'a', completed: 'yes', executedAt: null }],
    [{ cellId: 'a', completed: true }],
    [
      { cellId: 'a', completed: true, executedAt: null },
      { cellId: 'a', completed: false, executedAt: null },
    ],
    'cells',
  ];

  try {
    for (const cells of invalid) {
      assert.throws(() => store.labRuns.save(labId, cells as CellProgress[]), InvalidInputError, JSON.stringify(cells));
    }
    assert.equal(store.labRuns.current(labId), undefined);
  } finally {
    cleanup();
  }
});

test('stored extra keys are dropped', () => {
  const { store, cleanup } = openTestStore();

  try {
    const run = store.labRuns.save(labId, [{ cellId: 'a', completed: true, executedAt: null, extra: 1 } as CellProgress]);

    assert.deepEqual(run.cells, [{ cellId: 'a', completed: true, executedAt: null }]);
  } finally {
    cleanup();
  }
});
