// The server side of the typed API, shared by every host (the app's worker, the dev host, the
// CLI): validate the method and request, run the handler, run the after-write step for a write,
// and turn any failure into a typed error value.
import { z } from 'zod';
import { contract, isMethod, type Method, type RequestOf, type ResponseOf } from '../../shared/api/contract';
import type { Result } from '../../shared/api/define';
import { AppError, toErrorData } from '../../shared/errors';
import type { AppContext } from '../store/context';
import { libraryMissingError } from '../store/library';
import { libraryDamageError } from '../store/verify';
import { storageFailure, whileBusy } from '../store/storage-errors';
import type { FileGrant } from '../files/handles';
import { afterWrite, isWrite } from './after-write';

/**
 * What the host adds to one call beside its request: the desktop app's main process puts here the
 * file a handle in the request stood for. Never part of the request itself, so no page can set it.
 */
export interface CallScope {
  grant?: FileGrant;
}

export type Handler<M extends Method> = (req: z.output<(typeof contract)[M]['request']>, ctx: AppContext, scope: CallScope) => ResponseOf<M> | Promise<ResponseOf<M>>;
export type Handlers = { [M in Method]: Handler<M> };
/** A domain's handlers: exactly the methods of its API object. */
export type DomainHandlers<Api> = { [M in keyof Api & Method]: Handler<M> };

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : '(request)'}: ${i.message}`)
    .join('; ');
}

export interface DispatchOptions {
  /** Check responses too (tests and the dev host); a mismatch is a bug, reported as internal. */
  validateResponses?: boolean;
}

/** A dispatcher takes whatever a host received: the method name is checked here, not by the host. */
export type ScopedDispatch = (method: unknown, params: unknown, scope?: CallScope) => Promise<Result<unknown>>;

export function createDispatcher(handlers: Handlers, ctx: AppContext, opts: DispatchOptions = {}): ScopedDispatch {
  return async (method, params, scope = {}) => {
    try {
      if (!isMethod(method)) {
        const name = typeof method === 'string' ? method.slice(0, 80) : typeof method;
        throw new AppError('unknown-method', { ja: `API メソッド「${name}」はありません。`, en: `There is no API method "${name}".` }, { subject: name });
      }
      const def = contract[method];
      const parsed = def.request.safeParse(params ?? {});
      if (!parsed.success) {
        const detail = describeIssues(parsed.error);
        throw new AppError('invalid-request', { ja: `${method} の要求が不正です: ${detail}`, en: `Invalid request to ${method}: ${detail}` }, { subject: method });
      }
      const handler = handlers[method] as Handler<Method>;
      // A write waits (boundedly, yielding) for a database another process is writing.
      const run = () => handler(parsed.data as never, ctx, scope);
      const value = isWrite(method) ? await whileBusy(ctx.db, ctx.dbPath, run) : await run();
      if (isWrite(method)) afterWrite(ctx);
      if (opts.validateResponses) {
        const check = def.response.safeParse(value);
        if (!check.success) throw new Error(`response of ${method} does not match the contract: ${describeIssues(check.error)}`);
      }
      return { ok: true, value };
    } catch (e) {
      // A storage failure names the database (or the file it concerns), never "unexpected"; so does
      // a corpus read on a read-only workspace whose library is missing, or one that met damage in the
      // library (rebuildable) rather than in the workspace.
      return { ok: false, error: toErrorData(libraryMissingError(ctx.db, e) ?? libraryDamageError(ctx.db, e) ?? storageFailure(e, ctx.dbPath) ?? e) };
    }
  };
}

export type { RequestOf, ResponseOf };
