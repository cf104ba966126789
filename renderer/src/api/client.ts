// The one API client of the running renderer. Stores call `api()`; tests install a fake with
// `setApi` so every panel runs against the typed contract without a back end.
import { ApiError, createClient, type ApiClient } from '../../../shared/api/client';
import type { AppErrorData } from '../../../shared/errors';
import { watchSlowCalls } from './slowCalls';
import { selectTransport } from './transport';

let current: ApiClient | null = null;

export function setApi(client: ApiClient | null): void {
  current = client;
}

export function api(): ApiClient {
  // Slow calls are counted (api/slowCalls.ts); the status question itself is not.
  if (!current) current = createClient(watchSlowCalls(selectTransport(window), new Set(['storage.status'])));
  return current;
}

/** Any failure as displayable error data (the back end's AppError, or a renderer-side one). */
export function errorData(e: unknown): AppErrorData {
  if (e instanceof ApiError) return e.data;
  const detail = e instanceof Error ? e.message : String(e);
  return { code: 'internal', message: { ja: `画面の処理で問題が発生しました: ${detail}`, en: `Something went wrong in the window: ${detail}` } };
}
