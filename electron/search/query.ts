// Runs one search: parse, expand variants, match with FTS5, filter and facet over every hit in
// memory, rank (bm25), then build the page's hits with snippets and original-text match offsets.
import type Database from 'better-sqlite3';
import { expandClauses, type CompiledDictionary } from '../../shared/query/expand';
import { hasCodingFilter, isEmptyQuery, parseQuery, type ParsedQuery, type QueryTerm } from '../../shared/query/parse';
import { codingIndex, codingPredicate, type CodingIndex } from './coding';
import type { FacetCount, SearchHit, SearchMessage, SearchRequest, SearchResult } from '../../shared/search';
import { flushPending } from './indexer';
import { statementMeta, type StatementMeta } from './meta';
import { pillarFiling, type PillarFiling } from './pillars';
import { difference, intersect, termIds, union } from './postings';
import { rankHits, type RankedHit, type RankingModel, type RankTuning } from './rank';
import { buildSnippet, matchSpans } from './snippet';
import { prepared } from '../store/prepared';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;
export const MAX_OFFSET = 1_000_000;
/** Facet lists are cut to this many entries (counts are still over the whole result set). */
export const MAX_FACET_ENTRIES = 100;

/**
 * Indexes every queued statement before a search: statements written without the ingest hook,
 * and those a migration queued (migrations 0002 and 0006 leave the folding to the indexer).
 * The schema itself is guaranteed by the migrations.
 */
export function ensureIndex(db: Database.Database): void {
  if (db.readonly) return;
  flushPending(db);
}

/** The statements the terms select (sorted rowids), or null when the query has no positive term. */
function evaluate(db: Database.Database, q: ParsedQuery): Int32Array | null {
  const excluded = union(q.exclude.map((t) => termIds(db, t.norm)));
  if (q.clauses.length === 0) return null;
  // Cheapest first: a rare term's short list bounds every later intersection.
  const lists = q.clauses.map((c) => union(c.anyOf.map((t) => termIds(db, t.norm)))).sort((a, b) => a.length - b.length);
  let ids = lists[0];
  for (let i = 1; i < lists.length && ids.length; i++) ids = intersect(ids, lists[i]);
  return difference(ids, excluded);
}

/**
 * When no statement has every word: the statements with the most of them, so a query phrased
 * differently from the text (岸田総理 指示 法案, where the minutes say 岸田内閣総理大臣) still shows
 * its evidence, marked partial. Kept: statements matching at least (best − 1) words, never fewer than
 * one; each with the clauses it matched as a bit mask (by rowid).
 */
export interface PartialMatch {
  ids: Int32Array;
  matched: Map<number, number>;
  clauseCount: number;
}

function countBits(mask: number): number {
  let n = 0;
  for (let m = mask; m; m &= m - 1) n++;
  return n;
}

/**
 * Partial matching is for what an analyst types (a few words); a longer query is a paste, whose
 * words together either find their statement or nothing, and "most of 32 words" would be noise.
 */
const MAX_PARTIAL_CLAUSES = 8;

function partialMatch(db: Database.Database, q: ParsedQuery): PartialMatch | null {
  if (q.clauses.length < 2 || q.clauses.length > MAX_PARTIAL_CLAUSES) return null;
  const excluded = union(q.exclude.map((t) => termIds(db, t.norm)));
  const matched = new Map<number, number>();
  q.clauses.forEach((c, i) => {
    for (const r of difference(union(c.anyOf.map((t) => termIds(db, t.norm))), excluded)) matched.set(r, (matched.get(r) ?? 0) | (1 << i));
  });
  let best = 0;
  for (const m of matched.values()) best = Math.max(best, countBits(m));
  if (best === 0) return null;
  const keep = Math.max(1, best - 1);
  const ids = Int32Array.from([...matched].filter(([, m]) => countBits(m) >= keep).map(([r]) => r)).sort();
  return { ids, matched, clauseCount: q.clauses.length };
}

/** doc:/pillar:/speaker: values that name nothing: a typo must not look like "no evidence". */
function unknownFilterValues(q: ParsedQuery, meta: StatementMeta, filing: PillarFiling, coding: CodingIndex): SearchMessage[] {
  const out: SearchMessage[] = [];
  for (const d of q.filters.docs) {
    if (!meta.docIndex.has(d)) out.push({ code: 'unknown-filter', message: { ja: `文書「${d}」はありません（doc: には文書 ID を指定します）。`, en: `There is no document "${d}" (doc: takes a document id).` }, subject: d });
  }
  for (const p of q.filters.pillars) {
    if (!filing.labels.has(p)) out.push({ code: 'unknown-filter', message: { ja: `柱「${p}」はありません（pillar: には柱の ID を指定します）。`, en: `There is no pillar "${p}" (pillar: takes a pillar id).` }, subject: p });
  }
  for (const s of q.filters.speakers) {
    if (!meta.speakersNorm.some((n) => n.includes(s))) out.push({ code: 'unknown-filter', message: { ja: `発言者「${s}」はコーパスにいません。`, en: `No speaker in the corpus matches "${s}".` }, subject: s });
  }
  for (const t of q.filters.tags) {
    if (!coding.tagLabels.has(t)) out.push({ code: 'unknown-filter', message: { ja: `タグ「${t}」の付いた注釈はありません。`, en: `No annotation carries the tag "${t}".` }, subject: t });
  }
  for (const a of q.filters.authors) {
    if (![...coding.authors].some((n) => n.includes(a))) out.push({ code: 'unknown-filter', message: { ja: `作成者「${a}」の注釈はありません。`, en: `No annotation was written by "${a}".` }, subject: a });
  }
  if (q.filters.annotated === false && (q.filters.tags.length || q.filters.comments.length || q.filters.authors.length || q.filters.importance.length)) {
    out.push({ code: 'bad-filter-value', message: { ja: 'annotated:no は注釈のない文だけを選ぶため、tag: comment: author: importance: と同時には何も選びません。', en: 'annotated:no selects statements without annotations, so together with tag: comment: author: importance: it selects nothing.' }, subject: 'annotated:no' });
  }
  return out;
}

function applyFilters(ids: Int32Array, q: ParsedQuery, meta: StatementMeta, filing: PillarFiling, coding: CodingIndex): Int32Array {
  const f = q.filters;
  const coded = codingPredicate(f, coding);
  if (coded) ids = ids.filter(coded);
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

const FILED = 1;
const ANNOTATED = 2;

/** By rowid: FILED under some pillar, ANNOTATED by a live annotation. */
function codedMask(size: number, filing: PillarFiling, coding: CodingIndex): Uint8Array {
  const mask = new Uint8Array(size);
  for (const r of filing.byRowid.keys()) if (r < size) mask[r] |= FILED;
  for (const r of coding.byRowid.keys()) if (r < size) mask[r] |= ANNOTATED;
  return mask;
}

function facetsOf(ids: Int32Array, meta: StatementMeta, filing: PillarFiling, coding: CodingIndex): SearchResult['facets'] {
  const byDoc = new Int32Array(meta.docs.length);
  const bySpeaker = new Int32Array(meta.speakers.length);
  for (const r of ids) {
    byDoc[meta.doc[r]]++;
    const s = meta.speaker[r];
    if (s >= 0) bySpeaker[s]++;
  }
  // Coded statements are few beside the hits (10,000 against 155,000): a byte per rowid marks them,
  // so the loop over the hits reads a typed array and asks the maps only for coded statements, in
  // the hits' own order (which decides the order of equal counts).
  const coded = codedMask(meta.doc.length, filing, coding);
  const byPillar = new Map<string, number>();
  if (filing.byRowid.size) {
    for (const r of ids) if (coded[r] & FILED) for (const p of filing.byRowid.get(r)!) byPillar.set(p, (byPillar.get(p) ?? 0) + 1);
  }
  // A statement counts once per tag, however many of its annotations carry it.
  const byTag = new Map<string, number>();
  if (coding.byRowid.size) {
    for (const r of ids) {
      if (!(coded[r] & ANNOTATED)) continue;
      const list = coding.byRowid.get(r);
      if (!list) continue;
      for (const t of new Set(list.flatMap((a) => a.tags))) byTag.set(t, (byTag.get(t) ?? 0) + 1);
    }
  }
  const docCounts = new Map<string, number>();
  byDoc.forEach((n, i) => n && docCounts.set(meta.docs[i].id, n));
  const speakerCounts = new Map<string, number>();
  bySpeaker.forEach((n, i) => n && speakerCounts.set(meta.speakers[i], n));
  return {
    documents: topCounts(docCounts, (id) => meta.docs[meta.docIndex.get(id)!].title, (id) => meta.docIndex.get(id)!),
    speakers: topCounts(speakerCounts, (id) => id, () => 0),
    pillars: topCounts(byPillar, (id) => filing.labels.get(id)?.ja ?? id, () => 0),
    tags: topCounts(byTag, (id) => id, () => 0),
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

function buildHits(db: Database.Database, page: RankedHit[], terms: readonly QueryTerm[], meta: StatementMeta, decorate?: (rowid: number, hit: SearchHit) => SearchHit): SearchHit[] {
  if (page.length === 0) return [];
  const rows = prepared(db, 'SELECT rowid, id, document_id, heading_path, speaker, text FROM statements WHERE rowid IN (SELECT value FROM json_each(?))').all(JSON.stringify(page.map((p) => p.rowid))) as HitRow[];
  const byRowid = new Map(rows.map((r) => [r.rowid, r]));
  const needles = [...new Set(terms.map((t) => t.norm))];
  return page.flatMap((p) => {
    const r = byRowid.get(p.rowid);
    if (!r) return [];
    const matches = matchSpans(r.text, needles);
    const docTitle = meta.docs[meta.doc[p.rowid]]?.title ?? r.document_id;
    const hit: SearchHit = {
        statementId: r.id,
        documentId: r.document_id,
        documentTitle: docTitle,
        headingPath: JSON.parse(r.heading_path) as string[],
        speaker: r.speaker,
        text: r.text,
        snippet: buildSnippet(r.text, matches),
        score: p.score,
        matches,
    };
    return [decorate ? decorate(p.rowid, hit) : hit];
  });
}

/** Partial hits carry the flag and the words they lack (as typed). */
function partialMarker(partial: PartialMatch | null, q: ParsedQuery): ((rowid: number, hit: SearchHit) => SearchHit) | undefined {
  if (!partial) return undefined;
  return (rowid, hit) => {
    const mask = partial.matched.get(rowid) ?? 0;
    const missing = q.clauses.filter((_, c) => !(mask & (1 << c))).map((c) => c.anyOf.map((t) => t.raw).join(' OR '));
    return { ...hit, partial: true, missing };
  };
}

function emptyResult(query: string, t0: number, messages: SearchMessage[]): SearchResult {
  return { query, total: 0, tookMs: elapsed(t0), hits: [], facets: { documents: [], pillars: [], speakers: [], tags: [] }, expansions: [], messages, ranking: 'bm25' };
}

function elapsed(t0: number): number {
  return Math.round((performance.now() - t0) * 100) / 100;
}

/**
 * A query that is exactly a speaker's name (after normalization, no filters) most likely means
 * "what did they say": offer the speaker: filter with its count, since a text search for the name
 * finds only statements that mention it.
 */
function speakerOffer(q: ParsedQuery, meta: StatementMeta): SearchMessage[] {
  if (q.clauses.length !== 1 || q.clauses[0].anyOf.length !== 1 || q.exclude.length || q.filters.speakers.length || hasCodingFilter(q)) return [];
  const term = q.clauses[0].anyOf[0];
  const s = meta.speakersNorm.indexOf(term.norm);
  if (s < 0) return [];
  let n = 0;
  for (let r = 0; r < meta.speaker.length; r++) if (meta.speaker[r] === s) n++;
  const name = meta.speakers[s];
  const filter = /\s/u.test(name) ? `speaker:"${name}"` : `speaker:${name}`;
  return [{ code: 'speaker-offer', message: { ja: `${name} の発言 ${n} 件は ${filter} で絞り込めます。`, en: `${n} statements by ${name}: search ${filter}.` }, subject: filter }];
}

export interface SearchDeps {
  dictionary: CompiledDictionary;
  /** The ranking model (default 'substance'); 'bm25' is the evaluation's baseline. */
  model?: RankingModel;
  /** Only for the tuning script (test/bench/ranking-eval.ts --tune). */
  tuning?: RankTuning;
}

export function searchStatements(db: Database.Database, req: SearchRequest, deps: SearchDeps): SearchResult {
  const t0 = performance.now();
  const limit = Math.max(0, Math.min(MAX_LIMIT, req.limit ?? DEFAULT_LIMIT));
  const offset = Math.max(0, Math.min(MAX_OFFSET, req.offset ?? 0));
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
  const coding = codingIndex(db);
  const filing = pillarFiling(db, coding.rowidOf);

  let ids = evaluate(db, q);
  if (ids === null) {
    messages.push(
      q.exclude.length
        ? { code: 'only-exclusions', message: { ja: '検索語がないため、絞り込みに合うすべての文から除外語を含む文を除いて、文書順に並べました。', en: 'No term to look for: every statement that passes the filters, minus those with the excluded terms, in reading order.' } }
        : { code: 'only-exclusions', message: { ja: '検索語がないため、絞り込みに合うすべての文を文書順に並べました。', en: 'No term to look for: every statement that passes the filters, in reading order.' } },
    );
    const excluded = new Set(union(q.exclude.map((t) => termIds(db, t.norm))));
    ids = meta.rowids.filter((r) => !excluded.has(r));
  }
  // Nothing has every word: fall back to the statements with most of them, marked partial.
  let partial: PartialMatch | null = null;
  if (ids.length === 0 && q.clauses.length >= 2) {
    partial = partialMatch(db, q);
    if (partial) {
      ids = partial.ids;
      const words = q.clauses.map((c) => c.anyOf.map((t) => t.raw).join(' OR ')).map((w) => `「${w}」`).join('');
      messages.push({
        code: 'partial-match',
        message: {
          ja: `${words}をすべて含む文はありません。多くを含む文を、含まない語を添えて表示します（部分一致）。`,
          en: `No statement contains all of ${words}; showing the statements that contain most of them, with the words each lacks (partial matches).`,
        },
      });
    }
  }
  messages.push(...unknownFilterValues(q, meta, filing, coding));
  ids = applyFilters(ids, q, meta, filing, coding);
  messages.push(...speakerOffer(parsed, meta));

  const terms = q.clauses.flatMap((c) => c.anyOf);
  // Reading order: hits sorted by corpus position, and ranked by nothing.
  const inReadingOrder = req.sort === 'document';
  if (inReadingOrder) ids = Int32Array.from(ids).sort((a, b) => meta.order[a] - meta.order[b]);
  const coverage = partial ? (r: number) => countBits(partial.matched.get(r) ?? 0) : undefined;
  const ranked = rankHits(db, ids, inReadingOrder ? [] : terms, meta, (norm) => termIds(db, norm).length, { model: deps.model, tuning: deps.tuning, coverage });
  if (ranked.kind === 'bm25-candidates') {
    messages.push({
      code: 'approximate-ranking',
      message: {
        ja: `該当 ${ids.length} 件のうち、短い文から ${ranked.candidates} 件を bm25 で順位付けし、残りは文書順に続けました。`,
        en: `${ids.length} hits: bm25 ranked the ${ranked.candidates} shortest; the rest follow in reading order.`,
      },
    });
  }
  const page = ranked.page(offset, limit);
  return {
    query: req.query,
    total: ids.length,
    tookMs: 0,
    hits: buildHits(db, page, terms, meta, partialMarker(partial, q)),
    facets: facetsOf(ids, meta, filing, coding),
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
