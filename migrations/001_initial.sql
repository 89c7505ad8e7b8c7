-- Initial schema of luno.db.
--
-- Conventions that every later migration keeps:
-- * Timestamps are ISO 8601 UTC text with milliseconds ('2026-01-05T10:00:00.000Z'),
--   so they carry their zone and sort correctly as strings.
-- * Booleans are INTEGER 0/1 with a CHECK.
-- * JSON columns contain JSON text (CHECK json_valid).
-- * The migration runner wraps this file in one transaction and sets user_version;
--   the file itself must not contain BEGIN, COMMIT or PRAGMA user_version.

CREATE TABLE users (
    id TEXT PRIMARY KEY NOT NULL DEFAULT 'default',
    name TEXT,
    email TEXT UNIQUE,
    avatar_url TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    settings TEXT NOT NULL DEFAULT '{}'
        CHECK (json_valid(settings) AND json_type(settings) = 'object')
);

-- Single-user mode: every row of the other tables belongs to this user.
INSERT INTO users (id, name) VALUES ('default', 'Local User');

CREATE TABLE progress (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id TEXT NOT NULL DEFAULT 'default',
    domain TEXT NOT NULL CHECK (domain <> ''),
    technology TEXT NOT NULL CHECK (technology <> ''),
    layer INTEGER NOT NULL DEFAULT 0 CHECK (layer BETWEEN 0 AND 4),
    completed INTEGER NOT NULL DEFAULT 0 CHECK (completed IN (0, 1)),
    completed_at TEXT,
    -- Notes belong to the technology and are kept on its layer-0 row only.
    notes TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE,
    UNIQUE (user_id, domain, technology, layer)
);

-- The UNIQUE constraint's index serves lookups by (user_id, domain, technology).
CREATE INDEX idx_progress_domain ON progress(domain);
CREATE INDEX idx_progress_completed_at ON progress(user_id, completed, completed_at);

-- Stamps updated_at when an UPDATE leaves it unchanged. The WHEN clause lets an
-- explicit updated_at win, and skips the row once the trigger's own UPDATE has set
-- the current time, so the trigger cannot recurse even with recursive_triggers on.
CREATE TRIGGER progress_updated_at
AFTER UPDATE ON progress
FOR EACH ROW
WHEN NEW.updated_at IS OLD.updated_at
    AND NEW.updated_at IS NOT strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
BEGIN
    UPDATE progress
    SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
    WHERE id = NEW.id;
END;

CREATE TABLE bookmarks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id TEXT NOT NULL DEFAULT 'default',
    domain TEXT NOT NULL CHECK (domain <> ''),
    technology TEXT NOT NULL CHECK (technology <> ''),
    -- Heading anchor, or NULL for a bookmark on the whole file.
    section TEXT CHECK (section IS NULL OR section <> ''),
    title TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE
);

-- A plain UNIQUE (user_id, domain, technology, section) would let whole-file
-- bookmarks repeat, because SQLite treats NULLs as distinct in unique indexes.
-- The CHECK above keeps '' out, so COALESCE maps only NULL to ''.
CREATE UNIQUE INDEX idx_bookmarks_unique
    ON bookmarks(user_id, domain, technology, COALESCE(section, ''));
CREATE INDEX idx_bookmarks_created ON bookmarks(user_id, created_at);

CREATE TABLE research_views (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id TEXT NOT NULL DEFAULT 'default',
    -- Session folder relative to the content root, for example 'research/2026-01-05_x'.
    session_path TEXT NOT NULL CHECK (session_path <> ''),
    viewed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE
);

-- Serves the newest view per session (interval check, last viewed, recent sessions).
CREATE INDEX idx_research_session ON research_views(session_path, viewed_at);
CREATE INDEX idx_research_user ON research_views(user_id, viewed_at);

CREATE TABLE lab_runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id TEXT NOT NULL DEFAULT 'default',
    lab_id TEXT NOT NULL CHECK (lab_id <> ''),
    completed INTEGER NOT NULL DEFAULT 0 CHECK (completed IN (0, 1)),
    started_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    completed_at TEXT,
    cell_progress TEXT NOT NULL DEFAULT '[]'
        CHECK (json_valid(cell_progress) AND json_type(cell_progress) = 'array'),
    FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE
);

-- One current run per user and lab, so saving a run is a safe upsert.
CREATE UNIQUE INDEX idx_labs_user_lab ON lab_runs(user_id, lab_id);

CREATE TABLE search_history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id TEXT NOT NULL DEFAULT 'default',
    query TEXT NOT NULL CHECK (query <> ''),
    results_count INTEGER CHECK (results_count IS NULL OR results_count >= 0),
    searched_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE
);

CREATE INDEX idx_search_time ON search_history(user_id, searched_at);
