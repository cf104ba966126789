// Co-occurrence of codes: pillars and tags that code the same statement (by one annotation or by
// several, so overlapping spans in one statement count), with counts and Jaccard over statements.
import type Database from 'better-sqlite3';
import type { Cooccurrence, CooccurrenceCode } from '../../shared/retrieval';
import { codeLabels, liveCoding } from './coding';

/** Beyond this many codes the matrix is cut to the most used (a 10,000-tag library stays readable). */
export const MAX_CODES = 300;

export function cooccurrence(db: Database.Database, limit = MAX_CODES): Cooccurrence {
  const labels = codeLabels(db);
  // statement → its codes (a set: two annotations with one tag on a statement count once).
  const byStatement = new Map<string, Set<string>>();
  for (const a of liveCoding(db)) {
    let set = byStatement.get(a.statementId);
    if (!set) byStatement.set(a.statementId, (set = new Set()));
    for (const p of a.pillars) set.add(`pillar:${p}`);
    for (const t of a.tags) set.add(`tag:${t}`);
  }
  const freq = new Map<string, number>();
  for (const set of byStatement.values()) for (const c of set) freq.set(c, (freq.get(c) ?? 0) + 1);
  const pillarOrder = [...labels.pillar.keys()];
  const order = (id: string) => (id.startsWith('pillar:') ? pillarOrder.indexOf(id.slice(7)) : pillarOrder.length);
  const kept = [...freq].sort((a, b) => order(a[0]) - order(b[0]) || b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, limit);
  const codes: CooccurrenceCode[] = kept.map(([id, statements]) => ({ id, label: id.startsWith('pillar:') ? (labels.pillar.get(id.slice(7)) ?? id.slice(7)) : id.slice(4), statements }));
  const index = new Map(codes.map((c, i) => [c.id, i]));
  const counts = codes.map(() => new Array<number>(codes.length).fill(0));
  for (const set of byStatement.values()) {
    const is = [...set].flatMap((c) => (index.has(c) ? [index.get(c)!] : []));
    for (const i of is) for (const j of is) counts[i][j]++;
  }
  const jaccard = counts.map((row, i) => row.map((n, j) => (n === 0 ? 0 : Math.round((n / (codes[i].statements + codes[j].statements - n)) * 1e4) / 1e4)));
  return { codes, counts, jaccard };
}
