import * as assert from 'node:assert/strict';
import { test } from 'node:test';

import { InvalidInputError } from '../../../src/core/store/validation';
import { openTestStore, steppingClock } from './helpers';

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const crewai = { domain: 'agents', technology: 'crewai' };
const langgraph = { domain: 'agents', technology: 'langgraph' };
const whisper = { domain: 'audio', technology: 'whisper' };

test('setLayerCompleted stores ISO timestamps', () => {
  const { store, cleanup } = openTestStore();

  try {
    const done = store.progress.setLayerCompleted(crewai, 2, true);

    assert.equal(done.completed, true);
    assert.match(done.completedAt ?? '', ISO_UTC);
    assert.match(done.updatedAt, ISO_UTC);

    const raw = store.db.prepare('SELECT completed, created_at FROM progress WHERE layer = 2').get() as {
      completed: number;
      created_at: string;
    };
    assert.equal(raw.completed, 1);
    assert.match(raw.created_at, ISO_UTC);
  } finally {
    cleanup();
  }
});

test('setLayerCompleted un-completes a layer', () => {
  const { store, cleanup } = openTestStore();

  try {
    store.progress.setLayerCompleted(crewai, 1, true);
    const undone = store.progress.setLayerCompleted(crewai, 1, false);

    assert.equal(undone.completed, false);
    assert.equal(undone.completedAt, null);
  } finally {
    cleanup();
  }
});

test('completing twice keeps first time', () => {
  const { store, cleanup } = openTestStore({ clock: steppingClock(new Date('2026-01-05T10:00:00.000Z')) });

  try {
    const first = store.progress.setLayerCompleted(crewai, 0, true);
    const second = store.progress.setLayerCompleted(crewai, 0, true);

    assert.equal(second.completedAt, first.completedAt);
    assert.notEqual(second.updatedAt, first.updatedAt);
  } finally {
    cleanup();
  }
});

test('setLayerCompleted rejects invalid layer', () => {
  const { store, cleanup } = openTestStore();

  try {
    for (const layer of [-1, 5, 1.5, Number.NaN]) {
      assert.throws(() => store.progress.setLayerCompleted(crewai, layer, true), InvalidInputError, String(layer));
    }
    assert.throws(() => store.progress.setLayerCompleted({ domain: '', technology: 'x' }, 0, true), InvalidInputError);
    assert.deepEqual(store.progress.all(), []);
  } finally {
    cleanup();
  }
});

test('layer check constraint in schema', () => {
  const { store, cleanup } = openTestStore();

  try {
    assert.throws(
      () => store.db.prepare("INSERT INTO progress (domain, technology, layer) VALUES ('a', 'b', 5)").run(),
      /CHECK constraint failed/,
    );
    assert.throws(
      () => store.db.prepare("INSERT INTO progress (domain, technology, completed) VALUES ('a', 'b', 2)").run(),
      /CHECK constraint failed/,
    );
  } finally {
    cleanup();
  }
});

test('setAllLayers marks and resets', () => {
  const { store, cleanup } = openTestStore();

  try {
    store.progress.setAllLayers(crewai, true);
    const done = store.progress.layersOf(crewai);

    assert.deepEqual(
      done.map((layer) => [layer.layer, layer.completed]),
      [[0, true], [1, true], [2, true], [3, true], [4, true]],
    );

    store.progress.setAllLayers(crewai, false);
    const reset = store.progress.layersOf(crewai);

    assert.ok(reset.every((layer) => !layer.completed));
    assert.ok(reset.every((layer) => layer.completedAt === null));
  } finally {
    cleanup();
  }
});

test('notes survive a reset', () => {
  const { store, cleanup } = openTestStore();

  try {
    store.progress.setAllLayers(crewai, true);
    store.progress.setNotes(crewai, 'Use the sequential process first.');
    store.progress.setAllLayers(crewai, false);

    assert.equal(store.progress.notes(crewai), 'Use the sequential process first.');
  } finally {
    cleanup();
  }
});

test('setNotes creates uncompleted layer 0', () => {
  const { store, cleanup } = openTestStore();

  try {
    assert.equal(store.progress.notes(crewai), undefined);

    store.progress.setNotes(crewai, 'first note');
    const layers = store.progress.layersOf(crewai);

    assert.equal(layers.length, 1);
    assert.equal(layers[0].layer, 0);
    assert.equal(layers[0].completed, false);
    assert.equal(store.progress.notes(crewai), 'first note');

    store.progress.setLayerCompleted(crewai, 0, true);
    assert.equal(store.progress.notes(crewai), 'first note');

    store.progress.setNotes(crewai, '');
    assert.equal(store.progress.notes(crewai), undefined);
  } finally {
    cleanup();
  }
});

test('progress writes fire onDidChange', () => {
  const { store, cleanup } = openTestStore();
  const events: string[] = [];

  try {
    store.progress.onDidChange((ref) => events.push(`${ref.domain}/${ref.technology}`));

    store.progress.setLayerCompleted(crewai, 0, true);
    store.progress.setAllLayers(langgraph, true);
    store.progress.setNotes(whisper, 'note');

    assert.deepEqual(events, ['agents/crewai', 'agents/langgraph', 'audio/whisper']);
  } finally {
    cleanup();
  }
});

test('summary counts technologies without rows', () => {
  const { store, cleanup } = openTestStore();

  try {
    store.progress.setAllLayers(crewai, true);
    store.progress.setLayerCompleted(langgraph, 0, true);
    store.progress.setLayerCompleted({ domain: 'vision', technology: 'not-passed-in' }, 0, true);

    const summary = store.progress.summary([crewai, langgraph, { domain: 'agents', technology: 'autogen' }, whisper, crewai]);

    assert.deepEqual(summary.domains, [
      { domain: 'agents', technologies: 3, completedTechnologies: 1, totalLayers: 15, completedLayers: 6, percentage: 40 },
      { domain: 'audio', technologies: 1, completedTechnologies: 0, totalLayers: 5, completedLayers: 0, percentage: 0 },
    ]);
    assert.deepEqual(summary.overall, { technologies: 4, totalLayers: 20, completedLayers: 6, percentage: 30 });
  } finally {
    cleanup();
  }
});

test('summary rounds to one decimal', () => {
  const { store, cleanup } = openTestStore();

  try {
    store.progress.setLayerCompleted(crewai, 0, true);
    const summary = store.progress.summary([crewai, langgraph, { domain: 'agents', technology: 'autogen' }]);

    assert.equal(summary.overall.percentage, 6.7);
  } finally {
    cleanup();
  }
});

test('summary of nothing is zero', () => {
  const { store, cleanup } = openTestStore();

  try {
    const summary = store.progress.summary([]);

    assert.deepEqual(summary, { domains: [], overall: { technologies: 0, totalLayers: 0, completedLayers: 0, percentage: 0 } });
  } finally {
    cleanup();
  }
});

test('recentActivity newest first with limit', () => {
  const { store, cleanup } = openTestStore({ clock: steppingClock(new Date('2026-01-05T10:00:00.000Z'), 60_000) });

  try {
    store.progress.setLayerCompleted(crewai, 0, true);
    store.progress.setLayerCompleted(crewai, 1, true);
    store.progress.setLayerCompleted(whisper, 0, true);
    store.progress.setLayerCompleted(crewai, 1, false);

    const activity = store.progress.recentActivity();

    assert.deepEqual(activity, [
      { domain: 'audio', technology: 'whisper', layer: 0, completedAt: '2026-01-05T10:02:00.000Z' },
      { domain: 'agents', technology: 'crewai', layer: 0, completedAt: '2026-01-05T10:00:00.000Z' },
    ]);
    assert.equal(store.progress.recentActivity(1).length, 1);
  } finally {
    cleanup();
  }
});

test('trackedTechnologies lists refs with rows', () => {
  const { store, cleanup } = openTestStore();

  try {
    store.progress.setNotes(whisper, 'n');
    store.progress.setLayerCompleted(crewai, 3, true);

    assert.deepEqual(store.progress.trackedTechnologies(), [crewai, whisper]);
  } finally {
    cleanup();
  }
});

test('updated_at trigger stamps plain updates', () => {
  const { store, cleanup } = openTestStore({ clock: () => new Date('2001-01-01T00:00:00.000Z') });

  try {
    store.progress.setLayerCompleted(crewai, 0, true);
    store.db.prepare("UPDATE progress SET notes = 'x' WHERE layer = 0").run();
    const stamped = store.db.prepare('SELECT updated_at FROM progress').pluck().get() as string;

    assert.notEqual(stamped, '2001-01-01T00:00:00.000Z');
    assert.ok(stamped > '2020-01-01');

    store.db.prepare("UPDATE progress SET updated_at = '2002-02-02T00:00:00.000Z'").run();
    const explicit = store.db.prepare('SELECT updated_at FROM progress').pluck().get();

    assert.equal(explicit, '2002-02-02T00:00:00.000Z');
  } finally {
    cleanup();
  }
});
