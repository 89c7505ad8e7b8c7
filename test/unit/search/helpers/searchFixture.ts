/**
 * A search stack against a real Chroma server and a real SQLite file in a
 * temp dir: content copied from the real corpus, the store with all
 * migrations, and providers to wrap in CountingProvider.
 */
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { scanContent } from '../../../../src/core/content/scan';
import { contentRootAt } from '../../../../src/core/content/roots';
import type { ContentModel } from '../../../../src/core/content/model';
import { MemoryLogger } from '../../../../src/core/log';
import { ChromaServer } from '../../../../src/core/search/chroma/server';
import { GloveEmbeddingProvider } from '../../../../src/core/search/embeddings/glove';
import type { EmbeddingProvider } from '../../../../src/core/search/embeddings/types';
import { SearchService } from '../../../../src/core/search/searchService';
import { openStore, type Store } from '../../../../src/core/store/database';
import { vectorsFileForTests } from './vectors';

export const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
export const corpusRoot = path.resolve(repoRoot, '..', 'shared', 'corpus', 'luno-ai');
export const corpusMissing = existsSync(corpusRoot) ? undefined : `the Luno-AI corpus is not at ${corpusRoot}`;

/** Wraps a provider, counting the texts it embeds; `id` overrides the model id. */
export class CountingProvider implements EmbeddingProvider {
  texts: string[] = [];
  readonly id: string;
  readonly dimensions: number;

  constructor(
    private readonly inner: EmbeddingProvider,
    id?: string,
  ) {
    this.id = id ?? inner.id;
    this.dimensions = inner.dimensions;
  }

  embed(texts: string[], signal?: AbortSignal): Promise<number[][]> {
    this.texts.push(...texts);
    return this.inner.embed(texts, signal);
  }
}

export interface SearchFixture {
  readonly dir: string;
  readonly contentDir: string;
  readonly logger: MemoryLogger;
  readonly store: Store;
  readonly server: ChromaServer;
  /** Fast offline provider for tests of the index mechanics. */
  readonly glove: GloveEmbeddingProvider;
  scan(): Promise<ContentModel>;
  service(provider: EmbeddingProvider): SearchService;
  dispose(): Promise<void>;
}

/** Copies `domains` of the corpus and `sessions` of its research into a temp dir and starts Chroma. */
export async function createSearchFixture(domains: readonly string[], sessions: readonly string[]): Promise<SearchFixture> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'luno-search-'));
  const contentDir = path.join(dir, 'content');
  for (const domain of domains) {
    cpSync(path.join(corpusRoot, 'integrations', domain), path.join(contentDir, 'integrations', domain), { recursive: true });
  }
  for (const session of sessions) {
    cpSync(path.join(corpusRoot, 'research', session), path.join(contentDir, 'research', session), { recursive: true });
  }

  const logger = new MemoryLogger();
  const store = openStore({ file: path.join(dir, 'luno.db'), migrationsDir: path.join(repoRoot, 'migrations'), logger });
  const server = new ChromaServer({ persistDirectory: path.join(dir, 'chroma'), logger });
  await server.start();
  const glove = new GloveEmbeddingProvider({ logger, vectorsFile: vectorsFileForTests() });
  const root = contentRootAt(contentDir);

  const services: SearchService[] = [];
  return {
    dir,
    contentDir,
    logger,
    store,
    server,
    glove,
    scan: () => scanContent([root], { logger }),
    service: (provider) => {
      const service = new SearchService({
        db: () => store.db,
        endpoint: () => (server.url === undefined || server.state !== 'running' ? undefined : { url: server.url }),
        provider,
        logger,
        roots: () => [root],
      });
      services.push(service);
      return service;
    },
    dispose: async () => {
      services.forEach((service) => service.dispose());
      await server.stop();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs an index generator to its end and returns its summary. */
export async function drain<T>(generator: AsyncGenerator<unknown, T>): Promise<T> {
  for (;;) {
    const next = await generator.next();
    if (next.done) {
      return next.value;
    }
  }
}
