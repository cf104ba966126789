// A fake of the typed API client for component tests: in-memory handlers per method, typed
// against the contract, recording every call; unknown methods fail like the real dispatcher.
import { ApiError, type ApiClient } from '../../shared/api/client';
import type { Method, RequestOf, ResponseOf } from '../../shared/api/contract';
import type { AppErrorData } from '../../shared/errors';

export type FakeHandlers = { [M in Method]?: (req: RequestOf<M>) => ResponseOf<M> | Promise<ResponseOf<M>> };

export interface FakeApi extends ApiClient {
  calls: { method: string; params: unknown }[];
  handlers: FakeHandlers;
  callsOf(method: Method): unknown[];
}

export function appError(code: AppErrorData['code'], ja: string, en: string): ApiError {
  return new ApiError({ code, message: { ja, en } });
}

export function fakeApi(handlers: FakeHandlers): FakeApi {
  const calls: { method: string; params: unknown }[] = [];
  return {
    calls,
    handlers,
    callsOf: (method) => calls.filter((c) => c.method === method).map((c) => c.params),
    async call(method, params) {
      calls.push({ method, params });
      const handler = handlers[method] as ((req: unknown) => unknown) | undefined;
      if (!handler) throw appError('unknown-method', `API メソッド「${method}」はありません。`, `There is no API method "${method}".`);
      return (await handler(params)) as never;
    },
  };
}
