// The timeline against a naive computation over the annotation rows: one lane per pillar, points
// per document date (day, month, year), coded statements counted once, undated documents listed
// apart and never placed on the axis. Coding is generated over the bundled corpus, with one
// document made undated and one dated only to the month.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api/client';
import type { AppContext } from '../../electron/app/context';
import type { TimelineBucket } from '../../shared/retrieval';
import { bucketOf } from '../../electron/retrieval/timeline';
import { closeContext, corpusContext } from '../helpers/db';
import { apiFor } from '../helpers/api';

let ctx: AppContext;
let api: ApiClient;
let undatedDoc: string;
let monthDoc: string;

interface Row {
  id: string;
  statementId: string;
  documentId: string;
  date: string | null;
  pillars: string[];
}
let rows: Row[];

beforeAll(async () => {
  ctx = corpusContext();
  api = apiFor(ctx);
  const docs = ctx.db.prepare('SELECT id FROM documents ORDER BY id').pluck().all() as string[];
  // The bundled corpus is dated throughout: make one document undated and one dated to the month.
  undatedDoc = docs[0];
  monthDoc = docs[1];
  ctx.db.prepare('UPDATE documents SET date = NULL WHERE id = ?').run(undatedDoc);
  ctx.db.prepare("UPDATE documents SET date = '2022-05' WHERE id = ?").run(monthDoc);
  const { pillars } = await api.call('pillars.list', {});
  const statements = ctx.db.prepare('SELECT id FROM statements ORDER BY rowid').pluck().all() as string[];
  let n = 0;
  for (let i = 0; i < statements.length; i += 4, n++) {
    const pillarIds = [...new Set([pillars[n % pillars.length].id, ...(n % 3 === 0 ? [pillars[(n + 1) % pillars.length].id] : [])])];
    const { annotation } = await api.call('annotations.create', { statementId: statements[i], pillarIds, tags: n % 2 ? ['半導体'] : [] });
    // A second annotation on the same statement: the statement counts once, the annotations twice.
    if (n % 5 === 0) await api.call('annotations.create', { statementId: statements[i], pillarIds: [pillars[n % pillars.length].id], start: 0, end: 2 });
    if (n % 11 === 10) await api.call('annotations.delete', { id: annotation.id });
  }
  rows = (
    ctx.db
      .prepare('SELECT a.id, a.statement_id, a.document_id, d.date FROM annotations a JOIN documents d ON d.id = a.document_id JOIN statements s ON s.id = a.statement_id WHERE a.deleted_at IS NULL AND a.orphaned = 0')
      .raw()
      .all() as [string, string, string, string | null][]
  ).map(([id, statementId, documentId, date]) => ({ id, statementId, documentId, date, pillars: ctx.db.prepare('SELECT pillar_id FROM annotation_pillars WHERE annotation_id = ?').pluck().all(id) as string[] }));
}, 120_000);
afterAll(() => closeContext(ctx));

function naiveLane(pillarId: string, bucket: TimelineBucket, list = rows): Map<string, { statements: number; annotations: number }> {
  const out = new Map<string, { s: Set<string>; a: number }>();
  for (const r of list) {
    if (!r.pillars.includes(pillarId) || r.date === null) continue;
    const parts = r.date.split('-');
    const key = bucket === 'year' ? parts[0] : bucket === 'month' ? parts.slice(0, 2).join('-') : r.date;
    const e = out.get(key) ?? { s: new Set<string>(), a: 0 };
    e.s.add(r.statementId);
    e.a++;
    out.set(key, e);
  }
  return new Map([...out].map(([k, e]) => [k, { statements: e.s.size, annotations: e.a }]));
}

describe('timeline', () => {
  it.each(['day', 'month', 'year'] as const)('lanes per pillar equal a naive count by %s', async (bucket) => {
    const t = await api.call('retrieval.timeline', { bucket });
    const { pillars } = await api.call('pillars.list', {});
    expect(t.lanes.map((l) => l.pillarId)).toEqual(pillars.map((p) => p.id));
    let points = 0;
    for (const lane of t.lanes) {
      const expected = naiveLane(lane.pillarId, bucket);
      expect(new Map(lane.points.map((p) => [p.date, { statements: p.statements, annotations: p.annotations }]))).toEqual(expected);
      expect(lane.points.map((p) => p.date)).toEqual([...expected.keys()].sort());
      for (const p of lane.points) {
        expect(p.annotationIds.length).toBe(p.annotations);
        for (const id of p.annotationIds) expect(rows.find((r) => r.id === id)?.pillars).toContain(lane.pillarId);
      }
      points += lane.points.length;
    }
    expect(points).toBeGreaterThan(0);
    const dates = t.lanes.flatMap((l) => l.points.map((p) => p.date)).sort();
    expect(t.range).toEqual({ from: dates[0], to: dates[dates.length - 1] });
  });

  it('lists an undated document apart and never places it on the axis', async () => {
    const t = await api.call('retrieval.timeline', {});
    const undated = rows.filter((r) => r.date === null);
    expect(undated.some((r) => r.documentId === undatedDoc)).toBe(true);
    expect(new Set(t.undated.map((u) => u.documentId))).toEqual(new Set(undated.filter((r) => r.pillars.length).map((r) => r.documentId)));
    const listed = t.undated.flatMap((u) => u.annotationIds);
    expect(new Set(listed)).toEqual(new Set(undated.filter((r) => r.pillars.length).map((r) => r.id)));
    const onAxis = new Set(t.lanes.flatMap((l) => l.points.flatMap((p) => p.annotationIds)));
    for (const r of undated) expect(onAxis.has(r.id)).toBe(false);
  });

  it('a document dated to the month stays in its month at day granularity (no made-up day)', async () => {
    const t = await api.call('retrieval.timeline', { bucket: 'day' });
    const ids = new Set(rows.filter((r) => r.documentId === monthDoc).map((r) => r.id));
    expect(ids.size).toBeGreaterThan(0);
    const dates = t.lanes.flatMap((l) => l.points.filter((p) => p.annotationIds.some((id) => ids.has(id))).map((p) => p.date));
    expect(new Set(dates)).toEqual(new Set(['2022-05']));
  });

  it('takes the segments filter', async () => {
    const t = await api.call('retrieval.timeline', { filter: { tags: ['半導体'] }, bucket: 'year' });
    const tagged = new Set(ctx.db.prepare("SELECT annotation_id FROM annotation_tags WHERE tag = '半導体'").pluck().all() as string[]);
    const list = rows.filter((r) => tagged.has(r.id));
    expect(list.length).toBeGreaterThan(0);
    for (const lane of t.lanes) expect(new Map(lane.points.map((p) => [p.date, { statements: p.statements, annotations: p.annotations }]))).toEqual(naiveLane(lane.pillarId, 'year', list));
  });

  it('buckets dates and refuses what is not a date', () => {
    expect(bucketOf('2021-11-19', 'day')).toBe('2021-11-19');
    expect(bucketOf('2021-11-19', 'month')).toBe('2021-11');
    expect(bucketOf('2021-11', 'day')).toBe('2021-11');
    expect(bucketOf('2021', 'month')).toBe('2021');
    expect(bucketOf('令和3年', 'year')).toBeNull();
  });
});
