import { ObservableRepository } from './repository';
import { LAYER_COUNT } from '../content/model';
import { DEFAULT_USER_ID } from './context';
import { requireLayer, requireLimit, requireRef, type TechnologyRef } from './validation';

export type { TechnologyRef } from './validation';

export interface LayerProgress {
  domain: string;
  technology: string;
  layer: number;
  completed: boolean;
  /**
 * ISO 8601 UTC time of completion, or null while the layer is not completed. */
  completedAt: string | null;
  updatedAt: string;
}

export interface DomainSummary {
  domain: string;
  technologies: number;
  /** Technologies with all five layers completed. */
  completedTechnologies: number;
  totalLayers: number;
  completedLayers: number;
  /** 0-100, rounded to one decimal. */
  percentage: number;
}

export interface ProgressSummary {
  domains: DomainSummary[];
  overall: { technologies: number; totalLayers: number; completedLayers: number; percentage: number };
}

export interface ActivityEntry {
  domain: string;
  technology: string;
  layer: number;
  completedAt: string;
}

interface ProgressRow {
  domain: string;
  technology: string;
  layer: number;
  completed: number;
  completed_at: string | null;
  updated_at: string;
}

const ROW_COLUMNS = 'domain, technology, layer, completed, completed_at, updated_at';

/**
 * Upserts one layer. Completing a completed layer keeps its first completion time;
 * un-completing clears it. Notes are never touched here, so a reset keeps them.
 */
const UPSERT_LAYER = `
  INSERT INTO progress (user_id, domain, technology, layer, completed, completed_at, created_at, updated_at)
  VALUES (@userId, @domain, @technology, @layer, @completed, @completedAt, @now, @now)
  ON CONFLICT (user_id, domain, technology, layer) DO UPDATE SET
    completed = excluded.completed,
    completed_at = CASE
      WHEN excluded.completed = 0 THEN NULL
      WHEN progress.completed = 1 THEN progress.completed_at
      ELSE excluded.completed_at
    END,
    updated_at = excluded.updated_at
  RETURNING ${ROW_COLUMNS}`;

/**
 * Completion of the learning layers L0-L4 per technology, and notes per technology.
 * `onDidChange` fires with the technology after each write.
 */
export class ProgressRepository extends ObservableRepository<TechnologyRef> {
  setLayerCompleted(ref: TechnologyRef, layer: number, completed: boolean): LayerProgress {
    const target = requireRef(ref);
    requireLayer(layer);

    const row = this.context.write(() => this.upsertLayer(target, layer, completed, this.context.now()));

    this.changed.fire(target);
    return toLayerProgress(row);
  }

  /** Marks all five layers done, or resets them all; notes survive a reset. */
  setAllLayers(ref: TechnologyRef, completed: boolean): void {
    const target = requireRef(ref);

    this.context.write(() => {
      const now = this.context.now();
      for (let layer = 0; layer < LAYER_COUNT; layer++) {
        this.upsertLayer(target, layer, completed, now);
      }
    });

    this.changed.fire(target);
  }

  /** Returns the stored rows of one technology, by layer; layers never touched have no row. */
  layersOf(ref: TechnologyRef): LayerProgress[] {
    const target = requireRef(ref);

    const rows = this.context.read(
      () =>
        this.context
          .statement(
            `SELECT ${ROW_COLUMNS} FROM progress
             WHERE user_id = ? AND domain = ? AND technology = ?
             ORDER BY layer`,
          )
          .all(DEFAULT_USER_ID, target.domain, target.technology) as ProgressRow[],
    );

    return rows.map(toLayerProgress);
  }

  all(): LayerProgress[] {
    const rows = this.context.read(
      () =>
        this.context
          .statement(`SELECT ${ROW_COLUMNS} FROM progress WHERE user_id = ? ORDER BY domain, technology, layer`)
          .all(DEFAULT_USER_ID) as ProgressRow[],
    );

    return rows.map(toLayerProgress);
  }

  notes(ref: TechnologyRef): string | undefined {
    const target = requireRef(ref);

    const row = this.context.read(
      () =>
        this.context
          .statement(
            `SELECT notes FROM progress
             WHERE user_id = ? AND domain = ? AND technology = ? AND layer = 0`,
          )
          .get(DEFAULT_USER_ID, target.domain, target.technology) as { notes: string | null } | undefined,
    );

    return row?.notes ?? undefined;
  }

  /**
   * Stores the notes of a technology on its layer-0 row, creating that row
   * (not completed) when missing. An empty string removes the notes.
   */
  setNotes(ref: TechnologyRef, notes: string): void {
    const target = requireRef(ref);
    const value = notes === '' ? null : String(notes);

    this.context.write(() => {
      const now = this.context.now();
      this.context
        .statement(
          `INSERT INTO progress (user_id, domain, technology, layer, completed, notes, created_at, updated_at)
           VALUES (?, ?, ?, 0, 0, ?, ?, ?)
           ON CONFLICT (user_id, domain, technology, layer) DO UPDATE SET
             notes = excluded.notes,
             updated_at = excluded.updated_at`,
        )
        .run(DEFAULT_USER_ID, target.domain, target.technology, value, now, now);
    });

    this.changed.fire(target);
  }

  /**
   * Summarises the technologies passed in, five layers each, whether or not they have
   * rows. Rows of technologies not passed in are ignored. Domains keep the order of
   * their first technology in `technologies`; duplicates count once.
   */
  summary(technologies: readonly TechnologyRef[]): ProgressSummary {
    const completedByTechnology = this.completedLayerCounts();
    const domains = new Map<string, DomainSummary>();
    const seen = new Set<string>();

    for (const ref of technologies) {
      const key = technologyKey(ref);
      if (seen.has(key)) {
        continue;
      }
      seen.add(key);

      let domain = domains.get(ref.domain);
      if (!domain) {
        domain = { domain: ref.domain, technologies: 0, completedTechnologies: 0, totalLayers: 0, completedLayers: 0, percentage: 0 };
        domains.set(ref.domain, domain);
      }

      const completedLayers = completedByTechnology.get(key) ?? 0;
      domain.technologies += 1;
      domain.totalLayers += LAYER_COUNT;
      domain.completedLayers += completedLayers;
      if (completedLayers === LAYER_COUNT) {
        domain.completedTechnologies += 1;
      }
    }

    const domainList = [...domains.values()];
    for (const domain of domainList) {
      domain.percentage = percentage(domain.completedLayers, domain.totalLayers);
    }

    const totalLayers = domainList.reduce((sum, domain) => sum + domain.totalLayers, 0);
    const completedLayers = domainList.reduce((sum, domain) => sum + domain.completedLayers, 0);

    return {
      domains: domainList,
      overall: {
        technologies: seen.size,
        totalLayers,
        completedLayers,
        percentage: percentage(completedLayers, totalLayers),
      },
    };
  }

  /** Returns the technologies that have at least one progress row, by domain and name. */
  trackedTechnologies(): TechnologyRef[] {
    return this.context.read(
      () =>
        this.context
          .statement(
            `SELECT DISTINCT domain, technology FROM progress WHERE user_id = ? ORDER BY domain, technology`,
          )
          .all(DEFAULT_USER_ID) as TechnologyRef[],
    );
  }

  /** Returns the completed layers, newest completion first. */
  recentActivity(limit = 10): ActivityEntry[] {
    requireLimit(limit);

    const rows = this.context.read(
      () =>
        this.context
          .statement(
            `SELECT domain, technology, layer, completed_at AS completedAt FROM progress
             WHERE user_id = ? AND completed = 1 AND completed_at IS NOT NULL
             ORDER BY completed_at DESC, id DESC
             LIMIT ?`,
          )
          .all(DEFAULT_USER_ID, limit) as ActivityEntry[],
    );

    return rows;
  }

  private upsertLayer(ref: TechnologyRef, layer: number, completed: boolean, now: string): ProgressRow {
    return this.context.statement(UPSERT_LAYER).get({
      userId: DEFAULT_USER_ID,
      domain: ref.domain,
      technology: ref.technology,
      layer,
      completed: completed ? 1 : 0,
      completedAt: completed ? now : null,
      now,
    }) as ProgressRow;
  }

  private completedLayerCounts(): Map<string, number> {
    const rows = this.context.read(
      () =>
        this.context
          .statement(
            `SELECT domain, technology, COUNT(*) AS completed FROM progress
             WHERE user_id = ? AND completed = 1
             GROUP BY domain, technology`,
          )
          .all(DEFAULT_USER_ID) as Array<{ domain: string; technology: string; completed: number }>,
    );

    return new Map(rows.map((row) => [technologyKey(row), row.completed]));
  }
}

function toLayerProgress(row: ProgressRow): LayerProgress {
  return {
    domain: row.domain,
    technology: row.technology,
    layer: row.layer,
    completed: row.completed === 1,
    completedAt: row.completed_at,
    updatedAt: row.updated_at,
  };
}

function technologyKey(ref: TechnologyRef): string {
  return JSON.stringify([ref.domain, ref.technology]);
}

function percentage(part: number, total: number): number {
  if (total === 0) {
    return 0;
  }
  return Math.round((1000 * part) / total) / 10;
}
