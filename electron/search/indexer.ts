// Keeps the search index in step with statements: triggers queue inserted rowids and drop deleted
// ones; flushPending() folds and indexes the queue inside the caller's transaction (ingest hook).
// The queue makes the index correct whoever writes statements (a writer without the hook is
// caught up by the next search), while ingest keeps it in step inside its own transaction.
// The tables and triggers themselves are the migrations' (electron/store/migrations 0002, 0006).
import type Database from 'better-sqlite3';
import { normalizeKey } from '../../shared/text/normalize';
import { indexTokensUtf8 } from './fts';
import { prepared } from '../store/prepared';

export const FTS_TABLE = 'search_fts';

const BATCH = 5000;

/** Indexes every queued statement. Call inside a write transaction (it is one itself otherwise). */
export function flushPending(db: Database.Database): number {
  const first = prepared(db, 'SELECT rowid FROM search_pending LIMIT 1').get();
  if (!first) return 0;
  const run = db.transaction(() => {
    // Compiled once per connection: a batch import flushes once per file.
    const take = prepared(db, `SELECT p.rowid AS rowid, s.text AS text FROM search_pending p JOIN statements s ON s.rowid = p.rowid WHERE p.rowid > ? ORDER BY p.rowid LIMIT ${BATCH}`, 'raw');
    const insert = prepared(db, `INSERT INTO ${FTS_TABLE} (rowid, grams) VALUES (?, ?)`);
    let after = -1;
    let n = 0;
    for (;;) {
      const rows = take.all(after) as [number, string][];
      if (rows.length === 0) break;
      for (const [rowid, text] of rows) insert.run(rowid, indexTokensUtf8(normalizeKey(text)));
      n += rows.length;
      after = rows[rows.length - 1][0];
    }
    prepared(db, 'DELETE FROM search_pending').run();
    prepared(db, 'UPDATE search_state SET generation = generation + 1 WHERE id = 1').run();
    return n;
  });
  return run.immediate();
}

/**
 * Indexes statements just inserted (rowids[i] has the tokens tokensOf(i)) inside the caller's
 * transaction, as flushPending would from their text: the FTS5 rows, exactly these rowids out of
 * the pending queue (their insert trigger queued them), and a new search generation. Other
 * writers' queued rows stay queued for flushPending.
 */
export function indexStatements(db: Database.Database, rowids: readonly number[], tokensOf: (i: number) => Buffer): void {
  if (rowids.length === 0) return;
  const insert = prepared(db, `INSERT INTO ${FTS_TABLE} (rowid, grams) VALUES (?, ?)`);
  for (let i = 0; i < rowids.length; i++) insert.run(rowids[i], tokensOf(i));
  // Rowids of one insert run are usually consecutive: one range delete, exact when the range holds
  // as many rowids as were inserted (distinct rowids filling [first, last] are all of it).
  let first = rowids[0];
  let last = rowids[0];
  for (const r of rowids) {
    if (r < first) first = r;
    if (r > last) last = r;
  }
  if (last - first + 1 === rowids.length) prepared(db, 'DELETE FROM search_pending WHERE rowid BETWEEN ? AND ?').run(first, last);
  else {
    const take = prepared(db, 'DELETE FROM search_pending WHERE rowid = ?');
    for (const r of rowids) take.run(r);
  }
  prepared(db, 'UPDATE search_state SET generation = generation + 1 WHERE id = 1').run();
}

/** Changes whenever indexed statements change: the key of every in-memory search cache. */
export function searchGeneration(db: Database.Database): number {
  return (prepared(db, 'SELECT generation FROM search_state WHERE id = 1', 'pluck').get() as number | undefined) ?? 0;
}
