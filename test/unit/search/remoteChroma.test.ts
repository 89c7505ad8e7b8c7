import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { MemoryLogger } from '../../../src/core/log';
import { VectorStore } from '../../../src/core/search/chroma/client';
import { ChromaServer } from '../../../src/core/search/chroma/server';
import type { EmbeddingProvider } from '../../../src/core/search/embeddings/types';

const TOKEN = 'team-token-123';

const provider: EmbeddingProvider = {
  id: 'test-model-3d',
  dimensions: 3,
  embed: async (texts) => texts.map((_, index) => [1, index, 0]),
};

let dir: string;
let server: ChromaServer;
let proxy: http.Server;
let proxyUrl: string;
let seenHeaders: (string | undefined)[];

// A stand-in for a team's server behind token auth: it accepts requests with
// the bearer token and forwards them to the real local Chroma server.
before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'luno-remote-chroma-'));
  server = new ChromaServer({ persistDirectory: path.join(dir, 'chroma'), logger: new MemoryLogger() });
  const target = new URL(await server.start());
  seenHeaders = [];

  proxy = http.createServer((request, response) => {
    seenHeaders.push(request.headers.authorization);
    if (request.headers.authorization !== `Bearer ${TOKEN}`) {
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: 'Unauthorized', message: 'missing or invalid token' }));
      return;
    }
    const forward = http.request(
      { host: target.hostname, port: target.port, path: request.url, method: request.method, headers: request.headers },
      (upstream) => {
        response.writeHead(upstream.statusCode ?? 502, upstream.headers);
        upstream.pipe(response);
      },
    );
    request.pipe(forward);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});

after(async () => {
  await new Promise<void>((resolve) => proxy.close(() => resolve()));
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('remote store sends the token', async () => {
  const store = new VectorStore(() => ({ url: proxyUrl, token: TOKEN }), provider, new MemoryLogger());

  await store.upsert('integrations', [{ id: 'a_b_c', embedding: [1, 0, 0], metadata: { domain: 'a' }, document: 'text' }]);

  assert.equal(await store.count('integrations'), 1);
  assert.ok(seenHeaders.length > 0);
  assert.ok(seenHeaders.every((header) => header === `Bearer ${TOKEN}`));
});

test('remote store without token fails clearly', async () => {
  const store = new VectorStore(() => ({ url: proxyUrl }), provider, new MemoryLogger());

  assert.equal(await store.isAvailable(), false);
  await assert.rejects(store.count('integrations'), (error: unknown) => {
    assert.ok(error instanceof Error);
    assert.match(error.message, new RegExp(`Chroma at ${proxyUrl} failed to open collection`));
    return true;
  });
});
