// An in-process API client over the real dispatcher: what the renderer sees, minus IPC.
import { createClient, type ApiClient } from '../../shared/api/client';
import type { AppContext } from '../../electron/app/context';
import { createDispatcher } from '../../electron/api/dispatch';
import { handlers } from '../../electron/api/handlers';

export function apiFor(ctx: AppContext): ApiClient {
  const dispatch = createDispatcher(handlers, ctx, { validateResponses: true });
  return createClient((method, params) => dispatch(method, params));
}
