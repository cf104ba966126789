// Messages between the main process and the API worker thread.
import type { Result } from '../../shared/api/define';
import type { AppErrorData } from '../../shared/errors';
import type { PrintJob } from '../export/html';
import type { FileGrant } from '../files/handles';
import type { StartupProgress } from '../../shared/startup';

export interface WorkerStart {
  dbPath: string;
  resourcesDir?: string;
  author?: string;
  /** PDF is printed by the host (Electron's printToPDF) rather than a system Chromium. */
  printViaHost?: boolean;
  /** The user's data folder, for the V8 compile cache of this worker's modules (./compile-cache.ts). */
  compileCacheDataDir?: string;
}

export type WorkerRequest =
  /** `grant`: the file a handle in the request stands for, redeemed by the main process. */
  | { type: 'call'; id: number; method: unknown; params: unknown; grant?: FileGrant }
  | { type: 'printed'; id: number; pdf?: Uint8Array; error?: AppErrorData }
  | { type: 'close' };

export type WorkerReply =
  | { type: 'progress'; progress: StartupProgress }
  | { type: 'ready'; dbPath: string }
  | { type: 'failed'; error: AppErrorData }
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'print'; id: number; job: PrintJob }
  /** The export that asked for this print was cancelled: the host may stop printing. */
  | { type: 'print-cancel'; id: number }
  | { type: 'closed' };
