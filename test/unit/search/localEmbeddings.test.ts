import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LocalEmbeddingProvider } from '../../../src/core/search/embeddings/local';
import { MemoryLogger } from '../../../src/core/log';

function cosine(a: number[], b: number[]): number {
  const dot = a.reduce((sum, value, i) => sum + value * b[i]!, 0);
  const norm = Math.sqrt(a.reduce((sum, value) => sum + value * value, 0) * b.reduce((sum, value) => sum + value * value, 0));
  return dot / norm;
}

test('sentence encoder ranks related text closer', async () => {
  const provider = new LocalEmbeddingProvider({ logger: new MemoryLogger() });
  try {
    const [query, related, unrelated] = await provider.embed([
      'make several agents cooperate on a task',
      'orchestrate multiple agents that collaborate',
      'bake a chocolate cake in the oven',
    ]);

    assert.equal(query!.length, 512);
    assert.ok(cosine(query!, related!) > cosine(query!, unrelated!));
  } finally {
    provider.dispose();
  }
});

test('sentence encoder worker keeps event loop free', async () => {
  const provider = new LocalEmbeddingProvider({ logger: new MemoryLogger(), batchSize: 4 });
  let ticks = 0;
  const timer = setInterval(() => {
    ticks += 1;
  }, 5);
  try {
    const vectors = await provider.embed(Array.from({ length: 12 }, (_, i) => `section ${i} about agents, tools and memory`));

    assert.equal(vectors.length, 12);
    assert.ok(ticks > 0, 'the event loop never ran while the worker embedded');
  } finally {
    clearInterval(timer);
    provider.dispose();
  }
});

test('sentence encoder cancels between batches', async () => {
  const provider = new LocalEmbeddingProvider({ logger: new MemoryLogger(), batchSize: 1 });
  const controller = new AbortController();
  controller.abort(new Error('stop'));
  try {
    await assert.rejects(provider.embed(['a', 'b'], controller.signal), /stop/);
  } finally {
    provider.dispose();
  }
});
