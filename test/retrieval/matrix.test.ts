// The code matrix and co-occurrence against naive computations over the annotation rows: cells,
// totals (a row over documents or speakers sums to its annotation count), counts and Jaccard;
// and `workbench matrix --json` printing the same shape.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api/client';
import type { AppContext } from '../../electron/app/context';
import { NO_SPEAKER } from '../../electron/retrieval/matrix';
import { closeContext, corpusContext } from '../helpers/db';
import { apiFor } from '../helpers/api';
import { runCli } from '../helpers/cli';

let ctx: AppContext;
let api: ApiClient;

interface Naive {
  statement: string;
  document: string;
  speaker: string | null;
  pillars: string[];
  tags: string[];
}
let naive: Naive[];

beforeAll(async () => {
  ctx = corpusContext();
  api = apiFor(ctx);
  const { pillars } = await api.call('pillars.list', {});
  const statements = ctx.db.prepare('SELECT id FROM statements ORDER BY rowid').pluck().all() as string[];
  const tags = ['半導体', '人材', '要確認'];
  // Varied coding: every 5th statement, 1–2 pillars, 0–2 tags, a second annotation on every 4th, some deleted.
  let n = 0;
  for (let i = 0; i < statements.length; i += 5, n++) {
    const pillarIds = [pillars[n % pillars.length].id, ...(n % 3 === 0 ? [pillars[(n + 2) % pillars.length].id] : [])];
    const t = n % 4 === 1 ? [] : [tags[n % 3], ...(n % 5 === 0 ? [tags[(n + 1) % 3]] : [])];
    const { annotation } = await api.call('annotations.create', { statementId: statements[i], pillarIds: [...new Set(pillarIds)], tags: t });
    if (n % 4 === 0) await api.call('annotations.create', { statementId: statements[i], tags: ['半導体'], pillarIds: [pillars[0].id] });
    if (n % 9 === 8) await api.call('annotations.delete', { id: annotation.id });
  }
  naive = (ctx.db.prepare('SELECT a.id, a.statement_id, a.document_id, s.speaker FROM annotations a JOIN statements s ON s.id = a.statement_id WHERE a.deleted_at IS NULL AND a.orphaned = 0').all() as { id: string; statement_id: string; document_id: string; speaker: string | null }[]).map((a) => ({
    statement: a.statement_id,
    document: a.document_id,
    speaker: a.speaker,
    pillars: ctx.db.prepare('SELECT pillar_id FROM annotation_pillars WHERE annotation_id = ?').pluck().all(a.id) as string[],
    tags: ctx.db.prepare('SELECT tag FROM annotation_tags WHERE annotation_id = ?').pluck().all(a.id) as string[],
  }));
});
afterAll(() => closeContext(ctx));

const valueOf = (kind: string, a: Naive): string[] => (kind === 'pillar' ? a.pillars : kind === 'tag' ? a.tags : kind === 'document' ? [a.document] : [a.speaker ?? NO_SPEAKER]);

describe('code matrix', () => {
  it.each([
    ['pillar', 'document'],
    ['pillar', 'speaker'],
    ['pillar', 'tag'],
    ['pillar', 'pillar'],
    ['tag', 'document'],
    ['tag', 'tag'],
  ] as const)('%s × %s equals a naive count', async (rows, cols) => {
    const m = await api.call('retrieval.matrix', { rows, cols });
    expect(m.annotations).toBe(naive.length);
    expect(new Set(m.rows.map((r) => r.id))).toEqual(new Set(naive.flatMap((a) => valueOf(rows, a))));
    expect(new Set(m.cols.map((c) => c.id))).toEqual(new Set(naive.flatMap((a) => valueOf(cols, a))));
    m.rows.forEach((r, i) => {
      expect(m.rowTotals[i]).toBe(naive.filter((a) => valueOf(rows, a).includes(r.id)).length);
      m.cols.forEach((c, j) => expect(m.cells[i][j]).toBe(naive.filter((a) => valueOf(rows, a).includes(r.id) && valueOf(cols, a).includes(c.id)).length));
    });
    m.cols.forEach((c, j) => expect(m.colTotals[j]).toBe(naive.filter((a) => valueOf(cols, a).includes(c.id)).length));
    // Every annotation is in exactly one document and one speaker column: rows sum to their totals.
    if (cols === 'document' || cols === 'speaker') m.rows.forEach((_, i) => expect(m.cells[i].reduce((s, x) => s + x, 0)).toBe(m.rowTotals[i]));
  });

  it('pillar × document covers every pillar-linked annotation', async () => {
    const m = await api.call('retrieval.matrix', { rows: 'pillar', cols: 'document' });
    const sum = m.cells.flat().reduce((s, x) => s + x, 0);
    expect(sum).toBe(naive.reduce((s, a) => s + a.pillars.length, 0));
    expect(sum).toBeGreaterThan(0);
  });

  it('workbench matrix --json prints rows, cols and cells', async () => {
    const run = await runCli(['matrix', '--rows', 'pillar', '--cols', 'document', '--json', '--db', ctx.dbPath]);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { rows: { id: string; label: string }[]; cols: { id: string; label: string }[]; cells: number[][] };
    const m = await api.call('retrieval.matrix', { rows: 'pillar', cols: 'document' });
    expect(out.rows).toEqual(m.rows);
    expect(out.cols).toEqual(m.cols);
    expect(out.cells).toEqual(m.cells);
    const bad = await runCli(['matrix', '--rows', 'document', '--db', ctx.dbPath]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--rows');
  });
});

describe('co-occurrence', () => {
  it('counts statements coded with both codes, and Jaccard, as a naive computation does', async () => {
    const c = await api.call('retrieval.cooccurrence', {});
    const byStatement = new Map<string, Set<string>>();
    for (const a of naive) {
      const set = byStatement.get(a.statement) ?? new Set<string>();
      for (const p of a.pillars) set.add(`pillar:${p}`);
      for (const t of a.tags) set.add(`tag:${t}`);
      byStatement.set(a.statement, set);
    }
    const sets = [...byStatement.values()];
    expect(new Set(c.codes.map((x) => x.id))).toEqual(new Set(sets.flatMap((s) => [...s])));
    c.codes.forEach((x, i) => {
      const withX = sets.filter((s) => s.has(x.id)).length;
      expect(x.statements).toBe(withX);
      c.codes.forEach((y, j) => {
        const both = sets.filter((s) => s.has(x.id) && s.has(y.id)).length;
        const either = sets.filter((s) => s.has(x.id) || s.has(y.id)).length;
        expect(c.counts[i][j]).toBe(both);
        expect(c.jaccard[i][j]).toBeCloseTo(both / either, 4);
      });
    });
    expect(c.counts.flat().some((n, k) => n > 0 && Math.floor(k / c.codes.length) !== k % c.codes.length)).toBe(true);
  });
});
