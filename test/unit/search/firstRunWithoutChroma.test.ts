import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import type { ContentModel } from '../../../src/core/content/model';
import type { SearchService } from '../../../src/core/search/searchService';
import { corpusMissing, createSearchFixture, drain, type SearchFixture } from './helpers/searchFixture';

describe('first index while Chroma is down', { skip: corpusMissing }, () => {
  let fixture: SearchFixture;
  let service: SearchService;
  let model: ContentModel;
  let failure: unknown;

  before(async () => {
    fixture = await createSearchFixture(['agents'], []);
    service = fixture.service(fixture.glove);
    model = await fixture.scan();
    await fixture.server.stop();
    try {
      await drain(service.index(model));
    } catch (error) {
      failure = error;
    }
  });

  after(async () => {
    await fixture?.dispose();
  });

  test('index run reports the failure', () => {
    assert.ok(failure instanceof Error, 'the run should fail while Chroma is down');
  });

  test('keyword index is filled anyway', () => {
    const row = fixture.store.db.prepare('SELECT count(*) AS count FROM search_documents').get() as { count: number };
    assert.ok(row.count > 0, 'no documents were saved for keyword search');
  });

  test('search serves keyword results', async () => {
    const response = await service.search('crewai agents');

    assert.equal(response.mode, 'keyword');
    assert.ok(response.results.length > 0, `no results; note: ${response.note ?? '(none)'}`);
  });
});
