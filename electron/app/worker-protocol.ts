// Messages between the main process and the API worker thread.
import type { Result } from '../../shared/api/define';
import type { AppErrorData } from '../../shared/errors';

export interface WorkerStart {
  dbPath: string;
  resourcesDir?: string;
  author?: string;
}

export type WorkerRequest = { type: 'call'; id: number; method: unknown; params: unknown } | { type: 'close' };

export type WorkerReply =
  | { type: 'ready'; dbPath: string }
  | { type: 'failed'; error: AppErrorData }
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'closed' };
