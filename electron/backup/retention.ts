// Which backups of one workspace to keep, as Time Machine does: the last hour is covered change by
// change by the journal (checkpoints, no files), so files are kept one per hour for a day, one per
// day for a month and one per week after that, within a budget of count and bytes.
// Pure: the clock and the list come in, the decision goes out (tests drive it over simulated weeks).

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;

export interface RetentionBudget {
  /** Most backup files kept (the newest is kept even when it alone is over). */
  maxCount: number;
  /** Most bytes the kept files may take together. */
  maxBytes: number;
}

/**
 * A year of weekly copies plus a month of daily and a day of hourly ones fits 24 + 30 + 52 ≈ 106
 * files; the workspace is small (the library is not in a backup), so 2 GiB is room for years.
 */
export const DEFAULT_BUDGET: RetentionBudget = { maxCount: 120, maxBytes: 2 * 1024 ** 3 };

/** How long each tier lasts, measured back from now. */
export const TIERS = {
  /** Every change: journal checkpoints, not files. */
  changes: HOUR_MS,
  /** One file per clock hour (UTC) younger than this. */
  hourly: DAY_MS,
  /** One file per day (UTC) younger than this; one per week (from Monday, UTC) after. */
  daily: 30 * DAY_MS,
} as const;

export interface Retained {
  id: string;
  createdAt: string;
  bytes: number;
}

export type Tier = 'hourly' | 'daily' | 'weekly';

/** The tier a backup of this age falls in, and the bucket it shares with its neighbours. */
export function bucketOf(createdAtMs: number, nowMs: number): { tier: Tier; bucket: string } {
  const age = nowMs - createdAtMs;
  if (age < TIERS.hourly) return { tier: 'hourly', bucket: `h${Math.floor(createdAtMs / HOUR_MS)}` };
  if (age < TIERS.daily) return { tier: 'daily', bucket: `d${Math.floor(createdAtMs / DAY_MS)}` };
  // 1970-01-01 was a Thursday: shift by four days so that weeks start on Monday.
  return { tier: 'weekly', bucket: `w${Math.floor((createdAtMs + 4 * DAY_MS) / WEEK_MS)}` };
}

/**
 * The backups to keep, newest first: the newest of each bucket, then the oldest dropped until the
 * budget holds. The newest backup of all is always kept: nothing replaces it but a newer one.
 */
export function chooseRetained<T extends Retained>(backups: readonly T[], now: Date, budget: RetentionBudget = DEFAULT_BUDGET): { keep: T[]; drop: T[] } {
  const nowMs = now.getTime();
  const newestFirst = [...backups].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? 1 : -1));
  const seen = new Set<string>();
  const keep: T[] = [];
  const drop: T[] = [];
  for (const b of newestFirst) {
    const { bucket } = bucketOf(Date.parse(b.createdAt), nowMs);
    if (seen.has(bucket)) drop.push(b);
    else {
      seen.add(bucket);
      keep.push(b);
    }
  }
  let bytes = keep.reduce((n, b) => n + b.bytes, 0);
  while (keep.length > 1 && (keep.length > budget.maxCount || bytes > budget.maxBytes)) {
    const oldest = keep.pop()!;
    bytes -= oldest.bytes;
    drop.push(oldest);
  }
  return { keep, drop };
}
