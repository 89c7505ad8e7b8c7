import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { checkContent } from '../../../src/core/content/check';
import { MemoryLogger } from '../../../src/core/log';
import { contentRootAt } from '../../../src/core/content/roots';
import { scanContent } from '../../../src/core/content/scan';
import type { ContentProblem } from '../../../src/core/content/model';
import { makeTempDir, writeFiles } from './helpers';

const FULL_PATH = ['## Learning Path', '### L0: A', '### L1: B', '### L2: C', '### L3: D', '### L4: E'];

async function problemsFor(t: import('node:test').TestContext, files: Record<string, string>): Promise<ContentProblem[]> {
  const dir = await makeTempDir(t);
  await writeFiles(dir, files);
  const model = await scanContent([contentRootAt(dir)], { logger: new MemoryLogger() });
  return checkContent(model);
}

function summary(problems: readonly ContentProblem[]): [string, string, number | undefined][] {
  return problems.map((problem) => [problem.severity, problem.relativePath, problem.line]);
}

describe('checkContent', () => {
  test('complete PRD has no problems', async (t) => {
    const problems = await problemsFor(t, { 'integrations/a/full.md': ['# Full', ...FULL_PATH].join('\n') });

    assert.deepEqual(problems, []);
  });

  test('PRD without learning path', async (t) => {
    const problems = await problemsFor(t, { 'integrations/a/none.md': '# None\n\n## Overview\n' });

    assert.deepEqual(summary(problems), [['warning', 'integrations/a/none.md', undefined]]);
    assert.match(problems[0]!.message, /no "Learning Path" section/);
  });

  test('learning path without layers', async (t) => {
    const problems = await problemsFor(t, { 'integrations/a/empty.md': '# Empty\n\n## Learning Path\n\n- L0: soon\n' });

    assert.deepEqual(summary(problems), [['warning', 'integrations/a/empty.md', 2]]);
    assert.match(problems[0]!.message, /without layer headings/);
  });

  test('fewer than five layers', async (t) => {
    const problems = await problemsFor(t, {
      'integrations/a/short.md': ['# Short', '## Learning Path', '### L0: A', '### L1: B', '### L2: C'].join('\n'),
    });

    assert.deepEqual(summary(problems), [['warning', 'integrations/a/short.md', 1]]);
    assert.match(problems[0]!.message, /3 of 5 layers; L3, L4/);
  });

  test('duplicated layer number', async (t) => {
    const problems = await problemsFor(t, {
      'integrations/a/twice.md': ['# Twice', ...FULL_PATH, '### L2: Again'].join('\n'),
    });

    assert.deepEqual(summary(problems), [['warning', 'integrations/a/twice.md', 7]]);
    assert.match(problems[0]!.message, /L2 is defined twice \(lines 5 and 8\)/);
  });

  test('duplicate anchors in a document', async (t) => {
    const problems = await problemsFor(t, {
      'integrations/a/dupes.md': ['# Dupes', ...FULL_PATH, '## Notes', '## Notes'].join('\n'),
    });

    assert.deepEqual(summary(problems), [['warning', 'integrations/a/dupes.md', 8]]);
    assert.match(problems[0]!.message, /#notes-1/);
  });

  test('missing H1 heading', async (t) => {
    const problems = await problemsFor(t, {
      'integrations/a/untitled.md': FULL_PATH.join('\n'),
      'research/2026-01-01_s/README.md': 'No title here.',
    });

    assert.deepEqual(summary(problems), [
      ['warning', 'integrations/a/untitled.md', 0],
      ['warning', 'research/2026-01-01_s/README.md', 0],
    ]);
  });

  test('unreadable notebook is an error', async (t) => {
    const problems = await problemsFor(t, {
      'integrations/a/full.md': ['# Full', ...FULL_PATH].join('\n'),
      'labs/a/bad.ipynb': 'not json',
    });

    assert.deepEqual(summary(problems), [['error', 'labs/a/bad.ipynb', undefined]]);
  });

  test('problems sorted by path and line', async (t) => {
    const problems = await problemsFor(t, {
      'integrations/b/z.md': ['# Z', ...FULL_PATH, '## X', '## X'].join('\n'),
      'integrations/a/y.md': '## No title\n## No title\n',
    });

    assert.deepEqual(
      problems.map((problem) => [problem.relativePath, problem.line]),
      [
        ['integrations/a/y.md', undefined],
        ['integrations/a/y.md', 0],
        ['integrations/a/y.md', 1],
        ['integrations/b/z.md', 8],
      ],
    );
  });
});
