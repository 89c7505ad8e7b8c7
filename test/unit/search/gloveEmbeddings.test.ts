import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { GloveEmbeddingProvider, tokenize } from '../../../src/core/search/embeddings/glove';
import { EmbeddingError } from '../../../src/core/errors';
import { silentLogger } from '../../../src/core/log';
import { vectorsFileForTests } from './helpers/vectors';

function cosine(a: number[], b: number[]): number {
  return a.reduce((sum, value, i) => sum + value * b[i]!, 0);
}

test('offline providers make no network request', () => {
  const vectorsFile = vectorsFileForTests();
  const child = path.join(__dirname, 'helpers', 'noNetworkChild.ts');
  const output = execFileSync(process.execPath, ['--import', 'tsx', child, vectorsFile], { encoding: 'utf8' });
  const result = JSON.parse(output.trim()) as {
    blocked: string[];
    probe?: string;
    providers?: { id: string; count: number; dimensions: number; finite: boolean }[];
    error?: string;
  };

  assert.equal(result.error, undefined);
  assert.equal(result.probe, 'blocked', 'the child did not block fetch');
  assert.deepEqual(result.blocked, ['fetch']);
  assert.deepEqual(
    result.providers?.map((provider) => [provider.id, provider.count, provider.dimensions, provider.finite]),
    [
      ['use-lite-512', 2, 512, true],
      ['glove-6b-100d-60k-sif', 2, 100, true],
    ],
  );
});

test('glove provider ranks related text closer', async () => {
  const provider = new GloveEmbeddingProvider({ logger: silentLogger, vectorsFile: vectorsFileForTests() });
  const [query, related, unrelated] = await provider.embed([
    'make several agents cooperate on a task',
    'orchestrate multiple agents that collaborate',
    'bake a chocolate cake in the oven',
  ]);

  assert.ok(cosine(query!, related!) > cosine(query!, unrelated!));
  assert.ok(Math.abs(cosine(query!, query!) - 1) < 1e-6);
});

test('glove provider embeds unknown words', async () => {
  const provider = new GloveEmbeddingProvider({ logger: silentLogger, vectorsFile: vectorsFileForTests() });
  const [vector] = await provider.embed(['zzqxv qqzzk']);

  assert.equal(vector!.length, 100);
  assert.ok(vector!.every(Number.isFinite));
});

test('glove provider rejects corrupt file', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'luno-vectors-'));
  try {
    const file = path.join(dir, 'broken.bin');
    writeFileSync(file, 'not vectors');
    const provider = new GloveEmbeddingProvider({ logger: silentLogger, vectorsFile: file });

    await assert.rejects(provider.embed(['x']), (error: unknown) => error instanceof EmbeddingError && error.message.includes(file));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('tokenize splits camelCase words', () => {
  assert.deepEqual(tokenize('LangGraph v2'), [['langgraph', 'lang', 'graph'], ['v2', 'v', '2']]);
});
