/**
 * Child process for the no-network test: replaces every way Node opens a
 * connection or resolves a name with a recorder that throws, then loads the
 * local embedding provider and embeds texts. Prints one JSON line with the
 * blocked calls and the vectors' shape.
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

async function main(): Promise<void> {
  const { LocalEmbeddingProvider } = await import('../../../../src/core/search/embeddings/local');
  const { silentLogger } = await import('../../../../src/core/log');

  const provider = new LocalEmbeddingProvider({ logger: silentLogger, vectorsFile: process.argv[2] });
  const vectors = await provider.embed(['How do agents call tools?', 'Quantize a model for edge devices']);

  process.stdout.write(
    JSON.stringify({ blocked, count: vectors.length, dimensions: vectors[0]?.length, finite: vectors.flat().every(Number.isFinite) }) + '\n',
  );
}

main().catch((error: unknown) => {
  process.stdout.write(JSON.stringify({ blocked, error: String(error) }) + '\n');
});
