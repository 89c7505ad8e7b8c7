/** A model that turns texts into vectors of a fixed length. */
export interface EmbeddingProvider {
  /**
   * Model id, recorded in the metadata of the Chroma collections built with
   * it, for example `glove-6b-100d-int8-60k` or `openai:text-embedding-3-small`.
   */
  readonly id: string;
  /** Length of every vector that `embed` returns. */
  readonly dimensions: number;
  /** Returns one vector per text, in the order of `texts`. Rejects with an AbortError when `signal` aborts. */
  embed(texts: string[], signal?: AbortSignal): Promise<number[][]>;
  /** Releases what the provider holds, such as the local model's worker thread. */
  dispose?(): void;
}

/** Throws the signal's reason when it has aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  signal?.throwIfAborted();
}
