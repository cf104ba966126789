// The renderer's (and tests') view of the back end: typed calls over any transport.
// Failures arrive as ApiError carrying the typed AppErrorData, never as raw exceptions.
import type { AppErrorData } from '../errors';
import type { Method, RequestOf, ResponseOf } from './contract';
import type { Invoke } from './define';

export class ApiError extends Error {
  readonly data: AppErrorData;
  constructor(data: AppErrorData) {
    super(data.message.en);
    this.name = 'ApiError';
    this.data = data;
  }
}

export interface ApiClient {
  call<M extends Method>(method: M, params: RequestOf<M>): Promise<ResponseOf<M>>;
}

export function createClient(transport: Invoke): ApiClient {
  return {
    async call(method, params) {
      const result = await transport(method, params);
      if (!result.ok) throw new ApiError(result.error);
      return result.value as never;
    },
  };
}
