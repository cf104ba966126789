// Retrieval of the analyst's coding: the code × document / speaker / code matrix, the
// co-occurrence of codes (pillars and tags) on the same statement, coded segments, the timeline
// and memos. Shared by the service, API and CLI.
import type { CitationSource } from './briefing';

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

// ── Coded segments (QDA "retrieved segments") ──────────────────────────────────────────────

/**
 * Which annotations the coded-segments view, its exports and the timeline take. Within one field
 * the values are alternatives (any of these tags); the fields combine with AND. An empty or absent
 * field does not filter. Orphaned and deleted annotations are never segments (the same rule as the
 * matrix, so a matrix cell and its segments agree).
 */
export interface SegmentFilter {
  /** Pillar ids; with `includeChildPillars` (the default) a pillar also stands for its children. */
  pillars?: string[];
  includeChildPillars?: boolean;
  /** Tags, exactly as written on the annotation (after the shared normalisation of tags). */
  tags?: string[];
  documents?: string[];
  /** Speakers as printed on the statement; '' stands for statements without a speaker. */
  speakers?: string[];
  /** Document dates, inclusive, as YYYY, YYYY-MM or YYYY-MM-DD; undated documents fall outside any range. */
  from?: string;
  to?: string;
  /** Importance levels (1–3) accepted; `null` in the list accepts annotations without one. */
  importance?: (number | null)[];
  /** Words found in the quote or the comment (normalised text, every word must occur). */
  text?: string;
}

/** document: reading order; date: newest document first (undated last); pillar: taxonomy order; updated: latest change first. */
export type SegmentSort = 'document' | 'date' | 'pillar' | 'updated';

export interface SegmentOffsets {
  /** UTF-16 offsets of the quote in the statement text. */
  start: number;
  end: number;
  /** Offsets of the quote in the document's clean text. */
  docStart: number;
  docEnd: number;
}

export interface CodedSegment {
  annotationId: string;
  documentId: string;
  documentTitle: string;
  statementId: string;
  /** Where the reader opens: the statement and the quote's offsets. */
  offsets: SegmentOffsets;
  scope: 'span' | 'statement';
  /** The annotated text and up to SEGMENT_CONTEXT_CHARS of the statement either side of it. */
  quote: string;
  before: string;
  after: string;
  comment: string;
  tags: string[];
  /** Pillar ids in taxonomy order. */
  pillars: string[];
  importance: number | null;
  author: string;
  /** The document's date (ISO, possibly YYYY or YYYY-MM); null when undated. */
  date: string | null;
  speaker: string | null;
  /** The place, for shared/citation formatCitation, and the line it prints in both languages. */
  citation: CitationSource;
  citationText: { ja: string; en: string };
  createdAt: string;
  updatedAt: string;
}

/** Characters of the statement shown either side of a quote. */
export const SEGMENT_CONTEXT_CHARS = 80;
/** The most segments one page (or one export, one briefing transfer) carries. */
export const MAX_SEGMENT_PAGE = 500;
export const MAX_SEGMENT_EXPORT = 100_000;

export interface SegmentPage {
  /** Every segment matching the filter (not only this page). */
  total: number;
  items: CodedSegment[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export type SegmentExportFormat = 'csv' | 'xlsx';

// ── Timeline ───────────────────────────────────────────────────────────────────────────────

export type TimelineBucket = 'day' | 'month' | 'year';

export interface TimelinePoint {
  /** The bucket: YYYY-MM-DD, YYYY-MM or YYYY (a document dated only to the month sits in its month). */
  date: string;
  /** Distinct statements coded with the lane's pillar in documents of this date. */
  statements: number;
  annotations: number;
  annotationIds: string[];
  documentIds: string[];
}

export interface TimelineLane {
  pillarId: string;
  label: string;
  color: string;
  points: TimelinePoint[];
}

/** A document without a date: its coding per pillar, listed apart and never placed on the axis. */
export interface TimelineUndated {
  documentId: string;
  title: string;
  pillarId: string;
  statements: number;
  annotations: number;
  annotationIds: string[];
}

export interface Timeline {
  bucket: TimelineBucket;
  /** One lane per pillar in taxonomy order (pillars with no coding included, with no points). */
  lanes: TimelineLane[];
  undated: TimelineUndated[];
  /** First and last bucket with coding; null when nothing dated is coded. */
  range: { from: string; to: string } | null;
}

// ── Memos ──────────────────────────────────────────────────────────────────────────────────

/** The analyst's written analysis: on a document, or (documentId null) the workspace's running memo. */
export interface Memo {
  id: string;
  documentId: string | null;
  /** The document's title, null for a workspace memo (or a document no longer in the library). */
  documentTitle: string | null;
  title: string;
  body: string;
  author: string;
  createdAt: string;
  updatedAt: string;
}
