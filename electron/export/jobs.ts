// Exports in progress, by the id the caller chose, so a long one (PDF) can be cancelled from
// another call: the file is then never written and nothing is logged.
import { AppError } from '../../shared/errors';
import { createJobRegistry, type Job } from '../store/jobs';

const exportJobs = createJobRegistry((id) => ({ ja: `書き出し「${id}」はすでに実行中です。`, en: `An export with id "${id}" is already running.` }));

export type ExportJob = Job;

/** Registers `id` (when given) for cancelling; without an id the export simply cannot be cancelled. */
export function startExportJob(id: string | undefined): ExportJob {
  return exportJobs.start(id);
}

/** True when an export was running under `id` (it stops before writing anything). */
export function cancelExportJob(id: string): boolean {
  return exportJobs.cancel(id);
}

export function cancelledError(path: string): AppError {
  return new AppError('cancelled', { ja: '書き出しを取り消しました。ファイルは作られていません。', en: 'The export was cancelled. No file was written.' }, { subject: path });
}

/** Resolves with `work`, or rejects as soon as `signal` aborts (whatever `work` is still doing). */
export function unlessCancelled<T>(work: Promise<T>, signal: AbortSignal | undefined, path: string): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(cancelledError(path));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelledError(path));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        if (signal.aborted) reject(cancelledError(path));
        else resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(signal.aborted ? cancelledError(path) : e);
      },
    );
  });
}
