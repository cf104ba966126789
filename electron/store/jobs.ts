// Long work in progress in the database worker (an export, an import), by the id the caller chose,
// so another call can cancel it: one registry per kind of work, each with its own ids and words.
import { AppError, type LocalizedText } from '../../shared/errors';

export interface Job {
  signal: AbortSignal;
  /** Call when the work ends, however it ends: the id is free again. */
  done(): void;
}

export interface JobRegistry {
  /** Registers `id` (when given) for cancelling; without an id the work simply cannot be cancelled. */
  start(id: string | undefined): Job;
  /** True when work was running under `id` (it is aborted and the id freed). */
  cancel(id: string): boolean;
}

/** `busy(id)` says, in both languages, that work under that id is already running. */
export function createJobRegistry(busy: (id: string) => LocalizedText): JobRegistry {
  const running = new Map<string, AbortController>();
  return {
    start(id) {
      const controller = new AbortController();
      if (id !== undefined) {
        if (running.has(id)) throw new AppError('conflict', busy(id), { subject: id });
        running.set(id, controller);
      }
      return {
        signal: controller.signal,
        done: () => {
          if (id !== undefined && running.get(id) === controller) running.delete(id);
        },
      };
    },
    cancel(id) {
      const controller = running.get(id);
      if (!controller) return false;
      controller.abort();
      running.delete(id);
      return true;
    },
  };
}
