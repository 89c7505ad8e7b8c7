import { ObservableRepository } from './repository';
import { DEFAULT_USER_ID } from './context';
import { InvalidInputError, requireLimit } from './validation';

/**
 * Rows kept; older searches are deleted when a new one is added. */
export const SEARCH_HISTORY_MAX_ROWS = 1000;

export interface SearchHistoryEntry {
  query: string;
  resultsCount: number;
  searchedAt: string;
}

/**
 * Queries the user ran in semantic search.
 * `onDidChange` fires after each added search.
 */
export class SearchHistoryRepository extends ObservableRepository<void> {
  /** Records a search; a query that is empty after trimming is not recorded. */
  add(query: string, resultsCount: number): void {
    const text = String(query).trim();
    if (text === '') {
      return;
    }

    if (!Number.isInteger(resultsCount) || resultsCount < 0) {
      throw new InvalidInputError(`Invalid results count ${resultsCount}: expected an integer >= 0.`);
    }

    this.context.write(() => {
      this.context
        .statement('INSERT INTO search_history (user_id, query, results_count, searched_at) VALUES (?, ?, ?, ?)')
        .run(DEFAULT_USER_ID, text, resultsCount, this.context.now());

      this.context
        .statement(
          `DELETE FROM search_history WHERE user_id = ? AND id NOT IN (
             SELECT id FROM search_history WHERE user_id = ? ORDER BY searched_at DESC, id DESC LIMIT ?
           )`,
        )
        .run(DEFAULT_USER_ID, DEFAULT_USER_ID, SEARCH_HISTORY_MAX_ROWS);
    });

    this.changed.fire();
  }

  /** Returns distinct queries, newest first, each with the results count of its newest run. */
  recent(limit = 10): SearchHistoryEntry[] {
    requireLimit(limit);

    return this.context.read(
      () =>
        this.context
          .statement(
            `SELECT query, COALESCE(results_count, 0) AS resultsCount, searched_at AS searchedAt FROM (
               SELECT id, query, results_count, searched_at,
                      ROW_NUMBER() OVER (PARTITION BY query ORDER BY searched_at DESC, id DESC) AS position
               FROM search_history WHERE user_id = ?
             )
             WHERE position = 1
             ORDER BY searched_at DESC, id DESC
             LIMIT ?`,
          )
          .all(DEFAULT_USER_ID, limit) as SearchHistoryEntry[],
    );
  }
}
