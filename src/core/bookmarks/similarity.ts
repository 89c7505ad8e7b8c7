/**
 * Text similarity for matching a renamed heading to its old title.
 * Sørensen-Dice coefficient over character bigrams of each word, after lower-casing
 * and turning punctuation into spaces. Bigrams are taken per word so that word
 * order and spacing matter little and shared words count most.
 */

/** Lower-cases, replaces everything except letters and digits by spaces, and collapses spaces. */
export function normaliseTitle(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Returns the Dice coefficient of two texts, from 0 (nothing shared) to 1 (same normalised text). */
export function titleSimilarity(left: string, right: string): number {
  const a = normaliseTitle(left);
  const b = normaliseTitle(right);
  if (a === b) {
    return 1;
  }

  const leftBigrams = bigrams(a);
  const rightBigrams = bigrams(b);
  const total = countAll(leftBigrams) + countAll(rightBigrams);
  if (total === 0) {
    return 0;
  }

  let shared = 0;
  for (const [bigram, count] of leftBigrams) {
    shared += Math.min(count, rightBigrams.get(bigram) ?? 0);
  }

  return (2 * shared) / total;
}

function bigrams(text: string): Map<string, number> {
  const counts = new Map<string, number>();

  for (const word of text.split(' ')) {
    // A one-character word ("a", "3") counts as one unit so it still contributes.
    const units = word.length === 1 ? [word] : [...word].slice(0, -1).map((_, index) => word.slice(index, index + 2));
    for (const unit of units) {
      if (unit !== '') {
        counts.set(unit, (counts.get(unit) ?? 0) + 1);
      }
    }
  }

  return counts;
}

function countAll(counts: Map<string, number>): number {
  let total = 0;
  for (const count of counts.values()) {
    total += count;
  }
  return total;
}
