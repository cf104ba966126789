// The write ceiling of the store under bench:import: how fast SQLite alone takes what an import
// writes, with every JavaScript stage done beforehand and none of the import's own work (no
// per-file transaction, journal, original, record or fsync per file). The statements and documents
// a batched import wrote are copied into a fresh file with the library's schema and settings, in
// one transaction for the rows and one for their FTS5 entries (tokens made beforehand, untimed).
// MB/s are of the sources those statements came from: what the whole import could reach at best.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { indexTokensUtf8 } from '../../electron/search/fts';
import { LIBRARY_CACHE_KIB } from '../../electron/store/library-file';
import { normalizeKey } from '../../shared/text/normalize';

export interface StoreCeiling {
  statements: number;
  /** Median of the runs, MB of sources per second. */
  rowsMBps: number;
  ftsMBps: number;
  /** Rows and their index one after the other: the floor of any import into this store. */
  bothMBps: number;
}

export function storeCeiling(libraryPath: string, scratchDir: string, sourceMB: number, runs = 3): StoreCeiling {
  const src = new Database(libraryPath, { readonly: true });
  const docQuery = src.prepare("SELECT * FROM documents WHERE origin = 'imported'");
  const docColumns = docQuery.columns().map((c) => c.name);
  const docs = docQuery.raw().all() as unknown[][];
  const statementQuery = src.prepare("SELECT s.* FROM statements s JOIN documents d ON d.id = s.document_id WHERE d.origin = 'imported' ORDER BY s.rowid");
  const columns = statementQuery.columns().map((c) => c.name);
  // Bound by position, as ingest binds them.
  const statements = statementQuery.raw().all() as unknown[][];
  const rowidAt = columns.indexOf('rowid');
  const textAt = columns.indexOf('text');
  // The library's tables, indexes, triggers and FTS5 table as it defines them (not FTS5's own shadow tables).
  const schema = src.prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_fts_%' ORDER BY rowid").pluck().all() as string[];
  const ftsConfig = src.prepare('SELECT k, v FROM search_fts_config').raw().all() as [string, number][];
  src.close();
  if (rowidAt < 0 || textAt < 0) throw new Error(`${libraryPath}: statements has no rowid or text column`);
  const tokens = statements.map((s) => indexTokensUtf8(normalizeKey(s[textAt] as string)));
  const times: { rows: number; fts: number }[] = [];
  for (let run = 0; run < runs; run++) {
    const dir = path.join(scratchDir, `ceiling-${run}`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const db = new Database(path.join(dir, 'ceiling.db'));
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma(`cache_size = -${LIBRARY_CACHE_KIB}`);
      db.pragma('temp_store = MEMORY');
      db.pragma('foreign_keys = ON');
      for (const sql of schema) db.exec(sql);
      for (const [k, v] of ftsConfig) if (k !== 'version') db.exec(`INSERT INTO search_fts (search_fts, rank) VALUES ('${k}', ${Number(v)})`);
      db.exec('INSERT INTO search_state (id, generation) VALUES (1, 0)');
      const t0 = performance.now();
      db.transaction(() => {
        const doc = db.prepare(`INSERT INTO documents (${docColumns.join(', ')}) VALUES (${docColumns.map(() => '?').join(', ')})`);
        for (const d of docs) doc.run(d);
        const insert = db.prepare(`INSERT INTO statements (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
        for (const s of statements) insert.run(s);
      }).immediate();
      const t1 = performance.now();
      db.transaction(() => {
        const insert = db.prepare('INSERT INTO search_fts (rowid, grams) VALUES (?, ?)');
        for (let i = 0; i < statements.length; i++) insert.run(statements[i][rowidAt] as number, tokens[i]);
        db.prepare('DELETE FROM search_pending').run();
      }).immediate();
      times.push({ rows: t1 - t0, fts: performance.now() - t1 });
    } finally {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const rate = (ms: number) => +(sourceMB / (ms / 1000)).toFixed(1);
  return {
    statements: statements.length,
    rowsMBps: rate(median(times.map((t) => t.rows))),
    ftsMBps: rate(median(times.map((t) => t.fts))),
    bothMBps: rate(median(times.map((t) => t.rows + t.fts))),
  };
}
