// The database's own thread: opens the context, ingests the bundled corpus if it changed and
// answers typed API calls, so a long query, backup or export never freezes the app's window.
import { parentPort, workerData } from 'node:worker_threads';
// First, before the modules below load: their compiled code comes from the cache when it can.
import './worker-compile-cache';
import { toErrorData } from '../../shared/errors';
import { createDispatcher } from '../api/dispatch';
import { handlers } from '../api/handlers';
import { startupBackup, whenBackupsIdle } from '../backup/recovery';
import { setPdfRenderer } from '../export';
import { AppError } from '../../shared/errors';
import { checkLibraryInBackground, closeContext, ensureLibrary, openContext, type AppContext } from './context';
import { warmSearch } from './warm';
import type { WorkerReply, WorkerRequest, WorkerStart } from './worker-protocol';
import type { StartupProgress } from '../../shared/startup';

async function run(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('api-worker must run in a worker thread');
  const start = workerData as WorkerStart;
  let ctx: AppContext;
  const progress = (p: StartupProgress) => port.postMessage({ type: 'progress', progress: p } satisfies WorkerReply);
  try {
    progress({ phase: 'opening', done: 0, total: 0 });
    // fullCheck covers the workspace only; the library is checked in the background below.
    ctx = openContext({ dbPath: start.dbPath, resourcesDir: start.resourcesDir, author: start.author, fullCheck: true, program: 'app' });
    // A new or rebuilt library is filled here, document by document, before the window is ready.
    await ensureLibrary(ctx, (done, total, document) => progress({ phase: 'ingesting', done, total, document }));
  } catch (e) {
    port.postMessage({ type: 'failed', error: toErrorData(e) } satisfies WorkerReply);
    return;
  }
  const opened = ctx;
  // A rolling backup at start (skipped when nothing changed since the last one); never blocks.
  startupBackup(opened).catch(() => undefined);
  const dispatch = createDispatcher(handlers, opened);
  // Worker threads cannot reach Electron: PDF pages are printed by the main process on request.
  const printing = new Map<number, { resolve: (pdf: Uint8Array) => void; reject: (e: unknown) => void }>();
  let nextPrint = 1;
  if (start.printViaHost) {
    setPdfRenderer(
      (job, signal) =>
        new Promise((resolve, reject) => {
          const id = nextPrint++;
          printing.set(id, { resolve, reject });
          port.postMessage({ type: 'print', id, job } satisfies WorkerReply);
          signal?.addEventListener('abort', () => port.postMessage({ type: 'print-cancel', id } satisfies WorkerReply), { once: true });
        }),
    );
  }
  port.on('message', (msg: WorkerRequest) => {
    if (msg.type === 'printed') {
      const waiter = printing.get(msg.id);
      printing.delete(msg.id);
      if (msg.error) waiter?.reject(new AppError(msg.error.code, msg.error.message, { subject: msg.error.subject }));
      else waiter?.resolve(msg.pdf ?? new Uint8Array());
      return;
    }
    if (msg.type === 'close') {
      // Let a running backup finish: closing under it would leave no backup at all.
      void whenBackupsIdle(opened.dbPath).then(() => {
        closeContext(opened);
        port.postMessage({ type: 'closed' } satisfies WorkerReply);
        port.close();
      });
      return;
    }
    void dispatch(msg.method, msg.params, { grant: msg.grant }).then((result) => port.postMessage({ type: 'result', id: msg.id, result } satisfies WorkerReply));
  });
  port.postMessage({ type: 'ready', dbPath: opened.dbPath } satisfies WorkerReply);
  // Queued before any call can arrive, so it runs while the window loads.
  setImmediate(() => void warmSearch(dispatch));
  void checkLibraryInBackground(opened);
}

void run();
