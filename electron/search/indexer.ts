// Keeps the search index in step with statements: triggers queue inserted rowids and drop deleted
// ones; flushPending() folds and indexes the queue inside the caller's transaction (ingest hook).
// The queue makes the index correct whoever writes statements (a writer without the hook is
// caught up by the next search), while ingest keeps it in step inside its own transaction.
import type Database from 'better-sqlite3';
import { normalizeKey } from '../../shared/text/normalize';
import { indexTokensUtf8 } from './fts';
import { prepared } from '../store/prepared';

export const FTS_TABLE = 'search_fts';

/** The schema objects (used by migration 0002; kept here beside the SQL that relies on them). */
export const SEARCH_SCHEMA = `
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

const BATCH = 5000;

/** Indexes every queued statement. Call inside a write transaction (it is one itself otherwise). */
export function flushPending(db: Database.Database): number {
  const first = prepared(db, 'SELECT rowid FROM search_pending LIMIT 1').get();
  if (!first) return 0;
  const run = db.transaction(() => {
    const take = db.prepare(`SELECT p.rowid AS rowid, s.text AS text FROM search_pending p JOIN statements s ON s.rowid = p.rowid WHERE p.rowid > ? ORDER BY p.rowid LIMIT ${BATCH}`);
    const insert = db.prepare(`INSERT INTO ${FTS_TABLE} (rowid, grams) VALUES (?, ?)`);
    let after = -1;
    let n = 0;
    for (;;) {
      const rows = take.raw().all(after) as [number, string][];
      if (rows.length === 0) break;
      for (const [rowid, text] of rows) insert.run(rowid, indexTokensUtf8(normalizeKey(text)));
      n += rows.length;
      after = rows[rows.length - 1][0];
    }
    db.prepare('DELETE FROM search_pending').run();
    db.prepare('UPDATE search_state SET generation = generation + 1 WHERE id = 1').run();
    return n;
  });
  return run.immediate();
}

/** Whether this database has the search schema (migration 2+). */
export function hasSearchSchema(db: Database.Database): boolean {
  return !!prepared(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'search_state'").get();
}

/** Changes whenever indexed statements change: the key of every in-memory search cache. */
export function searchGeneration(db: Database.Database): number {
  return (prepared(db, 'SELECT generation FROM search_state WHERE id = 1', 'pluck').get() as number | undefined) ?? 0;
}

/** Rebuilds the whole index from the statements table (repair; also the migration's backfill). */
export function rebuildIndex(db: Database.Database): number {
  const run = db.transaction(() => {
    db.prepare(`DELETE FROM ${FTS_TABLE}`).run();
    db.prepare('INSERT OR IGNORE INTO search_pending (rowid) SELECT rowid FROM statements').run();
    return flushPending(db);
  });
  return run.immediate();
}
