// The background check of the library: one slice at a time between requests (the database
// worker is single-threaded, so a slice is the longest a request waits behind it), resuming where
// the last run stopped, until a full pass is done. A problem flags the library in the workspace;
// the next open sets it aside and rebuilds it (electron/store/library.ts). Registered as a job,
// so closing the workspace stops it. The step itself, and the state the window is told, are in
// electron/backup/library-check.ts (the on-demand `library.check` uses them too).
import type Database from 'better-sqlite3';
import { libraryCheckStep, noteBackgroundCheck, onDemandCheckRunning, type LibraryCheckStatus } from '../backup/library-check';
import { createJobRegistry } from '../store/jobs';

export type { LibraryCheckStatus };

/** Pause between slices: requests queued meanwhile run first. */
const PAUSE_MS = 5;
/** Pause while an on-demand full check runs: it moves the same resume point, so this one waits. */
const WAIT_FOR_ON_DEMAND_MS = 500;

export const libraryCheckJobs = createJobRegistry((id) => ({ ja: `ライブラリの検査（${id}）は実行中です。`, en: `The library check (${id}) is already running.` }));

/** Starts the check in the background; resolves with how it ended. */
export function startLibraryCheck(db: Database.Database, opts: { pauseMs?: number } = {}): { stop(): void; finished: Promise<LibraryCheckStatus> } {
  const job = libraryCheckJobs.start(`library-check:${db.name}`);
  const finished = new Promise<LibraryCheckStatus>((resolve) => {
    const end = (s: LibraryCheckStatus) => {
      job.done();
      if (db.open) noteBackgroundCheck(db, null);
      resolve(s);
    };
    const tick = () => {
      if (job.signal.aborted || !db.open) return end({ state: 'stopped', cursor: null, problems: [] });
      if (onDemandCheckRunning(db)) {
        setTimeout(tick, WAIT_FOR_ON_DEMAND_MS);
        return;
      }
      let s: LibraryCheckStatus;
      try {
        s = libraryCheckStep(db);
      } catch (e) {
        // A failure to record progress (a busy or read-only file) ends this run; the next resumes.
        return end({ state: 'stopped', cursor: null, problems: [String((e as Error).message)] });
      }
      if (s.state === 'running') {
        noteBackgroundCheck(db, s);
        setTimeout(tick, opts.pauseMs ?? PAUSE_MS);
      } else end(s);
    };
    setTimeout(tick, opts.pauseMs ?? PAUSE_MS);
  });
  return { stop: () => libraryCheckJobs.cancel(`library-check:${db.name}`), finished };
}
