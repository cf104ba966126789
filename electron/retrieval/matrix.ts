// The code × document / speaker / code matrix (QDA "code matrix"): how many live annotations carry
// each row code in each column, with totals. Rows: pillars (in taxonomy order) or tags; columns:
// documents (reading order), speakers (statements without one under "(no speaker)"), pillars or tags.
// A tag axis keeps the MAX_TAG_AXIS most used tags and says how many it left out (`omitted`).
// For document and speaker columns every annotation falls in exactly one column, so a row's cells
// sum to its total; for code columns an annotation may count in several (co-coding).
import type Database from 'better-sqlite3';
import type { CodingMatrix, MatrixAxisEntry, MatrixCols, MatrixRows } from '../../shared/retrieval';
import { codeLabels, liveCoding, type LiveAnnotation } from './coding';

/** Column id for statements without a speaker (not a possible speaker name: it has a control character). */
export const NO_SPEAKER = '\u0000none';

/** A tag axis keeps at most this many tags (the most used): 10,000 tags stay a readable, bounded matrix. */
export const MAX_TAG_AXIS = 300;

function axis(kind: MatrixRows | MatrixCols, coding: readonly LiveAnnotation[], labels: ReturnType<typeof codeLabels>, tagLimit: number): MatrixAxisEntry[] {
  if (kind === 'pillar') {
    const used = new Set(coding.flatMap((a) => a.pillars));
    return [...labels.pillar].filter(([id]) => used.has(id)).map(([id, label]) => ({ id, label }));
  }
  if (kind === 'document') {
    const used = new Set(coding.map((a) => a.documentId));
    return [...labels.document].filter(([id]) => used.has(id)).map(([id, label]) => ({ id, label }));
  }
  const values = kind === 'tag' ? coding.flatMap((a) => a.tags) : coding.map((a) => a.speaker ?? NO_SPEAKER);
  let ids = [...new Set(values)];
  if (kind === 'tag' && ids.length > tagLimit) {
    const uses = new Map<string, number>();
    for (const v of values) uses.set(v, (uses.get(v) ?? 0) + 1);
    ids = ids.sort((a, b) => uses.get(b)! - uses.get(a)! || (a < b ? -1 : 1)).slice(0, tagLimit);
  }
  return ids.sort().map((id) => ({ id, label: id === NO_SPEAKER ? '（発言者なし）' : id }));
}

function valuesOf(kind: MatrixRows | MatrixCols, a: LiveAnnotation): readonly string[] {
  if (kind === 'pillar') return a.pillars;
  if (kind === 'tag') return a.tags;
  if (kind === 'document') return [a.documentId];
  return [a.speaker ?? NO_SPEAKER];
}

export function codingMatrix(db: Database.Database, rowsKind: MatrixRows, colsKind: MatrixCols, tagLimit = MAX_TAG_AXIS): CodingMatrix {
  const coding = liveCoding(db, { speakers: colsKind === 'speaker' });
  const labels = codeLabels(db);
  const rows = axis(rowsKind, coding, labels, tagLimit);
  const cols = axis(colsKind, coding, labels, tagLimit);
  const rowIndex = new Map(rows.map((r, i) => [r.id, i]));
  const colIndex = new Map(cols.map((c, i) => [c.id, i]));
  const cells = rows.map(() => new Array<number>(cols.length).fill(0));
  const rowTotals = new Array<number>(rows.length).fill(0);
  const colTotals = new Array<number>(cols.length).fill(0);
  // An annotation's values on an axis are distinct already (the link tables' primary keys; one
  // document, one speaker), so each counts once without a set per annotation.
  const rs: number[] = [];
  const cs: number[] = [];
  for (const a of coding) {
    rs.length = 0;
    cs.length = 0;
    for (const v of valuesOf(rowsKind, a)) {
      const r = rowIndex.get(v);
      if (r !== undefined) rs.push(r);
    }
    for (const v of valuesOf(colsKind, a)) {
      const c = colIndex.get(v);
      if (c !== undefined) cs.push(c);
    }
    for (const r of rs) rowTotals[r]++;
    for (const c of cs) colTotals[c]++;
    for (const r of rs) for (const c of cs) cells[r][c]++;
  }
  const distinct = (kind: MatrixRows | MatrixCols) => (kind === 'tag' ? new Set(coding.flatMap((a) => a.tags)).size : 0);
  const omitted = { rows: rowsKind === 'tag' ? distinct('tag') - rows.length : 0, cols: colsKind === 'tag' ? distinct('tag') - cols.length : 0 };
  return { rows, cols, cells, rowTotals, colTotals, annotations: coding.length, ...(omitted.rows || omitted.cols ? { omitted } : {}) };
}
