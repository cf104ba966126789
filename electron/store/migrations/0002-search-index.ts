// Schema 2: the full-text search index over statements (FTS5 bigrams of the folded text), its
// insert queue, generation counter and metadata snapshot, kept in step by triggers.
//
// Frozen: the SQL below is the text the first released build (stop 7, 6eae2a2; unchanged at
// stop 8, 3342a60) ran as this migration. Until then the migration ran the search service's
// live SEARCH_SCHEMA, which was edited twice before that release (FTS merge settings in fc2b221,
// the metadata snapshot in 4078902); databases made by those unreleased builds are brought to
// this shape by migration 0006. Never edit this file: a change is a new migration.
//
// Existing statements are queued, not indexed here: folding text into bigrams is live code
// (shared/text/normalize.ts, electron/search/fts.ts), which a migration must not import. The
// indexer empties the queue before the next search (electron/search/query.ts, ensureIndex) and
// inside every ingest, as it does for any writer that bypasses the ingest hook.
import type { Migration } from '../migration';

/** The search schema exactly as stop 7 shipped it (byte for byte, so sqlite_master matches). */
const SEARCH_SCHEMA_2 = `
  CREATE VIRTUAL TABLE search_fts USING fts5(
    grams, content='', contentless_delete=1, tokenize='ascii', detail=full
  );
  INSERT INTO search_fts (search_fts, rank) VALUES ('automerge', 16);
  INSERT INTO search_fts (search_fts, rank) VALUES ('crisismerge', 64);
  CREATE TABLE search_pending (rowid INTEGER PRIMARY KEY);
  -- The per-statement arrays of electron/search/meta.ts for one generation, so the first search
  -- after opening a large database reads 4 blobs instead of scanning every statement.
  CREATE TABLE search_meta_snapshot (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    generation  INTEGER NOT NULL,
    docs_key    TEXT NOT NULL,
    speakers    TEXT NOT NULL,
    doc         BLOB NOT NULL,
    speaker     BLOB NOT NULL,
    length      BLOB NOT NULL,
    rowids      BLOB NOT NULL,
    avg_length  REAL NOT NULL
  );
  CREATE TABLE search_state (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    generation  INTEGER NOT NULL
  );
  INSERT INTO search_state (id, generation) VALUES (1, 0);
  CREATE TRIGGER search_statements_ai AFTER INSERT ON statements BEGIN
    INSERT OR IGNORE INTO search_pending (rowid) VALUES (new.rowid);
  END;
  CREATE TRIGGER search_statements_ad AFTER DELETE ON statements BEGIN
    DELETE FROM search_fts WHERE rowid = old.rowid;
    DELETE FROM search_pending WHERE rowid = old.rowid;
    UPDATE search_state SET generation = generation + 1 WHERE id = 1;
  END;
  CREATE TRIGGER search_statements_au AFTER UPDATE OF text, document_id, speaker ON statements BEGIN
    DELETE FROM search_fts WHERE rowid = old.rowid;
    INSERT OR IGNORE INTO search_pending (rowid) VALUES (new.rowid);
  END;
`;

export const m0002: Migration = {
  version: 2,
  name: 'search-index',
  up(db) {
    db.exec(SEARCH_SCHEMA_2);
    db.exec('INSERT INTO search_pending (rowid) SELECT rowid FROM statements');
  },
};
