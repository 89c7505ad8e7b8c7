import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, test } from 'node:test';
import { EmbeddingError } from '../../../src/core/errors';
import { MemoryLogger } from '../../../src/core/log';
import { OpenAiEmbeddingProvider } from '../../../src/core/search/embeddings/openai';

const KEY = 'sk-test-0123456789abcdefSECRET';

interface Received {
  readonly authorization: string | undefined;
  readonly input: string[];
}

let server: http.Server;
let baseURL: string;
let received: Received[];
/** Statuses the fake server returns before a success, consumed one per request. */
let failures: number[];

before(async () => {
  server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    request.on('end', () => {
      const parsed = JSON.parse(body) as { input: string[]; model: string };
      received.push({ authorization: request.headers.authorization, input: parsed.input });
      const status = failures.shift();
      response.setHeader('content-type', 'application/json');

      if (status === 401) {
        response.writeHead(401);
        response.end(JSON.stringify({ error: { message: `Incorrect API key provided: ${KEY}.`, type: 'invalid_request_error', code: 'invalid_api_key' } }));
        return;
      }
      if (status !== undefined) {
        response.writeHead(status);
        response.end(JSON.stringify({ error: { message: 'Rate limit reached', type: 'requests' } }));
        return;
      }
      const data = parsed.input.map((text, index) => ({ object: 'embedding', index, embedding: [text.length, index, 1, 0] }));
      response.end(JSON.stringify({ object: 'list', data: data.reverse(), model: parsed.model, usage: { prompt_tokens: 1, total_tokens: 1 } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

after(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  received = [];
  failures = [];
});

function provider(logger = new MemoryLogger(), batchSize = 256): OpenAiEmbeddingProvider {
  return new OpenAiEmbeddingProvider({ apiKey: KEY, baseURL, logger, dimensions: 4, batchSize, retryDelayMs: 10 });
}

test('openai provider returns vectors in order', async () => {
  const vectors = await provider().embed(['a', 'bbb']);

  assert.deepEqual(vectors, [
    [1, 0, 1, 0],
    [3, 1, 1, 0],
  ]);
  assert.equal(received[0]!.authorization, `Bearer ${KEY}`);
});

test('openai provider batches requests', async () => {
  const vectors = await provider(new MemoryLogger(), 2).embed(['a', 'b', 'c', 'd', 'e']);

  assert.equal(vectors.length, 5);
  assert.equal(received.length, 3);
  assert.deepEqual(received.map((request) => request.input.length), [2, 2, 1]);
});

test('openai provider retries after 429', async () => {
  failures = [429, 503];
  const logger = new MemoryLogger();
  const vectors = await provider(logger).embed(['hello']);

  assert.equal(vectors.length, 1);
  assert.equal(received.length, 3);
  assert.ok(logger.lines.some((line) => line.includes('HTTP 429')));
});

test('openai provider stops after bounded retries', async () => {
  failures = [500, 500, 500, 500, 500, 500];

  await assert.rejects(provider().embed(['hello']), EmbeddingError);
  assert.equal(received.length, 5);
});

test('openai provider explains a rejected key', async () => {
  failures = [401];
  const logger = new MemoryLogger();

  await assert.rejects(provider(logger).embed(['hello']), (error: unknown) => {
    assert.ok(error instanceof EmbeddingError);
    assert.match(error.message, /Luno: Set OpenAI API Key/);
    assert.ok(!error.message.includes(KEY));
    return true;
  });
  assert.equal(received.length, 1);
  assert.ok(logger.lines.every((line) => !line.includes(KEY) && !line.includes('SECRET')));
});

test('openai provider rejects an empty key', () => {
  assert.throws(() => new OpenAiEmbeddingProvider({ apiKey: ' ', logger: new MemoryLogger() }), /No OpenAI API key/);
});

test('openai provider never logs the key', async () => {
  failures = [400];
  const logger = new MemoryLogger();

  await assert.rejects(provider(logger).embed(['hello']), EmbeddingError);
  assert.ok(logger.lines.length > 0);
  assert.ok(logger.lines.every((line) => !line.includes(KEY)));
});
