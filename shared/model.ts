// The analyst's nouns as plain data: documents, statements and their structure.
// Shared by the services, the API contract and the renderer; no runtime dependencies.

/** What kind of source a document is; drives citation style and reader layout. */
export type DocumentKind = 'minutes' | 'proposal' | 'report' | 'summary' | 'article' | 'other';

export const DOCUMENT_KINDS = ['minutes', 'proposal', 'report', 'summary', 'article', 'other'] as const satisfies readonly DocumentKind[];

/** One entry of resources/corpus/manifest.json (and of an imported source). */
export interface DocumentMeta {
  /** Stable id, lowercase kebab: `espc-2021-11-19-minutes`. */
  id: string;
  /** The document's own title as a reader would cite it (never the file name). */
  title: string;
  /** ISO date `YYYY-MM-DD` (era dates converted), or null when the text gives none. */
  date: string | null;
  /** Issuing body or author where the text says, else null. */
  issuer: string | null;
  kind: DocumentKind;
  /** BCP 47 language tag, `ja` for the bundled corpus. */
  language: string;
  /** File name inside resources/corpus (bundled) or the original path (imported). */
  source: string;
}

export interface DocumentSummary extends DocumentMeta {
  origin: 'bundled' | 'imported';
  statements: number;
  annotations: number;
  contentHash: string;
  ingestedAt: string;
  /** Paged sources (imported PDFs): the number of pages. Absent for unpaged text. */
  pages?: number;
}

/** What a paged source says about its pages beyond their text (imported PDFs). */
export interface PageFacts {
  /** Page labels from /PageLabels (index 0 = page 1), null where there is none. */
  labels: (string | null)[];
  /** Running headers and footers lifted out of the text, per page (1-based). */
  runningMatter: { page: number; header: string[]; footer: string[] }[];
}

export type StatementKind = 'heading' | 'remark' | 'item' | 'paragraph' | 'table-cell' | 'footnote';

export interface TableCell {
  /** 0-based row within the table, counted over the whole table even across pages. */
  row: number;
  /** 0-based column. */
  column: number;
  /** The column's header text, e.g. 実施状況・現状分析. */
  header: string | null;
  /** Identifies the table within the document (the heading it sits under). */
  table: string;
}

/** A footnote reference found in a statement, linked to the footnote statement. */
export interface FootnoteRef {
  /** The marker as printed, e.g. `69` for ⁶⁹. */
  marker: string;
  /** Offsets of the marker inside the statement text (UTF-16 code units). */
  start: number;
  end: number;
  /** Id of the footnote statement, null if the footnote text was not found. */
  footnoteId: string | null;
}

/**
 * A citable unit. Offsets are UTF-16 code-unit indices (JavaScript string indices)
 * into the document's clean text, so `document.text.slice(start, end) === text`.
 */
export interface Statement {
  id: string;
  documentId: string;
  /** 0-based position in the document's reading order. */
  ordinal: number;
  kind: StatementKind;
  /** Heading depth (1 = top) for kind 'heading', else null. */
  level: number | null;
  text: string;
  start: number;
  end: number;
  /** Titles of the enclosing headings, outermost first. */
  headingPath: string[];
  /** Id of the nearest enclosing heading statement, null at top level. */
  parentId: string | null;
  /** The speaker for remarks in minutes (e.g. 外務大臣), else null. */
  speaker: string | null;
  /** The list marker as printed (①, ・, ○, (1), 1.), stripped from `text`. */
  marker: string | null;
  table: TableCell | null;
  footnotes: FootnoteRef[];
  /** Paged sources (imported PDFs): the 1-based page the statement starts on. Absent otherwise. */
  page?: number;
  /** The page's label from the PDF's /PageLabels (ii, A-3), when the PDF gives one. */
  pageLabel?: string;
}

/** What the segmenter hands to ingest: clean text plus its statements (ids assigned). */
export interface SegmentedDocument {
  text: string;
  statements: Statement[];
}
