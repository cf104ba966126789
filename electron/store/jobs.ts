// Long work in progress in the database worker (an export, an import), by the id the caller chose,
// so another call can cancel it: one registry per kind of work, each with its own ids and words.
import { AppError, type LocalizedText } from '../../shared/errors';

export interface Job {
  signal: AbortSignal;
  /** How far the work is (pages of a PDF, files of a batch), for whoever asks by id. */
  report(done: number, total: number): void;
  /** Call when the work ends, however it ends: the id is free again. */
  done(): void;
}

export interface JobRegistry {
  /** Registers `id` (when given) for cancelling; without an id the work simply cannot be cancelled. */
  start(id: string | undefined): Job;
  /** True when work was running under `id` (it is aborted and the id freed). */
  cancel(id: string): boolean;
  /** Whether work runs under `id`, and its last report (null until it made one). */
  progress(id: string): { running: boolean; done: number; total: number } | null;
}

/** `busy(id)` says, in both languages, that work under that id is already running. */
export function createJobRegistry(busy: (id: string) => LocalizedText): JobRegistry {
  const running = new Map<string, { controller: AbortController; done: number; total: number }>();
  return {
    start(id) {
      const entry = { controller: new AbortController(), done: 0, total: 0 };
      if (id !== undefined) {
        if (running.has(id)) throw new AppError('conflict', busy(id), { subject: id });
        running.set(id, entry);
      }
      return {
        signal: entry.controller.signal,
        report: (done, total) => {
          entry.done = done;
          entry.total = total;
        },
        done: () => {
          if (id !== undefined && running.get(id) === entry) running.delete(id);
        },
      };
    },
    cancel(id) {
      const entry = running.get(id);
      if (!entry) return false;
      entry.controller.abort();
      running.delete(id);
      return true;
    },
    progress(id) {
      const entry = running.get(id);
      return entry ? { running: true, done: entry.done, total: entry.total } : null;
    },
  };
}
