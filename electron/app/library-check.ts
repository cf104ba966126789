// The background check of the library: one slice at a time between requests (the database
// worker is single-threaded, so a slice is the longest a request waits behind it), resuming where
// the last run stopped, until a full pass is done. A problem flags the library in the workspace;
// the next open sets it aside and rebuilds it (electron/store/library.ts). Registered as a job,
// so closing the workspace stops it.
import type Database from 'better-sqlite3';
import { sampleSearchIndex } from '../search/index-check';
import { createJobRegistry } from '../store/jobs';
import { checkLibrarySlice, flagLibraryDamaged, SLICE_ROWS, type LibraryCheckCursor } from '../store/verify';

export interface LibraryCheckStatus {
  state: 'running' | 'passed' | 'damaged' | 'stopped';
  cursor: LibraryCheckCursor | null;
  problems: string[];
}

/** Index samples per slice, both directions: a pass over a million statements samples thousands. */
const SAMPLES_PER_SLICE = 2;
/** Pause between slices: requests queued meanwhile run first. */
const PAUSE_MS = 5;

export const libraryCheckJobs = createJobRegistry((id) => ({ ja: `ライブラリの検査（${id}）は実行中です。`, en: `The library check (${id}) is already running.` }));

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

/** Runs the check to the end of the current pass, now (the CLI's `library check`). */
export function runLibraryCheck(db: Database.Database, onProgress?: (s: LibraryCheckStatus) => void): LibraryCheckStatus {
  for (;;) {
    const s = libraryCheckStep(db);
    onProgress?.(s);
    if (s.state !== 'running') return s;
  }
}

/** Starts the check in the background; resolves with how it ended. */
export function startLibraryCheck(db: Database.Database, opts: { pauseMs?: number } = {}): { stop(): void; finished: Promise<LibraryCheckStatus> } {
  const job = libraryCheckJobs.start(`library-check:${db.name}`);
  const finished = new Promise<LibraryCheckStatus>((resolve) => {
    const tick = () => {
      if (job.signal.aborted || !db.open) {
        job.done();
        resolve({ state: 'stopped', cursor: null, problems: [] });
        return;
      }
      let s: LibraryCheckStatus;
      try {
        s = libraryCheckStep(db);
      } catch (e) {
        // A failure to record progress (a busy or read-only file) ends this run; the next resumes.
        job.done();
        resolve({ state: 'stopped', cursor: null, problems: [String((e as Error).message)] });
        return;
      }
      if (s.state === 'running') setTimeout(tick, opts.pauseMs ?? PAUSE_MS);
      else {
        job.done();
        resolve(s);
      }
    };
    setTimeout(tick, opts.pauseMs ?? PAUSE_MS);
  });
  return { stop: () => libraryCheckJobs.cancel(`library-check:${db.name}`), finished };
}
