// Ranking above the candidate bound: the shortest hits are bm25-ranked, the rest follow in reading
// order, and paging through the whole order visits every hit exactly once (the UI's long lists).
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AppContext } from '../../electron/app/context';
import { statementMeta } from '../../electron/search/meta';
import { termIds } from '../../electron/search/postings';
import { LENGTH_FLOOR, rankHits } from '../../electron/search/rank';
import { ensureIndex } from '../../electron/search/query';
import { normalizeKey } from '../../shared/text/normalize';
import { closeContext, corpusContext } from '../helpers/db';

let ctx: AppContext;
beforeAll(() => {
  ctx = corpusContext();
  ensureIndex(ctx.db);
});
afterAll(() => closeContext(ctx));

it('ranks a bounded set of the shortest hits, then reading order, and pages cover every hit once', () => {
  const meta = statementMeta(ctx.db);
  const norm = normalizeKey('の');
  const ids = termIds(ctx.db, norm);
  expect(ids.length).toBeGreaterThan(60);
  const ranking = rankHits(ctx.db, ids, [{ raw: 'の', norm, phrase: false }], meta, (t) => termIds(ctx.db, t).length, { rankAll: 20 });
  expect(ranking.kind).toBe('bm25-candidates');
  const seen: number[] = [];
  for (let offset = 0; offset < ids.length + 30; offset += 7) seen.push(...ranking.page(offset, 7).map((h) => h.rowid));
  expect(seen.length).toBe(ids.length);
  expect(new Set(seen)).toEqual(new Set(ids));
  const ranked = ranking.page(0, 20);
  // Candidates are the shortest by length clamped at the floor (shorter ones count as floor-long).
  const clamped = (r: number) => Math.max(LENGTH_FLOOR, meta.length[r]);
  const lengths = Array.from(ids, clamped).sort((a, b) => a - b);
  for (const h of ranked) expect(clamped(h.rowid)).toBeLessThanOrEqual(lengths[19]);
  for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1].score).toBeGreaterThanOrEqual(ranked[i].score);
  const tail = ranking.page(20, ids.length);
  for (let i = 1; i < tail.length; i++) expect(meta.order[tail[i - 1].rowid]).toBeLessThan(meta.order[tail[i].rowid]);
  expect(tail.every((h) => h.score === 0)).toBe(true);
});
