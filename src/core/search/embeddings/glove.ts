/**
 * A fast offline embedding provider: averaged GloVe word vectors loaded from
 * a file that the build writes into dist/vectors/. Makes no network request.
 * A text's vector is the SIF-weighted mean of its words' unit vectors
 * (weight a / (a + p(word)), with p estimated from the word's frequency rank
 * by Zipf's law), minus its component along the direction all English text
 * shares, normalised to unit length.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { EmbeddingError, errorMessage } from '../../errors';
import { withComponent, type Logger } from '../../log';
import type { EmbeddingProvider } from './types';
import { decodeVectors, type WordVectors } from './vectorsFile';

/** Number of most frequent GloVe words the bundled file keeps. */
export const GLOVE_MODEL_WORDS = 60_000;

/** Returns the name of the vectors file that keeps the `words` most frequent words. */
export function vectorsFileName(words = GLOVE_MODEL_WORDS): string {
  return `glove-6b-100d-int8-${Math.round(words / 1000)}k.bin`;
}

export const VECTORS_FILE_NAME = vectorsFileName();

/**
 * Model id recorded in the Chroma collections. Changing the tokenizer, the
 * weighting or the vocabulary changes every vector: give the model a new id
 * then, so that existing collections are rebuilt.
 */
export const GLOVE_MODEL_ID = 'glove-6b-100d-60k-sif';

/** SIF smoothing constant. */
const SIF_A = 1e-3;
/** Zipf normaliser for a vocabulary of about 400,000 words: 1 / (ln(400,000) + 0.577). */
const ZIPF_C = 1 / 13.47;

/**
 * Returns the places the vectors file is looked for: `vectors/` beside the
 * bundle (dist/ in the extension and the CLI), then dist/vectors/ of the
 * repository when running from source.
 */
export function defaultVectorsFileCandidates(): string[] {
  return [
    path.join(__dirname, 'vectors', VECTORS_FILE_NAME),
    path.resolve(__dirname, '..', '..', '..', '..', 'dist', 'vectors', VECTORS_FILE_NAME),
  ];
}

/** Splits text into lower-case word tokens; camelCase parts are kept as extra candidates. */
export function tokenize(text: string): string[][] {
  const tokens: string[][] = [];
  for (const match of text.matchAll(/[A-Za-z0-9]+/g)) {
    const raw = match[0];
    const parts = raw.match(/[A-Z]?[a-z]+|[0-9]+|[A-Z]+(?![a-z])/g) ?? [];
    const lower = parts.map((part) => part.toLowerCase());
    tokens.push([raw.toLowerCase(), ...(lower.length > 1 ? lower : [])]);
  }
  return tokens;
}

export interface GloveEmbeddingOptions {
  readonly logger: Logger;
  /** Path of the vectors file; found with `defaultVectorsFileCandidates()` when omitted. */
  readonly vectorsFile?: string;
}

/** GloVe-based offline provider. Loads its file on the first `embed` call. */
export class GloveEmbeddingProvider implements EmbeddingProvider {
  readonly id: string = GLOVE_MODEL_ID;
  readonly dimensions = 100;

  private readonly logger: Logger;
  private vectors: WordVectors | undefined;
  private index: Map<string, number> | undefined;
  private weights: Float32Array | undefined;
  private common: Float64Array | undefined;

  constructor(private readonly options: GloveEmbeddingOptions) {
    this.logger = withComponent(options.logger, 'glove');
  }

  async embed(texts: string[], signal?: AbortSignal): Promise<number[][]> {
    signal?.throwIfAborted();
    this.load();
    return texts.map((text) => this.embedOne(text));
  }

  /** Reads the vectors file; throws EmbeddingError naming the paths tried when it is missing. */
  load(): void {
    if (this.vectors !== undefined) {
      return;
    }
    const candidates = this.options.vectorsFile !== undefined ? [this.options.vectorsFile] : defaultVectorsFileCandidates();
    const file = candidates.find((candidate) => existsSync(candidate));
    if (file === undefined) {
      throw new EmbeddingError(
        `The GloVe word vectors file is missing (looked in ${candidates.join(', ')}). Reinstall the extension, or run \`npm run build\` in a source checkout.`,
      );
    }

    const started = Date.now();
    let vectors: WordVectors;
    try {
      vectors = decodeVectors(readFileSync(file), file);
    } catch (error) {
      if (error instanceof EmbeddingError) {
        throw error;
      }
      throw new EmbeddingError(`Reading the word vectors file ${file} failed: ${errorMessage(error)}`, { cause: error });
    }
    if (vectors.header.dimensions !== this.dimensions) {
      throw new EmbeddingError(
        `The word vectors file ${file} has ${vectors.header.dimensions} dimensions, expected ${this.dimensions}. Rebuild it with \`npm run build\`.`,
      );
    }

    const index = new Map<string, number>();
    const weights = new Float32Array(vectors.words.length);
    vectors.words.forEach((word, rank) => {
      index.set(word, rank);
      const probability = ZIPF_C / (rank + 1);
      weights[rank] = SIF_A / (SIF_A + probability);
    });

    this.vectors = vectors;
    this.index = index;
    this.weights = weights;
    this.common = this.commonDirection();
    this.logger.info(`loaded ${vectors.words.length} word vectors from ${file} in ${Date.now() - started} ms`);
  }

  /**
   * Returns the unit vector of the expected SIF-weighted word vector of
   * English text: the direction every averaged text vector shares, removed
   * from each embedding so that similarity reflects what differs.
   */
  private commonDirection(): Float64Array {
    const { scales, values } = this.vectors!;
    const dimensions = this.dimensions;
    const sum = new Float64Array(dimensions);
    for (let r = 0; r < scales.length; r += 1) {
      const factor = (ZIPF_C / (r + 1)) * this.weights![r]! * scales[r]!;
      for (let i = 0; i < dimensions; i += 1) {
        sum[i]! += factor * values[r * dimensions + i]!;
      }
    }
    let norm = 0;
    for (let i = 0; i < dimensions; i += 1) {
      norm += sum[i]! * sum[i]!;
    }
    norm = Math.sqrt(norm);
    return sum.map((value) => value / norm);
  }

  private embedOne(text: string): number[] {
    const { scales, values } = this.vectors!;
    const dimensions = this.dimensions;
    const sum = new Float64Array(dimensions);

    for (const candidates of tokenize(text)) {
      const [whole, ...parts] = candidates;
      const rank = this.index!.get(whole!);
      const ranks = rank !== undefined ? [rank] : parts.map((part) => this.index!.get(part)).filter((r) => r !== undefined);

      for (const r of ranks) {
        const factor = this.weights![r]! * scales[r]!;
        const offset = r * dimensions;
        for (let i = 0; i < dimensions; i += 1) {
          sum[i]! += factor * values[offset + i]!;
        }
      }
    }

    if (this.common !== undefined) {
      let dot = 0;
      for (let i = 0; i < dimensions; i += 1) {
        dot += sum[i]! * this.common[i]!;
      }
      for (let i = 0; i < dimensions; i += 1) {
        sum[i]! -= dot * this.common[i]!;
      }
    }
    let norm = 0;
    for (let i = 0; i < dimensions; i += 1) {
      norm += sum[i]! * sum[i]!;
    }
    norm = Math.sqrt(norm);

    // A text with no known word gets the same fixed unit vector, so that
    // cosine distance stays defined.
    if (norm === 0) {
      return Array.from({ length: dimensions }, () => 1 / Math.sqrt(dimensions));
    }
    return Array.from(sum, (value) => value / norm);
  }
}
