import { ObservableRepository } from './repository';
import { DEFAULT_USER_ID } from './context';
import { isoTimestamp } from './time';
import { InvalidInputError, requireLimit, requireText } from './validation';

/**
 * Views closer together than this count once. */
export const DEFAULT_VIEW_INTERVAL_MS = 5 * 60 * 1000;

export interface ResearchViewOptions {
  now?: Date;
  minIntervalMs?: number;
}

/**
 * Views of research sessions; `sessionPath` is the session folder relative to the content root.
 * `onDidChange` fires with the session path after each recorded view.
 */
export class ResearchViewRepository extends ObservableRepository<string> {
  /**
   * Records a view of a session and returns true. When the session's newest view is
   * less than `minIntervalMs` old (default 5 minutes), it records nothing and returns false.
   */
  record(sessionPath: string, options: ResearchViewOptions = {}): boolean {
    const session = requireText(sessionPath, 'research session path');
    const now = options.now ?? this.context.clock();
    const minIntervalMs = options.minIntervalMs ?? DEFAULT_VIEW_INTERVAL_MS;

    if (Number.isNaN(now.getTime())) {
      throw new InvalidInputError('Invalid view time: the Date given as options.now is not a valid date.');
    }
    if (!Number.isFinite(minIntervalMs) || minIntervalMs < 0) {
      throw new InvalidInputError(`Invalid minIntervalMs ${minIntervalMs}: expected a number of milliseconds >= 0.`);
    }

    const recorded = this.context.write(() => {
      const last = this.context
        .statement('SELECT MAX(viewed_at) AS viewedAt FROM research_views WHERE user_id = ? AND session_path = ?')
        .get(DEFAULT_USER_ID, session) as { viewedAt: string | null };

      if (last.viewedAt !== null && now.getTime() - Date.parse(last.viewedAt) < minIntervalMs) {
        return false;
      }

      this.context
        .statement('INSERT INTO research_views (user_id, session_path, viewed_at) VALUES (?, ?, ?)')
        .run(DEFAULT_USER_ID, session, isoTimestamp(now));
      return true;
    });

    if (recorded) {
      this.changed.fire(session);
    }
    return recorded;
  }

  /** Returns the newest view time of every viewed session. */
  lastViewed(): Map<string, string> {
    const rows = this.context.read(
      () =>
        this.context
          .statement(
            `SELECT session_path AS sessionPath, MAX(viewed_at) AS viewedAt FROM research_views
             WHERE user_id = ? GROUP BY session_path`,
          )
          .all(DEFAULT_USER_ID) as Array<{ sessionPath: string; viewedAt: string }>,
    );

    return new Map(rows.map((row) => [row.sessionPath, row.viewedAt]));
  }

  /** Returns distinct sessions by their newest view, newest first. */
  recent(limit = 10): { sessionPath: string; viewedAt: string }[] {
    requireLimit(limit);

    return this.context.read(
      () =>
        this.context
          .statement(
            `SELECT session_path AS sessionPath, MAX(viewed_at) AS viewedAt FROM research_views
             WHERE user_id = ? GROUP BY session_path
             ORDER BY viewedAt DESC, sessionPath
             LIMIT ?`,
          )
          .all(DEFAULT_USER_ID, limit) as Array<{ sessionPath: string; viewedAt: string }>,
    );
  }
}
