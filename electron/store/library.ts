// The library's life cycle beside its workspace: the one-time split of a single-file database
// (a verified copy first), creating an empty library at the current schema, and attaching the
// library at open, setting aside one that is damaged, missing its state, or another workspace's.
// An empty library is filled again by the bundled-corpus ingest and by re-extracting the stored
// originals (electron/import/rebuild.ts): no workspace row is touched either way.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { migrate } from './migrate';
import { LIBRARY_VERSION, SPLIT_VERSION } from './migrations';
import { attachLibraryFile, detachLibrary, libraryPathFor, libraryState, removeLibraryFiles, setLibraryAside } from './library-file';

/** What opening found of the library: in use as it was, or created empty (and why). */
export interface LibraryOpenReport {
  libraryPath: string;
  /** 'absent': a read-only workspace opened without its library (a backup being checked). */
  state: 'ok' | 'created' | 'absent';
  /** Why an empty one was created: missing, damaged, foreign, stale, flagged by the background check. */
  reason?: 'missing' | 'damaged' | 'other-workspace' | 'old-schema' | 'check-failed';
  /** Where a damaged library was kept. */
  setAside?: string;
  /** The verified copy of the single-file database taken before the split, when this open split it. */
  preSplitCopy?: string;
}

const reports = new WeakMap<Database.Database, LibraryOpenReport>();

export function libraryOpenReport(db: Database.Database): LibraryOpenReport | undefined {
  return reports.get(db);
}

/** The background check's verdict, kept in the workspace so the next open rebuilds. */
export const LIBRARY_DAMAGED_KEY = 'library.damaged';

export function workspaceId(db: Database.Database): string | null {
  // Migration 0011's identity, the one backups are filed under too.
  const row = db.prepare('SELECT workspace_id FROM main.workspace_identity WHERE id = 1').get() as { workspace_id: string } | undefined;
  return row?.workspace_id ?? null;
}

/** An empty library at the current schema: the migrations replayed on a scratch workspace. */
export function createLibrary(libPath: string, forWorkspace: string | null): void {
  removeLibraryFiles(libPath);
  const scratch = new Database(':memory:');
  try {
    attachLibraryFile(scratch, libPath);
    migrate(scratch);
    if (forWorkspace) scratch.prepare("UPDATE library.library_state SET value = ? WHERE key = 'workspace.id'").run(forWorkspace);
    detachLibrary(scratch);
  } finally {
    scratch.close();
  }
}

function privateEmptyFile(file: string): void {
  fs.rmSync(file, { force: true });
  fs.closeSync(fs.openSync(file, 'wx', 0o600));
}

/** A consistent copy of the workspace file (VACUUM INTO), checked by opening it. */
function verifiedCopy(db: Database.Database, target: string): void {
  privateEmptyFile(target);
  db.prepare('VACUUM main INTO ?').run(target);
  const check = new Database(target, { readonly: true });
  try {
    const ok = check.pragma('quick_check', { simple: true });
    const same = check.pragma('user_version', { simple: true }) === db.pragma('main.user_version', { simple: true });
    if (ok !== 'ok' || !same) throw new Error(`copy check: ${String(ok)}`);
  } catch (e) {
    fs.rmSync(target, { force: true });
    throw new AppError(
      'io',
      { ja: `分割前のコピー ${target} を検証できませんでした。元のファイルは変更していません。`, en: `The copy ${target} taken before the split failed its check; the database was left unchanged.` },
      { subject: target, cause: e },
    );
  } finally {
    check.close();
  }
}

/**
 * Before the split migration of a single-file database: a verified copy of it as it is (kept
 * beside it, `<name>.pre-split-<time>.db`), the migrations before the split, then the whole file
 * copied as the library-to-be (so the search index comes along; migration 0017 keeps only the
 * corpus in it). Returns the pre-split copy's path.
 */
export function prepareSplit(db: Database.Database, dbPath: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const stem = path.basename(dbPath).replace(/\.(db|sqlite3?)$/i, '');
  const copy = path.join(path.dirname(dbPath), `${stem}.pre-split-${stamp}.db`);
  verifiedCopy(db, copy);
  migrate(db, { target: SPLIT_VERSION - 1, dbPath });
  const libPath = libraryPathFor(dbPath);
  removeLibraryFiles(libPath);
  privateEmptyFile(libPath);
  db.prepare('VACUUM main INTO ?').run(libPath);
  return copy;
}

function isDamage(e: unknown): boolean {
  const code = (e as { code?: string }).code ?? '';
  return code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_IOERR');
}

/** Why the attached library cannot serve this workspace, or null when it can. */
function unusable(db: Database.Database): LibraryOpenReport['reason'] | null {
  let state: Map<string, string>;
  try {
    state = libraryState(db);
  } catch (e) {
    if (isDamage(e)) return 'damaged';
    throw e;
  }
  if (state.size === 0) return 'missing';
  if (state.get('workspace.id') !== workspaceId(db)) return 'other-workspace';
  if (Number(state.get('schema.version')) !== LIBRARY_VERSION) return 'old-schema';
  const flagged = db.prepare('SELECT value FROM main.app_state WHERE key = ?').get(LIBRARY_DAMAGED_KEY);
  return flagged ? 'check-failed' : null;
}

/**
 * Attaches the workspace's library. Before the split (a new or single-file database) the file is
 * attached as it is, for migration 0017 to fill; after it, a library that cannot serve this
 * workspace is set aside and an empty one created, to be refilled by the ingest and the rebuild.
 */
export function attachLibrary(db: Database.Database, dbPath: string, workspaceVersion: number): LibraryOpenReport {
  const libPath = libraryPathFor(dbPath);
  const report: LibraryOpenReport = { libraryPath: libPath, state: 'ok' };
  if (db.readonly) {
    // A workspace read on its own (a backup being checked, a copy): its own tables only.
    if (libPath !== ':memory:' && !fs.existsSync(libPath)) {
      reports.set(db, { libraryPath: libPath, state: 'absent', reason: 'missing' });
      return reports.get(db)!;
    }
    attachLibraryFile(db, libPath);
    reports.set(db, report);
    return report;
  }
  if (workspaceVersion < SPLIT_VERSION || libPath === ':memory:') {
    attachLibraryFile(db, libPath);
    reports.set(db, report);
    return report;
  }
  let reason: LibraryOpenReport['reason'] | null = null;
  if (!fs.existsSync(libPath) || fs.statSync(libPath).size === 0) reason = 'missing';
  else {
    try {
      attachLibraryFile(db, libPath);
      reason = unusable(db);
    } catch (e) {
      if (!isDamage(e)) throw e;
      reason = 'damaged';
    }
    detachLibrary(db);
    if (reason && reason !== 'missing') report.setAside = setLibraryAside(libPath);
  }
  if (reason) {
    createLibrary(libPath, workspaceId(db));
    report.state = 'created';
    report.reason = reason;
    db.prepare('DELETE FROM main.app_state WHERE key = ?').run(LIBRARY_DAMAGED_KEY);
  }
  attachLibraryFile(db, libPath);
  reports.set(db, report);
  return report;
}

/**
 * A read of the corpus on a read-only workspace whose library file is missing (state 'absent'):
 * SQLite's "no such table" there is not an internal fault but this situation, with its own advice.
 * Null for any other failure, or when the library is attached.
 */
export function libraryMissingError(db: Database.Database, e: unknown): AppError | null {
  const report = reports.get(db);
  if (report?.state !== 'absent') return null;
  if (!/no such table/i.test(String((e as Error | null)?.message ?? ''))) return null;
  const lib = report.libraryPath;
  return new AppError(
    'library-missing',
    {
      ja: `ライブラリ ${lib} がないため、文書・検索・本文は表示できません。このワークスペースは読み取り専用で開かれているため、ライブラリを作り直せません。注釈などワークスペースのデータはそのままです。`,
      en: `The library ${lib} is missing, so documents, search and the reader cannot be shown. The workspace is open read-only, so the library cannot be rebuilt here. Annotations and the rest of the workspace are intact.`,
    },
    {
      subject: lib,
      hint: {
        ja: '書き込める場所で一度開くとライブラリが再構築されます（workbench library rebuild でも可）。または、ライブラリと一緒にバックアップから復元してください。',
        en: 'Open the workspace once where it can be written and the library is rebuilt (or run `workbench library rebuild`); or restore it, library included, from a backup.',
      },
    },
  );
}

export function setLibraryOpenReport(db: Database.Database, report: LibraryOpenReport): void {
  reports.set(db, report);
}
