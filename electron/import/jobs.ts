// Imports in progress, by the id the caller chose, so a long one (a large PDF or Word file) can
// be cancelled from another call; a cancelled import writes nothing.
import { AppError } from '../../shared/errors';

const running = new Map<string, AbortController>();

export interface ImportJob {
  signal: AbortSignal;
  done(): void;
}

export function startImportJob(id: string | undefined): ImportJob {
  const controller = new AbortController();
  if (id !== undefined) {
    if (running.has(id)) throw new AppError('conflict', { ja: `取り込み「${id}」はすでに実行中です。`, en: `An import with id "${id}" is already running.` }, { subject: id });
    running.set(id, controller);
  }
  return {
    signal: controller.signal,
    done: () => {
      if (id !== undefined && running.get(id) === controller) running.delete(id);
    },
  };
}

/** True when an import was running under `id`. */
export function cancelImportJob(id: string): boolean {
  const controller = running.get(id);
  if (!controller) return false;
  controller.abort();
  running.delete(id);
  return true;
}
