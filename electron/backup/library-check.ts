// The library check, a step at a time, and the library's state as the window and the CLI see it.
// A step reads one slice of the library (electron/store/verify.ts) and samples the search index
// both ways (electron/search/index-check.ts); a problem flags the library in the workspace, and the
// next open (or `library.rebuild`) rebuilds it. The background runner (electron/app/library-check.ts)
// and the on-demand full check (`library.check`) both report here, so `storage.status` can say
// "checking n %", "ok", "flagged for rebuild", "rebuilding n/m" or "rebuilt on this open".
import type Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { sampleSearchIndex } from '../search/index-check';
import { isLibraryAttached } from '../store/library-file';
import { libraryOpenReport, type LibraryOpenReport } from '../store/library';
import { checkLibrarySlice, flagLibraryDamaged, libraryCheckPassedAt, libraryCheckPercent, libraryFlaggedDamaged, readCheckCursor, restartLibraryCheck, SLICE_ROWS, SLICED_TABLES, type LibraryCheckCursor } from '../store/verify';

export interface LibraryCheckStatus {
  state: 'running' | 'passed' | 'damaged' | 'stopped';
  cursor: LibraryCheckCursor | null;
  problems: string[];
}

/** Index samples per slice, both directions: a pass over a million statements samples thousands. */
const SAMPLES_PER_SLICE = 2;

/** One step: a slice of the library and a few index samples. Flags the library when either fails. */
export function libraryCheckStep(db: Database.Database, rows = SLICE_ROWS): LibraryCheckStatus {
  const slice = checkLibrarySlice(db, rows);
  const problems = [...slice.problems];
  if (problems.length === 0) {
    try {
      problems.push(...sampleSearchIndex(db, SAMPLES_PER_SLICE));
    } catch (e) {
      problems.push(String((e as Error).message));
    }
  }
  if (problems.length > 0) {
    flagLibraryDamaged(db, problems);
    return { state: 'damaged', cursor: slice.cursor, problems };
  }
  return { state: slice.passed ? 'passed' : 'running', cursor: slice.cursor, problems };
}

/** Runs the check to the end of the current pass, now, in one go (tests and the store benchmark). */
export function runLibraryCheck(db: Database.Database, onProgress?: (s: LibraryCheckStatus) => void): LibraryCheckStatus {
  for (;;) {
    const s = libraryCheckStep(db);
    onProgress?.(s);
    if (s.state !== 'running') return s;
  }
}

// ---- what is running now, per workspace (by the connection's file name) -----------------------

export type LibraryProgress = { phase: 'checking'; percent: number } | { phase: 'rebuilding'; done: number; total: number; document: string | null };

interface Live {
  checking: { percent: number; onDemand: boolean } | null;
  rebuilding: { done: number; total: number; document: string | null } | null;
  /** A rebuild asked for in this session (the open's own rebuild is in its open report). */
  rebuilt: { at: string } | null;
}

const live = new Map<string, Live>();
const listeners = new Map<string, Set<(p: LibraryProgress) => void>>();
/** When each connection's library was found ready after a rebuild at open. */
const openedAt = new WeakMap<Database.Database, string>();

function liveOf(name: string): Live {
  let l = live.get(name);
  if (!l) live.set(name, (l = { checking: null, rebuilding: null, rebuilt: null }));
  return l;
}

/** Follows the check's and the rebuild's progress on this workspace (the CLI prints it on stderr). */
export function onLibraryProgress(dbName: string, fn: (p: LibraryProgress) => void): () => void {
  const set = listeners.get(dbName) ?? new Set();
  listeners.set(dbName, set);
  set.add(fn);
  return () => {
    set.delete(fn);
    if (set.size === 0) listeners.delete(dbName);
  };
}

function emit(dbName: string, p: LibraryProgress): void {
  for (const fn of listeners.get(dbName) ?? []) fn(p);
}

/** The background runner's report after each step (null when it ends). */
export function noteBackgroundCheck(db: Database.Database, status: LibraryCheckStatus | null): void {
  const l = liveOf(db.name);
  if (l.checking?.onDemand) return; // the on-demand check reports for both
  l.checking = status && status.state === 'running' && status.cursor ? { percent: safePercent(db, status.cursor), onDemand: false } : null;
}

/** True while an on-demand check runs: the background runner waits rather than move the same resume point. */
export function onDemandCheckRunning(db: Database.Database): boolean {
  return !!live.get(db.name)?.checking?.onDemand;
}

export function noteRebuild(dbName: string, progress: { done: number; total: number; document: string | null } | 'done' | 'failed'): void {
  const l = liveOf(dbName);
  if (progress === 'done') {
    l.rebuilding = null;
    l.rebuilt = { at: new Date().toISOString() };
  } else if (progress === 'failed') l.rebuilding = null;
  else {
    l.rebuilding = progress;
    emit(dbName, { phase: 'rebuilding', ...progress });
  }
}

function safePercent(db: Database.Database, cursor?: LibraryCheckCursor): number {
  try {
    return libraryCheckPercent(db, cursor);
  } catch {
    return 0;
  }
}

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface FullCheckResult {
  ok: boolean;
  slices: number;
  rows: number;
  problems: string[];
  flagged: boolean;
  elapsedMs: number;
}

/**
 * The whole check now, from the first slice to the end of the pass, yielding between slices so
 * the database's thread keeps answering (the window asks how far it is). A problem flags the
 * library and ends the pass, as the background check does.
 */
export async function checkWholeLibrary(db: Database.Database): Promise<FullCheckResult> {
  const started = Date.now();
  const l = liveOf(db.name);
  if (l.checking?.onDemand) {
    throw new AppError('conflict', { ja: `${db.name} のライブラリは検査中です。終わってからもう一度実行してください。`, en: `The library of ${db.name} is already being checked; try again once it has finished.` }, { subject: db.name });
  }
  l.checking = { percent: 0, onDemand: true };
  let slices = 0;
  let rows = 0;
  try {
    restartLibraryCheck(db);
    emit(db.name, { phase: 'checking', percent: 0 });
    for (;;) {
      const before = readCheckCursor(db);
      const s = libraryCheckStep(db);
      slices++;
      if (s.cursor && s.cursor.table === before.table && Number.isFinite(s.cursor.after)) {
        rows += (db.prepare(`SELECT COUNT(*) AS n FROM library.${SLICED_TABLES[before.table]} WHERE rowid > ? AND rowid <= ?`).get(Number.isFinite(before.after) ? before.after : -9007199254740991, s.cursor.after) as { n: number }).n;
      }
      if (s.state !== 'running') {
        l.checking = null;
        emit(db.name, { phase: 'checking', percent: 100 });
        return { ok: s.state === 'passed', slices, rows, problems: s.problems, flagged: s.state === 'damaged', elapsedMs: Date.now() - started };
      }
      const percent = safePercent(db, s.cursor ?? undefined);
      l.checking = { percent, onDemand: true };
      emit(db.name, { phase: 'checking', percent });
      await pause();
    }
  } finally {
    if (l.checking?.onDemand) l.checking = null;
  }
}

// ---- the state as the window shows it --------------------------------------------------------

export interface LibraryHealth {
  state: 'unchecked' | 'checking' | 'ok' | 'damaged' | 'rebuilding' | 'absent';
  percent: number | null;
  rebuilding: { done: number; total: number; document: string | null } | null;
  checkedAt: string | null;
  problems: string[];
  rebuilt: { reason: NonNullable<LibraryOpenReport['reason']> | 'requested'; at: string } | null;
}

function flaggedProblems(db: Database.Database): string[] {
  const row = db.prepare("SELECT value FROM main.app_state WHERE key = 'library.damaged'").get() as { value: string } | undefined;
  try {
    return row ? ((JSON.parse(row.value) as { problems?: string[] }).problems ?? []) : [];
  } catch {
    return [];
  }
}

/** Remembers when a library rebuilt by this open was ready (the app's worker, after the ingest). */
export function noteLibraryReady(db: Database.Database): void {
  if (!openedAt.has(db)) openedAt.set(db, new Date().toISOString());
}

/** The library's state now: what runs (check, rebuild), what the last check found, and whether this open rebuilt it. */
export function libraryHealth(db: Database.Database): LibraryHealth {
  const l = live.get(db.name);
  const report = libraryOpenReport(db);
  const requested = l?.rebuilt ?? null;
  const atOpen = report?.state === 'created' && report.reason ? { reason: report.reason, at: openedAt.get(db) ?? requested?.at ?? new Date().toISOString() } : null;
  const rebuilt = requested ? { reason: 'requested' as const, at: requested.at } : atOpen;
  const base: LibraryHealth = { state: 'unchecked', percent: null, rebuilding: null, checkedAt: null, problems: [], rebuilt };
  if (l?.rebuilding) {
    const { done, total } = l.rebuilding;
    return { ...base, state: 'rebuilding', rebuilding: l.rebuilding, percent: total > 0 ? Math.floor((100 * done) / total) : 0 };
  }
  if (report?.state === 'absent' || !db.open || !isLibraryAttached(db)) return { ...base, state: 'absent' };
  try {
    const checkedAt = libraryCheckPassedAt(db);
    if (libraryFlaggedDamaged(db)) return { ...base, checkedAt, state: 'damaged', problems: flaggedProblems(db) };
    if (l?.checking) return { ...base, checkedAt, state: 'checking', percent: l.checking.percent };
    return { ...base, checkedAt, state: checkedAt ? 'ok' : 'unchecked' };
  } catch (e) {
    // The library cannot even be read: that is what a check would find.
    return { ...base, state: 'damaged', problems: [String((e as Error).message)] };
  }
}
