// The ranking evaluation: the nDCG@10 measure on hand-computed lists, the judgment sets' shape
// (ids that exist, grades 1–3, ≥ 30 held-out queries), and the substance model beating plain bm25
// on the held-out judgments in nDCG@10 and in headings among the top 3 (figures: docs/search.md).
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/app/context';
import { ndcgAt10, summarize } from '../bench/ranking-metrics';
import { evaluateSet, loadSet } from '../bench/ranking-eval';
import { closeContext, corpusContext, RESOURCES_DIR } from '../helpers/db';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'search');
let ctx: AppContext;
beforeAll(() => {
  ctx = corpusContext();
});
afterAll(() => closeContext(ctx));

describe('nDCG@10', () => {
  it('is 1 for the ideal order and falls when a relevant hit moves down or is missing', () => {
    const grades = { a: 3, b: 2, c: 1 };
    expect(ndcgAt10(['a', 'b', 'c'], grades)).toBeCloseTo(1, 10);
    // DCG of [c, b, a] = 1/log2(2) + 3/log2(3) + 7/log2(4); ideal = 7 + 3/log2(3) + 1/2.
    const ideal = 7 + 3 / Math.log2(3) + 0.5;
    expect(ndcgAt10(['c', 'b', 'a'], grades)).toBeCloseTo((1 + 3 / Math.log2(3) + 3.5) / ideal, 10);
    expect(ndcgAt10(['x', 'a'], grades)).toBeCloseTo(7 / Math.log2(3) / ideal, 10);
    expect(ndcgAt10([], grades)).toBe(0);
    // Only the first ten positions count.
    expect(ndcgAt10([...'0123456789'.split(''), 'a'], grades)).toBe(0);
  });

  it('counts headings among the filled top-3 positions', () => {
    const s = summarize([
      { query: 'x', ndcg: 1, top3Kinds: ['heading', 'paragraph', 'heading'], total: 9 },
      { query: 'y', ndcg: 0, top3Kinds: ['item'], total: 1 },
    ]);
    expect(s.headingsInTop3).toBe(2);
    expect(s.top3Positions).toBe(4);
    expect(s.headingShare).toBe(0.5);
    expect(s.meanNdcg).toBe(0.5);
  });
});

describe('judgment sets', () => {
  it('name real statements with grades 1–3, and the held-out set has ≥ 30 queries apart from the tuning set', () => {
    const ids = new Set(ctx.db.prepare('SELECT id FROM statements').pluck().all() as string[]);
    const held = loadSet('judgments', FIXTURES);
    const tuning = loadSet('ranking-tuning', FIXTURES);
    expect(held.queries.length).toBeGreaterThanOrEqual(30);
    for (const q of [...held.queries, ...tuning.queries]) {
      expect(Object.keys(q.grades).length).toBeGreaterThan(0);
      for (const [id, g] of Object.entries(q.grades)) {
        expect(ids.has(id)).toBe(true);
        expect([1, 2, 3]).toContain(g);
      }
    }
    const heldQueries = new Set(held.queries.map((q) => q.query));
    for (const q of tuning.queries) expect(heldQueries.has(q.query)).toBe(false);
  });

  it('the substance model beats plain bm25 on the held-out judgments', () => {
    const held = loadSet('judgments', FIXTURES);
    const bm25 = evaluateSet(ctx.db, RESOURCES_DIR, held, 'bm25');
    const substance = evaluateSet(ctx.db, RESOURCES_DIR, held, 'substance');
    expect(substance.meanNdcg).toBeGreaterThan(bm25.meanNdcg);
    expect(substance.headingShare).toBeLessThan(bm25.headingShare);
  });
});
