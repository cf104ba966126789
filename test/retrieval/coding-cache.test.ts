// The live coding that the matrix and co-occurrence read is kept per connection until anything is
// written: it must come back at once when nothing changed, and never be stale after a write through
// the API, an undo, or a write by another connection (another process) to the same file.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api/client';
import type { AppContext } from '../../electron/app/context';
import { liveCoding } from '../../electron/retrieval/coding';
import { changeKey } from '../../electron/store/change-key';
import { closeContext, corpusContext } from '../helpers/db';
import { apiFor } from '../helpers/api';

let ctx: AppContext;
let api: ApiClient;
let statements: string[];
let pillarIds: string[];

/** The pillar × document counts straight from the rows (the oracle). */
function naiveCounts(db: Database.Database): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of db.prepare(
    `SELECT ap.pillar_id AS p, a.document_id AS d FROM annotations a JOIN annotation_pillars ap ON ap.annotation_id = a.id
     JOIN pillars pl ON pl.id = ap.pillar_id WHERE pl.deleted_at IS NULL AND a.deleted_at IS NULL AND a.orphaned = 0`,
  ).all() as { p: string; d: string }[]) out[`${r.p}|${r.d}`] = (out[`${r.p}|${r.d}`] ?? 0) + 1;
  return out;
}

async function matrixCounts(): Promise<Record<string, number>> {
  const m = await api.call('retrieval.matrix', { rows: 'pillar', cols: 'document' });
  const out: Record<string, number> = {};
  m.rows.forEach((r, i) => m.cols.forEach((c, j) => m.cells[i][j] && (out[`${r.id}|${c.id}`] = m.cells[i][j])));
  return out;
}

beforeAll(async () => {
  ctx = corpusContext();
  api = apiFor(ctx);
  pillarIds = (await api.call('pillars.list', {})).pillars.map((p) => p.id);
  statements = ctx.db.prepare('SELECT id FROM statements ORDER BY rowid').pluck().all() as string[];
  for (let i = 0; i < 40; i++) await api.call('annotations.create', { statementId: statements[i * 7], pillarIds: [pillarIds[i % pillarIds.length]], tags: i % 2 ? ['半導体'] : [] });
});
afterAll(() => closeContext(ctx));

describe('live coding kept between calls', () => {
  it('is read once while nothing is written (same key, same object)', () => {
    const k = changeKey(ctx.db);
    const a = liveCoding(ctx.db);
    expect(changeKey(ctx.db)).toBe(k);
    expect(liveCoding(ctx.db)).toBe(a);
    // A read with speakers is a different read; after it, a read without them is served from it.
    const withSpeakers = liveCoding(ctx.db, { speakers: true });
    expect(withSpeakers).not.toBe(a);
    expect(liveCoding(ctx.db)).toBe(withSpeakers);
  });

  it('follows a write through the API and its undo', async () => {
    expect(await matrixCounts()).toEqual(naiveCounts(ctx.db));
    const before = liveCoding(ctx.db).length;
    await api.call('annotations.create', { statementId: statements[3], pillarIds: [pillarIds[0]], tags: [] });
    expect(liveCoding(ctx.db).length).toBe(before + 1);
    expect(await matrixCounts()).toEqual(naiveCounts(ctx.db));
    await api.call('history.undo', {});
    expect(liveCoding(ctx.db).length).toBe(before);
    expect(await matrixCounts()).toEqual(naiveCounts(ctx.db));
  });

  it('follows a write by another connection to the same file', async () => {
    const before = await matrixCounts();
    const other = new Database(ctx.dbPath);
    try {
      const victim = other.prepare('SELECT a.id FROM annotations a JOIN annotation_pillars ap ON ap.annotation_id = a.id WHERE a.deleted_at IS NULL LIMIT 1').pluck().get() as string;
      other.prepare('DELETE FROM annotation_pillars WHERE annotation_id = ?').run(victim);
    } finally {
      other.close();
    }
    const after = await matrixCounts();
    expect(after).toEqual(naiveCounts(ctx.db));
    expect(after).not.toEqual(before);
    const co = await api.call('retrieval.cooccurrence', {});
    const filed = ctx.db.prepare(
      `SELECT COUNT(DISTINCT a.statement_id) FROM annotations a JOIN annotation_pillars ap ON ap.annotation_id = a.id
       WHERE ap.pillar_id = ? AND a.deleted_at IS NULL AND a.orphaned = 0`,
    ).pluck().get(pillarIds[0]) as number;
    expect(co.codes.find((c) => c.id === `pillar:${pillarIds[0]}`)?.statements).toBe(filed);
  });
});

describe('segments: the ordered ids kept between pages', () => {
  it('a second page comes from the kept ids, and a write in between shows on the next page', async () => {
    const count = () => ctx.db.prepare('SELECT COUNT(*) FROM annotations WHERE deleted_at IS NULL AND orphaned = 0').pluck().get() as number;
    const first = await api.call('retrieval.segments', { limit: 5 });
    expect(first.total).toBe(count());
    const second = await api.call('retrieval.segments', { limit: 5, cursor: first.nextCursor! });
    expect(second.total).toBe(first.total);
    expect(second.items.map((s) => s.annotationId)).not.toEqual(first.items.map((s) => s.annotationId));
    await api.call('annotations.create', { statementId: statements[5], pillarIds: [pillarIds[1]], tags: [] });
    const third = await api.call('retrieval.segments', { limit: 5, cursor: second.nextCursor! });
    expect(third.total).toBe(first.total + 1);
    expect(third.total).toBe(count());
  });
});
