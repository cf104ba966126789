// bm25 ranking computed in JS on the folded text of the candidates, ties broken by reading order.
// Scoring every hit of a very frequent term is the cost at scale (技術 ≈ 25% of statements), so
// above RANK_ALL hits only the shortest candidates are scored: for a term present once, bm25
// falls as length grows, so these are the likely top hits (docs/search.md measures the trade).
import type Database from 'better-sqlite3';
import type { QueryTerm } from '../../shared/query/parse';
import { normalizeKey } from '../../shared/text/normalize';
import type { StatementMeta } from './meta';
import { prepared } from '../store/prepared';

export const RANK_ALL = 500;
const K1 = 1.2;
const B = 0.75;

export interface RankedHit {
  rowid: number;
  score: number;
}

export interface Ranking {
  kind: 'bm25' | 'bm25-candidates' | 'document-order';
  /** How many hits bm25 scored. */
  candidates: number;
  /** One page of the full order: ranked candidates first, then the other hits in reading order (score 0). */
  page(offset: number, limit: number): RankedHit[];
}

/** The k shortest hits (by statement length), found with a length histogram in O(n). */
function shortest(ids: ArrayLike<number>, k: number, meta: StatementMeta): number[] {
  const CAP = 4096;
  const hist = new Int32Array(CAP + 1);
  for (let i = 0; i < ids.length; i++) hist[Math.min(CAP, meta.length[ids[i]])]++;
  let cut = 0;
  let acc = 0;
  while (cut <= CAP && acc + hist[cut] < k) acc += hist[cut++];
  const out: number[] = [];
  let atCut = k - acc;
  for (let i = 0; i < ids.length; i++) {
    const r = ids[i];
    const len = Math.min(CAP, meta.length[r]);
    if (len < cut) out.push(r);
    else if (len === cut && atCut > 0) {
      out.push(r);
      atCut--;
    }
  }
  return out;
}

function occurrences(hay: string, needle: string): number {
  let n = 0;
  for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + needle.length)) n++;
  return n;
}

/** Folded texts kept per index generation (≤ 500 candidates a query, so a cleared cache always refills):
 * typing 経 → 経済 → 経済安 ranks mostly the same statements. */
export const FOLDED_CACHE_ENTRIES = 50_000;
const foldedCache = new WeakMap<Database.Database, { generation: number; texts: Map<number, string> }>();

function foldedTexts(db: Database.Database, rowids: readonly number[], generation: number): Map<number, string> {
  let c = foldedCache.get(db);
  if (!c || c.generation !== generation) foldedCache.set(db, (c = { generation, texts: new Map() }));
  const missing = rowids.filter((r) => !c.texts.has(r));
  if (c.texts.size + missing.length > FOLDED_CACHE_ENTRIES) c.texts.clear();
  if (missing.length) {
    const stmt = prepared(db, 'SELECT rowid, text FROM statements WHERE rowid IN (SELECT value FROM json_each(?))', 'raw');
    for (const [r, t] of stmt.all(JSON.stringify(missing)) as [number, string][]) c.texts.set(r, normalizeKey(t));
  }
  return c.texts;
}

export function rankHits(
  db: Database.Database,
  ids: Int32Array,
  terms: readonly QueryTerm[],
  meta: StatementMeta,
  df: (norm: string) => number,
  rankAll = RANK_ALL,
): Ranking {
  const byOrder = (a: RankedHit, b: RankedHit) => b.score - a.score || meta.order[a.rowid] - meta.order[b.rowid];
  if (terms.length === 0) {
    // Filter-only queries: ids come in reading order already.
    return { kind: 'document-order', candidates: 0, page: (offset, limit) => Array.from(ids.subarray(offset, offset + limit), (rowid) => ({ rowid, score: 0 })) };
  }
  // A fixed candidate count (not "enough for this page") keeps pages of one query consistent.
  const bounded = ids.length > rankAll;
  const candidates = bounded ? shortest(ids, rankAll, meta) : Array.from(ids);
  const folded = foldedTexts(db, candidates, meta.generation);
  const N = Math.max(1, meta.rowids.length);
  const norms = [...new Set(terms.map((t) => t.norm))];
  const idf = norms.map((t) => {
    const n = df(t);
    return Math.log(1 + (N - n + 0.5) / (n + 0.5));
  });
  const avg = meta.avgLength;
  const hits = candidates.map((rowid) => {
    const norm = folded.get(rowid) ?? '';
    const len = norm.length || 1;
    let score = 0;
    norms.forEach((t, i) => {
      const tf = occurrences(norm, t);
      if (tf) score += (idf[i] * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * len) / avg));
    });
    // Rounded before sorting: scores that print the same are ties, ordered by reading order.
    return { rowid, score: Math.round(score * 1e4) / 1e4 };
  });
  hits.sort(byOrder);
  const page = (offset: number, limit: number): RankedHit[] => {
    const out = hits.slice(offset, offset + limit);
    if (!bounded || offset + limit <= hits.length) return out;
    // Past the ranked candidates: the remaining hits in reading order (one pass over the corpus order).
    const mark = new Uint8Array(meta.doc.length);
    for (let i = 0; i < ids.length; i++) mark[ids[i]] = 1;
    for (const h of hits) mark[h.rowid] = 0;
    let skip = Math.max(0, offset - hits.length);
    for (let i = 0; i < meta.rowids.length && out.length < limit; i++) {
      const r = meta.rowids[i];
      if (!mark[r]) continue;
      if (skip > 0) skip--;
      else out.push({ rowid: r, score: 0 });
    }
    return out;
  };
  return { kind: bounded ? 'bm25-candidates' : 'bm25', candidates: candidates.length, page };
}
