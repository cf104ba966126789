// Runs an async step over a list with at most `width` steps in flight, answers in the list's order.
// Used where two steps overlap usefully on two threads: an import's file N+1 is prepared (read,
// segmented, tokenized) on the import worker while file N is written on the database thread.

export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

/**
 * Calls `step` for every item, never more than `width` at once, starting them in order. `stop`
 * is asked before each new start: once it says yes nothing more starts (steps in flight finish).
 * The result has one entry per started item, in the items' order; a step that threw is
 * `{ ok: false }`, so one failure never hides the others.
 */
export async function mapWindowed<T, R>(items: readonly T[], width: number, step: (item: T, index: number) => Promise<R>, stop: () => boolean = () => false): Promise<Settled<R>[]> {
  if (!Number.isInteger(width) || width < 1) throw new RangeError(`width must be a positive integer, not ${width}`);
  const results: Settled<R>[] = [];
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length && !stop()) {
      const index = next++;
      try {
        results[index] = { ok: true, value: await step(items[index], index) };
      } catch (error) {
        results[index] = { ok: false, error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
  return results.slice(0, next);
}
