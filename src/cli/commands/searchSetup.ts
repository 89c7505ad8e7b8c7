/**
 * Setup shared by `luno index` and `luno search`: the database, the Chroma
 * server (local or remote) and the embedding provider, opened from the
 * command line options and the environment.
 */
import path from 'node:path';
import type { ContentRoot } from '../../core/content/model';
import { errorMessage } from '../../core/errors';
import type { Logger } from '../../core/log';
import type { ChromaEndpoint } from '../../core/search/chroma/client';
import { ChromaServer } from '../../core/search/chroma/server';
import { GloveEmbeddingProvider } from '../../core/search/embeddings/glove';
import { LocalEmbeddingProvider } from '../../core/search/embeddings/local';
import { OpenAiEmbeddingProvider } from '../../core/search/embeddings/openai';
import type { EmbeddingProvider } from '../../core/search/embeddings/types';
import { SearchService } from '../../core/search/searchService';
import { openStore, type Store } from '../../core/store/database';
import { defaultDatabasePath, findMigrationsDir } from '../../core/store/paths';
import { UsageError, type CliIo } from '../args';

/** Options both commands accept, as parseArgs config. */
export const SEARCH_SETUP_OPTIONS = {
  db: { type: 'string' },
  'chroma-url': { type: 'string' },
  'chroma-tenant': { type: 'string' },
  'chroma-database': { type: 'string' },
  embeddings: { type: 'string' },
  verbose: { type: 'boolean', short: 'v' },
} as const;

/** Help lines for SEARCH_SETUP_OPTIONS. */
export const SEARCH_SETUP_HELP = `  --db FILE              luno.db to use; default: the VS Code extension's file
                         (override with LUNO_DB)
  --chroma-url URL       Chroma server to use; default: start a local server with its
                         data in chroma/ beside the database (override with LUNO_CHROMA_URL;
                         a token for it is read from LUNO_CHROMA_TOKEN)
  --chroma-tenant NAME   tenant on that server
  --chroma-database NAME database on that server
  --embeddings MODEL     local (default: Universal Sentence Encoder lite, offline),
                         glove (offline GloVe word vectors: much faster to index, weaker),
                         or openai (text-embedding-3-small; key from OPENAI_API_KEY)
  -v, --verbose          log every step to standard error
`;

export interface SearchSetupValues {
  readonly db?: string | undefined;
  readonly 'chroma-url'?: string | undefined;
  readonly 'chroma-tenant'?: string | undefined;
  readonly 'chroma-database'?: string | undefined;
  readonly embeddings?: string | undefined;
}

export interface SearchSetup {
  readonly service: SearchService;
  readonly store: Store;
  readonly server: ChromaServer | undefined;
  dispose(): Promise<void>;
}

function createProvider(values: SearchSetupValues, io: CliIo, logger: Logger): EmbeddingProvider {
  const kind = values.embeddings ?? 'local';
  if (kind === 'local') {
    return new LocalEmbeddingProvider({ logger });
  }
  if (kind === 'glove') {
    return new GloveEmbeddingProvider({ logger });
  }
  if (kind === 'openai') {
    return new OpenAiEmbeddingProvider({
      apiKey: io.env.OPENAI_API_KEY ?? '',
      logger,
      ...(io.env.OPENAI_BASE_URL === undefined ? {} : { baseURL: io.env.OPENAI_BASE_URL }),
    });
  }
  throw new UsageError(`invalid --embeddings value "${kind}": expected local, glove or openai`);
}

/**
 * Opens the database, the embedding provider and the Chroma server. A local
 * server that fails to start is logged and search falls back to keywords.
 */
export async function openSearch(values: SearchSetupValues, io: CliIo, logger: Logger, roots: readonly ContentRoot[]): Promise<SearchSetup> {
  const provider = createProvider(values, io, logger);
  const file = path.resolve(io.cwd, values.db ?? io.env.LUNO_DB ?? defaultDatabasePath());
  const store = openStore({ file, migrationsDir: findMigrationsDir(__dirname), logger });

  const url = values['chroma-url'] ?? io.env.LUNO_CHROMA_URL;
  let server: ChromaServer | undefined;
  let endpoint: () => ChromaEndpoint | undefined;

  if (url !== undefined && url !== '') {
    const remote: ChromaEndpoint = {
      url,
      ...(io.env.LUNO_CHROMA_TOKEN === undefined ? {} : { token: io.env.LUNO_CHROMA_TOKEN }),
      ...(values['chroma-tenant'] === undefined ? {} : { tenant: values['chroma-tenant'] }),
      ...(values['chroma-database'] === undefined ? {} : { database: values['chroma-database'] }),
    };
    endpoint = () => remote;
  } else {
    const started = new ChromaServer({ persistDirectory: path.join(path.dirname(file), 'chroma'), logger });
    server = started;
    try {
      await started.start();
    } catch (error) {
      logger.warn(errorMessage(error));
    }
    endpoint = () => (started.state === 'running' && started.url !== undefined ? { url: started.url } : undefined);
  }

  const service = new SearchService({ db: () => store.db, endpoint, provider, logger, roots: () => roots });
  return {
    service,
    store,
    server,
    dispose: async () => {
      service.dispose();
      provider.dispose?.();
      await server?.stop();
      store.close();
    },
  };
}
