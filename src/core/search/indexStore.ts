/**
 * SQLite side of the search index: the documents and their keyword index,
 * which vectors each embedding model holds, and the state of full runs.
 * Tables come from migrations/002_search_index.sql.
 */
import type Database from 'better-sqlite3';
import type { SearchDocument } from './types';
import { documentKey } from './types';

/** Index record of one document. */
export interface StoredDocument {
  readonly num: number;
  readonly docKey: string;
  readonly collection: SearchDocument['collection'];
  readonly chromaId: string;
  readonly rootId: string;
  readonly path: string;
  readonly unit: string;
  readonly domain: string | null;
  readonly technology: string | null;
  readonly session: string | null;
  readonly language: string | null;
  readonly section: string;
  readonly title: string;
  readonly line: number;
  readonly textHash: string;
  readonly metaHash: string;
}

export interface EmbeddingState {
  readonly textHash: string;
  readonly metaHash: string;
}

export type RunState = 'running' | 'complete' | 'cancelled' | 'failed';

export interface IndexRun {
  readonly model: string;
  readonly state: RunState;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  /** End of the last run that completed, also while a later run is going on. */
  readonly completedAt: string | null;
  readonly documents: number;
  readonly error: string | null;
}

const DOCUMENT_COLUMNS = `num, doc_key AS docKey, collection, chroma_id AS chromaId, root_id AS rootId, path, unit,
  domain, technology, session, language, section, title, line, text_hash AS textHash, meta_hash AS metaHash`;

export class SearchIndexStore {
  /** `db` is called on each use because a restore can replace the connection. */
  constructor(private readonly db: () => Database.Database) {}

  /** Returns every stored document, by key. */
  allDocuments(): Map<string, StoredDocument> {
    const rows = this.db().prepare(`SELECT ${DOCUMENT_COLUMNS} FROM search_documents`).all() as StoredDocument[];
    return new Map(rows.map((row) => [row.docKey, row]));
  }

  /** Documents that came from one file. */
  documentsOfFile(rootId: string, path: string): StoredDocument[] {
    return this.db()
      .prepare(`SELECT ${DOCUMENT_COLUMNS} FROM search_documents WHERE root_id = ? AND path = ?`)
      .all(rootId, path) as StoredDocument[];
  }

  /** Documents by their rowid in the keyword index. */
  documentsByNum(nums: readonly number[]): Map<number, StoredDocument> {
    const found = new Map<number, StoredDocument>();
    const statement = this.db().prepare(`SELECT ${DOCUMENT_COLUMNS} FROM search_documents WHERE num = ?`);
    for (const num of nums) {
      const row = statement.get(num) as StoredDocument | undefined;
      if (row !== undefined) {
        found.set(num, row);
      }
    }
    return found;
  }

  /** Documents by key; unknown keys are left out. */
  documentsByKey(keys: readonly string[]): Map<string, StoredDocument> {
    const found = new Map<string, StoredDocument>();
    const statement = this.db().prepare(`SELECT ${DOCUMENT_COLUMNS} FROM search_documents WHERE doc_key = ?`);
    for (const key of keys) {
      const row = statement.get(key) as StoredDocument | undefined;
      if (row !== undefined) {
        found.set(key, row);
      }
    }
    return found;
  }

  /** Number of stored documents. */
  countDocuments(): number {
    return (this.db().prepare('SELECT count(*) AS count FROM search_documents').get() as { count: number }).count;
  }

  /** Reads the body text of a document from the keyword index. */
  body(num: number): string {
    const row = this.db().prepare('SELECT body FROM search_fts WHERE rowid = ?').get(num) as { body: string } | undefined;
    return row?.body ?? '';
  }

  /** Inserts or replaces documents and their keyword rows in one transaction. */
  saveDocuments(documents: readonly SearchDocument[], now: string): void {
    const db = this.db();
    const findNum = db.prepare('SELECT num FROM search_documents WHERE doc_key = ?');
    const insert = db.prepare(`INSERT INTO search_documents
      (doc_key, collection, chroma_id, root_id, path, unit, domain, technology, session, language, section, title, line, metadata, text_hash, meta_hash, updated_at)
      VALUES (@docKey, @collection, @chromaId, @rootId, @path, @unit, @domain, @technology, @session, @language, @section, @title, @line, @metadata, @textHash, @metaHash, @now)`);
    const update = db.prepare(`UPDATE search_documents SET root_id = @rootId, path = @path, unit = @unit, domain = @domain,
      technology = @technology, session = @session, language = @language, section = @section, title = @title, line = @line,
      metadata = @metadata, text_hash = @textHash, meta_hash = @metaHash, updated_at = @now WHERE num = @num`);
    const deleteFts = db.prepare('DELETE FROM search_fts WHERE rowid = ?');
    const insertFts = db.prepare('INSERT INTO search_fts (rowid, title, context, body) VALUES (?, ?, ?, ?)');

    db.transaction(() => {
      for (const document of documents) {
        const values = {
          docKey: documentKey(document.collection, document.id),
          collection: document.collection,
          chromaId: document.id,
          rootId: document.rootId,
          path: document.path,
          unit: document.unit,
          domain: document.domain ?? null,
          technology: document.technology ?? null,
          session: document.session ?? null,
          language: document.language ?? null,
          section: document.section,
          title: document.title,
          line: document.line,
          metadata: JSON.stringify(document.metadata),
          textHash: document.textHash,
          metaHash: document.metaHash,
          now,
        };
        const existing = findNum.get(values.docKey) as { num: number } | undefined;
        let num: number;
        if (existing === undefined) {
          num = Number(insert.run(values).lastInsertRowid);
        } else {
          num = existing.num;
          update.run({ ...values, num });
          deleteFts.run(num);
        }
        insertFts.run(num, document.title, document.context, document.body);
      }
    })();
  }

  /** Deletes documents and their keyword rows; their embedding rows stay until each model's collections drop them. */
  deleteDocuments(keys: readonly string[]): void {
    const db = this.db();
    const findNum = db.prepare('SELECT num FROM search_documents WHERE doc_key = ?');
    const deleteRow = db.prepare('DELETE FROM search_documents WHERE num = ?');
    const deleteFts = db.prepare('DELETE FROM search_fts WHERE rowid = ?');

    db.transaction(() => {
      for (const key of keys) {
        const row = findNum.get(key) as { num: number } | undefined;
        if (row !== undefined) {
          deleteFts.run(row.num);
          deleteRow.run(row.num);
        }
      }
    })();
  }

  /** Hashes of the documents that `model`'s collections hold, by key. */
  embeddings(model: string): Map<string, EmbeddingState> {
    const rows = this.db()
      .prepare('SELECT doc_key AS docKey, text_hash AS textHash, meta_hash AS metaHash FROM search_embeddings WHERE model = ?')
      .all(model) as (EmbeddingState & { docKey: string })[];
    return new Map(rows.map((row) => [row.docKey, { textHash: row.textHash, metaHash: row.metaHash }]));
  }

  /** Records that `model`'s collections now hold these documents as given. */
  markEmbedded(model: string, documents: readonly SearchDocument[]): void {
    const db = this.db();
    const upsert = db.prepare(`INSERT INTO search_embeddings (model, doc_key, text_hash, meta_hash) VALUES (?, ?, ?, ?)
      ON CONFLICT (model, doc_key) DO UPDATE SET text_hash = excluded.text_hash, meta_hash = excluded.meta_hash`);
    db.transaction(() => {
      for (const document of documents) {
        upsert.run(model, documentKey(document.collection, document.id), document.textHash, document.metaHash);
      }
    })();
  }

  /** Forgets that `model`'s collections hold these documents. */
  unmarkEmbedded(model: string, keys: readonly string[]): void {
    const db = this.db();
    const remove = db.prepare('DELETE FROM search_embeddings WHERE model = ? AND doc_key = ?');
    db.transaction(() => {
      for (const key of keys) {
        remove.run(model, key);
      }
    })();
  }

  /** Forgets every vector of `model`, for a rebuild or after its collections were recreated. */
  clearModel(model: string): void {
    this.db().prepare('DELETE FROM search_embeddings WHERE model = ?').run(model);
    this.db().prepare('DELETE FROM search_index_runs WHERE model = ?').run(model);
  }

  /** Forgets every document, for a rebuild. */
  clearDocuments(): void {
    const db = this.db();
    db.transaction(() => {
      db.prepare('DELETE FROM search_fts').run();
      db.prepare('DELETE FROM search_documents').run();
    })();
  }

  /** Marks the start of a full run of `model`. */
  startRun(model: string, now: string): void {
    this.db()
      .prepare(`INSERT INTO search_index_runs (model, state, started_at, documents) VALUES (?, 'running', ?, 0)
        ON CONFLICT (model) DO UPDATE SET state = 'running', started_at = excluded.started_at, finished_at = NULL, error = NULL`)
      .run(model, now);
  }

  /** Marks the end of a full run of `model`. */
  finishRun(model: string, state: Exclude<RunState, 'running'>, now: string, documents: number, error?: string): void {
    this.db()
      .prepare(`UPDATE search_index_runs SET state = ?, finished_at = ?, documents = ?, error = ?,
        completed_at = CASE WHEN ? = 'complete' THEN ? ELSE completed_at END WHERE model = ?`)
      .run(state, now, documents, error ?? null, state, now, model);
  }

  lastRun(model: string): IndexRun | undefined {
    return this.db()
      .prepare(`SELECT model, state, started_at AS startedAt, finished_at AS finishedAt, completed_at AS completedAt,
        documents, error FROM search_index_runs WHERE model = ?`)
      .get(model) as IndexRun | undefined;
  }
}
