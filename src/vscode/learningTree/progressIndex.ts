import { LAYER_COUNT } from '../../core/content/model';

/** The fields of a progress row that the views read. */
export interface LayerState {
  readonly domain: string;
  readonly technology: string;
  readonly layer: number;
  readonly completed: boolean;
}

/** Progress of one domain, counted over the technologies that exist in the content. */
export interface DomainCounts {
  readonly technologies: number;
  /** Technologies with all five layers completed. */
  readonly completedTechnologies: number;
  readonly totalLayers: number;
  readonly completedLayers: number;
  /** completedLayers / totalLayers as a whole percentage, 0 when there are no layers. */
  readonly percentage: number;
}

/**
 * Completed layers per technology, kept in memory so tree items render without
 * a query each. Rows for layers outside 0-4 are ignored.
 */
export class ProgressIndex {
  private readonly completed = new Map<string, Set<number>>();

  constructor(rows: readonly LayerState[] = []) {
    this.replaceAll(rows);
  }

  /** Replaces everything with the given rows, for a full reload. */
  replaceAll(rows: readonly LayerState[]): void {
    this.completed.clear();
    for (const row of rows) {
      if (row.completed) {
        this.layersFor(row.domain, row.technology).add(row.layer);
      }
    }
  }

  /** Replaces one technology's layers with the given rows, after a write to it. */
  replaceTechnology(domain: string, technology: string, rows: readonly LayerState[]): void {
    const layers = this.layersFor(domain, technology);
    layers.clear();
    for (const row of rows) {
      if (row.completed) {
        layers.add(row.layer);
      }
    }
  }

  isCompleted(domain: string, technology: string, layer: number): boolean {
    return this.completed.get(key(domain, technology))?.has(layer) ?? false;
  }

  /** Number of completed layers 0-4 of one technology. */
  completedCount(domain: string, technology: string): number {
    const layers = this.completed.get(key(domain, technology));
    if (!layers) {
      return 0;
    }

    let count = 0;
    for (const layer of layers) {
      if (isKnownLayer(layer)) {
        count += 1;
      }
    }
    return count;
  }

  /** Returns the first layer not completed, or undefined when all five are. */
  currentLayer(domain: string, technology: string): number | undefined {
    for (let layer = 0; layer < LAYER_COUNT; layer += 1) {
      if (!this.isCompleted(domain, technology, layer)) {
        return layer;
      }
    }
    return undefined;
  }

  /** Counts for a domain over the given technology ids (the ones in the content). */
  domainCounts(domain: string, technologyIds: readonly string[]): DomainCounts {
    let completedTechnologies = 0;
    let completedLayers = 0;

    for (const technology of technologyIds) {
      const count = this.completedCount(domain, technology);
      completedLayers += count;
      if (count === LAYER_COUNT) {
        completedTechnologies += 1;
      }
    }

    const totalLayers = technologyIds.length * LAYER_COUNT;
    const percentage = totalLayers === 0 ? 0 : Math.round((completedLayers / totalLayers) * 100);
    return { technologies: technologyIds.length, completedTechnologies, totalLayers, completedLayers, percentage };
  }

  private layersFor(domain: string, technology: string): Set<number> {
    const mapKey = key(domain, technology);
    let layers = this.completed.get(mapKey);
    if (!layers) {
      layers = new Set();
      this.completed.set(mapKey, layers);
    }
    return layers;
  }
}

function key(domain: string, technology: string): string {
  return `${domain}\u0000${technology}`;
}

function isKnownLayer(layer: number): boolean {
  return Number.isInteger(layer) && layer >= 0 && layer < LAYER_COUNT;
}
