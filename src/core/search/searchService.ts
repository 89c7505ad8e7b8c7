/**
 * Search over the content: hybrid (BM25 + vectors) when the index of the
 * current embedding model is complete and Chroma responds, keyword-only with a
 * note otherwise. Also the entry point for indexing, so callers hold one
 * object.
 */
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { Where } from 'chromadb';
import { errorMessage } from '../errors';
import { Emitter, type Event } from '../events';
import { withComponent, type Logger } from '../log';
import type { ContentModel, ContentRoot } from '../content/model';
import { VectorStore, type ChromaEndpoint } from './chroma/client';
import { GLOVE_MODEL_ID } from './embeddings/glove';
import { LOCAL_MODEL_ID } from './embeddings/local';
import type { EmbeddingProvider } from './embeddings/types';
import { SearchIndexer, type IndexProgress, type IndexSummary } from './indexer';
import { SearchIndexStore, type IndexRun, type StoredDocument } from './indexStore';
import { DEFAULT_KEYWORD_WEIGHTS, keywordSnippets, searchKeywords, type KeywordWeights } from './keyword';
import { capPerUnit, fuseScores, type Candidate, type FusionWeights } from './ranking';
import { COLLECTION_KINDS, TYPE_OF_COLLECTION, documentKey, type CollectionKind, type SearchType } from './types';

export interface SearchOptions {
  readonly domain?: string;
  readonly type?: SearchType;
  /** Code language, for example `python`; limits results to code examples. */
  readonly language?: string;
  /** Maximum number of results. Default 20. */
  readonly limit?: number;
  readonly signal?: AbortSignal;
  /** Ranking to use; `hybrid` falls back to keyword when vectors are unavailable. Default `hybrid`. */
  readonly mode?: 'hybrid' | 'keyword' | 'vector';
}

export interface SearchResult {
  /** Chroma id of the document. */
  readonly id: string;
  readonly type: SearchType;
  readonly domain?: string;
  readonly technology?: string;
  readonly session?: string;
  readonly language?: string;
  /** `<domain>/<technology>` or the research session folder. */
  readonly unit: string;
  /** Section anchor. */
  readonly section: string;
  readonly title: string;
  readonly snippet: string;
  /** File path relative to its content root. */
  readonly path: string;
  readonly absolutePath: string;
  /** 0-based line of the heading or code fence. */
  readonly line: number;
  readonly score: number;
}

export interface SearchResponse {
  readonly results: SearchResult[];
  readonly mode: 'hybrid' | 'keyword' | 'vector';
  /** Reason the results are keyword-only or empty, for display. */
  readonly note?: string;
}

export interface SearchStatus {
  readonly model: string;
  /** True while a full run of this service is going on. */
  readonly indexing: boolean;
  readonly progress?: IndexProgress;
  readonly lastRun?: IndexRun;
  readonly documents: number;
  /** Whether search returns hybrid results now (Chroma reachable and a full run completed). */
  readonly vectorsReady: boolean;
  readonly note?: string;
}

export interface SearchServiceOptions {
  /** The luno.db connection; called on each use because a restore replaces it. */
  readonly db: () => Database.Database;
  /** The Chroma server to use; undefined while none is running. */
  readonly endpoint: () => ChromaEndpoint | undefined;
  readonly provider: EmbeddingProvider;
  readonly logger: Logger;
  /** Content roots, for absolute paths of results. */
  readonly roots: () => readonly ContentRoot[];
  /** Fusion weights; `defaultFusionWeights(provider.id)` when omitted. */
  readonly weights?: FusionWeights;
  readonly keywordWeights?: KeywordWeights;
  /** Documents embedded per provider call while indexing. Default 256. */
  readonly embedBatchSize?: number;
  /** Results of one unit allowed in each block of 10. Default 2. */
  readonly perUnit?: number;
}

/**
 * Fusion weights per embedding model, chosen on the evaluation questions
 * (BENCHMARKS.md has the table). A weaker vector half gets a smaller weight
 * because its mistakes would otherwise push good keyword matches down.
 */
export function defaultFusionWeights(modelId: string): FusionWeights {
  if (modelId === LOCAL_MODEL_ID) {
    return { keyword: 1, vector: 0.2 };
  }
  if (modelId === GLOVE_MODEL_ID) {
    return { keyword: 1, vector: 0.1 };
  }
  // NOTE: not measured here (no network); OpenAI's vectors are stronger than the local ones.
  return { keyword: 1, vector: 0.5 };
}

const KEYWORD_CANDIDATES = 200;
const VECTOR_CANDIDATES = 100;

export class SearchService {
  private readonly logger: Logger;
  private readonly store: SearchIndexStore;
  readonly vectors: VectorStore;
  private readonly indexer: SearchIndexer;
  private running: IndexProgress | undefined;
  private readonly statusEmitter = new Emitter<SearchStatus>();

  /** Fires when indexing starts, progresses or ends. */
  readonly onDidChangeStatus: Event<SearchStatus> = this.statusEmitter.event;

  constructor(private readonly options: SearchServiceOptions) {
    this.logger = withComponent(options.logger, 'search');
    this.store = new SearchIndexStore(options.db);
    this.vectors = new VectorStore(options.endpoint, options.provider, options.logger);
    this.indexer = new SearchIndexer({
      store: this.store,
      vectors: this.vectors,
      provider: options.provider,
      logger: options.logger,
      ...(options.embedBatchSize === undefined ? {} : { embedBatchSize: options.embedBatchSize }),
    });
  }

  get modelId(): string {
    return this.options.provider.id;
  }

  /** Indexes the whole content, yielding progress; see SearchIndexer.run. */
  index(model: ContentModel, signal?: AbortSignal): AsyncGenerator<IndexProgress, IndexSummary> {
    return this.track(this.indexer.run(model, signal));
  }

  /** Drops this model's index and indexes from scratch. */
  rebuild(model: ContentModel, signal?: AbortSignal): AsyncGenerator<IndexProgress, IndexSummary> {
    return this.track(this.indexer.rebuild(model, signal));
  }

  /** Re-indexes one saved, created or renamed file. */
  indexFile(absolutePath: string, model: ContentModel, signal?: AbortSignal): Promise<IndexSummary> {
    return this.indexer.indexFile(absolutePath, model, signal);
  }

  /** Removes the documents of a deleted file or folder. */
  removeFile(absolutePath: string, model: ContentModel, signal?: AbortSignal): Promise<IndexSummary> {
    return this.indexer.removeFile(absolutePath, model, signal);
  }

  async status(): Promise<SearchStatus> {
    const lastRun = this.store.lastRun(this.modelId);
    const available = await this.vectors.isAvailable();
    const note = this.vectorNote(lastRun, available);
    return {
      model: this.modelId,
      indexing: this.running !== undefined,
      ...(this.running === undefined ? {} : { progress: this.running }),
      ...(lastRun === undefined ? {} : { lastRun }),
      documents: this.store.countDocuments(),
      vectorsReady: note === undefined,
      ...(note === undefined ? {} : { note }),
    };
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchResponse> {
    const limit = options.limit ?? 20;
    const collections = this.collectionsFor(options);
    if (query.trim() === '') {
      return { results: [], mode: 'keyword', note: 'Type a question or keywords to search.' };
    }
    if (this.store.countDocuments() === 0) {
      const note = this.running !== undefined ? 'The search index is being built; try again in a moment.' : 'The search index is empty: run "Luno: Rebuild Search Index" (or `luno index`).';
      return { results: [], mode: 'keyword', note };
    }

    const db = this.options.db();
    const keywordHits = options.mode === 'vector' ? [] : searchKeywords(db, query, { collections, ...this.keywordFilter(options) }, KEYWORD_CANDIDATES, this.options.keywordWeights ?? DEFAULT_KEYWORD_WEIGHTS);
    const storedByNum = this.store.documentsByNum(keywordHits.map((hit) => hit.num));
    const candidates = new Map<string, { document: StoredDocument; keyword?: number; vector?: number }>();
    for (const hit of keywordHits) {
      const document = storedByNum.get(hit.num);
      if (document !== undefined) {
        candidates.set(document.docKey, { document, keyword: hit.score });
      }
    }

    let mode: SearchResponse['mode'] = 'keyword';
    let note: string | undefined;
    if (options.mode !== 'keyword') {
      const vectorResult = await this.vectorCandidates(query, collections, options);
      if (vectorResult.note !== undefined) {
        note = vectorResult.note;
      } else {
        mode = options.mode === 'vector' ? 'vector' : 'hybrid';
        const stored = this.store.documentsByKey(vectorResult.hits.map((hit) => hit.key));
        for (const hit of vectorResult.hits) {
          const document = stored.get(hit.key);
          if (document === undefined) {
            continue;
          }
          const existing = candidates.get(hit.key);
          candidates.set(hit.key, { document, ...(existing?.keyword === undefined ? {} : { keyword: existing.keyword }), vector: hit.similarity });
        }
      }
    }
    options.signal?.throwIfAborted();

    const fused = fuseScores(
      [...candidates.values()].map((candidate): Candidate<StoredDocument> => ({
        item: candidate.document,
        unit: candidate.document.unit,
        ...(candidate.keyword === undefined ? {} : { keyword: candidate.keyword }),
        ...(candidate.vector === undefined ? {} : { vector: candidate.vector }),
      })),
      this.options.weights ?? defaultFusionWeights(this.modelId),
    );
    const ranked = capPerUnit(fused, this.options.perUnit ?? 2, 10).slice(0, limit);
    const snippets = keywordSnippets(db, query, ranked.map((entry) => entry.item.num));
    const results = ranked.map((entry) => this.toResult(entry.item, entry.score, snippets.get(entry.item.num)));

    if (results.length === 0 && note === undefined) {
      note = `No section matches "${query.trim()}"${this.describeFilters(options)}. Try other words${options.domain ?? options.type ?? options.language ? ' or remove a filter' : ''}.`;
    }
    return { results, mode, ...(note === undefined ? {} : { note }) };
  }

  dispose(): void {
    this.statusEmitter.dispose();
  }

  private async *track(run: AsyncGenerator<IndexProgress, IndexSummary>): AsyncGenerator<IndexProgress, IndexSummary> {
    this.running = { phase: 'reading', done: 0, total: 0 };
    void this.fireStatus();
    try {
      for (;;) {
        const next = await run.next();
        if (next.done) {
          return next.value;
        }
        this.running = next.value;
        void this.fireStatus();
        yield next.value;
      }
    } finally {
      this.running = undefined;
      void this.fireStatus();
    }
  }

  private async fireStatus(): Promise<void> {
    try {
      this.statusEmitter.fire(await this.status());
    } catch (error) {
      this.logger.error(`reading the search status failed: ${errorMessage(error)}`);
    }
  }

  private vectorNote(lastRun: IndexRun | undefined, available: boolean): string | undefined {
    if (!available) {
      return `Showing keyword results: the vector database (${this.vectors.describe()}) is not reachable.`;
    }
    if (lastRun?.completedAt === null || lastRun === undefined) {
      return this.running !== undefined || lastRun?.state === 'running'
        ? 'Showing keyword results: the semantic index is still being built.'
        : 'Showing keyword results: the semantic index has not been built yet (run "Luno: Rebuild Search Index").';
    }
    return undefined;
  }

  private async vectorCandidates(
    query: string,
    collections: readonly CollectionKind[],
    options: SearchOptions,
  ): Promise<{ hits: { key: string; similarity: number }[]; note?: string }> {
    const lastRun = this.store.lastRun(this.modelId);
    if (lastRun?.completedAt === null || lastRun === undefined) {
      return { hits: [], note: this.vectorNote(lastRun, true)! };
    }

    try {
      const [embedding] = await this.options.provider.embed([query], options.signal);

      // Code blocks join the vector half only when code is asked for: their
      // vectors match nearly any question and pushed better sections down.
      const vectorKinds =
        options.type === undefined && options.language === undefined
          ? collections.filter((kind) => kind !== 'code_examples')
          : collections;
      const perCollection = await Promise.all(
        vectorKinds.map(async (kind) => {
          const found = await this.vectors.query(kind, embedding!, VECTOR_CANDIDATES, this.vectorWhere(kind, options));
          return found.map((hit) => ({ key: documentKey(kind, hit.id), similarity: 1 - hit.distance }));
        }),
      );
      return { hits: perCollection.flat() };
    } catch (error) {
      if (options.signal?.aborted) {
        throw error;
      }
      this.logger.warn(`vector search for "${query}" failed, serving keyword results: ${errorMessage(error)}`);
      const reachable = await this.vectors.isAvailable();
      return {
        hits: [],
        note: reachable
          ? `Showing keyword results: the semantic search failed (${errorMessage(error)}).`
          : `Showing keyword results: the vector database (${this.vectors.describe()}) is not reachable.`,
      };
    }
  }

  private vectorWhere(kind: CollectionKind, options: SearchOptions): Where | undefined {
    const conditions: Where[] = [];
    if (options.domain !== undefined) {
      conditions.push({ domain: options.domain });
    }
    if (options.language !== undefined && kind === 'code_examples') {
      conditions.push({ language: options.language });
    }
    if (conditions.length === 0) {
      return undefined;
    }
    return conditions.length === 1 ? conditions[0] : { $and: conditions };
  }

  private keywordFilter(options: SearchOptions): { domain?: string; language?: string } {
    return {
      ...(options.domain === undefined ? {} : { domain: options.domain }),
      ...(options.language === undefined ? {} : { language: options.language }),
    };
  }

  private collectionsFor(options: SearchOptions): CollectionKind[] {
    if (options.language !== undefined) {
      return options.type === undefined || options.type === 'code' ? ['code_examples'] : [];
    }
    if (options.type === undefined) {
      return [...COLLECTION_KINDS];
    }
    return COLLECTION_KINDS.filter((kind) => TYPE_OF_COLLECTION[kind] === options.type);
  }

  private describeFilters(options: SearchOptions): string {
    const parts = [
      options.domain === undefined ? undefined : `domain ${options.domain}`,
      options.type === undefined ? undefined : `type ${options.type}`,
      options.language === undefined ? undefined : `language ${options.language}`,
    ].filter((part) => part !== undefined);
    return parts.length === 0 ? '' : ` with ${parts.join(', ')}`;
  }

  private toResult(document: StoredDocument, score: number, snippet: string | undefined): SearchResult {
    const root = this.options.roots().find((candidate) => candidate.id === document.rootId);
    const absolutePath = root === undefined ? document.path : path.join(root.path, ...document.path.split('/'));
    return {
      id: document.chromaId,
      type: TYPE_OF_COLLECTION[document.collection],
      ...(document.domain === null ? {} : { domain: document.domain }),
      ...(document.technology === null ? {} : { technology: document.technology }),
      ...(document.session === null ? {} : { session: document.session }),
      ...(document.language === null ? {} : { language: document.language }),
      unit: document.unit,
      section: document.section,
      title: document.title,
      snippet: snippet ?? this.leadingText(document.num),
      path: document.path,
      absolutePath,
      line: document.line,
      score: Math.round(score * 1000) / 1000,
    };
  }

  private leadingText(num: number): string {
    const text = this.store.body(num).replace(/\s+/g, ' ').trim();
    return text.length > 160 ? `${text.slice(0, 159)}…` : text;
  }
}
