import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ContentModel } from '../../../src/core/content/model';
import { collectionName } from '../../../src/core/search/chroma/client';
import type { SearchService } from '../../../src/core/search/searchService';
import { COLLECTION_KINDS } from '../../../src/core/search/types';
import { corpusMissing, CountingProvider, createSearchFixture, drain, type SearchFixture } from './helpers/searchFixture';

const SESSION = '2026-01-05_crewai-multi-agent-framework';

describe('search index on the agents domain', { skip: corpusMissing }, () => {
  let fixture: SearchFixture;
  let provider: CountingProvider;
  let service: SearchService;
  let model: ContentModel;

  before(async () => {
    fixture = await createSearchFixture(['agents'], [SESSION]);
    provider = new CountingProvider(fixture.glove);
    service = fixture.service(provider);
    model = await fixture.scan();
    await drain(service.index(model));
  });

  after(async () => {
    await fixture?.dispose();
  });

  test('collection counts match SQLite', async () => {
    const rows = fixture.store.db
      .prepare('SELECT collection, count(*) AS count FROM search_documents GROUP BY collection')
      .all() as { collection: string; count: number }[];
    const byCollection = new Map(rows.map((row) => [row.collection, row.count]));

    for (const kind of COLLECTION_KINDS) {
      const count = await service.vectors.count(kind);
      assert.ok(count > 0, `${kind} is empty`);
      assert.equal(count, byCollection.get(kind), `${kind}: Chroma ${count}, SQLite ${byCollection.get(kind)}`);
    }
  });

  test('code examples count every code block', async () => {
    const blocks = model.domains
      .flatMap((domain) => domain.technologies)
      .reduce((sum, technology) => sum + technology.document.codeBlocks.filter((block) => block.code.trim() !== '').length, 0);

    assert.equal(await service.vectors.count('code_examples'), blocks);
  });

  test('ids are unique and printable', async () => {
    for (const kind of COLLECTION_KINDS) {
      const ids = await service.vectors.ids(kind);
      assert.equal(new Set(ids).size, ids.length, `${kind} has duplicate ids`);
      for (const id of ids) {
        assert.match(id, /^[A-Za-z0-9.%~_-]+$/, `${kind} id ${JSON.stringify(id)}`);
      }
    }
  });

  test('integration metadata follows the data model', async () => {
    const metadata = await service.vectors.metadata('integrations', ['agents_crewai_overview']);
    const entry = metadata.get('agents_crewai_overview');

    assert.ok(entry, 'agents_crewai_overview is missing');
    assert.equal(entry.domain, 'agents');
    assert.equal(entry.technology, 'crewai');
    assert.equal(entry.section, 'overview');
    assert.equal(entry.path, 'integrations/agents/crewai.md');
    assert.equal(typeof entry.layer, 'number');
    assert.equal(typeof entry.title, 'string');
  });

  test('metadata never holds null', async () => {
    for (const kind of COLLECTION_KINDS) {
      const ids = await service.vectors.ids(kind);
      const metadata = await service.vectors.metadata(kind, ids);
      for (const [id, entry] of metadata) {
        for (const [key, value] of Object.entries(entry)) {
          const where = `${kind} ${id} ${key}=${JSON.stringify(value)}`;
          assert.notEqual(value, null, where);
          assert.notEqual(value, '', where);
          assert.equal(Array.isArray(value), false, where);
        }
      }
    }
  });

  test('research metadata names the session', async () => {
    const ids = await service.vectors.ids('research');
    const metadata = await service.vectors.metadata('research', ids.slice(0, 1));
    const entry = [...metadata.values()][0]!;

    assert.equal(entry.session, SESSION);
    assert.equal(entry.date, '2026-01-05');
    assert.equal(typeof entry.file, 'string');
  });

  test('unchanged content embeds nothing', async () => {
    provider.texts = [];
    const summary = await drain(service.index(model));

    assert.equal(summary.embedded, 0);
    assert.equal(provider.texts.length, 0);
  });

  test('edited section embeds one document', async () => {
    const file = path.join(fixture.contentDir, 'integrations', 'agents', 'crewai.md');
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n');
    const overview = lines.findIndex((line) => line.trim() === '## Overview');
    assert.ok(overview >= 0, 'crewai.md has no Overview heading');
    const paragraph = lines.findIndex((line, index) => index > overview && line.trim() !== '' && !line.startsWith('#'));
    lines[paragraph] = `${lines[paragraph]} Crews also support planning mode.`;
    writeFileSync(file, lines.join('\n'));

    provider.texts = [];
    model = await fixture.scan();
    const summary = await service.indexFile(file, model);

    assert.equal(summary.embedded, 1);
    assert.equal(provider.texts.length, 1);
    assert.match(provider.texts[0]!, /planning mode/);
  });

  test('deleted file leaves the index', async () => {
    const file = path.join(fixture.contentDir, 'integrations', 'agents', 'mcp.md');
    rmSync(file);
    model = await fixture.scan();
    const summary = await service.removeFile(file, model);

    assert.ok(summary.removed > 0);
    const ids = await service.vectors.ids('integrations');
    assert.equal(ids.filter((id) => id.startsWith('agents_mcp_')).length, 0);
    const codeIds = await service.vectors.ids('code_examples');
    assert.equal(codeIds.filter((id) => id.startsWith('agents_mcp_')).length, 0);
    const rows = fixture.store.db.prepare("SELECT count(*) AS count FROM search_documents WHERE technology = 'mcp'").get() as { count: number };
    assert.equal(rows.count, 0);
  });

  test('hybrid search finds the technology', async () => {
    const response = await service.search('how do I get several agents with different roles to work as a team');

    assert.equal(response.mode, 'hybrid');
    assert.equal(response.note, undefined);
    assert.ok(response.results.length > 0);
    assert.ok(response.results.slice(0, 5).some((result) => result.technology === 'crewai' || result.technology === 'multi-agent'));
  });

  test('results carry location fields', async () => {
    const response = await service.search('crewai quick start');
    const first = response.results[0]!;

    assert.equal(first.domain, 'agents');
    assert.equal(path.isAbsolute(first.absolutePath), true);
    assert.equal(first.absolutePath, path.join(fixture.contentDir, ...first.path.split('/')));
    const heading = readFileSync(first.absolutePath, 'utf8').split('\n')[first.line]!;
    assert.ok(heading.startsWith('#') || heading.startsWith('```'), `line ${first.line} is ${JSON.stringify(heading)}`);
  });

  test('type filter returns code only', async () => {
    const response = await service.search('create an agent with tools', { type: 'code' });

    assert.ok(response.results.length > 0);
    assert.ok(response.results.every((result) => result.type === 'code'));
  });

  test('language filter returns python code', async () => {
    const response = await service.search('agent', { language: 'python' });

    assert.ok(response.results.length > 0);
    assert.ok(response.results.every((result) => result.language === 'python'));
  });

  test('domain filter excludes other domains', async () => {
    const matching = await service.search('agents', { domain: 'agents' });
    const other = await service.search('agents', { domain: 'audio' });

    assert.ok(matching.results.length > 0);
    assert.ok(matching.results.every((result) => result.domain === 'agents'));
    assert.equal(other.results.length, 0);
    assert.match(other.note ?? '', /domain audio/);
  });

  test('one technology fills at most two of ten', async () => {
    const response = await service.search('crewai crew agents tasks');
    const counts = new Map<string, number>();
    for (const result of response.results.slice(0, 10)) {
      counts.set(result.unit, (counts.get(result.unit) ?? 0) + 1);
    }

    assert.ok(response.results.length >= 10);
    assert.ok([...counts.values()].every((count) => count <= 2), JSON.stringify([...counts]));
  });

  test('model change uses its own collections', async () => {
    const other = new CountingProvider(fixture.glove, 'glove-test-alternate');
    const otherService = fixture.service(other);
    const summary = await drain(otherService.index(model));

    assert.equal(summary.embedded, summary.documents);
    assert.equal(await otherService.vectors.count('integrations'), await service.vectors.count('integrations'));
    const response = await fetch(`${fixture.server.url}/api/v2/tenants/default_tenant/databases/default_database/collections`);
    const names = ((await response.json()) as { name: string }[]).map((collection) => collection.name);
    assert.ok(names.includes(collectionName('integrations', 'glove-test-alternate')));
    assert.ok(names.includes(collectionName('integrations', provider.id)));
  });

  test('stopped Chroma gives keyword results', async () => {
    await fixture.server.stop();
    const response = await service.search('crewai agents');

    assert.equal(response.mode, 'keyword');
    assert.match(response.note ?? '', /not reachable/);
    assert.ok(response.results.length > 0);
  });
});
