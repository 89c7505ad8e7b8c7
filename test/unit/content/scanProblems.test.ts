import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, test } from 'node:test';

import { MemoryLogger } from '../../../src/core/log';
import { contentRootAt } from '../../../src/core/content/roots';
import { scanContent } from '../../../src/core/content/scan';
import { parseTechnologyFile } from '../../../src/core/content/technology';
import { makeTempDir, notebookText, writeFiles } from './helpers';

const PNG_BYTES = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
const LATIN1_BYTES = Uint8Array.from([0x23, 0x20, 0x43, 0x61, 0x66, 0xe9, 0x0a]);

async function brokenContent(t: import('node:test').TestContext): Promise<string> {
  const dir = await makeTempDir(t);
  await writeFiles(dir, {
    'integrations/agents/good.md': '# Good\n\n## Learning Path\n\n### L0: Start (1 hour)\n',
    'integrations/agents/picture.md': PNG_BYTES,
    'integrations/agents/latin1.md': LATIN1_BYTES,
    'integrations/agents/locked.md': '# Locked\n',
    'integrations/agents/notes.txt': 'not markdown',
    'labs/broken.ipynb': '{"cells": [',
    'labs/agents/old.ipynb': JSON.stringify({ nbformat: 3, worksheets: [] }),
    'labs/intro.ipynb': notebookText('Intro Lab', 'print(1 + 1)'),
    'labs/.ipynb_checkpoints/intro-checkpoint.ipynb': notebookText('Checkpoint', 'print(2)'),
    'research/loose-notes.md': '# Loose file, not a session',
    'research/2026-02-01_empty/data.csv': 'a,b',
    'research/templates/README.md': '# Template',
    'research/2026-02-02_ok/README.md': '# OK Session',
  });
  return dir;
}

describe('scanContent problems', () => {
  test('bad files become problems', async (t) => {
    const dir = await brokenContent(t);
    const logger = new MemoryLogger();
    const lockedPath = path.join(dir, 'integrations', 'agents', 'locked.md');
    const readFileDenying = async (absolutePath: string): Promise<Uint8Array> => {
      if (absolutePath === lockedPath) {
        throw Object.assign(new Error(`EACCES: permission denied, open '${absolutePath}'`), { code: 'EACCES' });
      }
      return readFile(absolutePath);
    };

    const model = await scanContent([contentRootAt(dir)], { logger, readFile: readFileDenying });
    const problems = model.problems.map((problem) => [problem.severity, problem.relativePath]);

    assert.deepEqual(
      model.domains.flatMap((domain) => domain.technologies.map((item) => item.id)),
      ['good'],
    );
    assert.deepEqual(problems.sort(), [
      ['error', 'integrations/agents/latin1.md'],
      ['error', 'integrations/agents/locked.md'],
      ['error', 'integrations/agents/picture.md'],
      ['error', 'labs/agents/old.ipynb'],
      ['error', 'labs/broken.ipynb'],
    ]);
    assert.ok(logger.lines.some((line) => line.startsWith('warn') && line.includes('locked.md')));
  });

  test('problem messages name cause', async (t) => {
    const dir = await brokenContent(t);

    const model = await scanContent([contentRootAt(dir)], { logger: new MemoryLogger() });
    const message = (relativePath: string): string =>
      model.problems.find((problem) => problem.relativePath === relativePath)?.message ?? '';

    assert.match(message('integrations/agents/picture.md'), /NUL bytes/);
    assert.match(message('integrations/agents/latin1.md'), /UTF-8/);
    assert.match(message('labs/broken.ipynb'), /not valid JSON/);
    assert.match(message('labs/agents/old.ipynb'), /nbformat 3/);
  });

  test('broken notebooks still listed', async (t) => {
    const dir = await brokenContent(t);

    const model = await scanContent([contentRootAt(dir)], { logger: new MemoryLogger() });

    assert.deepEqual(
      model.labs.map((lab) => [lab.id, lab.domainId, lab.title, lab.error !== undefined]),
      [
        ['agents/old', 'agents', 'Old', true],
        ['broken', 'general', 'Broken', true],
        ['intro', 'general', 'Intro Lab', false],
      ],
    );
  });

  test('sessions need markdown files', async (t) => {
    const dir = await brokenContent(t);

    const model = await scanContent([contentRootAt(dir)], { logger: new MemoryLogger() });

    assert.deepEqual(
      model.research.map((session) => session.id),
      ['2026-02-02_ok'],
    );
  });

  test('missing root is an error', async (t) => {
    const dir = await makeTempDir(t);
    const root = contentRootAt(path.join(dir, 'absent'));

    const model = await scanContent([root], { logger: new MemoryLogger() });

    assert.equal(model.problems.length, 1);
    assert.equal(model.problems[0]?.severity, 'error');
    assert.match(model.problems[0]?.message ?? '', /could not be opened/);
  });

  test('folder without content warns', async (t) => {
    const dir = await makeTempDir(t);
    await writeFiles(dir, { 'README.md': '# Just a project' });

    const model = await scanContent([contentRootAt(dir)], { logger: new MemoryLogger() });

    assert.deepEqual(
      model.problems.map((problem) => [problem.severity, problem.relativePath]),
      [['warning', '.']],
    );
  });

  test('aborted scan rejects', async (t) => {
    const dir = await brokenContent(t);
    const controller = new AbortController();
    controller.abort();

    await assert.rejects(
      scanContent([contentRootAt(dir)], { logger: new MemoryLogger(), signal: controller.signal }),
      { name: 'AbortError' },
    );
  });

  test('roots scanned in order', async (t) => {
    const first = await makeTempDir(t);
    const second = await makeTempDir(t);
    await writeFiles(first, { 'integrations/a/one.md': '# One' });
    await writeFiles(second, { 'integrations/a/two.md': '# Two' });
    const roots = [
      { id: 'first', path: first, name: 'first' },
      { id: 'second', path: second, name: 'second' },
    ];

    const model = await scanContent(roots, { logger: new MemoryLogger() });

    assert.deepEqual(
      model.domains.map((domain) => [domain.rootId, domain.id, domain.technologies[0]?.id]),
      [
        ['first', 'a', 'one'],
        ['second', 'a', 'two'],
      ],
    );
  });
});

describe('parseTechnologyFile', () => {
  test('re-parses one saved file', () => {
    const root = { id: 'lib', path: '/content', name: 'content' };

    const technology = parseTechnologyFile(
      root,
      'integrations/agents/crewai.md',
      '# CrewAI\n\n## Learning Path\n\n### L0: Start (1 hour)\n\n### L2: Deep\n',
    );

    assert.deepEqual(
      [technology.rootId, technology.domainId, technology.id, technology.title, technology.absolutePath],
      ['lib', 'agents', 'crewai', 'CrewAI', path.join('/content', 'integrations', 'agents', 'crewai.md')],
    );
    assert.deepEqual(
      technology.layers.map((layer) => [layer.number, layer.generic, layer.line, layer.anchor]),
      [
        [0, false, 4, 'l0-start-1-hour'],
        [1, true, 2, 'learning-path'],
        [2, false, 6, 'l2-deep'],
        [3, true, 2, 'learning-path'],
        [4, true, 2, 'learning-path'],
      ],
    );
  });

  test('title falls back to file name', () => {
    const technology = parseTechnologyFile({ id: 'r', path: '/c', name: 'c' }, 'integrations/ml/feature-eng.md', 'No heading here.');

    assert.equal(technology.title, 'Feature Eng');
  });
});
