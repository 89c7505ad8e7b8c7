import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ContentModel } from '../../../src/core/content/model';
import { SearchService } from '../../../src/core/search/searchService';
import { corpusMissing, CountingProvider, createSearchFixture, drain, type SearchFixture } from './helpers/searchFixture';

describe('interrupted index run', { skip: corpusMissing }, () => {
  let fixture: SearchFixture;
  let model: ContentModel;

  before(async () => {
    fixture = await createSearchFixture(['agents'], []);
    model = await fixture.scan();
  });

  after(async () => {
    await fixture?.dispose();
  });

  test('cancelled run resumes without redoing work', async () => {
    const provider = new CountingProvider(fixture.glove);
    const service = new SearchService({
      db: () => fixture.store.db,
      endpoint: () => ({ url: fixture.server.url! }),
      provider,
      logger: fixture.logger,
      roots: () => model.roots,
      embedBatchSize: 20,
    });
    const controller = new AbortController();

    const run = service.index(model, controller.signal);
    let aborted = false;
    await assert.rejects(async () => {
      for await (const progress of run) {
        if (progress.phase === 'vectors' && !aborted) {
          aborted = true;
          controller.abort();
        }
      }
    });
    const firstPass = provider.texts.length;
    assert.equal(firstPass, 20);
    assert.equal((await service.status()).lastRun?.state, 'cancelled');

    const keywordOnly = await service.search('crewai');
    assert.equal(keywordOnly.mode, 'keyword');
    assert.match(keywordOnly.note ?? '', /not been built|being built/);

    const summary = await drain(service.index(model));
    assert.equal(summary.embedded, summary.documents - firstPass);
    assert.equal(provider.texts.length, summary.documents);
    assert.equal((await service.status()).lastRun?.state, 'complete');
    assert.equal((await service.search('crewai')).mode, 'hybrid');
    service.dispose();
  });
});
