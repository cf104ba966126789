// What follows every analyst write over the API (annotations, pillars, briefings): a rolling
// backup once enough changes have piled up, started without delaying the answer.
import type { AppContext } from '../app/context';
import { backupAfterWork } from '../backup/recovery';

/** Runs a write, then (in the background) a rolling backup if one is due. */
export function write<T>(ctx: AppContext, fn: () => T): T {
  const result = fn();
  backupAfterWork(ctx).catch(() => {
    /* a failed rolling backup must not fail the analyst's change; the next one retries */
  });
  return result;
}

/** A handler whose call is a write (see `write`). */
export function writing<Req, Res>(handler: (req: Req, ctx: AppContext) => Res): (req: Req, ctx: AppContext) => Res {
  return (req, ctx) => write(ctx, () => handler(req, ctx));
}
