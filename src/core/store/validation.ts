import { LunoError } from '../errors';
import { LAYER_COUNT } from '../content/model';

/** A repository received a value it cannot store (a caller bug, not a database problem). */
export class InvalidInputError extends LunoError {}

/** Domain folder name and technology file name (without `.md`) of an integration PRD. */
export interface TechnologyRef {
  domain: string;
  technology: string;
}

export function requireText(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new InvalidInputError(`Invalid ${what}: expected a non-empty string, got ${JSON.stringify(value)}.`);
  }
  return value;
}

export function requireRef(ref: TechnologyRef): TechnologyRef {
  return {
    domain: requireText(ref?.domain, 'domain'),
    technology: requireText(ref?.technology, 'technology'),
  };
}

export function requireLayer(layer: unknown): number {
  if (typeof layer !== 'number' || !Number.isInteger(layer) || layer < 0 || layer >= LAYER_COUNT) {
    throw new InvalidInputError(`Invalid layer ${JSON.stringify(layer)}: expected an integer from 0 to ${LAYER_COUNT - 1}.`);
  }
  return layer;
}

/** Returns `limit` when it is a positive integer, else throws. */
export function requireLimit(limit: unknown): number {
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) {
    throw new InvalidInputError(`Invalid limit ${JSON.stringify(limit)}: expected a positive integer.`);
  }
  return limit;
}
