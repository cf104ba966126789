// The building block of the typed API: a method is a validated request and response pair.
// Every domain file (documents, search, annotations, …) declares its methods with `method`.
import type { z } from 'zod';
import type { AppErrorData } from '../errors';

export interface MethodDef<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  request: Req;
  response: Res;
  /** One line for the API docs and error messages. */
  summary: string;
}

export function method<Req extends z.ZodType, Res extends z.ZodType>(request: Req, response: Res, summary: string): MethodDef<Req, Res> {
  return { request, response, summary };
}

/** What every transport (IPC, loopback HTTP, in-process) carries back. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };

/**
 * One call of the typed API by name, whoever carries it: the renderer's transports (IPC bridge,
 * WebSocket, HTTP), the Electron main process forwarding to the database worker, the dispatcher.
 * A host that receives calls from outside takes `Invoke<unknown>`: it cannot trust the name's type.
 */
export type Invoke<M = string> = (method: M, params: unknown) => Promise<Result<unknown>>;
