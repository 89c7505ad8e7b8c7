import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { ContentFileIndex } from '../../../src/core/bookmarks/contentFiles';
import { resolveBookmark } from '../../../src/core/bookmarks/resolve';
import { contentRootAt, scanContent } from '../../../src/core/content';
import { silentLogger } from '../../../src/core/log';
import type { Bookmark } from '../../../src/core/store/database';

const repoRoot = path.resolve(import.meta.dirname, '..', '..', '..');
const corpus = path.resolve(repoRoot, '..', 'shared', 'corpus', 'luno-ai');
const labFixtures = path.join(repoRoot, 'test', 'fixtures', 'labs');
const SESSION = '2026-01-05_crewai-multi-agent-framework';

function bookmark(fields: Partial<Bookmark>): Bookmark {
  return { id: 1, domain: 'agents', technology: 'crewai', section: null, title: null, createdAt: '2026-01-05T10:00:00.000Z', ...fields };
}

describe('ContentFileIndex', { skip: existsSync(corpus) ? false : `corpus not found at ${corpus}` }, () => {
  let workspace: string;
  let index: ContentFileIndex;

  before(async () => {
    workspace = await fs.mkdtemp(path.join(os.tmpdir(), 'luno-content-files-'));
    await fs.cp(corpus, workspace, { recursive: true });
    await fs.cp(labFixtures, path.join(workspace, 'labs'), { recursive: true });

    const crewai = path.join(workspace, 'integrations', 'agents', 'crewai.md');
    const text = await fs.readFile(crewai, 'utf8');
    await fs.writeFile(crewai, text.replace('## Quick Start (15 min)', '## Quick Start (20 min)').replace('## Troubleshooting', '## Common Pitfalls'));

    const model = await scanContent([contentRootAt(workspace)], { logger: silentLogger });
    index = new ContentFileIndex(model);
  });

  after(async () => {
    await fs.rm(workspace, { recursive: true, force: true });
  });

  test('PRD maps to technology', () => {
    const file = index.lookup(path.join(workspace, 'integrations', 'agents', 'crewai.md'));

    assert.equal(file?.kind, 'technology');
    assert.equal(file?.kind === 'technology' && file.technology.id, 'crewai');
  });

  test('research file maps to session', () => {
    const file = index.lookup(path.join(workspace, 'research', SESSION, 'findings.md'));

    assert.equal(file?.kind, 'research');
    assert.equal(file?.kind === 'research' && file.session.relativePath, `research/${SESSION}`);
    assert.equal(file?.kind === 'research' && file.file?.name, 'findings.md');
  });

  test('other session file maps too', () => {
    const file = index.lookup(path.join(workspace, 'research', SESSION, 'diagram.png'));

    assert.equal(file?.kind === 'research' && file.name, 'diagram.png');
    assert.equal(file?.kind === 'research' && file.file, undefined);
  });

  test('lab notebook maps to lab', () => {
    const file = index.lookup(path.join(workspace, 'labs', 'agents', 'crew-basics.ipynb'));

    assert.equal(file?.kind === 'lab' && file.lab.id, 'agents/crew-basics');
  });

  test('unknown file is undefined', () => {
    assert.equal(index.lookup(path.join(workspace, 'docs', 'nothing.md')), undefined);
  });

  test('renamed PRD heading resolves moved', () => {
    const resolved = resolveBookmark(bookmark({ section: 'quick-start-15-min', title: 'Quick Start (15 min)' }), index);

    assert.equal(resolved.location.kind, 'moved');
    assert.equal(resolved.newSection, 'quick-start-20-min');
  });

  test('replaced PRD heading is stale', () => {
    const resolved = resolveBookmark(bookmark({ section: 'troubleshooting', title: 'Troubleshooting' }), index);

    assert.equal(resolved.location.kind, 'stale');
    assert.equal(resolved.newSection, undefined);
  });

  test('research bookmark resolves heading', () => {
    const resolved = resolveBookmark(
      bookmark({ domain: 'research', technology: SESSION, section: 'README.md#executive-summary', title: 'Executive Summary' }),
      index,
    );

    assert.equal(resolved.location.kind, 'exact');
    assert.equal(resolved.filePath, path.join(workspace, 'research', SESSION, 'README.md'));
  });

  test('missing technology is missing', () => {
    const resolved = resolveBookmark(bookmark({ technology: 'no-such-tech' }), index);

    assert.equal(resolved.location.kind, 'missing');
  });
});
