/**
 * Embeddings from OpenAI's API (`text-embedding-3-small` by default) through
 * the `openai` package: batched, retried with exponential backoff on 429,
 * 5xx and connection errors, and an EmbeddingError that explains how to fix a
 * rejected key. The key never reaches a log or a message.
 */
import OpenAI from 'openai';
import { EmbeddingError, errorMessage } from '../../errors';
import { withComponent, type Logger } from '../../log';
import type { EmbeddingProvider } from './types';

export const OPENAI_DEFAULT_MODEL = 'text-embedding-3-small';

export interface OpenAiEmbeddingOptions {
  readonly apiKey: string;
  readonly logger: Logger;
  /** API base URL, for example `https://api.openai.com/v1` (the package default) or a compatible server. */
  readonly baseURL?: string;
  readonly model?: string;
  /** Vector length the model returns. Default 1536, the length of text-embedding-3-small. */
  readonly dimensions?: number;
  /** Texts per request. Default 256 (the API accepts up to 2048). */
  readonly batchSize?: number;
  /** Retries of one request after 429, 5xx or a connection error. Default 4. */
  readonly maxRetries?: number;
  /** Delay before the first retry, doubled for each further one, in milliseconds. Default 500. */
  readonly retryDelayMs?: number;
  /** Request timeout in milliseconds. Default 60,000. */
  readonly timeoutMs?: number;
}

/** Characters kept per text: well below the model's 8,192-token input limit. */
const MAX_INPUT_CHARS = 20_000;

const SET_KEY_HINT = 'Run "Luno: Set OpenAI API Key" (or set OPENAI_API_KEY for the CLI) with a valid key, or switch luno.search.embeddings to "local".';

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

export class OpenAiEmbeddingProvider implements EmbeddingProvider {
  readonly id: string;
  readonly dimensions: number;

  private readonly logger: Logger;
  private readonly client: OpenAI;
  private readonly model: string;

  constructor(private readonly options: OpenAiEmbeddingOptions) {
    if (options.apiKey.trim() === '') {
      throw new EmbeddingError(`No OpenAI API key is set. ${SET_KEY_HINT}`);
    }
    this.model = options.model ?? OPENAI_DEFAULT_MODEL;
    this.id = `openai:${this.model}`;
    this.dimensions = options.dimensions ?? 1536;
    this.logger = withComponent(options.logger, 'openai');
    this.client = new OpenAI({
      apiKey: options.apiKey,
      ...(options.baseURL === undefined ? {} : { baseURL: options.baseURL }),
      maxRetries: 0,
      timeout: options.timeoutMs ?? 60_000,
    });
  }

  async embed(texts: string[], signal?: AbortSignal): Promise<number[][]> {
    const batchSize = this.options.batchSize ?? 256;
    const vectors: number[][] = [];
    for (let start = 0; start < texts.length; start += batchSize) {
      signal?.throwIfAborted();
      const batch = texts.slice(start, start + batchSize).map((text) => (text.trim() === '' ? ' ' : text.slice(0, MAX_INPUT_CHARS)));
      vectors.push(...(await this.request(batch, signal)));
    }
    return vectors;
  }

  private async request(input: string[], signal?: AbortSignal): Promise<number[][]> {
    const maxRetries = this.options.maxRetries ?? 4;
    for (let attempt = 0; ; attempt += 1) {
      try {
        const response = await this.client.embeddings.create({ model: this.model, input, encoding_format: 'float' }, signal === undefined ? {} : { signal });
        const sorted = [...response.data].sort((a, b) => a.index - b.index);
        if (sorted.length !== input.length) {
          throw new EmbeddingError(`OpenAI returned ${sorted.length} embeddings for ${input.length} texts. Try again later.`);
        }
        return sorted.map((entry) => entry.embedding);
      } catch (error) {
        signal?.throwIfAborted();
        const status = error instanceof OpenAI.APIError ? error.status : undefined;

        if (status === 401 || status === 403) {
          throw new EmbeddingError(`OpenAI rejected the API key (HTTP ${status}). ${SET_KEY_HINT}`);
        }
        const retryable = status === 429 || (status !== undefined && status >= 500) || error instanceof OpenAI.APIConnectionError;
        if (!retryable || attempt >= maxRetries) {
          const reason = this.redact(errorMessage(error));
          this.logger.error(`embedding ${input.length} texts with ${this.model} failed after ${attempt + 1} attempts: ${reason}`);
          throw new EmbeddingError(`Embedding with OpenAI ${this.model} failed: ${reason}`, { cause: error });
        }

        const wait = (this.options.retryDelayMs ?? 500) * 2 ** attempt;
        this.logger.warn(`OpenAI ${status === undefined ? 'connection failed' : `returned HTTP ${status}`}; retry ${attempt + 1} of ${maxRetries} in ${wait} ms`);
        await delay(wait, signal);
      }
    }
  }

  /** Removes the key, and anything shaped like one, from a message. */
  private redact(message: string): string {
    return message.split(this.options.apiKey).join('[key]').replace(/sk-[A-Za-z0-9_*-]{6,}/g, '[key]');
  }
}
