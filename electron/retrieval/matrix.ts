// The code × document / speaker / code matrix (QDA "code matrix"): how many live annotations carry
// each row code in each column, with totals. Rows: pillars (in taxonomy order) or tags; columns:
// documents (reading order), speakers (statements without one under "(no speaker)"), pillars or tags.
// For document and speaker columns every annotation falls in exactly one column, so a row's cells
// sum to its total; for code columns an annotation may count in several (co-coding).
import type Database from 'better-sqlite3';
import type { CodingMatrix, MatrixAxisEntry, MatrixCols, MatrixRows } from '../../shared/retrieval';
import { codeLabels, liveCoding, type LiveAnnotation } from './coding';

/** Column id for statements without a speaker (not a possible speaker name: it has a control character). */
export const NO_SPEAKER = '\u0000none';

function axis(kind: MatrixRows | MatrixCols, coding: LiveAnnotation[], labels: ReturnType<typeof codeLabels>): MatrixAxisEntry[] {
  if (kind === 'pillar') {
    const used = new Set(coding.flatMap((a) => a.pillars));
    return [...labels.pillar].filter(([id]) => used.has(id)).map(([id, label]) => ({ id, label }));
  }
  if (kind === 'document') {
    const used = new Set(coding.map((a) => a.documentId));
    return [...labels.document].filter(([id]) => used.has(id)).map(([id, label]) => ({ id, label }));
  }
  const values = kind === 'tag' ? coding.flatMap((a) => a.tags) : coding.map((a) => a.speaker ?? NO_SPEAKER);
  return [...new Set(values)].sort().map((id) => ({ id, label: id === NO_SPEAKER ? '（発言者なし）' : id }));
}

function valuesOf(kind: MatrixRows | MatrixCols, a: LiveAnnotation): string[] {
  if (kind === 'pillar') return a.pillars;
  if (kind === 'tag') return a.tags;
  if (kind === 'document') return [a.documentId];
  return [a.speaker ?? NO_SPEAKER];
}

export function codingMatrix(db: Database.Database, rowsKind: MatrixRows, colsKind: MatrixCols): CodingMatrix {
  const coding = liveCoding(db);
  const labels = codeLabels(db);
  const rows = axis(rowsKind, coding, labels);
  const cols = axis(colsKind, coding, labels);
  const rowIndex = new Map(rows.map((r, i) => [r.id, i]));
  const colIndex = new Map(cols.map((c, i) => [c.id, i]));
  const cells = rows.map(() => new Array<number>(cols.length).fill(0));
  const rowTotals = new Array<number>(rows.length).fill(0);
  const colTotals = new Array<number>(cols.length).fill(0);
  for (const a of coding) {
    const rs = [...new Set(valuesOf(rowsKind, a))].flatMap((v) => (rowIndex.has(v) ? [rowIndex.get(v)!] : []));
    const cs = [...new Set(valuesOf(colsKind, a))].flatMap((v) => (colIndex.has(v) ? [colIndex.get(v)!] : []));
    for (const r of rs) rowTotals[r]++;
    for (const c of cs) colTotals[c]++;
    for (const r of rs) for (const c of cs) cells[r][c]++;
  }
  return { rows, cols, cells, rowTotals, colTotals, annotations: coding.length };
}
