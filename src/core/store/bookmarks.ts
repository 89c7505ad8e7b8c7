import { ObservableRepository } from './repository';
import { LunoError } from '../errors';
import { DEFAULT_USER_ID } from './context';
import { requireRef, type TechnologyRef } from './validation';

export interface Bookmark {
  id: number;
  domain: string;
  technology: string;
  /**
 * Heading anchor, or null for the whole file. */
  section: string | null;
  title: string | null;
  createdAt: string;
}

export interface BookmarkWithDetails extends Bookmark {
  /** Highest completed layer of the technology, or null when none is completed. */
  currentLayer: number | null;
}

export interface NewBookmark {
  domain: string;
  technology: string;
  section: string | null;
  title: string | null;
}

interface BookmarkRow {
  id: number;
  domain: string;
  technology: string;
  section: string | null;
  title: string | null;
  created_at: string;
}

const COLUMNS = 'id, domain, technology, section, title, created_at';

/**
 * Bookmarks on whole PRDs or on their headings.
 * `onDidChange` fires after each write that changed a bookmark.
 */
export class BookmarkRepository extends ObservableRepository<void> {
  /**
   * Adds a bookmark, or returns the existing one for the same technology and section
   * (a null section included) unchanged. An empty section means the whole file.
   */
  add(input: NewBookmark): Bookmark {
    const ref = requireRef(input);
    const section = normaliseSection(input.section);
    const title = input.title ?? null;

    const { row, inserted } = this.context.write(() => {
      const existing = this.findRow(ref, section);
      if (existing) {
        return { row: existing, inserted: false };
      }

      const created = this.context
        .statement(
          `INSERT INTO bookmarks (user_id, domain, technology, section, title, created_at)
           VALUES (?, ?, ?, ?, ?, ?)
           RETURNING ${COLUMNS}`,
        )
        .get(DEFAULT_USER_ID, ref.domain, ref.technology, section, title, this.context.now()) as BookmarkRow;

      return { row: created, inserted: true };
    });

    if (inserted) {
      this.changed.fire();
    }
    return toBookmark(row);
  }

  /** Removes a bookmark; an unknown id changes nothing. */
  remove(id: number): void {
    const result = this.context.write(() =>
      this.context.statement('DELETE FROM bookmarks WHERE user_id = ? AND id = ?').run(DEFAULT_USER_ID, id),
    );

    if (result.changes > 0) {
      this.changed.fire();
    }
  }

  find(ref: TechnologyRef, section: string | null): Bookmark | undefined {
    const target = requireRef(ref);
    const row = this.context.read(() => this.findRow(target, normaliseSection(section)));
    return row ? toBookmark(row) : undefined;
  }

  /** Returns the bookmarks of one technology, oldest first. */
  forTechnology(ref: TechnologyRef): Bookmark[] {
    const target = requireRef(ref);

    const rows = this.context.read(
      () =>
        this.context
          .statement(
            `SELECT ${COLUMNS} FROM bookmarks
             WHERE user_id = ? AND domain = ? AND technology = ?
             ORDER BY created_at, id`,
          )
          .all(DEFAULT_USER_ID, target.domain, target.technology) as BookmarkRow[],
    );

    return rows.map(toBookmark);
  }

  /** Returns every bookmark, newest first, with the highest completed layer of its technology. */
  listWithDetails(): BookmarkWithDetails[] {
    const rows = this.context.read(
      () =>
        this.context
          .statement(
            `SELECT b.id, b.domain, b.technology, b.section, b.title, b.created_at,
                    MAX(p.layer) AS current_layer
             FROM bookmarks b
             LEFT JOIN progress p
               ON p.user_id = b.user_id AND p.domain = b.domain AND p.technology = b.technology
              AND p.completed = 1
             WHERE b.user_id = ?
             GROUP BY b.id
             ORDER BY b.created_at DESC, b.id DESC`,
          )
          .all(DEFAULT_USER_ID) as Array<BookmarkRow & { current_layer: number | null }>,
    );

    return rows.map((row) => ({ ...toBookmark(row), currentLayer: row.current_layer }));
  }

  /**
   * Re-attaches a bookmark to another heading of the same file, after a rename.
   * When the file already has a bookmark on that heading, this one is removed and
   * the existing one is returned. Throws LunoError when `id` does not exist.
   */
  moveSection(id: number, section: string | null, title: string | null): Bookmark {
    const targetSection = normaliseSection(section);

    const row = this.context.write(() => {
      const current = this.context
        .statement(`SELECT ${COLUMNS} FROM bookmarks WHERE user_id = ? AND id = ?`)
        .get(DEFAULT_USER_ID, id) as BookmarkRow | undefined;

      if (!current) {
        throw new LunoError(`Bookmark ${id} not found; it may have been removed. Refresh the bookmarks view.`);
      }

      const occupant = this.findRow(current, targetSection);
      if (occupant && occupant.id !== id) {
        this.context.statement('DELETE FROM bookmarks WHERE id = ?').run(id);
        this.context.logger.debug(`bookmark ${id} merged into bookmark ${occupant.id} on section ${targetSection}`);
        return occupant;
      }

      return this.context
        .statement(`UPDATE bookmarks SET section = ?, title = ? WHERE id = ? RETURNING ${COLUMNS}`)
        .get(targetSection, title ?? null, id) as BookmarkRow;
    });

    this.changed.fire();
    return toBookmark(row);
  }

  private findRow(ref: TechnologyRef, section: string | null): BookmarkRow | undefined {
    return this.context
      .statement(
        `SELECT ${COLUMNS} FROM bookmarks
         WHERE user_id = ? AND domain = ? AND technology = ? AND section IS ?`,
      )
      .get(DEFAULT_USER_ID, ref.domain, ref.technology, section) as BookmarkRow | undefined;
  }
}

/** Maps '' and undefined to null, the whole-file bookmark. */
function normaliseSection(section: string | null | undefined): string | null {
  return section === undefined || section === null || section === '' ? null : section;
}

function toBookmark(row: BookmarkRow): Bookmark {
  return {
    id: row.id,
    domain: row.domain,
    technology: row.technology,
    section: row.section,
    title: row.title,
    createdAt: row.created_at,
  };
}
