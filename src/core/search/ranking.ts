/**
 * Hybrid ranking: BM25 and vector similarity, each normalised to 0..1 over
 * its own candidates and added with weights. A cap per learning unit then
 * keeps one technology or session from filling the list.
 */

/** Weights of the two halves of the fused score. */
export interface FusionWeights {
  readonly keyword: number;
  readonly vector: number;
}

/** Candidate scores of one document; a missing half counts as 0. */
export interface Candidate<T> {
  readonly item: T;
  readonly unit: string;
  readonly keyword?: number;
  /** Cosine similarity, 1 for the same direction. */
  readonly vector?: number;
}

export interface Ranked<T> {
  readonly item: T;
  readonly unit: string;
  readonly score: number;
}

function normaliser(values: readonly number[], fromZero: boolean): (value: number) => number {
  if (values.length === 0) {
    return () => 0;
  }
  const max = Math.max(...values);
  const min = fromZero ? 0 : Math.min(...values);
  const range = max - min;
  return (value) => (range <= 0 ? 1 : (value - min) / range);
}

/**
 * Fuses keyword and vector scores. BM25 is divided by its maximum, so a
 * document that matches no word scores 0. Similarity is min-max scaled,
 * because the cosine similarities of one query sit in a narrow band.
 */
export function fuseScores<T>(candidates: readonly Candidate<T>[], weights: FusionWeights): Ranked<T>[] {
  const keyword = normaliser(
    candidates.flatMap((candidate) => (candidate.keyword === undefined ? [] : [candidate.keyword])),
    true,
  );
  const vector = normaliser(
    candidates.flatMap((candidate) => (candidate.vector === undefined ? [] : [candidate.vector])),
    false,
  );

  return candidates
    .map((candidate) => ({
      item: candidate.item,
      unit: candidate.unit,
      score:
        weights.keyword * (candidate.keyword === undefined ? 0 : keyword(candidate.keyword)) +
        weights.vector * (candidate.vector === undefined ? 0 : vector(candidate.vector)),
    }))
    .sort((a, b) => b.score - a.score);
}

/**
 * Reorders a ranked list so that each window of `window` results contains at
 * most `perUnit` results of the same unit; the others move down, keeping
 * their order.
 */
export function capPerUnit<T extends { readonly unit: string }>(ranked: readonly T[], perUnit: number, window: number): T[] {
  const result: T[] = [];
  let pending = [...ranked];

  while (pending.length > 0) {
    const counts = new Map<string, number>();
    const deferred: T[] = [];
    const start = result.length;

    for (const entry of pending) {
      const count = counts.get(entry.unit) ?? 0;
      if (result.length - start < window && count < perUnit) {
        counts.set(entry.unit, count + 1);
        result.push(entry);
      } else {
        deferred.push(entry);
      }
    }
    if (deferred.length === pending.length) {
      // Nothing fits a new window only when the window is full; start the next one.
      result.push(deferred.shift()!);
    }
    pending = deferred;
  }
  return result;
}
