// Retrieval of the analyst's coding: the code × document / speaker / code matrix and the
// co-occurrence of codes (pillars and tags) on the same statement. Shared by the service, API and CLI.

export type MatrixRows = 'pillar' | 'tag';
export type MatrixCols = 'document' | 'speaker' | 'pillar' | 'tag';

export interface MatrixAxisEntry {
  id: string;
  label: string;
}

export interface CodingMatrix {
  rows: MatrixAxisEntry[];
  cols: MatrixAxisEntry[];
  /** cells[row][col]: live annotations carrying the row code and the column's document/speaker/code. */
  cells: number[][];
  /** Live annotations carrying each row code / each column (not the sum of a row when codes overlap). */
  rowTotals: number[];
  colTotals: number[];
  /** Live annotations counted (each once). */
  annotations: number;
}

export interface CooccurrenceCode {
  /** `pillar:ID` or `tag:TAG`. */
  id: string;
  label: string;
  /** Statements this code is on. */
  statements: number;
}

export interface Cooccurrence {
  codes: CooccurrenceCode[];
  /** counts[i][j]: statements coded with both i and j (diagonal: with i). */
  counts: number[][];
  /** jaccard[i][j] = counts[i][j] / statements with i or j. */
  jaccard: number[][];
}
