/**
 * Keeps the search index in step with the content: the keyword index in
 * SQLite and the vectors of one embedding model in Chroma. Content hashes
 * decide what changed, so an unchanged document is never embedded again.
 * A document counts as indexed for a model only once both SQLite and Chroma
 * stored it, so an interrupted run resumes where it stopped.
 */
import path from 'node:path';
import { errorMessage } from '../errors';
import { withComponent, type Logger } from '../log';
import type { ContentModel } from '../content/model';
import type { VectorStore } from './chroma/client';
import { collectLocationDocuments, collectModelDocuments, fileKey, locateFile, type CollectedDocuments } from './contentDocuments';
import { embeddingText } from './documents';
import type { EmbeddingProvider } from './embeddings/types';
import type { EmbeddingState, SearchIndexStore, StoredDocument } from './indexStore';
import { COLLECTION_KINDS, documentKey, type CollectionKind, type SearchDocument } from './types';

export type IndexPhase = 'reading' | 'keywords' | 'vectors' | 'done';

/** Progress of an index run. `done` and `total` count documents of the current phase. */
export interface IndexProgress {
  readonly phase: IndexPhase;
  readonly done: number;
  readonly total: number;
}

/** Changes made by a run or a file update. */
export interface IndexSummary {
  /** Documents the content has now. */
  readonly documents: number;
  /** Documents written to the keyword index. */
  readonly saved: number;
  /** Documents embedded and stored in Chroma. */
  readonly embedded: number;
  /** Documents whose Chroma metadata changed without a new vector. */
  readonly metadataUpdated: number;
  /** Documents removed because their section, file or session is gone. */
  readonly removed: number;
}

export interface SearchIndexerOptions {
  readonly store: SearchIndexStore;
  readonly vectors: VectorStore;
  readonly provider: EmbeddingProvider;
  readonly logger: Logger;
  /** Documents embedded per provider call. Default 256. */
  readonly embedBatchSize?: number;
  readonly now?: () => Date;
}

interface Plan {
  readonly documents: readonly SearchDocument[];
  readonly save: SearchDocument[];
  readonly removeDocuments: string[];
  readonly removeVectors: { key: string; collection: CollectionKind; id: string }[];
  readonly updateMetadata: SearchDocument[];
  readonly embed: SearchDocument[];
}

const KEYWORD_CHUNK = 500;

function splitKey(key: string): { collection: CollectionKind; id: string } {
  const separator = key.indexOf(':');
  return { collection: key.slice(0, separator) as CollectionKind, id: key.slice(separator + 1) };
}

export class SearchIndexer {
  private readonly logger: Logger;

  constructor(private readonly options: SearchIndexerOptions) {
    this.logger = withComponent(options.logger, 'indexer');
  }

  get modelId(): string {
    return this.options.provider.id;
  }

  /**
   * Indexes every document of `model`, yielding progress. Throws the abort
   * reason when `signal` aborts, and VectorStoreError or EmbeddingError when
   * Chroma or the provider fails; the keyword index is up to date either way.
   */
  async *run(model: ContentModel, signal?: AbortSignal): AsyncGenerator<IndexProgress, IndexSummary> {
    const { store } = this.options;
    const started = Date.now();
    store.startRun(this.modelId, this.timestamp());
    this.logger.info(`full index with model ${this.modelId} started`);

    try {
      yield { phase: 'reading', done: 0, total: 0 };
      const collected = await collectModelDocuments(model, this.logger, signal);
      try {
        await this.reconcileCollections();
      } catch (error) {
        // Chroma is unreachable: bring keyword search up to date before the run fails.
        yield* this.saveKeywords(this.planFull(collected), signal);
        throw error;
      }
      const plan = this.planFull(collected);
      const summary = yield* this.apply(plan, signal);

      store.finishRun(this.modelId, 'complete', this.timestamp(), summary.documents);
      this.logger.info(
        `full index with model ${this.modelId} complete in ${Date.now() - started} ms: ${summary.documents} documents, ${summary.embedded} embedded, ${summary.removed} removed`,
      );
      yield { phase: 'done', done: summary.documents, total: summary.documents };
      return summary;
    } catch (error) {
      const state = signal?.aborted ? 'cancelled' : 'failed';
      store.finishRun(this.modelId, state, this.timestamp(), 0, errorMessage(error));
      if (state === 'cancelled') {
        this.logger.info(`full index with model ${this.modelId} cancelled; the next run resumes`);
      } else {
        this.logger.error(`full index with model ${this.modelId} failed: ${errorMessage(error)}`);
      }
      throw error;
    }
  }

  /** Runs `run` to the end, passing each progress value to `onProgress`. */
  async indexAll(model: ContentModel, options: { signal?: AbortSignal; onProgress?: (progress: IndexProgress) => void } = {}): Promise<IndexSummary> {
    const generator = this.run(model, options.signal);
    for (;;) {
      const next = await generator.next();
      if (next.done) {
        return next.value;
      }
      options.onProgress?.(next.value);
    }
  }

  /** Drops this model's vectors and every stored document, then indexes `model` from scratch. */
  async *rebuild(model: ContentModel, signal?: AbortSignal): AsyncGenerator<IndexProgress, IndexSummary> {
    this.logger.info(`rebuilding the search index with model ${this.modelId}`);
    await this.options.vectors.reset();
    this.options.store.clearModel(this.modelId);
    this.options.store.clearDocuments();
    return yield* this.run(model, signal);
  }

  /**
   * Re-indexes the documents of one file after a save, create or rename:
   * its technology, or its whole research session (the session README sets
   * the metadata of every file in it). A path the model does not contain is
   * removed from the index.
   */
  async indexFile(absolutePath: string, model: ContentModel, signal?: AbortSignal): Promise<IndexSummary> {
    const location = locateFile(model, absolutePath);
    if (location.kind === 'outside') {
      return { documents: 0, saved: 0, embedded: 0, metadataUpdated: 0, removed: 0 };
    }
    if (location.kind === 'other') {
      return this.removeStored(this.options.store.documentsOfFile(location.root.id, location.relativePath), signal);
    }

    const collected = await collectLocationDocuments(location, this.logger);
    const unit = location.kind === 'technology' ? `${location.technology.domainId}/${location.technology.id}` : location.session.id;
    const stored = [...this.options.store.allDocuments().values()].filter(
      (document) => document.rootId === location.root.id && document.unit === unit,
    );
    const plan = this.planScoped(collected, stored);
    const generator = this.apply(plan, signal);
    for (;;) {
      const next = await generator.next();
      if (next.done) {
        this.logger.debug(`indexed ${absolutePath}: ${next.value.embedded} embedded, ${next.value.removed} removed`);
        return next.value;
      }
    }
  }

  /** Removes the documents of a deleted file (or of every file under a deleted folder). */
  async removeFile(absolutePath: string, model: ContentModel, signal?: AbortSignal): Promise<IndexSummary> {
    const location = locateFile(model, absolutePath);
    if (location.kind === 'outside') {
      return { documents: 0, saved: 0, embedded: 0, metadataUpdated: 0, removed: 0 };
    }
    const root = location.root;
    const relativePath =
      location.kind === 'other'
        ? location.relativePath
        : path.relative(root.path, path.resolve(absolutePath)).split(path.sep).join('/');
    const stored = [...this.options.store.allDocuments().values()].filter(
      (document) =>
        document.rootId === root.id &&
        (document.path === relativePath || document.path.startsWith(`${relativePath}/`)),
    );
    return this.removeStored(stored, signal);
  }

  private async removeStored(stored: readonly StoredDocument[], signal?: AbortSignal): Promise<IndexSummary> {
    const plan = this.planScoped({ documents: [], unreadable: new Set() }, stored);
    const generator = this.apply(plan, signal);
    for (;;) {
      const next = await generator.next();
      if (next.done) {
        return next.value;
      }
    }
  }

  /**
   * Makes the SQLite record of this model's vectors match Chroma: a server
   * whose data was wiped, or records left by an interrupted delete, would
   * otherwise leave documents unsearchable or stale.
   */
  private async reconcileCollections(): Promise<void> {
    const { store, vectors } = this.options;
    const embedded = store.embeddings(this.modelId);

    for (const kind of COLLECTION_KINDS) {
      const recorded = [...embedded.keys()].filter((key) => key.startsWith(`${kind}:`));
      const count = await vectors.count(kind);
      if (count === recorded.length) {
        continue;
      }

      const ids = new Set(await vectors.ids(kind));
      const missing = recorded.filter((key) => !ids.has(splitKey(key).id));
      const recordedIds = new Set(recorded.map((key) => splitKey(key).id));
      const extra = [...ids].filter((id) => !recordedIds.has(id));
      this.logger.warn(
        `Chroma collection ${kind} of model ${this.modelId} has ${count} records, SQLite records ${recorded.length}: re-embedding ${missing.length}, deleting ${extra.length}`,
      );
      store.unmarkEmbedded(this.modelId, missing);
      await vectors.delete(kind, extra);
    }
  }

  private planFull(collected: CollectedDocuments): Plan {
    const stored = this.options.store.allDocuments();
    const embedded = this.options.store.embeddings(this.modelId);
    const keep = (key: string): boolean => {
      const document = stored.get(key);
      return document !== undefined && collected.unreadable.has(fileKey(document.rootId, document.path));
    };
    return this.plan(collected.documents, stored, embedded, keep);
  }

  private planScoped(collected: CollectedDocuments, storedInScope: readonly StoredDocument[]): Plan {
    const stored = new Map(storedInScope.map((document) => [document.docKey, document]));
    const all = this.options.store.embeddings(this.modelId);
    const embedded = new Map<string, EmbeddingState>();
    for (const key of [...stored.keys(), ...collected.documents.map((document) => documentKey(document.collection, document.id))]) {
      const state = all.get(key);
      if (state !== undefined) {
        embedded.set(key, state);
      }
    }
    const keep = (key: string): boolean => {
      const document = stored.get(key);
      return document !== undefined && collected.unreadable.has(fileKey(document.rootId, document.path));
    };
    return this.plan(collected.documents, stored, embedded, keep);
  }

  private plan(
    documents: readonly SearchDocument[],
    stored: ReadonlyMap<string, StoredDocument>,
    embedded: ReadonlyMap<string, EmbeddingState>,
    keep: (key: string) => boolean,
  ): Plan {
    const current = new Set(documents.map((document) => documentKey(document.collection, document.id)));
    const plan: Plan = { documents, save: [], removeDocuments: [], removeVectors: [], updateMetadata: [], embed: [] };

    for (const document of documents) {
      const key = documentKey(document.collection, document.id);
      const previous = stored.get(key);
      if (previous === undefined || previous.textHash !== document.textHash || previous.metaHash !== document.metaHash) {
        plan.save.push(document);
      }

      const vector = embedded.get(key);
      if (vector === undefined || vector.textHash !== document.textHash) {
        plan.embed.push(document);
      } else if (vector.metaHash !== document.metaHash) {
        plan.updateMetadata.push(document);
      }
    }
    for (const key of stored.keys()) {
      if (!current.has(key) && !keep(key)) {
        plan.removeDocuments.push(key);
      }
    }
    for (const key of embedded.keys()) {
      if (!current.has(key) && !keep(key)) {
        plan.removeVectors.push({ key, ...splitKey(key) });
      }
    }
    return plan;
  }

  /** Writes the plan's documents to the keyword index and drops the removed ones; touches no vectors. */
  private *saveKeywords(plan: Plan, signal?: AbortSignal): Generator<IndexProgress> {
    const { store } = this.options;
    for (let start = 0; start < plan.save.length; start += KEYWORD_CHUNK) {
      signal?.throwIfAborted();
      store.saveDocuments(plan.save.slice(start, start + KEYWORD_CHUNK), this.timestamp());
      yield { phase: 'keywords', done: Math.min(start + KEYWORD_CHUNK, plan.save.length), total: plan.save.length };
    }
    store.deleteDocuments(plan.removeDocuments);
  }

  private async *apply(plan: Plan, signal?: AbortSignal): AsyncGenerator<IndexProgress, IndexSummary> {
    const { store, vectors, provider } = this.options;

    // SQLite first: keyword search is current even when Chroma fails below.
    yield* this.saveKeywords(plan, signal);

    for (const kind of COLLECTION_KINDS) {
      const removed = plan.removeVectors.filter((entry) => entry.collection === kind);
      await vectors.delete(kind, removed.map((entry) => entry.id));
      store.unmarkEmbedded(this.modelId, removed.map((entry) => entry.key));

      const updated = plan.updateMetadata.filter((document) => document.collection === kind);
      await vectors.updateMetadata(kind, updated.map((document) => ({ id: document.id, metadata: document.metadata })));
      store.markEmbedded(this.modelId, updated);
    }

    const batchSize = this.options.embedBatchSize ?? 256;
    const total = plan.embed.length;
    for (let start = 0; start < total; start += batchSize) {
      signal?.throwIfAborted();
      const batch = plan.embed.slice(start, start + batchSize);
      const embeddings = await provider.embed(batch.map(embeddingText), signal);

      for (const kind of COLLECTION_KINDS) {
        const records = batch
          .map((document, index) => ({ document, embedding: embeddings[index]! }))
          .filter((entry) => entry.document.collection === kind)
          .map(({ document, embedding }) => ({ id: document.id, embedding, metadata: document.metadata, document: document.body }));
        await vectors.upsert(kind, records);
      }
      store.markEmbedded(this.modelId, batch);
      yield { phase: 'vectors', done: Math.min(start + batchSize, total), total };
    }

    return {
      documents: plan.documents.length,
      saved: plan.save.length,
      embedded: plan.embed.length,
      metadataUpdated: plan.updateMetadata.length,
      removed: plan.removeDocuments.length,
    };
  }

  private timestamp(): string {
    return (this.options.now?.() ?? new Date()).toISOString();
  }
}
