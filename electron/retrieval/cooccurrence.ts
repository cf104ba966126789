// Co-occurrence of codes: pillars and tags that code the same statement (by one annotation or by
// several, so overlapping spans in one statement count), with counts and Jaccard over statements.
import type Database from 'better-sqlite3';
import type { Cooccurrence, CooccurrenceCode } from '../../shared/retrieval';
import { codeLabels, liveCoding } from './coding';

/** Beyond this many codes the matrix is cut to the most used (a 10,000-tag library stays readable). */
export const MAX_CODES = 300;

export function cooccurrence(db: Database.Database, limit = MAX_CODES): Cooccurrence {
  const labels = codeLabels(db);
  // Codes as small integers ("pillar:<id>" / "tag:<tag>" named once each), and each statement's
  // codes as a short list without repeats: two annotations with one tag on a statement count once.
  const names: string[] = [];
  const pillarCode = new Map<string, number>();
  const tagCode = new Map<string, number>();
  const code = (map: Map<string, number>, prefix: string, v: string): number => {
    let i = map.get(v);
    if (i === undefined) {
      i = names.length;
      names.push(prefix + v);
      map.set(v, i);
    }
    return i;
  };
  const byStatement = new Map<string, number[]>();
  for (const a of liveCoding(db)) {
    let list = byStatement.get(a.statementId);
    if (!list) byStatement.set(a.statementId, (list = []));
    for (const p of a.pillars) {
      const c = code(pillarCode, 'pillar:', p);
      if (!list.includes(c)) list.push(c);
    }
    for (const t of a.tags) {
      const c = code(tagCode, 'tag:', t);
      if (!list.includes(c)) list.push(c);
    }
  }
  const freq = new Int32Array(names.length);
  for (const list of byStatement.values()) for (const c of list) freq[c]++;
  const pillarOrder = new Map([...labels.pillar.keys()].map((id, i) => [id, i]));
  const order = (id: string) => (id.startsWith('pillar:') ? (pillarOrder.get(id.slice(7)) ?? -1) : pillarOrder.size);
  const kept = names
    .map((id, c) => ({ id, c, n: freq[c], k: order(id) }))
    .sort((a, b) => a.k - b.k || b.n - a.n || (a.id < b.id ? -1 : 1))
    .slice(0, limit);
  const codes: CooccurrenceCode[] = kept.map(({ id, n }) => ({ id, label: id.startsWith('pillar:') ? (labels.pillar.get(id.slice(7)) ?? id.slice(7)) : id.slice(4), statements: n }));
  const index = new Int32Array(names.length).fill(-1);
  kept.forEach(({ c }, i) => (index[c] = i));
  const counts = codes.map(() => new Array<number>(codes.length).fill(0));
  const is: number[] = [];
  for (const list of byStatement.values()) {
    is.length = 0;
    for (const c of list) if (index[c] >= 0) is.push(index[c]);
    for (const i of is) for (const j of is) counts[i][j]++;
  }
  const jaccard = counts.map((row, i) => row.map((n, j) => (n === 0 ? 0 : Math.round((n / (codes[i].statements + codes[j].statements - n)) * 1e4) / 1e4)));
  return { codes, counts, jaccard };
}
