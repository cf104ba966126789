// Runs one search: parse, expand variants, match with FTS5, filter and facet over every hit in
// memory, rank (bm25), then build the page's hits with snippets and original-text match offsets.
import type Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { expandClauses, type CompiledDictionary } from '../../shared/query/expand';
import { isEmptyQuery, parseQuery, type ParsedQuery, type QueryTerm } from '../../shared/query/parse';
import type { FacetCount, SearchHit, SearchMessage, SearchRequest, SearchResult } from '../../shared/search';
import { normalizeKey } from '../../shared/text/normalize';
import { needsVerification, queryExpression, termExpression } from './fts';
import { FTS_TABLE, flushPending, hasSearchSchema, rebuildIndex, SEARCH_SCHEMA } from './indexer';
import { statementMeta, type StatementMeta } from './meta';
import { pillarFiling, type PillarFiling } from './pillars';
import { rankHits, type RankedHit } from './rank';
import { buildSnippet, matchSpans } from './snippet';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;
/** Facet lists are cut to this many entries (counts are still over the whole result set). */
export const MAX_FACET_ENTRIES = 100;
/** Hits checked on text when a term is longer than the index decides alone. */
const MAX_VERIFY = 50_000;

/** Makes sure the index exists and has every statement (a writer without the ingest hook). */
export function ensureIndex(db: Database.Database): void {
  if (db.readonly) return;
  if (!hasSearchSchema(db)) {
    // A database migrated past schema 2 before this migration existed: create it in place.
    db.transaction(() => {
      db.exec(SEARCH_SCHEMA);
      rebuildIndex(db);
    }).immediate();
    return;
  }
  flushPending(db);
}

function matchIds(db: Database.Database, expr: string): number[] {
  try {
    return db.prepare(`SELECT rowid FROM ${FTS_TABLE} WHERE ${FTS_TABLE} MATCH ?`).pluck().all(expr) as number[];
  } catch (e) {
    // Expressions are built from quoted tokens only; reaching this is a bug, reported with the query.
    throw new AppError('internal', { ja: `検索式を実行できませんでした: ${(e as Error).message}`, en: `The search expression failed: ${(e as Error).message}` }, { subject: expr.slice(0, 200), cause: e });
  }
}

function countIds(db: Database.Database, expr: string): number {
  return db.prepare(`SELECT count(*) FROM ${FTS_TABLE} WHERE ${FTS_TABLE} MATCH ?`).pluck().get(expr) as number;
}

function loadTexts(db: Database.Database, rowids: readonly number[]): Map<number, string> {
  const out = new Map<number, string>();
  const stmt = db.prepare('SELECT rowid, text FROM statements WHERE rowid IN (SELECT value FROM json_each(?))').raw();
  for (let i = 0; i < rowids.length; i += 10_000) {
    for (const [r, t] of stmt.all(JSON.stringify(rowids.slice(i, i + 10_000))) as [number, string][]) out.set(r, t);
  }
  return out;
}

/** Exact check on folded text, for queries with terms longer than the index phrase. */
function verify(db: Database.Database, ids: number[], q: ParsedQuery, messages: SearchMessage[]): number[] {
  if (ids.length > MAX_VERIFY) {
    messages.push({ code: 'long-term', message: { ja: `長い語を含むため、最初の ${MAX_VERIFY} 件だけを本文で確認しました。`, en: `The query has a very long term: only the first ${MAX_VERIFY} hits were checked against the text.` } });
    ids = ids.slice(0, MAX_VERIFY);
  }
  const texts = loadTexts(db, ids);
  return ids.filter((r) => {
    const norm = normalizeKey(texts.get(r) ?? '');
    return q.clauses.every((c) => c.anyOf.some((t) => norm.includes(t.norm))) && !q.exclude.some((t) => norm.includes(t.norm));
  });
}

function applyFilters(ids: number[], q: ParsedQuery, meta: StatementMeta, filing: PillarFiling): number[] {
  const f = q.filters;
  const docs = f.docs.length ? new Set(f.docs.map((d) => meta.docIndex.get(d) ?? -2)) : null;
  const speakers = f.speakers.length ? new Set(meta.speakersNorm.flatMap((s, i) => (f.speakers.some((x) => s.includes(x)) ? [i] : []))) : null;
  const pillars = f.pillars.length ? new Set(f.pillars) : null;
  const dated = f.after || f.before;
  if (!docs && !speakers && !pillars && !dated) return ids;
  const dateOk = meta.docs.map((d) => !dated || (d.date !== null && (!f.after || d.date >= f.after) && (!f.before || d.date <= f.before)));
  return ids.filter((r) => {
    const d = meta.doc[r];
    if (d < 0 || !dateOk[d]) return false;
    if (docs && !docs.has(d)) return false;
    if (speakers && !speakers.has(meta.speaker[r])) return false;
    if (pillars && !(filing.byRowid.get(r) ?? []).some((p) => pillars.has(p))) return false;
    return true;
  });
}

function topCounts(counts: Map<string, number>, label: (id: string) => string, order: (id: string) => number): FacetCount[] {
  return [...counts]
    .sort((a, b) => b[1] - a[1] || order(a[0]) - order(b[0]))
    .slice(0, MAX_FACET_ENTRIES)
    .map(([id, count]) => ({ id, label: label(id), count }));
}

function facetsOf(ids: readonly number[], meta: StatementMeta, filing: PillarFiling): SearchResult['facets'] {
  const byDoc = new Int32Array(meta.docs.length);
  const bySpeaker = new Int32Array(meta.speakers.length);
  for (const r of ids) {
    byDoc[meta.doc[r]]++;
    const s = meta.speaker[r];
    if (s >= 0) bySpeaker[s]++;
  }
  const byPillar = new Map<string, number>();
  if (filing.byRowid.size) {
    for (const r of ids) for (const p of filing.byRowid.get(r) ?? []) byPillar.set(p, (byPillar.get(p) ?? 0) + 1);
  }
  const docCounts = new Map<string, number>();
  byDoc.forEach((n, i) => n && docCounts.set(meta.docs[i].id, n));
  const speakerCounts = new Map<string, number>();
  bySpeaker.forEach((n, i) => n && speakerCounts.set(meta.speakers[i], n));
  return {
    documents: topCounts(docCounts, (id) => meta.docs[meta.docIndex.get(id)!].title, (id) => meta.docIndex.get(id)!),
    speakers: topCounts(speakerCounts, (id) => id, () => 0),
    pillars: topCounts(byPillar, (id) => filing.labels.get(id)?.ja ?? id, () => 0),
  };
}

interface HitRow {
  rowid: number;
  id: string;
  document_id: string;
  heading_path: string;
  speaker: string | null;
  text: string;
}

function buildHits(db: Database.Database, page: RankedHit[], terms: readonly QueryTerm[], meta: StatementMeta): SearchHit[] {
  if (page.length === 0) return [];
  const rows = db
    .prepare('SELECT rowid, id, document_id, heading_path, speaker, text FROM statements WHERE rowid IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(page.map((p) => p.rowid))) as HitRow[];
  const byRowid = new Map(rows.map((r) => [r.rowid, r]));
  const needles = [...new Set(terms.map((t) => t.norm))];
  return page.flatMap((p) => {
    const r = byRowid.get(p.rowid);
    if (!r) return [];
    const matches = matchSpans(r.text, needles);
    const docTitle = meta.docs[meta.doc[p.rowid]]?.title ?? r.document_id;
    return [
      {
        statementId: r.id,
        documentId: r.document_id,
        documentTitle: docTitle,
        headingPath: JSON.parse(r.heading_path) as string[],
        speaker: r.speaker,
        text: r.text,
        snippet: buildSnippet(r.text, matches),
        score: Math.round(p.score * 1e4) / 1e4,
        matches,
      },
    ];
  });
}

function emptyResult(query: string, t0: number, messages: SearchMessage[]): SearchResult {
  return { query, total: 0, tookMs: elapsed(t0), hits: [], facets: { documents: [], pillars: [], speakers: [] }, expansions: [], messages, ranking: 'bm25' };
}

function elapsed(t0: number): number {
  return Math.round((performance.now() - t0) * 100) / 100;
}

export interface SearchDeps {
  dictionary: CompiledDictionary;
}

export function searchStatements(db: Database.Database, req: SearchRequest, deps: SearchDeps): SearchResult {
  const t0 = performance.now();
  const limit = Math.max(0, Math.min(MAX_LIMIT, req.limit ?? DEFAULT_LIMIT));
  const offset = Math.max(0, req.offset ?? 0);
  ensureIndex(db);
  const parsed = parseQuery(req.query);
  const messages = [...parsed.messages];
  if (isEmptyQuery(parsed)) {
    messages.push({ code: 'empty-query', message: { ja: '検索語を入力してください。', en: 'Type a term to search for.' } });
    return emptyResult(req.query, t0, messages);
  }
  const { clauses, expansions } = req.expandVariants === false ? { clauses: parsed.clauses, expansions: [] } : expandClauses(parsed.clauses, deps.dictionary);
  const q: ParsedQuery = { ...parsed, clauses };
  const meta = statementMeta(db);
  const filing = pillarFiling(db);

  let ids: number[];
  const dfHint = new Map<string, number>();
  const expr = queryExpression(q.clauses, q.exclude);
  if (expr) {
    ids = matchIds(db, expr);
    const only = q.clauses.length === 1 && q.clauses[0].anyOf.length === 1 && q.exclude.length === 0 ? q.clauses[0].anyOf[0] : null;
    if (only && termExpression(only.norm).exact) dfHint.set(only.norm, ids.length);
  } else {
    messages.push({ code: 'only-exclusions', message: { ja: '検索語がないため、絞り込みに合うすべての文から除外語を除きました。', en: 'No term to look for: showing every statement that passes the filters, minus the exclusions.' } });
    ids = Array.from(meta.rowids);
    const exact = q.exclude.filter((t) => termExpression(t.norm).exact);
    if (exact.length) {
      const out = new Set(matchIds(db, exact.map((t) => termExpression(t.norm).expr).join(' OR ')));
      ids = ids.filter((r) => !out.has(r));
    }
  }
  if (needsVerification(q)) {
    messages.push({ code: 'long-term', message: { ja: '長い語は索引で候補を絞ってから本文で確認しました。', en: 'Long terms were narrowed with the index and then checked against the text.' } });
    ids = verify(db, ids, q, messages);
  }
  ids = applyFilters(ids, q, meta, filing);

  const terms = q.clauses.flatMap((c) => c.anyOf);
  const ranked = rankHits(db, ids, terms, meta, offset + limit, (expr2) => countIds(db, expr2), dfHint);
  if (ranked.kind === 'bm25-candidates') {
    messages.push({
      code: 'approximate-ranking',
      message: {
        ja: `該当 ${ids.length} 件のうち、短い文から ${ranked.candidates} 件を bm25 で順位付けしました。`,
        en: `${ids.length} hits: bm25 ranked the ${ranked.candidates} shortest candidates.`,
      },
    });
  }
  const page = ranked.hits.slice(offset, offset + limit);
  return {
    query: req.query,
    total: ids.length,
    tookMs: 0,
    hits: buildHits(db, page, terms, meta),
    facets: facetsOf(ids, meta, filing),
    expansions,
    messages,
    ranking: ranked.kind,
  };
}

/** searchStatements with tookMs filled in last (so it covers the whole call). */
export function runSearch(db: Database.Database, req: SearchRequest, deps: SearchDeps): SearchResult {
  const t0 = performance.now();
  const result = searchStatements(db, req, deps);
  result.tookMs = elapsed(t0);
  return result;
}
