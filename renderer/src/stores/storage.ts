// The storage state the window shows beside the work (storage.status): a read-only database, and
// writes waiting for a database another process is writing (an import), with what holds it.
// Asked once at start, then every second only while some call is slow (api/slowCalls.ts).
import { create } from 'zustand';
import type { ResponseOf } from '../../../shared/api/contract';
import { api } from '../api/client';
import { onSlowCalls } from '../api/slowCalls';

export type StorageStatus = ResponseOf<'storage.status'>;

/** How often a slow call makes the window ask what it is waiting for. */
export const STATUS_POLL_MS = 1_000;

export interface StorageState extends StorageStatus {
  refresh(): Promise<void>;
}

export const useStorage = create<StorageState>()((set) => ({
  readOnly: false,
  waiting: [],
  refresh: async () => {
    try {
      const status = await api().call('storage.status', {});
      set({ readOnly: status.readOnly, waiting: status.waiting });
    } catch {
      // Advisory only: a host without the method (an older back end) shows no storage banner.
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
  };
}
