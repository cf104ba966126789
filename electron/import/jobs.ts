// Imports in progress, by the id the caller chose, so a long one (a large PDF or Word file) can
// be cancelled from another call; a cancelled import writes nothing.
import { createJobRegistry, type Job } from '../store/jobs';

const imports = createJobRegistry((id) => ({ ja: `取り込み「${id}」はすでに実行中です。`, en: `An import with id "${id}" is already running.` }));

export type ImportJob = Job;

export function startImportJob(id: string | undefined): ImportJob {
  return imports.start(id);
}

/** True when an import was running under `id`. */
export function cancelImportJob(id: string): boolean {
  return imports.cancel(id);
}

/** Pages read so far of a running import (a PDF reports each page), or null when none runs under `id`. */
export function importJobProgress(id: string): { done: number; total: number } | null {
  const p = imports.progress(id);
  return p ? { done: p.done, total: p.total } : null;
}
