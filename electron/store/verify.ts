// Checks of the two files. The workspace is small: it is checked whole (at open, and by the
// backups before a rotation). The library can be gigabytes: it is read in bounded slices from a
// resume point kept in the library itself, in the background (electron/app/library-check.ts), so
// no start waits for it; a full PRAGMA integrity_check of it stays available on demand.
import type Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { storageCodeOf } from '../../shared/storage-errors';
import { LIBRARY_DAMAGED_KEY, libraryOpenReport } from './library';
import { isLibraryAttached } from './library-file';

export interface CheckResult {
  ok: boolean;
  /** SQLite's own words for each problem (integrity_check rows, or the error a read raised). */
  problems: string[];
}

/** How many problems one check reports at most (PRAGMA integrity_check(N)). */
const MAX_PROBLEMS = 20;

function integrity(db: Database.Database, schema: 'main' | 'library', table?: string): CheckResult {
  try {
    const arg = table ? `'${table.replace(/'/g, "''")}'` : String(MAX_PROBLEMS);
    const rows = db.pragma(`${schema}.integrity_check(${arg})`, { simple: false }) as { integrity_check: string }[];
    const problems = rows.map((r) => r.integrity_check).filter((m) => m !== 'ok');
    return { ok: problems.length === 0, problems };
  } catch (e) {
    return { ok: false, problems: [String((e as Error).message)] };
  }
}

/** The full check of the workspace (the analyst's data): run it before trusting a copy of it. */
export function verifyWorkspace(db: Database.Database): CheckResult {
  return integrity(db, 'main');
}

/** The full check of the library at once: minutes on a million statements; the background check is the incremental form. */
export function verifyLibrary(db: Database.Database): CheckResult {
  return integrity(db, 'library');
}

/** Where the incremental check resumes: a table of SLICED_TABLES, and the last rowid read in it. */
export interface LibraryCheckCursor {
  table: number;
  after: number;
  /** Full passes finished so far. */
  passes: number;
}

/**
 * Large tables are read by rowid range: every column of every row in the slice is read (its
 * overflow pages too), so a damaged page raises SQLITE_CORRUPT here instead of in a search; the
 * statements' unique index is probed per row, so an index that lost a row is caught too.
 */
export const SLICED_TABLES = ['documents', 'statements', 'search_fts_data', 'search_fts_docsize'] as const;
/** Small tables are checked whole by integrity_check(table), one per slice, after the sliced ones. */
const WHOLE_TABLES = ['document_pages', 'search_fts_idx', 'search_fts_config', 'search_pending', 'search_meta_snapshot', 'search_state', 'library_state'] as const;
/** Rows read per slice: about 10 ms of work, so a request waits at most that long behind it. */
export const SLICE_ROWS = 2000;
/** Bytes read per slice at most (bench:store found 9 s slices of the FTS data table without it). */
export const SLICE_BYTES = 2 * 1024 * 1024;
const CURSOR_KEY = 'check.cursor';
const PASSED_KEY = 'check.passed_at';

export function readCheckCursor(db: Database.Database): LibraryCheckCursor {
  const row = db.prepare('SELECT value FROM library.library_state WHERE key = ?').get(CURSOR_KEY) as { value: string } | undefined;
  if (!row) return { table: 0, after: -Infinity, passes: 0 };
  const c = JSON.parse(row.value) as { table: number; after: number | null; passes: number };
  return { table: c.table, after: c.after ?? -Infinity, passes: c.passes };
}

function saveCursor(db: Database.Database, c: LibraryCheckCursor): void {
  const value = JSON.stringify({ table: c.table, after: Number.isFinite(c.after) ? c.after : null, passes: c.passes });
  db.prepare('INSERT INTO library.library_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(CURSOR_KEY, value);
}

function tableExists(db: Database.Database, name: string): boolean {
  return !!db.prepare("SELECT 1 FROM library.sqlite_master WHERE type = 'table' AND name = ?").get(name);
}

/** Reads one slice of one sliced table; returns the last rowid read (null at the table's end). */
function readSlice(db: Database.Database, table: string, after: number, rows: number): { last: number | null; problems: string[] } {
  const problems: string[] = [];
  const start = Number.isFinite(after) ? after : -9007199254740991;
  // Bounded by bytes as well as rows: the index's doclists can be megabytes each.
  const slice: Record<string, unknown>[] = [];
  let bytes = 0;
  for (const r of db.prepare(`SELECT rowid AS _rowid_, * FROM library.${table} WHERE rowid > ? ORDER BY rowid LIMIT ?`).iterate(start, rows) as IterableIterator<Record<string, unknown>>) {
    slice.push(r);
    for (const v of Object.values(r)) bytes += typeof v === 'string' || Buffer.isBuffer(v) ? v.length : 8;
    if (bytes >= SLICE_BYTES) break;
  }
  if (slice.length === 0) return { last: null, problems };
  if (table === 'statements') {
    const byId = db.prepare('SELECT rowid FROM library.statements WHERE id = ?').pluck();
    for (const r of slice) {
      const found = byId.get(r.id);
      if (found !== r._rowid_) problems.push(`statements: the id index gives ${String(found)} for row ${String(r._rowid_)} (${String(r.id)})`);
    }
  }
  return { last: slice[slice.length - 1]._rowid_ as number, problems };
}

export interface SliceResult {
  cursor: LibraryCheckCursor;
  /** True when this slice finished a full pass over the library. */
  passed: boolean;
  problems: string[];
}

/** One bounded step of the incremental library check, from the stored resume point. */
export function checkLibrarySlice(db: Database.Database, rows = SLICE_ROWS): SliceResult {
  const cursor = readCheckCursor(db);
  const problems: string[] = [];
  let passed = false;
  try {
    if (cursor.table < SLICED_TABLES.length) {
      const table = SLICED_TABLES[cursor.table];
      const r = tableExists(db, table) ? readSlice(db, table, cursor.after, rows) : { last: null, problems: [] };
      problems.push(...r.problems);
      if (r.last === null) {
        cursor.table++;
        cursor.after = -Infinity;
      } else cursor.after = r.last;
    } else {
      const table = WHOLE_TABLES[cursor.table - SLICED_TABLES.length];
      if (tableExists(db, table)) problems.push(...integrity(db, 'library', table).problems);
      cursor.table++;
      if (cursor.table >= SLICED_TABLES.length + WHOLE_TABLES.length) {
        cursor.table = 0;
        cursor.passes++;
        passed = true;
      }
    }
  } catch (e) {
    problems.push(String((e as Error).message));
  }
  if (problems.length === 0) {
    saveCursor(db, cursor);
    if (passed) db.prepare('INSERT INTO library.library_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(PASSED_KEY, new Date().toISOString());
  }
  return { cursor, passed, problems };
}

/** Starts the check over from the first slice (an on-demand full check), keeping the pass count. */
export function restartLibraryCheck(db: Database.Database): LibraryCheckCursor {
  const cursor = { ...readCheckCursor(db), table: 0, after: -Infinity };
  saveCursor(db, cursor);
  return cursor;
}

/** When the last full pass of the check ended, or null if none has. */
export function libraryCheckPassedAt(db: Database.Database): string | null {
  const row = db.prepare('SELECT value FROM library.library_state WHERE key = ?').get(PASSED_KEY) as { value: string } | undefined;
  return row?.value ?? null;
}

/**
 * How far a pass is, in per cent, for the window's "checking n %". The sliced tables are weighed by
 * their highest rowid (an index look-up each, so asking is cheap; rowids can have gaps, so this is
 * an estimate), and the small tables checked whole count for the last WHOLE_SHARE per cent.
 */
const WHOLE_SHARE = 5;

export function libraryCheckPercent(db: Database.Database, cursor: LibraryCheckCursor = readCheckCursor(db)): number {
  const highest = SLICED_TABLES.map((t) => (tableExists(db, t) ? ((db.prepare(`SELECT max(rowid) AS m FROM library.${t}`).get() as { m: number | null }).m ?? 0) : 0));
  const total = highest.reduce((a, b) => a + b, 0);
  if (cursor.table >= SLICED_TABLES.length) {
    const whole = (cursor.table - SLICED_TABLES.length) / WHOLE_TABLES.length;
    return Math.min(100, Math.floor(100 - WHOLE_SHARE + whole * WHOLE_SHARE));
  }
  const done = highest.slice(0, cursor.table).reduce((a, b) => a + b, 0) + (Number.isFinite(cursor.after) ? Math.max(0, Math.min(cursor.after, highest[cursor.table])) : 0);
  return total === 0 ? 0 : Math.floor(((100 - WHOLE_SHARE) * done) / total);
}

/** Remembers, in the workspace, that the library failed a check: the next open rebuilds it. */
export function flagLibraryDamaged(db: Database.Database, problems: readonly string[]): void {
  const value = JSON.stringify({ at: new Date().toISOString(), problems: problems.slice(0, MAX_PROBLEMS) });
  db.prepare('INSERT INTO main.app_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(LIBRARY_DAMAGED_KEY, value);
}

export function libraryFlaggedDamaged(db: Database.Database): boolean {
  return !!db.prepare('SELECT 1 FROM main.app_state WHERE key = ?').get(LIBRARY_DAMAGED_KEY);
}

/**
 * A request that met damage (SQLITE_CORRUPT, "malformed") may have read it in either file. The
 * workspace is small, so it is asked at once (quick_check of `main`): when it is whole, the damage
 * is the library's, which is rebuildable, and the analyst is told that, not to restore a backup of
 * a workspace that is fine. The library is flagged (as the background check would) so the next
 * open rebuilds it, and the window offers the rebuild now. Null when the workspace is damaged too,
 * or the failure is something else.
 */
export function libraryDamageError(db: Database.Database, e: unknown): AppError | null {
  if (storageCodeOf(e) !== 'db-corrupt' || !db.open || !isLibraryAttached(db)) return null;
  try {
    if (db.pragma('main.quick_check', { simple: true }) !== 'ok') return null;
  } catch {
    return null;
  }
  const detail = String((e as Error).message ?? (e as { code?: string }).code);
  try {
    if (!db.readonly) flagLibraryDamaged(db, [detail]);
  } catch {
    /* the flag is a courtesy: the background check finds the damage again */
  }
  const lib = libraryOpenReport(db)?.libraryPath ?? 'library';
  return new AppError(
    'db-corrupt',
    {
      ja: `ライブラリ ${lib}（文書と検索索引）が壊れています（${detail}）。ワークスペース（注釈・柱・ブリーフィング）は正常です。`,
      en: `The library ${lib} (documents and search index) is damaged (${detail}). The workspace (annotations, pillars, briefings) is intact.`,
    },
    {
      subject: lib,
      hint: {
        ja: 'ライブラリは次回の起動時に再構築されます。今すぐ再構築するには「ライブラリを再構築」（コマンドパレット）か workbench library rebuild を使ってください。',
        en: 'The library is rebuilt at the next start; to rebuild it now use "Rebuild the library" (command palette) or `workbench library rebuild`.',
      },
    },
  );
}
