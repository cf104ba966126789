// Coded segments against a brute-force filter over the database rows (the pattern of
// test/search/search-corpus.test.ts): every filter alone and in combination, every sort order,
// paging by cursor and by page, the quote in context and the citation, and bad filters answered
// with messages. Coding is generated over the bundled corpus.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api/client';
import type { AppContext } from '../../electron/app/context';
import type { SegmentFilter, SegmentSort } from '../../shared/retrieval';
import { formatCitation } from '../../shared/citation';
import { normalizeKey } from '../../shared/text/normalize';
import { closeContext, corpusContext } from '../helpers/db';
import { apiFor } from '../helpers/api';

let ctx: AppContext;
let api: ApiClient;

interface Row {
  id: string;
  statementId: string;
  documentId: string;
  date: string | null;
  title: string;
  ordinal: number;
  start: number;
  speaker: string | null;
  importance: number | null;
  quote: string;
  comment: string;
  updatedAt: string;
  pillars: string[];
  tags: string[];
}
let rows: Row[];
let pillarOrder: string[];
let childOf: Map<string, string[]>;
let parentPillar: string;
let childPillar: string;
let speakers: string[];
let docs: string[];

const TAGS = ['半導体', '人材', '要確認', 'サプライチェーン'];
const COMMENTS = ['', '重要な論点', '', '半導体の供給網について', 'Follow up with METI'];

beforeAll(async () => {
  ctx = corpusContext();
  api = apiFor(ctx);
  let { pillars } = await api.call('pillars.list', {});
  parentPillar = pillars[0].id;
  // A child pillar: "with children" must take its coding under the parent.
  const { pillar: child } = await api.call('pillars.create', { nameJa: '子の柱', nameEn: 'Child pillar', parentId: parentPillar });
  childPillar = child.id;
  pillars = (await api.call('pillars.list', {})).pillars;
  const statements = ctx.db.prepare("SELECT id, text FROM statements WHERE length(text) > 12 ORDER BY rowid").all() as { id: string; text: string }[];
  let n = 0;
  for (let i = 0; i < statements.length; i += 3, n++) {
    const s = statements[i];
    const pillarIds = n % 6 === 5 ? [] : [...new Set([pillars[n % pillars.length].id, ...(n % 3 === 0 ? [pillars[(n + 2) % pillars.length].id] : [])])];
    const tags = n % 4 === 1 ? [] : [TAGS[n % TAGS.length], ...(n % 5 === 0 ? [TAGS[(n + 1) % TAGS.length]] : [])];
    const span = n % 2 === 0 ? { start: 2, end: Math.min(s.text.length, 10) } : {};
    const { annotation } = await api.call('annotations.create', {
      statementId: s.id,
      pillarIds,
      tags,
      comment: COMMENTS[n % COMMENTS.length],
      importance: n % 4 === 3 ? null : (n % 3) + 1,
      ...span,
    });
    if (n % 10 === 4) await api.call('annotations.create', { statementId: s.id, pillarIds: [childPillar], tags: ['人材'] });
    if (n % 9 === 8) await api.call('annotations.delete', { id: annotation.id });
  }
  pillarOrder = pillars.map((p) => p.id);
  childOf = new Map();
  for (const p of pillars) if (p.parentId) childOf.set(p.parentId, [...(childOf.get(p.parentId) ?? []), p.id]);
  rows = (
    ctx.db
      .prepare(
        `SELECT a.id, a.statement_id, a.document_id, d.date, d.title, s.ordinal, a.start_offset, s.speaker, a.importance, a.quote_exact, a.comment, a.updated_at
         FROM annotations a JOIN statements s ON s.id = a.statement_id JOIN documents d ON d.id = a.document_id WHERE a.deleted_at IS NULL AND a.orphaned = 0`,
      )
      .raw()
      .all() as [string, string, string, string | null, string, number, number, string | null, number | null, string, string, string][]
  ).map(([id, statementId, documentId, date, title, ordinal, start, speaker, importance, quote, comment, updatedAt]) => ({
    id,
    statementId,
    documentId,
    date,
    title,
    ordinal,
    start,
    speaker,
    importance,
    quote,
    comment,
    updatedAt,
    pillars: ctx.db.prepare('SELECT pillar_id FROM annotation_pillars WHERE annotation_id = ?').pluck().all(id) as string[],
    tags: ctx.db.prepare('SELECT tag FROM annotation_tags WHERE annotation_id = ?').pluck().all(id) as string[],
  }));
  speakers = [...new Set(rows.map((r) => r.speaker).filter((s): s is string => s !== null))].sort();
  docs = [...new Set(rows.map((r) => r.documentId))].sort();
}, 120_000);
afterAll(() => closeContext(ctx));

const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

function readingOrder(a: Row, b: Row): number {
  return (
    Number(a.date === null) - Number(b.date === null) ||
    cmp(a.date ?? '', b.date ?? '') ||
    cmp(a.title, b.title) ||
    cmp(a.documentId, b.documentId) ||
    a.ordinal - b.ordinal ||
    a.start - b.start ||
    cmp(a.id, b.id)
  );
}

function naiveSort(list: Row[], sort: SegmentSort): string[] {
  const out = [...list];
  if (sort === 'document') out.sort(readingOrder);
  if (sort === 'date')
    out.sort(
      (a, b) =>
        Number(a.date === null) - Number(b.date === null) ||
        cmp(b.date ?? '', a.date ?? '') ||
        cmp(a.title, b.title) ||
        cmp(a.documentId, b.documentId) ||
        a.ordinal - b.ordinal ||
        a.start - b.start ||
        cmp(a.id, b.id),
    );
  if (sort === 'updated') out.sort((a, b) => cmp(b.updatedAt, a.updatedAt) || cmp(a.id, b.id));
  if (sort === 'pillar') {
    const rank = (r: Row) => Math.min(...r.pillars.map((p) => pillarOrder.indexOf(p)).filter((k) => k >= 0), Infinity);
    out.sort((a, b) => Number(rank(a) === Infinity) - Number(rank(b) === Infinity) || (rank(a) === rank(b) ? 0 : rank(a) - rank(b)) || readingOrder(a, b));
  }
  return out.map((r) => r.id);
}

/** The filter, applied row by row in plain JS. */
function naive(f: SegmentFilter): Row[] {
  const withChildren = (id: string): string[] => [id, ...(childOf.get(id) ?? []).flatMap(withChildren)];
  const pillars = f.pillars?.length ? new Set(f.includeChildPillars === false ? f.pillars : f.pillars.flatMap(withChildren)) : null;
  const words = (f.text ?? '').split(/\s+/).map(normalizeKey).filter(Boolean);
  return rows.filter(
    (r) =>
      (!pillars || r.pillars.some((p) => pillars.has(p))) &&
      (!f.tags?.length || r.tags.some((t) => f.tags!.includes(t))) &&
      (!f.documents?.length || f.documents.includes(r.documentId)) &&
      (!f.speakers?.length || f.speakers.includes(r.speaker ?? '')) &&
      (f.from === undefined || (r.date !== null && r.date >= f.from)) &&
      (f.to === undefined || (r.date !== null && r.date.slice(0, f.to.length) <= f.to)) &&
      (!f.importance?.length || f.importance.includes(r.importance)) &&
      words.every((w) => normalizeKey(r.quote).includes(w) || normalizeKey(r.comment).includes(w)),
  );
}

async function allIds(filter: SegmentFilter, sort: SegmentSort = 'document'): Promise<{ ids: string[]; total: number }> {
  const ids: string[] = [];
  let cursor: string | undefined;
  let total = -1;
  for (let guard = 0; guard < 1000; guard++) {
    const page = await api.call('retrieval.segments', { filter, sort, limit: 500, ...(cursor ? { cursor } : {}) });
    total = page.total;
    ids.push(...page.items.map((s) => s.annotationId));
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return { ids, total };
}

const dated = () => rows.map((r) => r.date).filter((d): d is string => d !== null).sort();
const mid = () => dated()[Math.floor(dated().length / 2)];
/** Filters by name, built once the coding exists. */
const CASES: [string, () => SegmentFilter][] = [
  ['nothing', () => ({})],
  ['a pillar with its children', () => ({ pillars: [parentPillar] })],
  ['a pillar without its children', () => ({ pillars: [parentPillar], includeChildPillars: false })],
  ['the child pillar', () => ({ pillars: [childPillar] })],
  ['two pillars', () => ({ pillars: [pillarOrder[1], pillarOrder[2]] })],
  ['a tag', () => ({ tags: ['半導体'] })],
  ['two tags', () => ({ tags: ['人材', '要確認'] })],
  ['a tag nobody used', () => ({ tags: ['存在しないタグ'] })],
  ['a document', () => ({ documents: [docs[0]] })],
  ['two documents', () => ({ documents: [docs[1], docs[docs.length - 1]] })],
  ['a speaker', () => ({ speakers: [speakers[0]] })],
  ['no speaker', () => ({ speakers: [''] })],
  ['a speaker or none', () => ({ speakers: [speakers[speakers.length - 1], ''] })],
  ['from a date', () => ({ from: mid() })],
  ['to a date', () => ({ to: mid() })],
  ['to a month', () => ({ to: mid().slice(0, 7) })],
  ['a year', () => ({ from: mid().slice(0, 4), to: mid().slice(0, 4) })],
  ['importance 3', () => ({ importance: [3] })],
  ['importance 2 or 3', () => ({ importance: [2, 3] })],
  ['no importance', () => ({ importance: [null] })],
  ['text in comments', () => ({ text: '半導体' })],
  ['two words', () => ({ text: '重要 論点' })],
  ['text folded (full-width, case)', () => ({ text: 'ＦＯＬＬＯＷ meti' })],
  ['pillar + tag', () => ({ pillars: [pillarOrder[0]], tags: ['半導体'] })],
  ['tag + document', () => ({ tags: ['人材'], documents: [docs[0], docs[1]] })],
  ['pillar + speaker + importance', () => ({ pillars: [pillarOrder[1]], speakers: [speakers[0], ''], importance: [1, 2] })],
  ['date range + tag + text', () => ({ from: dated()[0], to: mid(), tags: ['要確認', '半導体'], text: '論点' })],
  ['everything at once', () => ({ pillars: [parentPillar], tags: TAGS, documents: docs, speakers: [...speakers, ''], from: dated()[0], to: dated()[dated().length - 1], importance: [1, 2, 3, null], text: '' })],
];

describe('coded segments equal a brute-force filter over the database', () => {
  it('has varied coding to filter', () => {
    expect(rows.length).toBeGreaterThan(100);
    expect(rows.some((r) => r.pillars.includes(childPillar))).toBe(true);
    expect(rows.some((r) => r.speaker === null)).toBe(true);
    expect(docs.length).toBeGreaterThan(3);
    expect(speakers.length).toBeGreaterThan(2);
  });

  it.each(CASES)('%s', async (name, make) => {
    const f = make();
    const expected = naive(f);
    const { ids, total } = await allIds(f);
    expect(total).toBe(expected.length);
    expect(ids).toEqual(naiveSort(expected, 'document'));
    if (name !== 'a tag nobody used') expect(expected.length).toBeGreaterThan(0);
  });

  it.each(['document', 'date', 'pillar', 'updated'] as const)('sorts by %s', async (sort) => {
    const { ids } = await allIds({}, sort);
    expect(ids).toEqual(naiveSort(rows, sort));
  });

  it('children change the answer: with them the parent takes the child-only segments', async () => {
    const withKids = naive({ pillars: [parentPillar] }).length;
    const without = naive({ pillars: [parentPillar], includeChildPillars: false }).length;
    expect(withKids).toBeGreaterThan(without);
  });
});

describe('a segment', () => {
  it('carries its quote in context, codes, citation and link target', async () => {
    const page = await api.call('retrieval.segments', { filter: { tags: ['半導体'] }, limit: 20 });
    expect(page.items.length).toBe(Math.min(20, naive({ tags: ['半導体'] }).length));
    expect(page.items.length).toBeGreaterThan(5);
    for (const s of page.items) {
      const st = ctx.db.prepare('SELECT text, document_id FROM statements WHERE id = ?').get(s.statementId) as { text: string; document_id: string };
      expect(st.document_id).toBe(s.documentId);
      expect(st.text.slice(s.offsets.start, s.offsets.end)).toBe(s.quote);
      expect(st.text.slice(0, s.offsets.start).replace(/\s*\n\s*/g, ' ').endsWith(s.before)).toBe(true);
      expect(s.after.length).toBeLessThanOrEqual(80);
      expect(s.tags).toContain('半導体');
      expect(s.citationText.ja).toBe(formatCitation(s.citation, 'ja'));
      expect(s.citation.statementId).toBe(s.statementId);
      const row = rows.find((r) => r.id === s.annotationId)!;
      expect(s.comment).toBe(row.comment);
      expect(new Set(s.pillars)).toEqual(new Set(row.pillars));
    }
  });

  it('pages by number agree with pages by cursor', async () => {
    const p0 = await api.call('retrieval.segments', { limit: 25 });
    const p1 = await api.call('retrieval.segments', { limit: 25, cursor: p0.nextCursor! });
    const byNumber = await api.call('retrieval.segments', { limit: 25, page: 1 });
    expect(p1.items.map((s) => s.annotationId)).toEqual(byNumber.items.map((s) => s.annotationId));
    expect(p1.items[0].annotationId).not.toBe(p0.items[0].annotationId);
  });
});

describe('bad filters get messages, never exceptions', () => {
  it('a cursor from another filter is refused by name', async () => {
    const p0 = await api.call('retrieval.segments', { limit: 5 });
    await expect(api.call('retrieval.segments', { limit: 5, filter: { tags: ['人材'] }, cursor: p0.nextCursor! })).rejects.toMatchObject({ data: { code: 'bad-input', subject: 'cursor' } });
    await expect(api.call('retrieval.segments', { cursor: 'not-a-cursor' })).rejects.toMatchObject({ data: { code: 'bad-input', subject: 'cursor' } });
  });

  it.each([
    ['an empty tag', { tags: [''] }, 'filter.tags'],
    ['importance 9', { importance: [9] }, 'filter.importance'],
    ['a 5,000-character tag', { tags: ['あ'.repeat(5000)] }, 'filter.tags'],
    ['10,000 tags', { tags: Array.from({ length: 10_000 }, (_, i) => `t${i}`) }, 'filter.tags'],
    ['a malformed date', { from: '2021-13' }, 'filter.from'],
  ])('%s', async (_name, filter, field) => {
    const err = await api.call('retrieval.segments', { filter: filter as SegmentFilter }).then(
      () => null,
      (e: { data: { code: string; message: { ja: string; en: string }; subject?: string } }) => e.data,
    );
    expect(err?.code).toBe('invalid-request');
    expect(`${err?.message.en} ${err?.subject ?? ''}`).toContain(field);
  });

  it('a range that ends before it starts, an unknown pillar and an unknown document are named', async () => {
    await expect(api.call('retrieval.segments', { filter: { from: '2022', to: '2021' } })).rejects.toMatchObject({ data: { code: 'bad-input', subject: 'filter.from' } });
    await expect(api.call('retrieval.segments', { filter: { pillars: ['no-such-pillar'] } })).rejects.toMatchObject({ data: { code: 'not-found', subject: 'no-such-pillar' } });
    await expect(api.call('retrieval.segments', { filter: { documents: ['no-such-doc'] } })).rejects.toMatchObject({ data: { code: 'not-found', subject: 'no-such-doc' } });
  });

  it('whitespace-only text filters nothing out', async () => {
    const page = await api.call('retrieval.segments', { filter: { text: ' \u3000 ' }, limit: 1 });
    expect(page.total).toBe(rows.length);
  });
});
