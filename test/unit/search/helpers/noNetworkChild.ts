/**
 * Child process for the no-network test: replaces every way Node opens a
 * connection or resolves a name with a recorder that throws, then loads both
 * offline embedding providers and embeds texts on this thread. Prints one
 * JSON line with the blocked calls and each provider's output shape. One
 * probe `fetch` is made first, so the test can tell the recorder works.
 */
import dns from 'node:dns';
import net from 'node:net';

const blocked: string[] = [];

function block(name: string): () => never {
  return () => {
    blocked.push(name);
    throw new Error(`network blocked: ${name}`);
  };
}

net.Socket.prototype.connect = block('net.Socket.connect') as typeof net.Socket.prototype.connect;
dns.lookup = block('dns.lookup') as unknown as typeof dns.lookup;
dns.resolve = block('dns.resolve') as unknown as typeof dns.resolve;
dns.promises.lookup = block('dns.promises.lookup') as unknown as typeof dns.promises.lookup;
globalThis.fetch = block('fetch') as unknown as typeof fetch;

async function probe(): Promise<string> {
  try {
    await fetch('http://127.0.0.1:9/');
    return 'reached';
  } catch {
    return 'blocked';
  }
}

async function main(): Promise<void> {
  const probeResult = await probe();
  const { LocalEmbeddingProvider } = await import('../../../../src/core/search/embeddings/local');
  const { GloveEmbeddingProvider } = await import('../../../../src/core/search/embeddings/glove');
  const { silentLogger } = await import('../../../../src/core/log');

  const providers = [
    new LocalEmbeddingProvider({ logger: silentLogger, inProcess: true }),
    new GloveEmbeddingProvider({ logger: silentLogger, vectorsFile: process.argv[2] }),
  ];
  const results = [];
  for (const provider of providers) {
    const vectors = await provider.embed(['How do agents call tools?', 'Quantize a model for edge devices']);
    results.push({
      id: provider.id,
      count: vectors.length,
      dimensions: vectors[0]?.length,
      finite: vectors.flat().every(Number.isFinite),
    });
  }

  process.stdout.write(JSON.stringify({ blocked, probe: probeResult, providers: results }) + '\n');
}

main().catch((error: unknown) => {
  process.stdout.write(JSON.stringify({ blocked, error: String(error) }) + '\n');
});
