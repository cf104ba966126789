// The storage state the window shows beside the work (storage.status): a read-only database,
// writes waiting for a database another process is writing (an import), with what holds it, the
// library's state (checking n %, ok, flagged for rebuild, being rebuilt, rebuilt on this open) and
// a background backup that failed or kept every older copy. Asked once at start, then every second
// while some call is slow (api/slowCalls.ts), and every few seconds while the library is being
// checked or rebuilt. The library rebuild the palette offers runs from here.
import { create } from 'zustand';
import type { ResponseOf } from '../../../shared/api/contract';
import type { AppErrorData } from '../../../shared/errors';
import { api, errorData } from '../api/client';
import { onSlowCalls } from '../api/slowCalls';

export type StorageStatus = ResponseOf<'storage.status'>;
export type LibraryHealth = StorageStatus['library'];

/** How often a slow call makes the window ask what it is waiting for. */
export const STATUS_POLL_MS = 1_000;
/** How often the window asks how far the library's check or rebuild is (a pass can take minutes). */
export const LIBRARY_POLL_MS = 3_000;

export interface StorageState extends Omit<StorageStatus, 'library'> {
  /** Null until the first answer (an older back end never gives one: nothing is shown). */
  library: LibraryHealth | null;
  /** The rebuild asked for from this window is running (the answer comes when it ends). */
  rebuildRunning: boolean;
  /** Why the last rebuild asked for from this window failed (db-busy names who holds the workspace). */
  rebuildError: AppErrorData | null;
  refresh(): Promise<void>;
  /** Rebuilds the library (the analyst confirmed); resolves with the result, or null when it failed. */
  rebuildLibrary(): Promise<ResponseOf<'library.rebuild'> | null>;
}

const NO_TROUBLE: StorageStatus['backup'] = { failed: null, pruneRefused: null };

let libraryPoll: ReturnType<typeof setInterval> | null = null;

/** Polls while the library is being checked or rebuilt; stops once it is not. */
function followLibrary(library: LibraryHealth | null, rebuilding: boolean): void {
  const moving = rebuilding || library?.state === 'checking' || library?.state === 'rebuilding';
  if (moving && !libraryPoll) libraryPoll = setInterval(() => void useStorage.getState().refresh(), LIBRARY_POLL_MS);
  else if (!moving && libraryPoll) {
    clearInterval(libraryPoll);
    libraryPoll = null;
  }
}

export const useStorage = create<StorageState>()((set, get) => ({
  readOnly: false,
  waiting: [],
  library: null,
  backup: NO_TROUBLE,
  rebuildRunning: false,
  rebuildError: null,
  refresh: async () => {
    try {
      const status = await api().call('storage.status', {});
      set({ readOnly: status.readOnly, waiting: status.waiting, library: status.library ?? null, backup: status.backup ?? NO_TROUBLE });
      followLibrary(status.library ?? null, get().rebuildRunning);
    } catch {
      // Advisory only: a host without the method (an older back end) shows no storage banner.
    }
  },
  rebuildLibrary: async () => {
    if (get().rebuildRunning) return null;
    set({ rebuildRunning: true, rebuildError: null });
    followLibrary(get().library, true);
    try {
      const result = await api().call('library.rebuild', { confirm: true });
      return result;
    } catch (e) {
      set({ rebuildError: errorData(e) });
      return null;
    } finally {
      set({ rebuildRunning: false });
      await get().refresh();
    }
  },
}));

let poll: ReturnType<typeof setInterval> | null = null;

/** Starts following slow calls (App does, once); returns the stop. */
export function followSlowCalls(): () => void {
  const stop = onSlowCalls((slow) => {
    if (slow > 0 && !poll) {
      void useStorage.getState().refresh();
      poll = setInterval(() => void useStorage.getState().refresh(), STATUS_POLL_MS);
    } else if (slow === 0 && poll) {
      clearInterval(poll);
      poll = null;
      void useStorage.getState().refresh();
    }
  });
  return () => {
    stop();
    if (poll) clearInterval(poll);
    poll = null;
    if (libraryPoll) clearInterval(libraryPoll);
    libraryPoll = null;
  };
}
