// Time-tiered retention over simulated weeks with an injected clock: one file per hour for a day,
// per day for a month, per week after, within the budget. The expectations are computed from the
// calendar (ISO strings and Mondays), not from the code's own bucket arithmetic.
import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/app/context';
import { listBackups } from '../../electron/backup/backups';
import { backupAfterWork, journalCheckpoints, startupBackup } from '../../electron/backup/recovery';
import { chooseRetained, DAY_MS, HOUR_MS, type Retained, type RetentionBudget } from '../../electron/backup/retention';
import { createAnnotation } from '../../electron/annotate/annotations';
import { findStatement } from '../helpers/annotate';
import { closeContext, makeContext } from '../helpers/db';

const START = Date.parse('2026-01-01T00:07:00.000Z'); // a Thursday
const EVERY = 15 * 60_000;
const UNLIMITED: RetentionBudget = { maxCount: 1e9, maxBytes: 1e15 };

/** Backups every 15 minutes for `days`, pruned after each one as the app would; returns what is kept. */
function simulate(days: number, budget: RetentionBudget, check?: (kept: Retained[], now: number) => void): { kept: Retained[]; now: number } {
  let kept: Retained[] = [];
  let now = START;
  for (let i = 0; now < START + days * DAY_MS; i++, now += EVERY) {
    const b = { id: `b${i}`, createdAt: new Date(now).toISOString(), bytes: 1000 + (i % 7) };
    kept = chooseRetained([...kept, b], new Date(now), budget).keep;
    check?.(kept, now);
  }
  return { kept, now: now - EVERY };
}

const hourOf = (iso: string) => iso.slice(0, 13);
const dayOf = (iso: string) => iso.slice(0, 10);
function mondayOf(iso: string): string {
  const d = new Date(`${dayOf(iso)}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

function countBy(list: Retained[], key: (iso: string) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const b of list) m.set(key(b.createdAt), (m.get(key(b.createdAt)) ?? 0) + 1);
  return m;
}

describe('time-tiered retention', () => {
  it('over ten simulated weeks: hourly for a day, daily for a month, weekly after, the newest always kept', () => {
    let steps = 0;
    const { kept, now } = simulate(70, UNLIMITED, (k, t) => {
      steps++;
      expect(k[0].createdAt).toBe(new Date(t).toISOString()); // the newest is never pruned
    });
    expect(steps).toBe(70 * 96);
    const age = (b: Retained) => now - Date.parse(b.createdAt);
    const hourly = kept.filter((b) => age(b) < DAY_MS);
    const daily = kept.filter((b) => age(b) >= DAY_MS && age(b) < 30 * DAY_MS);
    const weekly = kept.filter((b) => age(b) >= 30 * DAY_MS);

    // One per clock hour for the last day: every hour has one, the last of that hour (:52).
    expect([...countBy(hourly, hourOf).values()].every((n) => n === 1)).toBe(true);
    expect(hourly).toHaveLength(24);
    for (const b of hourly.slice(1)) expect(b.createdAt.slice(14, 16)).toBe('52');
    // One per day for the month before: each of those 29 calendar days exactly once.
    expect([...countBy(daily, dayOf).values()].every((n) => n === 1)).toBe(true);
    const days = new Set(daily.map((b) => dayOf(b.createdAt)));
    for (let d = 2; d <= 29; d++) expect(days.has(dayOf(new Date(now - d * DAY_MS).toISOString())), `day -${d}`).toBe(true);
    // One per Monday-week after that, with no week of the simulation missing.
    expect([...countBy(weekly, mondayOf).values()].every((n) => n === 1)).toBe(true);
    const weeks = new Set(weekly.map((b) => mondayOf(b.createdAt)));
    for (let t = START; t < now - 31 * DAY_MS; t += 7 * DAY_MS) expect(weeks.has(mondayOf(new Date(t).toISOString())), new Date(t).toISOString()).toBe(true);
    expect(kept.length).toBe(hourly.length + daily.length + weekly.length);
    expect(kept.length).toBeLessThan(24 + 30 + 6 + 1);
  });

  it('a budget of 20 files keeps the 20 newest of the tiers, dropping the oldest weeks first', () => {
    const tiered = simulate(70, UNLIMITED).kept;
    const { kept } = simulate(70, { maxCount: 20, maxBytes: 1e15 }, (k) => expect(k.length).toBeLessThanOrEqual(20));
    expect(kept.map((b) => b.id)).toEqual(tiered.slice(0, 20).map((b) => b.id));
  });

  it('a budget in bytes holds too, but never drops the newest backup even when it alone is over', () => {
    const { kept } = simulate(10, { maxCount: 1e9, maxBytes: 10_500 }, (k) => {
      expect(k.reduce((n, b) => n + b.bytes, 0)).toBeLessThanOrEqual(10_500);
    });
    expect(kept).toHaveLength(10);
    const alone = chooseRetained([{ id: 'x', createdAt: new Date(START).toISOString(), bytes: 5000 }], new Date(START), { maxCount: 1, maxBytes: 1 });
    expect(alone.keep.map((b) => b.id)).toEqual(['x']);
  });
});

describe('the app\'s automatic backups follow the tiers (real files, injected clock)', () => {
  it('two simulated days of work: hourly backups once a change is an hour past the last, thinned to the tiers', async () => {
    const ctx: AppContext = makeContext();
    const statementId = findStatement(ctx, '半導体').id;
    let now = Date.parse('2026-03-02T08:00:00.000Z');
    const clock = { now: () => new Date(now) };
    // The journaled service, not the API: the dispatcher's own after-write step uses the real clock.
    const actor = { db: ctx.db, author: 'test-analyst', now: () => new Date(now).toISOString() };
    try {
      expect(await startupBackup(ctx, clock)).not.toBeNull();
      let made = 1;
      // A change every 20 minutes, two days long: one backup per hour of work (the journal
      // covers the minutes in between).
      for (let step = 0; step < 2 * 72; step++) {
        now += 20 * 60_000;
        createAnnotation(actor, { statementId, comment: `step ${step}` });
        if (await backupAfterWork(ctx, clock)) made++;
      }
      expect(made).toBe(1 + 48);
      const list = listBackups(ctx.dbPath);
      const ages = list.map((b) => now - Date.parse(b.createdAt));
      // Within the day: one per clock hour; before it: one per day (the start's day and the next).
      expect(ages.filter((a) => a < DAY_MS)).toHaveLength(24);
      expect(new Set(list.filter((b) => now - Date.parse(b.createdAt) >= DAY_MS).map((b) => dayOf(b.createdAt))).size).toBe(list.length - 24);
      expect(list.length).toBe(24 + 2);
      // Each backup records the journal position it holds; the newest holds nearly every change.
      expect(list[0].journalPosition).toBeGreaterThan(list[1].journalPosition);
      // The last hour is covered change by change by the journal: the three changes of the last
      // hour are checkpoints, the newest the one the newest backup holds.
      const checkpoints = journalCheckpoints(ctx.db, new Date(now));
      expect(checkpoints.map((c) => c.at)).toEqual([0, 1, 2].map((k) => new Date(now - k * 20 * 60_000).toISOString()));
      expect(checkpoints[0].position).toBe(list[0].journalPosition);
      expect(journalCheckpoints(ctx.db, new Date(now + HOUR_MS + 60_000))).toEqual([]);
    } finally {
      closeContext(ctx);
    }
  });
});
