// Calls to the back end that are taking a while, counted for the window: a write waiting for a
// database another process holds shows "waiting for import…" (components/shell/StorageBanner),
// and only a slow call makes the window ask why, so an idle window never polls.
import type { Invoke } from '../../../shared/api/define';

/** A call still running after this long is "slow": the window then asks whether it is waiting. */
export const SLOW_CALL_MS = 700;

type Listener = (slow: number) => void;
const listeners = new Set<Listener>();
let slow = 0;

function setSlow(n: number): void {
  slow = n;
  for (const l of listeners) l(slow);
}

/** Calls `listener` with the number of slow calls whenever it changes; returns the unsubscribe. */
export function onSlowCalls(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** `transport`, counting its calls that outlast SLOW_CALL_MS (except `ignore`, the status asks themselves). */
export function watchSlowCalls(transport: Invoke, ignore: ReadonlySet<string>): Invoke {
  return async (method, params) => {
    if (ignore.has(method)) return transport(method, params);
    let counted = false;
    const timer = setTimeout(() => {
      counted = true;
      setSlow(slow + 1);
    }, SLOW_CALL_MS);
    try {
      return await transport(method, params);
    } finally {
      clearTimeout(timer);
      if (counted) setSlow(slow - 1);
    }
  };
}
