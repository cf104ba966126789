// The main process's handle on the API worker: start it, forward calls, get typed results.
// A startup failure (corrupt database, newer schema) arrives as an AppError, not a crash.
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Result } from '../../shared/api/define';
import { AppError, toErrorData } from '../../shared/errors';
import type { PdfRenderer } from '../export/pdf';
import type { FileGrant } from '../files/handles';
import type { WorkerReply, WorkerRequest, WorkerStart } from './worker-protocol';
import type { StartupProgress } from '../../shared/startup';

export class ApiWorker {
  private next = 1;
  private pending = new Map<number, (r: Result<unknown>) => void>();
  /** Prints the worker asked for, by id, so a cancelled export can stop its print. */
  private prints = new Map<number, AbortController>();

  private constructor(
    private readonly worker: Worker,
    readonly dbPath: string,
    printer?: PdfRenderer,
  ) {
    worker.on('message', (msg: WorkerReply) => {
      if (msg.type === 'print') {
        const reply = (r: { pdf?: Uint8Array; error?: ReturnType<typeof toErrorData> }) => {
          this.prints.delete(msg.id);
          worker.postMessage({ type: 'printed', id: msg.id, ...r } satisfies WorkerRequest);
        };
        if (!printer) return reply({ error: toErrorData(new Error('no PDF printer in this host')) });
        const controller = new AbortController();
        this.prints.set(msg.id, controller);
        printer(msg.job, controller.signal).then((pdf) => reply({ pdf }), (e) => reply({ error: toErrorData(e) }));
        return;
      }
      if (msg.type === 'print-cancel') {
        this.prints.get(msg.id)?.abort();
        return;
      }
      if (msg.type !== 'result') return;
      const resolve = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      resolve?.(msg.result);
    });
    worker.on('error', (e) => this.failAll(e));
    worker.on('exit', () => this.failAll(new Error('the database worker stopped')));
  }

  /** Compiled location of the worker script (dist/electron/app/api-worker.js). */
  static defaultScript(): string {
    return path.join(__dirname, 'api-worker.js');
  }

  /**
   * With a `printer`, the worker asks this thread to print PDFs (Electron's printToPDF); with
   * `onProgress`, it reports opening the database and ingesting the corpus until it is ready.
   */
  static start(start: WorkerStart, script = ApiWorker.defaultScript(), printer?: PdfRenderer, onProgress?: (p: StartupProgress) => void): Promise<ApiWorker> {
    const worker = new Worker(script, { workerData: { ...start, printViaHost: !!printer } });
    return new Promise((resolve, reject) => {
      const onMessage = (msg: WorkerReply) => {
        if (msg.type === 'progress') onProgress?.(msg.progress);
        else if (msg.type === 'ready') {
          worker.off('message', onMessage);
          resolve(new ApiWorker(worker, msg.dbPath, printer));
        } else if (msg.type === 'failed') {
          worker.off('message', onMessage);
          void worker.terminate();
          reject(new AppError(msg.error.code, msg.error.message, { subject: msg.error.subject, hint: msg.error.hint }));
        }
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
  }

  /** `grant`: the file the request's handle stands for (only the IPC host, which redeemed it, passes one). */
  invoke(method: unknown, params: unknown, grant?: FileGrant): Promise<Result<unknown>> {
    const id = this.next++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.worker.postMessage({ type: 'call', id, method, params, ...(grant ? { grant } : {}) } satisfies WorkerRequest);
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.worker.once('exit', () => resolve());
      this.worker.postMessage({ type: 'close' } satisfies WorkerRequest);
    });
  }

  private failAll(e: Error): void {
    for (const resolve of this.pending.values()) {
      resolve({ ok: false, error: { code: 'internal', message: { ja: `データベース処理が停止しました: ${e.message}`, en: `The database worker stopped: ${e.message}` } } });
    }
    this.pending.clear();
  }
}
