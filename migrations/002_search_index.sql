-- Search index state. Documents are PRD sections, research sections and code
-- blocks; the Chroma collections hold their vectors, these tables hold what
-- keyword search and incremental indexing need.

-- One row per indexed document, whatever the embedding model. `doc_key` is
-- '<collection>:<chroma id>'. The hashes decide what must be stored again.
CREATE TABLE IF NOT EXISTS search_documents (
    num INTEGER PRIMARY KEY,             -- rowid of the document in search_fts
    doc_key TEXT NOT NULL UNIQUE,
    collection TEXT NOT NULL CHECK (collection IN ('integrations', 'research', 'code_examples')),
    chroma_id TEXT NOT NULL,
    root_id TEXT NOT NULL,
    path TEXT NOT NULL,                  -- source file relative to the content root
    unit TEXT NOT NULL,                  -- '<domain>/<technology>' or the research session folder
    domain TEXT,
    technology TEXT,
    session TEXT,
    language TEXT,
    section TEXT NOT NULL,
    title TEXT NOT NULL,
    line INTEGER NOT NULL,               -- 0-based line of the heading or the code fence
    metadata TEXT NOT NULL,              -- Chroma metadata as JSON
    text_hash TEXT NOT NULL,
    meta_hash TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE INDEX IF NOT EXISTS idx_search_documents_file ON search_documents(root_id, path);

-- Keyword index over the same documents; rowid = search_documents.num.
CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(
    title,
    context,
    body,
    tokenize = 'porter unicode61'
);

-- Which documents each embedding model's Chroma collections hold, and from
-- which text. A row is written only after Chroma stored the vector.
CREATE TABLE IF NOT EXISTS search_embeddings (
    model TEXT NOT NULL,
    doc_key TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    meta_hash TEXT NOT NULL,
    PRIMARY KEY (model, doc_key)
);

-- Last full index run per embedding model.
CREATE TABLE IF NOT EXISTS search_index_runs (
    model TEXT PRIMARY KEY,
    state TEXT NOT NULL CHECK (state IN ('running', 'complete', 'cancelled', 'failed')),
    started_at TEXT NOT NULL,
    finished_at TEXT,
    completed_at TEXT,                   -- end of the last run that finished, kept across later runs
    documents INTEGER NOT NULL DEFAULT 0,
    error TEXT
);
