/**
 * Binary file of quantised word vectors, written at build time from GloVe
 * and read by the local embedding provider.
 *
 * Layout: the 8 bytes `LUNOVEC1`, a uint32 LE header length, a UTF-8 JSON
 * header ({ model, dimensions, count }), the words joined by `\n` (UTF-8,
 * length in the header), then `count` float32 LE scales and `count ×
 * dimensions` int8 values. Word i's unit vector is scale[i] × int8 row i.
 * Words are in the source's order, most frequent first.
 */
import { EmbeddingError } from '../../errors';

const MAGIC = 'LUNOVEC1';

export interface VectorsHeader {
  readonly model: string;
  readonly dimensions: number;
  readonly count: number;
  readonly wordsBytes: number;
}

export interface WordVectors {
  readonly header: VectorsHeader;
  readonly words: readonly string[];
  /** Float32 scale per word. */
  readonly scales: Float32Array;
  /** Int8 rows, `dimensions` per word. */
  readonly values: Int8Array;
}

/** Encodes unit-normalised `vectors` (one per word) as a vectors file. */
export function encodeVectors(model: string, words: readonly string[], vectors: readonly ArrayLike<number>[]): Buffer {
  const dimensions = vectors[0]?.length ?? 0;
  const wordsBuffer = Buffer.from(words.join('\n'), 'utf8');
  const header: VectorsHeader = { model, dimensions, count: words.length, wordsBytes: wordsBuffer.length };
  const headerBuffer = Buffer.from(JSON.stringify(header), 'utf8');

  const scales = new Float32Array(words.length);
  const values = new Int8Array(words.length * dimensions);
  vectors.forEach((vector, row) => {
    let norm = 0;
    let maxAbs = 0;
    for (let i = 0; i < dimensions; i += 1) {
      norm += vector[i]! * vector[i]!;
    }
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < dimensions; i += 1) {
      maxAbs = Math.max(maxAbs, Math.abs(vector[i]! / norm));
    }
    const scale = maxAbs / 127 || 1;
    scales[row] = scale;
    for (let i = 0; i < dimensions; i += 1) {
      values[row * dimensions + i] = Math.round(vector[i]! / norm / scale);
    }
  });

  const length = Buffer.alloc(4);
  length.writeUInt32LE(headerBuffer.length);
  return Buffer.concat([
    Buffer.from(MAGIC, 'ascii'),
    length,
    headerBuffer,
    wordsBuffer,
    Buffer.from(scales.buffer),
    Buffer.from(values.buffer),
  ]);
}

/** Decodes a vectors file; throws EmbeddingError naming `source` when it is malformed. */
export function decodeVectors(data: Buffer, source: string): WordVectors {
  if (data.subarray(0, 8).toString('ascii') !== MAGIC) {
    throw new EmbeddingError(`The word vectors file ${source} is not a Luno vectors file. Rebuild it with \`npm run build\`.`);
  }
  const headerLength = data.readUInt32LE(8);
  const header = JSON.parse(data.subarray(12, 12 + headerLength).toString('utf8')) as VectorsHeader;

  let offset = 12 + headerLength;
  const words = data.subarray(offset, offset + header.wordsBytes).toString('utf8').split('\n');
  offset += header.wordsBytes;

  const expected = offset + header.count * 4 + header.count * header.dimensions;
  if (words.length !== header.count || data.length !== expected) {
    throw new EmbeddingError(
      `The word vectors file ${source} is truncated or corrupt (${data.length} bytes, expected ${expected}). Rebuild it with \`npm run build\`.`,
    );
  }

  // Copies keep the typed arrays aligned whatever the header length is.
  const scales = new Float32Array(data.buffer.slice(data.byteOffset + offset, data.byteOffset + offset + header.count * 4));
  offset += header.count * 4;
  const values = new Int8Array(data.buffer.slice(data.byteOffset + offset, data.byteOffset + expected));
  return { header, words, scales, values };
}
