/**
 * Access to the Chroma collections of one embedding model, on the embedded
 * server or on a remote one. Each model gets its own collection set, named
 * `<collection>__<model slug>`, with the model id and the vector length in
 * the collection metadata, so vectors of different models never mix.
 */
import { ChromaClient, type Collection, type Metadata, type Where } from 'chromadb';
import { errorMessage, VectorStoreError } from '../../errors';
import { withComponent, type Logger } from '../../log';
import type { EmbeddingProvider } from '../embeddings/types';
import type { ChromaMetadata, CollectionKind } from '../types';

/** Address of a Chroma server and its authentication. */
export interface ChromaEndpoint {
  /** Base URL, for example `http://127.0.0.1:8000`. */
  readonly url: string;
  /** Token sent with every request, when the server requires one. */
  readonly token?: string;
  /** Header carrying the token: `Authorization` (as `Bearer <token>`, the default) or `X-Chroma-Token`. */
  readonly tokenHeader?: 'Authorization' | 'X-Chroma-Token';
  readonly tenant?: string;
  readonly database?: string;
}

export interface VectorRecord {
  readonly id: string;
  readonly embedding: number[];
  readonly metadata: ChromaMetadata;
  readonly document: string;
}

export interface VectorHit {
  readonly id: string;
  /** Cosine distance, 0 for the same direction. */
  readonly distance: number;
}

/** Returns the collection name of `kind` for an embedding model. */
export function collectionName(kind: CollectionKind, modelId: string): string {
  const slug = modelId.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return `${kind}__${slug}`;
}

function clientFor(endpoint: ChromaEndpoint): ChromaClient {
  const url = new URL(endpoint.url);
  const headers: Record<string, string> = {};
  if (endpoint.token !== undefined && endpoint.token !== '') {
    if (endpoint.tokenHeader === 'X-Chroma-Token') {
      headers['X-Chroma-Token'] = endpoint.token;
    } else {
      headers.Authorization = `Bearer ${endpoint.token}`;
    }
  }
  const ssl = url.protocol === 'https:';
  return new ChromaClient({
    host: url.hostname,
    port: url.port === '' ? (ssl ? 443 : 80) : Number(url.port),
    ssl,
    ...(endpoint.tenant === undefined ? {} : { tenant: endpoint.tenant }),
    ...(endpoint.database === undefined ? {} : { database: endpoint.database }),
    headers,
  });
}

/** Chroma access for one embedding model. Methods throw VectorStoreError with the server and collection named. */
export class VectorStore {
  private readonly logger: Logger;
  private client: ChromaClient | undefined;
  private clientUrl: string | undefined;
  private readonly collections = new Map<CollectionKind, Collection>();
  private batchSize: number | undefined;

  /** `endpoint` is read on each use, so a restarted server on a new port is picked up. */
  constructor(
    private readonly endpoint: () => ChromaEndpoint | undefined,
    private readonly provider: EmbeddingProvider,
    logger: Logger,
  ) {
    this.logger = withComponent(logger, 'chroma-client');
  }

  get modelId(): string {
    return this.provider.id;
  }

  /** Returns the server URL for messages, or 'no Chroma server'. */
  describe(): string {
    return this.endpoint()?.url ?? 'no Chroma server';
  }

  /** True when the server responds to its heartbeat. */
  async isAvailable(): Promise<boolean> {
    try {
      await this.connect().heartbeat();
      return true;
    } catch {
      return false;
    }
  }

  /** Maximum number of records per add, update or delete request, as the server reports it. */
  async maxBatchSize(): Promise<number> {
    if (this.batchSize === undefined) {
      this.batchSize = await this.call('read the maximum batch size', () => this.connect().getMaxBatchSize());
    }
    return this.batchSize;
  }

  /** Number of records in one collection. */
  async count(kind: CollectionKind): Promise<number> {
    const collection = await this.collection(kind);
    return this.call(`count ${collection.name}`, () => collection.count());
  }

  /** Returns every id in one collection. */
  async ids(kind: CollectionKind): Promise<string[]> {
    const collection = await this.collection(kind);
    const total = await this.count(kind);
    const pageSize = await this.maxBatchSize();
    const ids: string[] = [];
    for (let offset = 0; offset < total; offset += pageSize) {
      const page = await this.call(`list ${collection.name}`, () => collection.get({ limit: pageSize, offset, include: [] }));
      ids.push(...page.ids);
    }
    return ids;
  }

  /** Metadata of records by id. */
  async metadata(kind: CollectionKind, ids: string[]): Promise<Map<string, Metadata>> {
    const collection = await this.collection(kind);
    const result = await this.call(`read ${collection.name}`, () => collection.get({ ids, include: ['metadatas'] }));
    const found = new Map<string, Metadata>();
    result.ids.forEach((id, index) => {
      const metadata = result.metadatas[index];
      if (metadata !== null && metadata !== undefined) {
        found.set(id, metadata);
      }
    });
    return found;
  }

  /** Adds or replaces records in batches of the server's maximum size; an empty list sends nothing. */
  async upsert(kind: CollectionKind, records: readonly VectorRecord[]): Promise<void> {
    if (records.length === 0) {
      return;
    }
    const collection = await this.collection(kind);
    await this.inBatches(records, (batch) =>
      this.call(`store ${batch.length} records in ${collection.name}`, () =>
        collection.upsert({
          ids: batch.map((record) => record.id),
          embeddings: batch.map((record) => record.embedding),
          metadatas: batch.map((record) => record.metadata),
          documents: batch.map((record) => record.document),
        }),
      ),
    );
  }

  /** Replaces the metadata of existing records without new vectors. */
  async updateMetadata(kind: CollectionKind, records: readonly { id: string; metadata: ChromaMetadata }[]): Promise<void> {
    if (records.length === 0) {
      return;
    }
    const collection = await this.collection(kind);
    await this.inBatches(records, (batch) =>
      this.call(`update ${batch.length} records in ${collection.name}`, () =>
        collection.update({ ids: batch.map((record) => record.id), metadatas: batch.map((record) => record.metadata) }),
      ),
    );
  }

  /** Deletes records by id in batches; an empty list sends nothing. */
  async delete(kind: CollectionKind, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) {
      return;
    }
    const collection = await this.collection(kind);
    await this.inBatches(ids, (batch) =>
      this.call(`delete ${batch.length} records from ${collection.name}`, () => collection.delete({ ids: [...batch] })),
    );
  }

  /** Calls `send` on consecutive slices no larger than the server's maximum batch size, one after another. */
  private async inBatches<T>(items: readonly T[], send: (batch: readonly T[]) => Promise<unknown>): Promise<void> {
    const size = await this.maxBatchSize();
    for (let start = 0; start < items.length; start += size) {
      await send(items.slice(start, start + size));
    }
  }

  /** Nearest records to a query vector. */
  async query(kind: CollectionKind, embedding: number[], limit: number, where?: Where): Promise<VectorHit[]> {
    const collection = await this.collection(kind);
    const result = await this.call(`query ${collection.name}`, () =>
      collection.query({
        queryEmbeddings: [embedding],
        nResults: limit,
        ...(where === undefined ? {} : { where }),
        include: ['distances'],
      }),
    );
    const ids = result.ids[0] ?? [];
    const distances = result.distances[0] ?? [];
    return ids.map((id, index) => ({ id, distance: distances[index] ?? 1 }));
  }

  /** Deletes and recreates the collections of this model. */
  async reset(): Promise<void> {
    const client = this.connect();
    for (const kind of ['integrations', 'research', 'code_examples'] as const) {
      const name = collectionName(kind, this.provider.id);
      try {
        await client.deleteCollection({ name });
      } catch (error) {
        this.logger.debug(`collection ${name} not deleted: ${errorMessage(error)}`);
      }
    }
    this.collections.clear();
  }

  private connect(): ChromaClient {
    const endpoint = this.endpoint();
    if (endpoint === undefined) {
      throw new VectorStoreError('No Chroma server is running. Start the local server or set a server URL.');
    }
    if (this.client === undefined || this.clientUrl !== endpoint.url) {
      this.client = clientFor(endpoint);
      this.clientUrl = endpoint.url;
      this.collections.clear();
      this.batchSize = undefined;
    }
    return this.client;
  }

  private async collection(kind: CollectionKind): Promise<Collection> {
    const client = this.connect();
    const cached = this.collections.get(kind);
    if (cached !== undefined) {
      return cached;
    }

    const name = collectionName(kind, this.provider.id);
    const provider = this.provider;
    const collection = await this.call(`open collection ${name}`, () =>
      client.getOrCreateCollection({
        name,
        metadata: { description: `Luno-AI ${kind}`, embedding_model: provider.id, dimensions: provider.dimensions },
        configuration: { hnsw: { space: 'cosine' } },
        // Our own function, so the client never loads its default model (which downloads weights).
        embeddingFunction: { generate: (texts: string[]) => provider.embed(texts) },
      }),
    );

    const model = collection.metadata?.embedding_model;
    const dimensions = collection.metadata?.dimensions;
    if (model !== provider.id || dimensions !== provider.dimensions) {
      throw new VectorStoreError(
        `The Chroma collection ${name} on ${this.describe()} contains vectors of model ${String(model)} with ${String(dimensions)} dimensions, not ${provider.id} with ${provider.dimensions}. Run "Luno: Rebuild Search Index" (or \`luno index --rebuild\`) to recreate it.`,
      );
    }
    this.collections.set(kind, collection);
    return collection;
  }

  private async call<T>(action: string, body: () => Promise<T>): Promise<T> {
    try {
      return await body();
    } catch (error) {
      if (error instanceof VectorStoreError) {
        throw error;
      }
      throw new VectorStoreError(`Chroma at ${this.describe()} failed to ${action}: ${errorMessage(error)}`, { cause: error });
    }
  }
}
