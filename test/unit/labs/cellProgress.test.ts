import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  applyExecutions,
  isComplete,
  markCell,
  progressCounts,
  reconcileProgress,
  statusOf,
  type CellProgress,
} from '../../../src/core/labs/cellProgress';

const NOW = new Date('2026-01-05T10:00:00.000Z');

function entry(cellId: string, completed: boolean, executedAt: string | null, failed?: boolean): CellProgress {
  return failed === undefined ? { cellId, completed, executedAt } : { cellId, completed, executedAt, failed };
}

describe('reconcileProgress', () => {
  const stored = [
    entry('a', true, '2026-01-05T09:00:00.000Z'),
    entry('b', false, '2026-01-05T09:01:00.000Z', true),
    entry('c', false, null),
  ];

  test('reordered cells keep progress', () => {
    const result = reconcileProgress(stored, ['c', 'a', 'b']);

    assert.deepEqual(result.cells, [stored[2], stored[0], stored[1]]);
    assert.equal(result.changed, true);
    assert.deepEqual(result.dropped, []);
  });

  test('added cell starts not run', () => {
    const result = reconcileProgress(stored, ['a', 'new', 'b', 'c']);

    assert.deepEqual(result.cells[1], entry('new', false, null));
    assert.deepEqual(result.added, ['new']);
    assert.deepEqual(result.cells[0], stored[0]);
  });

  test('removed cell is dropped', () => {
    const result = reconcileProgress(stored, ['a', 'c']);

    assert.deepEqual(
      result.cells.map((cell) => cell.cellId),
      ['a', 'c'],
    );
    assert.deepEqual(result.dropped, [stored[1]]);
  });

  test('unchanged notebook reports no change', () => {
    const result = reconcileProgress(stored, ['a', 'b', 'c']);

    assert.equal(result.changed, false);
  });

  test('stored list is not mutated', () => {
    const copy = structuredClone(stored);
    reconcileProgress(stored, ['c']);

    assert.deepEqual(stored, copy);
  });
});

describe('applyExecutions', () => {
  const start = [entry('a', false, null), entry('b', false, null), entry('c', false, null)];
  const t1 = Date.parse('2026-01-05T09:00:00.000Z');
  const t2 = Date.parse('2026-01-05T09:05:00.000Z');

  test('sequence of summaries updates cells', () => {
    const result = applyExecutions(
      start,
      [
        { key: 'a', success: true, endTime: t1 },
        { key: 'b', success: false, endTime: t1 },
        { key: 'b', success: true, endTime: t2 },
      ],
      NOW,
    );

    assert.deepEqual(result.cells[0], entry('a', true, '2026-01-05T09:00:00.000Z'));
    assert.deepEqual(result.cells[1], entry('b', true, '2026-01-05T09:05:00.000Z'));
    assert.deepEqual(result.cells[2], entry('c', false, null));
    assert.deepEqual(result.changed.sort(), ['a', 'b']);
  });

  test('failure after success marks failed', () => {
    const ran = [entry('a', true, '2026-01-05T09:00:00.000Z')];
    const result = applyExecutions(ran, [{ key: 'a', success: false, endTime: t2 }], NOW);

    assert.deepEqual(result.cells[0], entry('a', false, '2026-01-05T09:05:00.000Z', true));
    assert.equal(statusOf(result.cells[0]), 'failed');
  });

  test('older summary is ignored', () => {
    const ran = [entry('a', true, '2026-01-05T09:05:00.000Z')];
    const result = applyExecutions(ran, [{ key: 'a', success: false, endTime: t1 }], NOW);

    assert.deepEqual(result.cells, ran);
    assert.deepEqual(result.changed, []);
  });

  test('repeated summary changes nothing', () => {
    const once = applyExecutions(start, [{ key: 'a', success: true, endTime: t1 }], NOW);
    const twice = applyExecutions(once.cells, [{ key: 'a', success: true, endTime: t1 }], NOW);

    assert.deepEqual(twice.changed, []);
  });

  test('missing end time uses now', () => {
    const result = applyExecutions(start, [{ key: 'c', success: true }], NOW);

    assert.equal(result.cells[2].executedAt, NOW.toISOString());
  });

  test('unknown key is reported', () => {
    const result = applyExecutions(start, [{ key: 'zzz', success: true, endTime: t1 }], NOW);

    assert.deepEqual(result.unknown, ['zzz']);
    assert.deepEqual(result.cells, start);
  });
});

describe('markCell and counts', () => {
  test('mark done then undone', () => {
    const cells = [entry('a', false, '2026-01-05T09:00:00.000Z', true), entry('b', false, null)];
    const done = markCell(cells, 'a', true, NOW);
    const undone = markCell(done, 'a', false, NOW);

    assert.deepEqual(done[0], entry('a', true, NOW.toISOString()));
    assert.deepEqual(undone[0], entry('a', false, null));
  });

  test('counts completed and failed', () => {
    const cells = [entry('a', true, 'x'), entry('b', false, 'x', true), entry('c', false, null)];

    assert.deepEqual(progressCounts(cells), { completed: 1, failed: 1, total: 3 });
  });

  test('complete needs every cell', () => {
    assert.equal(isComplete([entry('a', true, 'x'), entry('b', false, null)]), false);
    assert.equal(isComplete([entry('a', true, 'x')]), true);
    assert.equal(isComplete([]), false);
  });

  test('status of missing entry', () => {
    assert.equal(statusOf(undefined), 'not-run');
  });
});
