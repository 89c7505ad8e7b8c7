/**
 * Keyword search with SQLite FTS5: BM25 over the title, context and body of
 * every document, with the porter stemmer.
 */
import type Database from 'better-sqlite3';
import type { CollectionKind } from './types';

/** Column weights for bm25(): title, context (document title, tagline, parent headings), body. */
export interface KeywordWeights {
  readonly title: number;
  readonly context: number;
  readonly body: number;
}

export const DEFAULT_KEYWORD_WEIGHTS: KeywordWeights = { title: 4, context: 2, body: 1 };

export interface KeywordFilter {
  readonly collections: readonly CollectionKind[];
  readonly domain?: string;
  readonly language?: string;
}

export interface KeywordHit {
  /** Rowid of the document in search_fts and search_documents. */
  readonly num: number;
  /** BM25 relevance, larger is better (FTS5 returns it negated). */
  readonly score: number;
}

// Words too common to help ranking; the query drops them before matching.
const STOP_WORDS = new Set(
  `a about an and are as at be but by can could do does for from how i if in into is it its me my of on or should so
  that the their them then there these this to use using was what when where which who why will with would you your
  want need get make way best good`.split(/\s+/),
);

/** Turns free text into an FTS5 query: each remaining word quoted and ORed, the last one as a prefix while typing. */
export function toMatchQuery(query: string): string | undefined {
  const words = (query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((word) => !STOP_WORDS.has(word));
  if (words.length === 0) {
    return undefined;
  }
  const typing = !/\s$/.test(query);
  const terms = words.map((word, index) => {
    const quoted = `"${word}"`;
    return typing && index === words.length - 1 && word.length >= 3 ? `${quoted}*` : quoted;
  });
  return terms.join(' OR ');
}

/** Runs a BM25 query over the keyword index. */
export function searchKeywords(
  db: Database.Database,
  query: string,
  filter: KeywordFilter,
  limit: number,
  weights: KeywordWeights = DEFAULT_KEYWORD_WEIGHTS,
): KeywordHit[] {
  const match = toMatchQuery(query);
  if (match === undefined || filter.collections.length === 0) {
    return [];
  }

  const conditions = [`d.collection IN (${filter.collections.map(() => '?').join(', ')})`];
  const parameters: (string | number)[] = [...filter.collections];
  if (filter.domain !== undefined) {
    conditions.push('d.domain = ?');
    parameters.push(filter.domain);
  }
  if (filter.language !== undefined) {
    conditions.push('d.language = ?');
    parameters.push(filter.language);
  }

  // Snippets are left out here: SQLite would build one for every matching row before sorting.
  const rows = db
    .prepare(
      `SELECT search_fts.rowid AS num, bm25(search_fts, ?, ?, ?) AS rank
      FROM search_fts JOIN search_documents d ON d.num = search_fts.rowid
      WHERE search_fts MATCH ? AND ${conditions.join(' AND ')}
      ORDER BY rank LIMIT ?`,
    )
    .all(weights.title, weights.context, weights.body, match, ...parameters, limit) as { num: number; rank: number }[];

  return rows.map((row) => ({ num: row.num, score: -row.rank }));
}

/** Returns the body snippet around the query's words for each document that matches it. */
export function keywordSnippets(db: Database.Database, query: string, nums: readonly number[]): Map<number, string> {
  const match = toMatchQuery(query);
  const snippets = new Map<number, string>();
  if (match === undefined) {
    return snippets;
  }
  // SQLite 3.53's FTS5 drops a bound `rowid = ?` next to MATCH and returns every
  // matching row; the CAST keeps the rowid constraint.
  const statement = db.prepare(
    `SELECT snippet(search_fts, 2, '', '', '…', 16) AS snippet FROM search_fts
    WHERE search_fts MATCH ? AND rowid = CAST(? AS INTEGER)`,
  );
  for (const num of nums) {
    const row = statement.get(match, num) as { snippet: string } | undefined;
    if (row !== undefined && row.snippet.trim() !== '') {
      snippets.set(num, row.snippet.replace(/\s+/g, ' ').trim());
    }
  }
  return snippets;
}
