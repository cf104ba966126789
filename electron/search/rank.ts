// Ranking computed in JS on the folded text of the candidates, ties broken by reading order.
// The default model puts substance first (docs/search.md, "Ranking"): bm25 with a floor on length
// normalisation (a bare heading or a one-word table label is not "denser" than a sentence), a prior
// by statement kind (headings and footnotes are context, not hits), and a proximity bonus when a
// multi-word query's words stand close together. Plain bm25 is kept as the 'bm25' model: it is the
// baseline of the evaluation (test/bench/ranking-eval.ts).
// Scoring every hit of a very frequent term is the cost at scale (技術 ≈ 25% of statements), so
// above RANK_ALL hits only the shortest candidates (length clamped at the floor) are scored: for a
// term present once, the score falls as length grows, so these are the likely top hits.
import type Database from 'better-sqlite3';
import type { QueryTerm } from '../../shared/query/parse';
import { normalizeKey } from '../../shared/text/normalize';
import type { StatementMeta } from './meta';
import { prepared } from '../store/prepared';

export const RANK_ALL = 500;
const K1 = 1.2;
const B = 0.75;

export type RankingModel = 'substance' | 'bm25';

/**
 * Statements shorter than this (in folded UTF-16 units) are normalised as if they had this length:
 * below it, bm25 rewards brevity, which puts bare headings (経済安全保障), fragments and table labels
 * above the sentences that say something. Chosen on the tuning set (ranking-tuning.json, 5 queries;
 * `npm run eval:ranking -- --tune`): nDCG@10 0.728 at 0 (plain bm25 normalisation), 0.762 at 60,
 * 0.802 at 160, 0.797–0.814 at 240–400. 160 (about two sentences) keeps some normalisation for
 * long pastes and lists; the rise beyond it is within the noise of five queries.
 */
export const LENGTH_FLOOR = 160;

/**
 * Multiplier by statement kind: a heading names a topic, the statements under it discuss it (the
 * heading path is shown as their context); a footnote is a source reference. Other kinds
 * (paragraph, item, remark, table-cell) are substance and keep their score. On the tuning set
 * 0.3–0.7 for headings gave the same figures (1.0: lower nDCG); 0.5 is the middle.
 */
export const KIND_PRIOR: Readonly<Record<string, number>> = { heading: 0.5, footnote: 0.7 };

/**
 * Proximity: when every distinct word of a multi-word query occurs within a window this many
 * characters wider than the words themselves, the score gains up to PROXIMITY_BONUS (×1.3 when the
 * words are adjacent), falling linearly to nothing at the window's edge. Not tuned: the tuning set
 * has no multi-word query; the values are set a priori (a clause is ≈ 30 characters).
 */
export const PROXIMITY_WINDOW = 30;
export const PROXIMITY_BONUS = 0.3;

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

/** The k shortest hits (by statement length clamped at `floor`), found with a length histogram in O(n). */
function shortest(ids: ArrayLike<number>, k: number, meta: StatementMeta, floor: number): number[] {
  const CAP = 4096;
  const hist = new Int32Array(CAP + 1);
  for (let i = 0; i < ids.length; i++) hist[Math.min(CAP, Math.max(floor, meta.length[ids[i]]))]++;
  let cut = 0;
  let acc = 0;
  while (cut <= CAP && acc + hist[cut] < k) acc += hist[cut++];
  const out: number[] = [];
  let atCut = k - acc;
  for (let i = 0; i < ids.length; i++) {
    const r = ids[i];
    const len = Math.min(CAP, Math.max(floor, meta.length[r]));
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

/** Folded text and kind of a candidate, kept per index generation (≤ 500 candidates a query, so a
 * cleared cache always refills): typing 経 → 経済 → 経済安 ranks mostly the same statements. */
interface Candidate {
  folded: string;
  kind: string;
}
export const FOLDED_CACHE_ENTRIES = 50_000;
const foldedCache = new WeakMap<Database.Database, { generation: number; texts: Map<number, Candidate> }>();

function candidateTexts(db: Database.Database, rowids: readonly number[], generation: number): Map<number, Candidate> {
  let c = foldedCache.get(db);
  if (!c || c.generation !== generation) foldedCache.set(db, (c = { generation, texts: new Map() }));
  const missing = rowids.filter((r) => !c.texts.has(r));
  if (c.texts.size + missing.length > FOLDED_CACHE_ENTRIES) c.texts.clear();
  if (missing.length) {
    const stmt = prepared(db, 'SELECT rowid, text, kind FROM statements WHERE rowid IN (SELECT value FROM json_each(?))', 'raw');
    for (const [r, t, kind] of stmt.all(JSON.stringify(missing)) as [number, string, string][]) c.texts.set(r, { folded: normalizeKey(t), kind });
  }
  return c.texts;
}

/** Positions of every occurrence of each word (folded); empty list = word absent. */
function positionsOf(hay: string, needles: readonly string[]): number[][] {
  return needles.map((n) => {
    const out: number[] = [];
    for (let at = hay.indexOf(n); at >= 0; at = hay.indexOf(n, at + 1)) out.push(at);
    return out;
  });
}

/**
 * The narrowest span holding one occurrence of every present word, minus the words' own lengths
 * (0 = adjacent), or null when fewer than two words are present. A sweep over the merged positions.
 */
function gapOf(positions: number[][], needles: readonly string[]): number | null {
  const present = positions.map((p, i) => ({ p, len: needles[i].length })).filter((x) => x.p.length);
  if (present.length < 2) return null;
  const events = present.flatMap((x, w) => x.p.map((at) => ({ at, w }))).sort((a, b) => a.at - b.at);
  const lastAt = new Array<number>(present.length).fill(-1);
  let best = Infinity;
  for (const e of events) {
    lastAt[e.w] = e.at;
    if (lastAt.some((a) => a < 0)) continue;
    const start = Math.min(...lastAt);
    const end = Math.max(...lastAt.map((a, w) => a + present[w].len));
    best = Math.min(best, end - start);
  }
  const own = present.reduce((n, x) => n + x.len, 0);
  return Math.max(0, best - own);
}

/** The substance model's constants in one value, so the tuning script can try others. */
export interface RankTuning {
  lengthFloor: number;
  kindPrior: Readonly<Record<string, number>>;
  proximityWindow: number;
  proximityBonus: number;
}

export const DEFAULT_TUNING: RankTuning = { lengthFloor: LENGTH_FLOOR, kindPrior: KIND_PRIOR, proximityWindow: PROXIMITY_WINDOW, proximityBonus: PROXIMITY_BONUS };

export interface RankOptions {
  rankAll?: number;
  model?: RankingModel;
  /** Only for the tuning script: constants other than the defaults. */
  tuning?: RankTuning;
  /** Per rowid: how many of the query's clauses it matches (partial results rank by it first). */
  coverage?: (rowid: number) => number;
}

export function rankHits(
  db: Database.Database,
  ids: Int32Array,
  terms: readonly QueryTerm[],
  meta: StatementMeta,
  df: (norm: string) => number,
  options: RankOptions = {},
): Ranking {
  const rankAll = options.rankAll ?? RANK_ALL;
  const substance = (options.model ?? 'substance') === 'substance';
  const tuning = options.tuning ?? DEFAULT_TUNING;
  const floor = substance ? tuning.lengthFloor : 0;
  const byOrder = (a: RankedHit, b: RankedHit) => b.score - a.score || meta.order[a.rowid] - meta.order[b.rowid];
  if (terms.length === 0) {
    // Filter-only queries: ids come in reading order already.
    return { kind: 'document-order', candidates: 0, page: (offset, limit) => Array.from(ids.subarray(offset, offset + limit), (rowid) => ({ rowid, score: 0 })) };
  }
  // A fixed candidate count (not "enough for this page") keeps pages of one query consistent.
  const bounded = ids.length > rankAll;
  const candidates = bounded ? shortest(ids, rankAll, meta, floor) : Array.from(ids);
  const texts = candidateTexts(db, candidates, meta.generation);
  const N = Math.max(1, meta.rowids.length);
  const norms = [...new Set(terms.map((t) => t.norm))];
  const idf = norms.map((t) => {
    const n = df(t);
    return Math.log(1 + (N - n + 0.5) / (n + 0.5));
  });
  const avg = Math.max(meta.avgLength, floor);
  const hits = candidates.map((rowid) => {
    const c = texts.get(rowid);
    const norm = c?.folded ?? '';
    const len = Math.max(norm.length || 1, floor);
    let score = 0;
    norms.forEach((t, i) => {
      const tf = occurrences(norm, t);
      if (tf) score += (idf[i] * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * len) / avg));
    });
    if (substance) {
      score *= tuning.kindPrior[c?.kind ?? ''] ?? 1;
      const gap = norms.length > 1 ? gapOf(positionsOf(norm, norms), norms) : null;
      if (gap !== null && gap < tuning.proximityWindow) score *= 1 + tuning.proximityBonus * (1 - gap / tuning.proximityWindow);
    }
    // Rounded before sorting: scores that print the same are ties, ordered by reading order.
    return { rowid, score: Math.round(score * 1e4) / 1e4 };
  });
  // Partial results: more of the query's words first, then the score.
  const coverage = options.coverage;
  if (coverage) {
    const cov = new Map(hits.map((h) => [h.rowid, coverage(h.rowid)]));
    hits.sort((a, b) => cov.get(b.rowid)! - cov.get(a.rowid)! || byOrder(a, b));
  } else hits.sort(byOrder);
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
