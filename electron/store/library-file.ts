// Where a workspace's library lives and how it is attached to the workspace's connection. The
// library is the corpus and its search index (large, rebuildable); it sits beside the workspace
// and is named after it (`workbench.db` → `workbench.library.db`), so two workspaces in one
// folder never share one, and it records the workspace's id so a stray library is never used.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type Database from 'better-sqlite3';
import { makePrivateFile } from './file-modes';

export const LIBRARY_SCHEMA = 'library';

/** The library connection's page cache ceiling, in KiB. */
export const LIBRARY_CACHE_KIB = 64 * 1024;

/** The library file of a workspace file; an in-memory workspace has an in-memory library. */
export function libraryPathFor(dbPath: string): string {
  if (!dbPath || dbPath === ':memory:') return ':memory:';
  const dir = path.dirname(dbPath);
  const stem = path.basename(dbPath).replace(/\.(db|sqlite3?)$/i, '');
  return path.join(dir, `${stem}.library.db`);
}

export function isLibraryAttached(db: Database.Database): boolean {
  return !!db.prepare('SELECT 1 FROM pragma_database_list WHERE name = ?').get(LIBRARY_SCHEMA);
}

/** Attaches the file as `library` (created 0600 when missing, unless the connection is read-only). */
export function attachLibraryFile(db: Database.Database, libPath: string): void {
  if (libPath !== ':memory:' && !db.readonly) {
    if (!fs.existsSync(libPath)) fs.closeSync(fs.openSync(libPath, 'wx', 0o600));
    for (const ext of ['', '-wal', '-shm']) makePrivateFile(libPath + ext);
  }
  if (db.readonly && libPath !== ':memory:') attachReadOnly(db, libPath);
  else db.prepare('ATTACH DATABASE ? AS library').run(libPath);
  // The page cache's ceiling (pages are taken as used, not up front). SQLite's default of 2 MB
  // spilled an import's dirty index pages to the WAL mid-transaction and read them back: a 20 MB
  // source's statement rows took 2.1 s at 2 MB and 0.9 s at 64 MB (docs/benchmarks.md, "Import").
  db.pragma(`library.cache_size = -${LIBRARY_CACHE_KIB}`);
  if (!db.readonly && libPath !== ':memory:') {
    db.pragma('library.journal_mode = WAL');
    // FULL as the workspace: an import's document and its record are committed per file.
    db.pragma('library.synchronous = FULL');
  }
}

/**
 * On a read-only disk or folder the library, a WAL database like the workspace, cannot make its
 * -shm, so its first read fails: it is attached again as immutable (as the workspace itself is
 * opened, electron/store/storage-errors.ts openReadOnly), unless a non-empty -wal holds committed
 * pages that reading without it would miss.
 */
function attachReadOnly(db: Database.Database, libPath: string): void {
  try {
    db.prepare('ATTACH DATABASE ? AS library').run(libPath);
    db.prepare('SELECT 1 FROM library.sqlite_master LIMIT 1').get();
  } catch (e) {
    const wal = `${libPath}-wal`;
    if (fs.existsSync(wal) && fs.statSync(wal).size > 0) throw e;
    if (isLibraryAttached(db)) db.exec('DETACH DATABASE library');
    db.prepare('ATTACH DATABASE ? AS library').run(`${pathToFileURL(libPath).href}?immutable=1`);
  }
}

export function detachLibrary(db: Database.Database): void {
  if (isLibraryAttached(db)) db.exec('DETACH DATABASE library');
}

/** The library's state rows (schema version, workspace id, bundled corpus hash); empty when it has none. */
export function libraryState(db: Database.Database): Map<string, string> {
  const has = db.prepare("SELECT 1 FROM library.sqlite_master WHERE type = 'table' AND name = 'library_state'").get();
  if (!has) return new Map();
  const rows = db.prepare('SELECT key, value FROM library.library_state').all() as { key: string; value: string }[];
  return new Map(rows.map((r) => [r.key, r.value]));
}

/** Removes a library file and its WAL/SHM (it is rebuildable; the workspace is the truth). */
export function removeLibraryFiles(libPath: string): void {
  for (const ext of ['', '-wal', '-shm']) fs.rmSync(libPath + ext, { force: true });
}

/** Keeps a damaged library aside (for a bug report) instead of deleting it; one kept at a time. */
export function setLibraryAside(libPath: string): string {
  const aside = `${libPath}.damaged`;
  removeLibraryFiles(aside);
  for (const ext of ['', '-wal', '-shm']) {
    try {
      fs.renameSync(libPath + ext, aside + ext);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
  return aside;
}
