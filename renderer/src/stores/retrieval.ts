// The analysis views' state: which one is showing (segments, matrix, co-occurrence, timeline,
// memos), the matrix axes and the co-occurrence measure, the data as last fetched (refetched when
// the annotations change), and the segment filter a click on a cell or point hands to the
// coded-segments view, with a caption saying where it came from.
import { create } from 'zustand';
import type { ResponseOf } from '../../../shared/api/contract';
import type { MatrixCols, MatrixRows, SegmentFilter, SegmentSort } from '../../../shared/retrieval';
import type { LocalizedText } from '../../../shared/errors';
import { api, errorData } from '../api/client';
import { useUi } from './ui';

export type AnalysisView = 'segments' | 'matrix' | 'cooccurrence' | 'timeline' | 'memos';
export type CooccurrenceMeasure = 'count' | 'jaccard';

/** A code as the co-occurrence API names it: `pillar:ID` or `tag:TAG`. */
export type CodeRef = { kind: 'pillar' | 'tag'; value: string };

/** Which annotations the coded-segments view shows: the API's filter, plus a pair of codes. */
export interface SegmentSelection extends SegmentFilter {
  /**
   * Two codes together, which one AND/OR filter cannot say when both are pillars or both tags:
   * on the same annotation (a pillar × pillar matrix cell), or on the same statement (a
   * co-occurrence cell: every segment there carrying either code).
   */
  both?: { codes: [CodeRef, CodeRef]; on: 'annotation' | 'statement' };
}

export interface SegmentOrigin {
  selection: SegmentSelection;
  /** What the analyst clicked, shown above the list (e.g. "サプライチェーン × 経済安全保障推進法"). */
  caption: LocalizedText;
}

export type CodingMatrix = ResponseOf<'retrieval.matrix'>;
export type Cooccurrence = ResponseOf<'retrieval.cooccurrence'>;

export interface RetrievalState {
  view: AnalysisView;
  rows: MatrixRows;
  cols: MatrixCols;
  measure: CooccurrenceMeasure;
  matrix: CodingMatrix | null;
  cooccurrence: Cooccurrence | null;
  loading: boolean;
  origin: SegmentOrigin | null;
  sort: SegmentSort;
  setSort(sort: SegmentSort): void;
  /** Replace the segment selection (the filter bar), keeping the caption only while a pair is shown. */
  setSelection(selection: SegmentSelection): void;
  setView(view: AnalysisView): void;
  setAxes(patch: { rows?: MatrixRows; cols?: MatrixCols }): void;
  setMeasure(measure: CooccurrenceMeasure): void;
  loadMatrix(): Promise<void>;
  loadCooccurrence(): Promise<void>;
  /** Show the coded segments behind a cell or point (switches to the analysis segments view). */
  openSegments(origin: SegmentOrigin): void;
}

/** The co-occurrence API's code id, split: `pillar:ID` / `tag:TAG`. */
export function parseCode(id: string): CodeRef {
  const at = id.indexOf(':');
  const kind = id.slice(0, at);
  return { kind: kind === 'pillar' ? 'pillar' : 'tag', value: id.slice(at + 1) };
}

/** The matrix's speaker column for statements without one (electron/retrieval/matrix NO_SPEAKER). */
export const NO_SPEAKER_COLUMN = '\u0000none';

/** The segment selection behind one matrix cell (a row code and a column value). */
export function matrixCellSelection(rows: MatrixRows, cols: MatrixCols, rowId: string, colId: string): SegmentSelection {
  // The matrix counts annotations carrying the pillar itself, so its children are not included.
  const sel: SegmentSelection = rows === 'pillar' ? { pillars: [rowId], includeChildPillars: false } : { tags: [rowId] };
  if (cols === 'document') return { ...sel, documents: [colId] };
  if (cols === 'speaker') return { ...sel, speakers: [colId === NO_SPEAKER_COLUMN ? '' : colId] };
  const row: CodeRef = { kind: rows, value: rowId };
  const col: CodeRef = { kind: cols, value: colId };
  // Pillar × pillar and tag × tag: one annotation carrying both. Pillar × tag: AND across fields.
  if (rows === cols) return { both: { codes: [row, col], on: 'annotation' } };
  return cols === 'pillar' ? { ...sel, pillars: [colId], includeChildPillars: false } : { ...sel, tags: [colId] };
}

let seq = 0;

export const useRetrieval = create<RetrievalState>()((set, get) => ({
  view: 'matrix',
  rows: 'pillar',
  cols: 'document',
  measure: 'count',
  matrix: null,
  cooccurrence: null,
  loading: false,
  origin: null,
  sort: 'document',
  setSort: (sort) => set({ sort }),
  setSelection: (selection) => {
    const prev = get().origin;
    set({ origin: { selection, caption: selection.both && prev ? prev.caption : { ja: '', en: '' } } });
  },
  setView: (view) => set({ view }),
  setAxes: (patch) => {
    set(patch);
    void get().loadMatrix();
  },
  setMeasure: (measure) => set({ measure }),
  loadMatrix: async () => {
    const mine = ++seq;
    set({ loading: true });
    try {
      const { rows, cols } = get();
      const matrix = await api().call('retrieval.matrix', { rows, cols });
      // A later request (axes switched again) wins.
      if (mine === seq) set({ matrix, loading: false });
    } catch (e) {
      if (mine === seq) set({ loading: false });
      useUi.getState().reportError(errorData(e));
    }
  },
  loadCooccurrence: async () => {
    set({ loading: true });
    try {
      const cooccurrence = await api().call('retrieval.cooccurrence', {});
      set({ cooccurrence, loading: false });
    } catch (e) {
      set({ loading: false });
      useUi.getState().reportError(errorData(e));
    }
  },
  openSegments: (origin) => {
    set({ origin, view: 'segments' });
    useUi.getState().setView('analysis');
  },
}));
