import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';

export const repoRoot = path.resolve(import.meta.dirname, '..', '..', '..');
export const sampleContent = path.join(repoRoot, 'test', 'fixtures', 'sample-content');
export const corpusRoot = path.resolve(repoRoot, '..', 'shared', 'corpus', 'luno-ai');

/** Creates a temp folder that is removed when the test ends. */
export async function makeTempDir(t: TestContext, prefix = 'luno-content-'): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes files given as `relative path → content` under `root`, creating folders. */
export async function writeFiles(root: string, files: Readonly<Record<string, string | Uint8Array>>): Promise<void> {
  for (const [relativePath, content] of Object.entries(files)) {
    const target = path.join(root, ...relativePath.split('/'));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
}

/** Text of a minimal valid nbformat 4.5 notebook. */
export function notebookText(title: string, code: string): string {
  return JSON.stringify({
    cells: [
      { cell_type: 'markdown', id: 'intro', metadata: {}, source: [`# ${title}\n`] },
      { cell_type: 'code', id: 'run', metadata: {}, source: [code], execution_count: null, outputs: [] },
    ],
    metadata: {},
    nbformat: 4,
    nbformat_minor: 5,
  });
}
