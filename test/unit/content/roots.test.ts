import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';

import { contentRootAt, findContentRoots } from '../../../src/core/content/roots';
import { makeTempDir, writeFiles } from './helpers';

describe('findContentRoots', () => {
  test('keeps folders with content', async (t) => {
    const dir = await makeTempDir(t);
    await writeFiles(dir, {
      'prds/integrations/agents/a.md': '# A',
      'notes/research/2026-01-01_x/README.md': '# X',
      'other/README.md': '# Not content',
    });

    const roots = findContentRoots([
      { name: 'prds', path: path.join(dir, 'prds') },
      { name: 'notes', path: path.join(dir, 'notes') },
      { name: 'other', path: path.join(dir, 'other') },
    ]);

    assert.deepEqual(
      roots.map((root) => [root.id, root.name]),
      [
        ['prds', 'prds'],
        ['notes', 'notes'],
      ],
    );
  });

  test('same folder names get unique ids', async (t) => {
    const dir = await makeTempDir(t);
    await writeFiles(dir, {
      'one/Luno AI/integrations/a/b.md': '# B',
      'two/Luno AI/integrations/a/b.md': '# B',
      'three/luno-ai/research/s/README.md': '# S',
    });

    const roots = findContentRoots([
      { name: 'Luno AI', path: path.join(dir, 'one', 'Luno AI') },
      { name: 'Luno AI', path: path.join(dir, 'two', 'Luno AI') },
      { name: 'luno-ai', path: path.join(dir, 'three', 'luno-ai') },
    ]);

    assert.deepEqual(
      roots.map((root) => root.id),
      ['luno-ai', 'luno-ai-1', 'luno-ai-2'],
    );
  });

  test('configured root replaces workspace folders', async (t) => {
    const dir = await makeTempDir(t);
    await writeFiles(dir, { 'ws/integrations/a/b.md': '# B', 'library/research/s/README.md': '# S' });

    const roots = findContentRoots([{ name: 'ws', path: path.join(dir, 'ws') }], path.join(dir, 'library'));

    assert.deepEqual(roots, [{ id: 'library', path: path.join(dir, 'library'), name: 'library' }]);
  });

  test('relative configured root resolves', async (t) => {
    const dir = await makeTempDir(t);

    const roots = findContentRoots([{ name: 'ws', path: dir }], 'content');

    assert.equal(roots[0]?.path, path.join(dir, 'content'));
  });

  test('blank configured root ignored', async (t) => {
    const dir = await makeTempDir(t);
    await writeFiles(dir, { 'integrations/a/b.md': '# B' });

    const roots = findContentRoots([{ name: 'ws', path: dir }], '   ');

    assert.deepEqual(
      roots.map((root) => root.path),
      [dir],
    );
  });

  test('symbol-only name gets root id', () => {
    assert.equal(contentRootAt('/tmp/★★').id, 'root');
  });
});
