/** Shared types of the search index and the search service. */

/** Chroma collection kinds, named as in the data model. */
export type CollectionKind = 'integrations' | 'research' | 'code_examples';

export const COLLECTION_KINDS: readonly CollectionKind[] = ['integrations', 'research', 'code_examples'];

/** Result type a learner filters by. */
export type SearchType = 'integration' | 'research' | 'code';

export const TYPE_OF_COLLECTION: Readonly<Record<CollectionKind, SearchType>> = {
  integrations: 'integration',
  research: 'research',
  code_examples: 'code',
};

/** Chroma metadata: scalars only, never null and never an empty list. */
export type ChromaMetadata = Record<string, string | number | boolean>;

/** One indexed unit: a PRD section, a research section or a code block. */
export interface SearchDocument {
  readonly collection: CollectionKind;
  /** Chroma id, unique within its collection. */
  readonly id: string;
  readonly rootId: string;
  /** Source file relative to the content root, with `/`. */
  readonly path: string;
  /**
   * The learning unit the document belongs to: `<domain>/<technology>` for
   * PRD sections and code blocks, the session folder for research.
   */
  readonly unit: string;
  readonly domain?: string;
  readonly technology?: string;
  readonly session?: string;
  readonly language?: string;
  /** Anchor of the section (of the code block's section for code). */
  readonly section: string;
  /** Heading text, or the code block's section heading. */
  readonly title: string;
  /** Document title, tagline and parent headings: weighted as a second field in keyword search. */
  readonly context: string;
  /** Section text or code, as the keyword index stores it. */
  readonly body: string;
  /** Text embedded in place of `body`, when it differs (a PRD's Overview with its subsections). */
  readonly embedBody?: string;
  /** 0-based line of the heading or the opening fence. */
  readonly line: number;
  readonly metadata: ChromaMetadata;
  /** Hash of the text that is embedded. */
  readonly textHash: string;
  /** Hash of everything else that is stored (metadata and display fields). */
  readonly metaHash: string;
}

/** Key of a document across collections, used by the SQLite tables. */
export function documentKey(collection: CollectionKind, id: string): string {
  return `${collection}:${id}`;
}
