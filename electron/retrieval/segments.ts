// Coded segments (QDA "retrieved segments"): every live annotation matching a filter, with its
// quote in context, comment, codes, citation and the place the reader opens. Two steps: one SQL
// pass picks the matching ids in the chosen order (light columns only, every join on a primary key
// or index), then only the page's rows are read in full. The first step reads statements only for
// the speaker filter; reading order within a document is the quote's offset in the document.
import crypto from 'node:crypto';
import type Database from 'better-sqlite3';
import { AppError, notFound } from '../../shared/errors';
import { asShown, citationSourceOf, formatCitation, placesOf, type DocumentPlaces } from '../../shared/citation';
import type { CodedSegment, SegmentFilter, SegmentPage, SegmentSort } from '../../shared/retrieval';
import { MAX_SEGMENT_PAGE, SEGMENT_CONTEXT_CHARS } from '../../shared/retrieval';
import { normalizeKey } from '../../shared/text/normalize';
import { documentPlaces, statementFromRow, type StatementRow } from '../corpus/repo';
import { pillarTaxonomy } from './coding';
import { changeKey } from '../store/change-key';

export const DEFAULT_SEGMENT_PAGE = 50;

function badFilter(ja: string, en: string, subject: string): AppError {
  return new AppError('bad-input', { ja, en }, { subject });
}

/** Pillars in taxonomy order (parents before children), with each pillar's descendants. */
function pillarTree(db: Database.Database): { order: string[]; withChildren: (id: string) => string[] } {
  const pillars = pillarTaxonomy(db);
  const children = new Map<string, string[]>();
  for (const p of pillars) if (p.parentId) children.set(p.parentId, [...(children.get(p.parentId) ?? []), p.id]);
  const withChildren = (id: string): string[] => {
    const out = [id];
    for (let i = 0; i < out.length; i++) for (const c of children.get(out[i]) ?? []) if (!out.includes(c)) out.push(c);
    return out;
  };
  return { order: pillars.map((p) => p.id), withChildren };
}

/** `?, ?, ?` for a list bound as parameters. */
const marks = (n: number) => new Array<string>(n).fill('?').join(', ');

interface Where {
  sql: string[];
  /** Whether the statement row is needed (the speaker filter): a lookup per annotation otherwise avoided. */
  statements: boolean;
  params: unknown[];
  /** Folded words that must all occur in the quote or the comment (checked in JS: folding is JS). */
  words: string[];
}

/** The filter as SQL over `annotations a`, `documents d`, `statements s`; unknown ids are named. */
function whereOf(db: Database.Database, f: SegmentFilter): Where {
  const sql = ['a.deleted_at IS NULL', 'a.orphaned = 0'];
  const params: unknown[] = [];
  if (f.pillars?.length) {
    const tree = pillarTree(db);
    const known = new Set(tree.order);
    const unknown = f.pillars.find((p) => !known.has(p));
    if (unknown !== undefined) throw notFound({ ja: '柱', en: 'pillar' }, unknown);
    const ids = [...new Set(f.includeChildPillars === false ? f.pillars : f.pillars.flatMap(tree.withChildren))];
    sql.push(`EXISTS (SELECT 1 FROM annotation_pillars ap WHERE ap.annotation_id = a.id AND ap.pillar_id IN (${marks(ids.length)}))`);
    params.push(...ids);
  }
  if (f.tags?.length) {
    const tags = [...new Set(f.tags.map((t) => t.normalize('NFC').trim().replace(/\s+/g, ' ')))];
    if (tags.some((t) => t === '')) throw badFilter('空のタグでは絞り込めません。', 'An empty tag cannot filter.', 'filter.tags');
    sql.push(`EXISTS (SELECT 1 FROM annotation_tags t WHERE t.annotation_id = a.id AND t.tag IN (${marks(tags.length)}))`);
    params.push(...tags);
  }
  if (f.documents?.length) {
    const ids = [...new Set(f.documents)];
    const found = new Set(db.prepare(`SELECT id FROM documents WHERE id IN (${marks(ids.length)})`).pluck().all(...ids) as string[]);
    const unknown = ids.find((id) => !found.has(id));
    if (unknown !== undefined) throw notFound({ ja: '文書', en: 'document' }, unknown);
    sql.push(`a.document_id IN (${marks(ids.length)})`);
    params.push(...ids);
  }
  if (f.speakers?.length) {
    const named = [...new Set(f.speakers.filter((s) => s !== ''))];
    const alt: string[] = [];
    if (named.length) {
      alt.push(`s.speaker IN (${marks(named.length)})`);
      params.push(...named);
    }
    if (f.speakers.includes('')) alt.push('s.speaker IS NULL');
    sql.push(`(${alt.join(' OR ')})`);
  }
  // Dates compare as text: a date known only to the month or year counts as its first day, so
  // '2021' is before '2021-06' and inside "to 2021-06". Undated documents are in no range.
  if (f.from !== undefined && f.to !== undefined && f.from > f.to) {
    throw badFilter(`期間の開始（${f.from}）が終了（${f.to}）より後です。`, `The range starts (${f.from}) after it ends (${f.to}).`, 'filter.from');
  }
  if (f.from !== undefined) {
    sql.push('d.date IS NOT NULL AND d.date >= ?');
    params.push(f.from);
  }
  if (f.to !== undefined) {
    // '~' sorts after every digit and '-': "to 2021-11" takes 2021-11-30 too.
    sql.push('d.date IS NOT NULL AND d.date < ?');
    params.push(`${f.to}~`);
  }
  if (f.importance?.length) {
    const levels = [...new Set(f.importance.filter((n): n is number => n !== null))];
    const alt: string[] = [];
    if (levels.length) {
      alt.push(`a.importance IN (${marks(levels.length)})`);
      params.push(...levels);
    }
    if (f.importance.includes(null)) alt.push('a.importance IS NULL');
    sql.push(`(${alt.join(' OR ')})`);
  }
  const words = (f.text ?? '')
    .split(/[\s\u3000]+/)
    .map(normalizeKey)
    .filter((w) => w.length > 0);
  return { sql, params, words, statements: !!f.speakers?.length };
}

function orderOf(sort: SegmentSort, pillarOrder: string[]): { sql: string; params: unknown[] } {
  // Within a document, the quote's offset in the document text is reading order (statements are
  // laid out in order), so no statement row is read to sort.
  const reading = 'd.date IS NULL, d.date, d.title, d.id, a.doc_start, a.id';
  if (sort === 'date') return { sql: 'd.date IS NULL, d.date DESC, d.title, d.id, a.doc_start, a.id', params: [] };
  if (sort === 'updated') return { sql: 'a.updated_at DESC, a.id', params: [] };
  if (sort === 'pillar' && pillarOrder.length) {
    // The annotation's first pillar in taxonomy order; unpillared segments last.
    const rank = `(SELECT MIN(po.k) FROM annotation_pillars ap JOIN (${pillarOrder.map(() => 'SELECT ? AS id, ? AS k').join(' UNION ALL ')}) po ON po.id = ap.pillar_id WHERE ap.annotation_id = a.id)`;
    return { sql: `${rank} IS NULL, ${rank}, ${reading}`, params: [...pillarOrder.flatMap((id, k) => [id, k]), ...pillarOrder.flatMap((id, k) => [id, k])] };
  }
  return { sql: reading, params: [] };
}

/**
 * The ids of every segment matching `filter`, in `sort` order. The analyst's own text filter is
 * applied here, on the folded quote and comment, because folding is the one JS normaliser.
 */
export function matchingSegmentIds(db: Database.Database, filter: SegmentFilter = {}, sort: SegmentSort = 'document'): string[] {
  const where = whereOf(db, filter);
  const order = orderOf(sort, sort === 'pillar' ? pillarTree(db).order : []);
  const cols = where.words.length ? 'a.id, a.quote_exact, a.comment' : 'a.id';
  const rows = db
    .prepare(
      `SELECT ${cols} FROM annotations a JOIN documents d ON d.id = a.document_id ${where.statements ? 'LEFT JOIN statements s ON s.id = a.statement_id' : ''}
       WHERE ${where.sql.join(' AND ')} ORDER BY ${order.sql}`,
    )
    .raw()
    .all(...where.params, ...order.params) as [string, string?, string?][];
  if (!where.words.length) return rows.map((r) => r[0]);
  return rows.filter(([, quote, comment]) => {
    const hay = `${normalizeKey(quote ?? '')}\u0000${normalizeKey(comment ?? '')}`;
    return where.words.every((w) => hay.includes(w));
  }).map((r) => r[0]);
}

interface SegmentRow extends StatementRow {
  a_id: string;
  a_scope: 'span' | 'statement';
  quote_exact: string;
  a_start: number;
  a_end: number;
  doc_start: number;
  doc_end: number;
  comment: string;
  importance: number | null;
  author: string;
  created_at: string;
  updated_at: string;
  d_title: string;
  d_issuer: string | null;
  d_date: string | null;
}

/** The full segments for `ids`, in the order given. */
export function readSegments(db: Database.Database, ids: readonly string[]): CodedSegment[] {
  if (!ids.length) return [];
  const rows = db
    .prepare(
      `SELECT s.*, a.id AS a_id, a.scope AS a_scope, a.quote_exact, a.start_offset AS a_start, a.end_offset AS a_end, a.doc_start, a.doc_end,
              a.comment, a.importance, a.author, a.created_at, a.updated_at, d.title AS d_title, d.issuer AS d_issuer, d.date AS d_date
       FROM annotations a JOIN documents d ON d.id = a.document_id JOIN statements s ON s.id = a.statement_id
       WHERE a.id IN (${marks(ids.length)})`,
    )
    .all(...ids) as SegmentRow[];
  const pillarRank = new Map(pillarTree(db).order.map((id, i) => [id, i]));
  const pillars = new Map<string, string[]>();
  for (const [a, p] of db
    .prepare(`SELECT ap.annotation_id, ap.pillar_id FROM annotation_pillars ap JOIN pillars p ON p.id = ap.pillar_id WHERE p.deleted_at IS NULL AND ap.annotation_id IN (${marks(ids.length)})`)
    .raw()
    .all(...ids) as [string, string][]) {
    pillars.set(a, [...(pillars.get(a) ?? []), p]);
  }
  const tags = new Map<string, string[]>();
  for (const [a, t] of db.prepare(`SELECT annotation_id, tag FROM annotation_tags WHERE annotation_id IN (${marks(ids.length)}) ORDER BY tag`).raw().all(...ids) as [string, string][]) {
    tags.set(a, [...(tags.get(a) ?? []), t]);
  }
  // Footnotes and table cells are cited by places only their whole document knows.
  const places = new Map<string, DocumentPlaces>();
  const noPlaces = placesOf([]);
  const byId = new Map<string, CodedSegment>();
  for (const r of rows) {
    const statement = statementFromRow(r);
    let docPlaces = noPlaces;
    if (statement.kind === 'footnote' || statement.kind === 'table-cell') {
      docPlaces = places.get(r.document_id) ?? documentPlaces(db, r.document_id);
      places.set(r.document_id, docPlaces);
    }
    const citation = citationSourceOf({ id: r.document_id, title: r.d_title, issuer: r.d_issuer, date: r.d_date }, statement, docPlaces);
    const start = Math.max(0, Math.min(r.a_start, r.text.length));
    const end = Math.max(start, Math.min(r.a_end, r.text.length));
    byId.set(r.a_id, {
      annotationId: r.a_id,
      documentId: r.document_id,
      documentTitle: r.d_title,
      statementId: r.id,
      offsets: { start: r.a_start, end: r.a_end, docStart: r.doc_start, docEnd: r.doc_end },
      scope: r.a_scope,
      quote: r.quote_exact,
      before: asShown(r.text.slice(Math.max(0, start - SEGMENT_CONTEXT_CHARS), start)),
      after: asShown(r.text.slice(end, end + SEGMENT_CONTEXT_CHARS)),
      comment: r.comment,
      tags: tags.get(r.a_id) ?? [],
      pillars: (pillars.get(r.a_id) ?? []).sort((x, y) => (pillarRank.get(x) ?? 1e9) - (pillarRank.get(y) ?? 1e9)),
      importance: r.importance,
      author: r.author,
      date: r.d_date,
      speaker: r.speaker,
      citation,
      citationText: { ja: formatCitation(citation, 'ja'), en: formatCitation(citation, 'en') },
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    });
  }
  return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
}

/** What a cursor is bound to: the same filter and sort, so a stale cursor is refused, not misread. */
function filterKey(filter: SegmentFilter, sort: SegmentSort): string {
  return crypto.createHash('sha256').update(JSON.stringify([filter, sort])).digest('base64url').slice(0, 12);
}

function encodeCursor(offset: number, key: string): string {
  return Buffer.from(JSON.stringify({ o: offset, k: key })).toString('base64url');
}

function decodeCursor(cursor: string, key: string): number {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  const c = parsed as { o?: unknown; k?: unknown } | null;
  if (!c || typeof c.o !== 'number' || !Number.isInteger(c.o) || c.o < 0 || typeof c.k !== 'string') {
    throw badFilter('ページ位置（cursor）を読めません。最初のページから開き直してください。', 'The page cursor cannot be read; open the first page again.', 'cursor');
  }
  if (c.k !== key) {
    throw badFilter('このページ位置（cursor）は別の絞り込み・並び順のものです。最初のページから開き直してください。', 'This cursor belongs to another filter or sort order; open the first page again.', 'cursor');
  }
  return c.o;
}

/**
 * The last filter's ordered ids per connection, until anything is written (electron/store/change-key.ts):
 * paging, scrolling the virtualised list and coming back to the view read the ordered ids once.
 */
const lastIds = new WeakMap<Database.Database, { key: string; ids: readonly string[] }>();

function pagedIds(db: Database.Database, filter: SegmentFilter, sort: SegmentSort, filterKeyed: string): readonly string[] {
  const key = `${changeKey(db)}|${filterKeyed}`;
  const hit = lastIds.get(db);
  if (hit && hit.key === key) return hit.ids;
  const ids = matchingSegmentIds(db, filter, sort);
  lastIds.set(db, { key, ids });
  return ids;
}

export interface SegmentQuery {
  filter?: SegmentFilter;
  sort?: SegmentSort;
  limit?: number;
  cursor?: string;
  page?: number;
}

/**
 * One page of segments. The cursor carries the offset of the next page, bound to the filter and
 * sort: paging is by position in the current order, so a segment added meanwhile shifts the rest.
 */
export function segmentPage(db: Database.Database, q: SegmentQuery = {}): SegmentPage {
  const filter = q.filter ?? {};
  const sort = q.sort ?? 'document';
  const limit = Math.min(Math.max(1, q.limit ?? DEFAULT_SEGMENT_PAGE), MAX_SEGMENT_PAGE);
  const key = filterKey(filter, sort);
  const offset = q.cursor !== undefined ? decodeCursor(q.cursor, key) : (q.page ?? 0) * limit;
  const ids = pagedIds(db, filter, sort, key);
  const items = readSegments(db, ids.slice(offset, offset + limit));
  return { total: ids.length, items, nextCursor: offset + limit < ids.length ? encodeCursor(offset + limit, key) : null };
}
