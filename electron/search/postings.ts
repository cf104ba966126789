// Each term's statements as a sorted rowid list, fetched from FTS5 in one call and combined in JS
// (AND = intersection, OR = union, -term = difference). Lists are kept for the index generation in
// a byte-bounded LRU: refining a query (技術 → 技術 -中国 → 技術 doc:…) reuses the 300k-entry list
// of a frequent term instead of walking its doclist again (docs/search.md has the measurements).
import type Database from 'better-sqlite3';
import { normalizeKey } from '../../shared/text/normalize';
import { termExpression } from './fts';
import { FTS_TABLE, searchGeneration } from './indexer';
import { prepared } from '../store/prepared';

/** Bytes of rowid lists kept per database (4 bytes a hit). */
export const POSTINGS_BUDGET_BYTES = 64 * 1024 * 1024;

interface Cache {
  generation: number;
  bytes: number;
  lists: Map<string, Int32Array>;
}

const caches = new WeakMap<Database.Database, Cache>();

function cacheFor(db: Database.Database): Cache {
  const generation = searchGeneration(db);
  let c = caches.get(db);
  if (!c || c.generation !== generation) {
    c = { generation, bytes: 0, lists: new Map() };
    caches.set(db, c);
  }
  return c;
}

/** Parses group_concat's "1,5,9" into a sorted Int32Array (one string beats 300k row objects). */
function parseIds(s: string | null): Int32Array {
  if (!s) return new Int32Array(0);
  let n = 1;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 44) n++;
  const out = new Int32Array(n);
  let k = 0;
  let v = 0;
  let sorted = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 44) {
      if (k > 0 && v < out[k - 1]) sorted = false;
      out[k++] = v;
      v = 0;
    } else v = v * 10 + (c - 48);
  }
  if (k > 0 && v < out[k - 1]) sorted = false;
  out[k] = v;
  return sorted ? out : out.sort();
}

function fetchIds(db: Database.Database, norm: string): Int32Array {
  const { expr, exact } = termExpression(norm);
  const ids = parseIds(prepared(db, `SELECT group_concat(rowid) FROM ${FTS_TABLE} WHERE ${FTS_TABLE} MATCH ?`, 'pluck').get(expr) as string | null);
  if (exact) return ids;
  // Longer than the indexed phrase: the index gave candidates, the folded text decides.
  const keep: number[] = [];
  const stmt = prepared(db, 'SELECT rowid, text FROM statements WHERE rowid IN (SELECT value FROM json_each(?))', 'raw');
  for (let i = 0; i < ids.length; i += 10_000) {
    for (const [r, t] of stmt.all(JSON.stringify(Array.from(ids.subarray(i, i + 10_000)))) as [number, string][]) {
      if (normalizeKey(t).includes(norm)) keep.push(r);
    }
  }
  return Int32Array.from(keep).sort();
}

/** The statements containing one folded term, as sorted rowids. */
export function termIds(db: Database.Database, norm: string): Int32Array {
  const c = cacheFor(db);
  const hit = c.lists.get(norm);
  if (hit) {
    c.lists.delete(norm);
    c.lists.set(norm, hit);
    return hit;
  }
  const ids = fetchIds(db, norm);
  const size = ids.length * 4 + 64;
  if (size <= POSTINGS_BUDGET_BYTES / 4) {
    for (const [k, v] of c.lists) {
      if (c.bytes + size <= POSTINGS_BUDGET_BYTES) break;
      c.lists.delete(k);
      c.bytes -= v.length * 4 + 64;
    }
    c.lists.set(norm, ids);
    c.bytes += size;
  }
  return ids;
}

export function intersect(a: Int32Array, b: Int32Array): Int32Array {
  if (a.length > b.length) [a, b] = [b, a];
  const out = new Int32Array(a.length);
  let k = 0;
  let j = 0;
  for (let i = 0; i < a.length && j < b.length; i++) {
    const x = a[i];
    if (b[j] < x) {
      // Gallop: a short list against a long one skips most of the long one.
      let step = 1;
      while (j + step < b.length && b[j + step] < x) step *= 2;
      let lo = j + (step >> 1);
      let hi = Math.min(j + step, b.length - 1);
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (b[mid] < x) lo = mid + 1;
        else hi = mid;
      }
      j = lo;
    }
    if (b[j] === x) out[k++] = x;
  }
  return out.slice(0, k);
}

export function union(lists: readonly Int32Array[]): Int32Array {
  if (lists.length === 0) return new Int32Array(0);
  if (lists.length === 1) return lists[0];
  let total = 0;
  for (const l of lists) total += l.length;
  const all = new Int32Array(total);
  let at = 0;
  for (const l of lists) {
    all.set(l, at);
    at += l.length;
  }
  all.sort();
  let k = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[k++] = all[i];
  return all.slice(0, k);
}

export function difference(a: Int32Array, b: Int32Array): Int32Array {
  if (b.length === 0) return a;
  const out = new Int32Array(a.length);
  let k = 0;
  let j = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    while (j < b.length && b[j] < x) j++;
    if (j < b.length && b[j] === x) continue;
    out[k++] = x;
  }
  return out.slice(0, k);
}
