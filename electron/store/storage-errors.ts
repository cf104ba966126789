// Storage failures as the host sees them: the typed error with the database's path and, for a
// busy database, who holds it (shared/storage-errors.ts has the one code → error mapping); the
// bounded wait for a busy database, with the "waiting" state the window shows; and whether a
// database can be written at all (a read-only file, folder or disk opens for reading only).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type Database from 'better-sqlite3';
import { storageErrorOf, type AppError, type LocalizedText } from '../../shared/errors';
import { storageCodeOf } from '../../shared/storage-errors';

/**
 * How long SQLite itself waits for a lock before returning SQLITE_BUSY. Short, because it blocks
 * the thread: the app's database worker must keep answering (the window asks what it is waiting
 * for). The long wait is the asynchronous retry in `whileBusy`, which yields between attempts.
 */
export const SQLITE_BUSY_TIMEOUT_MS = 1_000;

/** How long a write waits for a busy database before failing with `db-busy` (WORKBENCH_BUSY_WAIT_MS overrides). */
export const DEFAULT_BUSY_WAIT_MS = 30_000;

/** Pause between attempts while waiting: long enough not to spin, short enough to feel prompt. */
const RETRY_PAUSE_MS = 200;

export function busyWaitMs(env: NodeJS.ProcessEnv = process.env): number {
  const v = env.WORKBENCH_BUSY_WAIT_MS;
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : DEFAULT_BUSY_WAIT_MS;
}

// ---- who holds the database --------------------------------------------------------------

/** app_state key of the long write in progress (any process), so a waiting writer can name it. */
const HOLDER_KEY = 'storage_long_write';

interface HolderNote {
  what: LocalizedText;
  pid: number;
  since: string;
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Notes in the database that a long write (an import) is running, for writers in other processes
 * to name it while they wait; returns the call that removes the note. Bookkeeping outside the
 * journal (as the backup mark is): it is not the analyst's change and never undone.
 */
export function announceLongWrite(db: Database.Database, what: LocalizedText): () => void {
  const note: HolderNote = { what, pid: process.pid, since: new Date().toISOString() };
  const upsert = 'INSERT INTO app_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value';
  try {
    db.prepare(upsert).run(HOLDER_KEY, JSON.stringify(note));
  } catch {
    return () => undefined; // only a courtesy to other writers: the import itself decides
  }
  return () => {
    try {
      if (db.open) db.prepare('DELETE FROM app_state WHERE key = ? AND value = ?').run(HOLDER_KEY, JSON.stringify(note));
    } catch {
      /* a stale note names a process that is gone and is ignored (processAlive) */
    }
  };
}

/** The long write holding the database, in words, if one is noted by a live process. */
export function holderOf(db: Database.Database): LocalizedText | undefined {
  try {
    const row = db.prepare('SELECT value FROM app_state WHERE key = ?').get(HOLDER_KEY) as { value: string } | undefined;
    if (!row) return undefined;
    const note = JSON.parse(row.value) as HolderNote;
    if (!processAlive(note.pid)) return undefined;
    const who = note.pid === process.pid ? { ja: 'このウィンドウ', en: 'this window' } : { ja: `プロセス ${note.pid}`, en: `process ${note.pid}` };
    return { ja: `${note.what.ja}（${who.ja}、${note.since} 開始）`, en: `${note.what.en} (${who.en}, since ${note.since})` };
  } catch {
    return undefined;
  }
}

// ---- the bounded wait ----------------------------------------------------------------------

export interface WaitingWrite {
  /** What the write waits for, if known ("the import of notes.json (process 4121, since …)"). */
  holder: LocalizedText | null;
  since: string;
}

const waiting = new Map<number, WaitingWrite>();
let nextWait = 1;

/** Told once when a write starts waiting for a busy database (the CLI says so on stderr). */
export type WaitListener = (subject: string, wait: WaitingWrite & { limitMs: number }) => void;
const waitListeners = new Set<WaitListener>();

/** Follows the start of each wait; returns the call that stops following. */
export function onWriteWaiting(fn: WaitListener): () => void {
  waitListeners.add(fn);
  return () => void waitListeners.delete(fn);
}

/** The writes of this process that are waiting for a busy database right now (oldest first). */
export function waitingWrites(): WaitingWrite[] {
  return [...waiting.values()];
}

function totalChanges(db: Database.Database): number {
  return (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs a write, retrying while the database is busy, for at most `limitMs`; then fails with
 * `db-busy` naming the holder. An attempt is retried only when it wrote nothing (total_changes()
 * unchanged): journaledChange starts with BEGIN IMMEDIATE, so a busy database refuses it before
 * any row is touched; a write that committed part of its work and then met a lock is reported,
 * never run twice.
 */
export async function whileBusy<T>(db: Database.Database, subject: string, write: () => T | Promise<T>, limitMs = busyWaitMs()): Promise<T> {
  const started = Date.now();
  let token = 0;
  try {
    for (;;) {
      const before = db.open ? totalChanges(db) : 0;
      try {
        return await write();
      } catch (e) {
        if (storageCodeOf(e) !== 'db-busy' || !db.open || totalChanges(db) !== before) throw e;
        const waited = Date.now() - started;
        const holder = holderOf(db);
        if (waited + RETRY_PAUSE_MS > limitMs) throw storageFailure(e, subject, { holder, waitedMs: waited + SQLITE_BUSY_TIMEOUT_MS })!;
        const wait = { holder: holder ?? null, since: new Date(started).toISOString() };
        if (!token) {
          token = nextWait++;
          for (const fn of waitListeners) fn(subject, { ...wait, limitMs });
        }
        waiting.set(token, wait);
        await pause(RETRY_PAUSE_MS);
      }
    }
  } finally {
    if (token) waiting.delete(token);
  }
}

/** A storage failure as its typed error about `subject` (the database unless the error names a file). */
export function storageFailure(e: unknown, subject: string, extra: { holder?: LocalizedText; waitedMs?: number } = {}): AppError | null {
  const typed = storageErrorOf(e, { subject, ...extra });
  // On a read-only disk Node's recursive mkdir reports a bare ENOENT: when the place the failed
  // call named cannot be written, that refusal (EROFS, EACCES) is the real reason.
  const at = (e as { path?: unknown } | null)?.path;
  if (typed?.code === 'io' && typeof at === 'string') {
    const refusal = whyNotWritable(at);
    if (refusal && (refusal.code === 'EROFS' || refusal.code === 'EACCES' || refusal.code === 'EPERM')) return storageErrorOf(refusal, { subject: at });
  }
  return typed;
}

// better-sqlite3 reads this once, when its native addon loads (at the first connection), and only
// then may a file name be a URI: needed for `immutable=1` below. Plain paths are unaffected (only a
// name starting with "file:" is a URI, and every path here is absolute).
process.env.SQLITE_USE_URI ??= '1';

// ---- can it be written at all --------------------------------------------------------------

/**
 * Whether the database can be opened for writing: the file (if it exists) and its folder (SQLite
 * writes the -wal and -shm beside it) must both be writable. A read-only disk (EROFS), a locked
 * file or folder, or another user's folder each open the database for reading only.
 */
export function canWrite(dbPath: string): boolean {
  return whyNotWritable(dbPath) === null;
}

/** The OS's refusal (EROFS, EACCES, with the path) to write `file` or a file beside it; null when it can be written. */
export function whyNotWritable(file: string): NodeJS.ErrnoException | null {
  try {
    if (fs.existsSync(file)) fs.accessSync(file, fs.constants.W_OK);
    fs.accessSync(path.dirname(file), fs.constants.W_OK);
    return null;
  } catch (e) {
    return e as NodeJS.ErrnoException;
  }
}

/**
 * Opens a database that cannot be written, for reading. SQLite needs the -shm beside a WAL database
 * even to read it; in a read-only folder where none is left it cannot make one, so the file is
 * opened as immutable (nothing can change it there). Not when a -wal holds commits: immutable would
 * ignore them, and reading stale data silently is worse than a clear error.
 */
export function openReadOnly(dbPath: string, connect: (file: string, opts: { readonly: boolean; fileMustExist: boolean }) => Database.Database): Database.Database {
  let db: Database.Database | null = null;
  try {
    db = connect(dbPath, { readonly: true, fileMustExist: true });
    db.prepare('SELECT 1 FROM sqlite_master LIMIT 1').get(); // the -shm is needed at the first read
    return db;
  } catch (e) {
    db?.close();
    // SQLITE_CANTOPEN or SQLITE_READONLY_DIRECTORY: no -shm, and no way to make one
    const family = storageCodeOf(e);
    if (family !== 'io' && family !== 'read-only') throw e;
    const wal = `${dbPath}-wal`;
    if (fs.existsSync(wal) && fs.statSync(wal).size > 0) throw e;
    return connect(`${pathToFileURL(dbPath).href}?immutable=1`, { readonly: true, fileMustExist: true });
  }
}

/**
 * A progress callback for better-sqlite3's `db.backup()` that bounds it. Its step loop treats
 * SQLITE_BUSY as "try again" with no limit, so a source that stays busy (or can never be read,
 * as a read-only WAL database without its -shm) spun at 100 % CPU forever (issue 11, defect 4).
 * No page copied for the bounded wait ends the backup with `db-busy` instead.
 */
/** Pages copied per step: better-sqlite3's own default. */
const BACKUP_PAGES_PER_STEP = 100;

export function boundedBackupProgress(subject: string, limitMs = busyWaitMs()): (p: { totalPages: number; remainingPages: number }) => number {
  let remaining = -1;
  let since = Date.now();
  return (p) => {
    if (p.remainingPages !== remaining) {
      remaining = p.remainingPages;
      since = Date.now();
    } else if (Date.now() - since > limitMs) {
      throw storageFailure({ code: 'SQLITE_BUSY' }, subject, { waitedMs: Date.now() - since })!;
    }
    return BACKUP_PAGES_PER_STEP;
  };
}
