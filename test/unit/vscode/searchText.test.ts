import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { describeFilters, describeProgress, progressPercent, relativeTime } from '../../../src/vscode/search/searchText';

describe('progressPercent', () => {
  it('reading starts at zero', () => {
    assert.equal(progressPercent({ phase: 'reading', done: 0, total: 0 }), 0);
  });

  it('keywords span five to twenty', () => {
    assert.equal(progressPercent({ phase: 'keywords', done: 0, total: 100 }), 5);
    assert.equal(progressPercent({ phase: 'keywords', done: 100, total: 100 }), 20);
  });

  it('half the vectors is sixty', () => {
    assert.equal(progressPercent({ phase: 'vectors', done: 50, total: 100 }), 60);
  });

  it('done over total is capped', () => {
    assert.equal(progressPercent({ phase: 'vectors', done: 150, total: 100 }), 100);
  });

  it('done phase is complete', () => {
    assert.equal(progressPercent({ phase: 'done', done: 10, total: 10 }), 100);
  });
});

describe('describeProgress', () => {
  it('vectors phase counts sections', () => {
    assert.equal(describeProgress({ phase: 'vectors', done: 256, total: 2573 }), 'embedding 256/2573 sections');
  });
});

describe('relativeTime', () => {
  const now = new Date('2026-01-05T12:00:00.000Z');

  it('seconds ago is just now', () => {
    assert.equal(relativeTime('2026-01-05T11:59:30.000Z', now), 'just now');
  });

  it('minutes ago are counted', () => {
    assert.equal(relativeTime('2026-01-05T11:55:00.000Z', now), '5 minutes ago');
  });

  it('one day ago is yesterday', () => {
    assert.equal(relativeTime('2026-01-04T12:00:00.000Z', now), 'yesterday');
  });

  it('invalid timestamp is shown unchanged', () => {
    assert.equal(relativeTime('not a time', now), 'not a time');
  });
});

describe('describeFilters', () => {
  it('no filters is empty', () => {
    assert.equal(describeFilters({}), '');
  });

  it('filters are joined in order', () => {
    assert.equal(describeFilters({ language: 'python', domain: 'agents', type: 'code' }), 'domain agents · type code · language python');
  });
});
