// The analyst's deliverable as plain data: briefings, their sections and items, templates,
// the resolved (quoted and cited) view every export renders, and the export log.
import type { LocalizedText } from './errors';

export type BriefingLanguage = 'ja' | 'en';
export const BRIEFING_LANGUAGES = ['ja', 'en'] as const satisfies readonly BriefingLanguage[];

/** How a template sorts evidence into sections. */
export type GroupBy = 'pillar' | 'document' | 'speaker';
export const GROUP_BYS = ['pillar', 'document', 'speaker'] as const satisfies readonly GroupBy[];

export type ExportFormat = 'docx' | 'pdf' | 'md' | 'html';
export const EXPORT_FORMATS = ['docx', 'pdf', 'md', 'html'] as const satisfies readonly ExportFormat[];

/** An item cites an annotation (a span the analyst marked), a whole statement, or one of the analyst's memos. */
export type EvidenceRef =
  | { annotationId: string; statementId?: undefined; memoId?: undefined }
  | { statementId: string; annotationId?: undefined; memoId?: undefined }
  | { memoId: string; annotationId?: undefined; statementId?: undefined };

/** What an item cites, as ResolvedItem.kind and statusNotice name it. */
export type EvidenceKind = 'annotation' | 'statement' | 'memo';

export interface BriefingItem {
  id: string;
  /** Exactly one of annotationId / statementId / memoId is set. */
  annotationId: string | null;
  statementId: string | null;
  /** A memo item's memo (schema 20); absent or null on every other item. */
  memoId?: string | null;
  /** The analyst's comment on this piece of evidence (plain text). */
  comment: string;
  /** The quote as it was when the item was added: shown if the evidence later disappears. */
  quoteAtAdd: string;
}

export interface BriefingSection {
  id: string;
  heading: string;
  /** The analyst's own text for the section (plain text, paragraphs split by blank lines). */
  body: string;
  items: BriefingItem[];
  /**
   * The pillar the section is about (made from it, or set to follow it), and since when it
   * follows it: annotations filed under the pillar after that are offered as new ("live"); null
   * when it does not follow (any more). Absent where a section is built on the spot (drafts).
   */
  pillarId?: string | null;
  liveSince?: string | null;
}

/** What the title block prints: shared by a stored briefing and the resolved model exports render. */
export interface BriefingHeader {
  title: string;
  subtitle: string;
  author: string;
  /** ISO date `YYYY-MM-DD` printed on the title block. */
  date: string;
  /** Handling marking shown on every page (e.g. 取扱注意); empty for none. */
  marking: string;
  language: BriefingLanguage;
  /** Executive summary (plain text). */
  summary: string;
  /** How dates are printed: 西暦 (2026年12月1日) or 和暦 (令和8年12月1日). */
  dateStyle: DateStyle;
  /** 宛先: to whom the note goes (one line; empty for no block). */
  addressee: string;
  /** 発信: who sends it (lines: affiliation, section, name, contact; empty for no block). */
  sender: string;
  /** 文書番号 printed at the top right (empty for none). */
  docNumber: string;
  /** Print a table of contents (only notes with more than three sections get one). */
  toc: boolean;
}

export type DateStyle = 'seireki' | 'wareki';
export const DATE_STYLES = ['seireki', 'wareki'] as const satisfies readonly DateStyle[];

/** A table of contents is printed only when asked for and the note has more sections than this. */
export const TOC_MIN_SECTIONS = 4;

export interface BriefingMeta extends BriefingHeader {
  id: string;
  createdAt: string;
  updatedAt: string;
}

export interface Briefing extends BriefingMeta {
  sections: BriefingSection[];
}

export interface BriefingSummary extends BriefingMeta {
  sections: number;
  items: number;
}

/** Where an item's evidence stands now. */
export type EvidenceStatus =
  | 'ok'
  /** The annotation could not be re-anchored after the source changed. */
  | 'orphaned'
  /** The annotation (or memo) was deleted by the analyst. */
  | 'deleted'
  /** The annotation, statement or memo no longer exists (e.g. re-segmented source). */
  | 'missing';

/** Everything a citation says about where a quote comes from. */
export interface CitationSource {
  documentId: string;
  documentTitle: string;
  issuer: string | null;
  /** ISO date of the document, null when unknown. */
  date: string | null;
  statementId: string;
  /** Statement number in the document's reading order, 1-based. */
  locator: number;
  speaker: string | null;
  headingPath: string[];
  /** Paged sources (imported PDFs): the page the statement starts on, and its printed label. */
  page?: number;
  pageLabel?: string;
  /** A footnote's own printed number (81 for ⁸¹): it is cited as 脚注81, not by statement number. */
  footnote?: string | null;
  /** A table cell's place: cited as 表1 第3行『…』欄. */
  cell?: CellLocator | null;
}

/** A table cell as a reader finds it: the document's nth table, 1-based row and column, column header. */
export interface CellLocator {
  table: number;
  row: number;
  column: number;
  header: string | null;
}

/**
 * Where an orphaned annotation was last placed: its document and, when known, the statement
 * number there. Printed as "last found in", never as a citation: the current text may differ.
 */
export interface LastKnownPlace {
  documentId: string;
  /** Null when the document itself is no longer in the library. */
  documentTitle: string | null;
  issuer: string | null;
  date: string | null;
  /** Statement number (1-based) in the version of the document it was last anchored to. */
  locator: number | null;
}

/**
 * What a memo item cites: the memo's title and the day its text was last changed. The body
 * printed is the memo as it reads now, so the date is that of the text shown (a later edit moves
 * it), and a reader can tell which version of the analysis the note quotes.
 */
export interface MemoCitation {
  memoId: string;
  title: string;
  /** ISO date (YYYY-MM-DD, UTC) of the memo's last change. */
  date: string;
  /** The document a document memo is about (null for a workspace memo, or a document since removed). */
  documentTitle: string | null;
}

/** One item ready to print: the stored quote, its source and whether it can be trusted. */
export interface ResolvedItem {
  id: string;
  kind: EvidenceKind;
  refId: string;
  status: EvidenceStatus;
  /** The stored text, never retyped: the annotation's quote, the statement's text or the memo's body. */
  quote: string;
  comment: string;
  /** The annotation's own comment, where the item is an annotation that has one. */
  annotationComment: string | null;
  /** Null when the status is not 'ok' and no trustworthy place is known, and for memos. */
  citation: CitationSource | null;
  /** A memo item's citation (kind 'memo', status 'ok'); absent or null otherwise. */
  memo?: MemoCitation | null;
  /** 1-based number of the source in the sources list, null without a citation. */
  sourceNumber: number | null;
  /** For an orphaned annotation: where it was last found (null otherwise, or when unknown). */
  lastKnown?: LastKnownPlace | null;
  /** Quoted in full in an earlier section (1-based): printed here as a cross-reference only. */
  seeSection?: number | null;
}

export interface ResolvedSection {
  id: string;
  heading: string;
  body: string;
  items: ResolvedItem[];
}

export interface SourceEntry {
  number: number;
  documentId: string;
  documentTitle: string;
  issuer: string | null;
  date: string | null;
  /** How many items of the briefing cite this document. */
  citedItems: number;
}

/** The one model every export (DOCX, PDF, Markdown, HTML, preview) renders. */
export interface ResolvedBriefing extends BriefingHeader {
  id: string | null;
  sections: ResolvedSection[];
  sources: SourceEntry[];
  /** Count of items whose evidence is orphaned, deleted or missing. */
  unresolved: number;
}

/** What a saved template remembers: the frame of a briefing, not its evidence. */
export interface TemplateSpec {
  subtitle: string;
  marking: string;
  language: BriefingLanguage;
  summary: string;
  /** When set, new briefings from this template are filled from annotations grouped this way. */
  groupBy: GroupBy | null;
  pillars: string[];
  sections: { heading: string; body: string }[];
}

export interface BriefingTemplate {
  id: string;
  name: string;
  builtin: boolean;
  description: LocalizedText;
  spec: TemplateSpec;
  createdAt: string | null;
}

export interface ExportLogEntry {
  id: number;
  briefingId: string | null;
  briefingTitle: string;
  format: ExportFormat;
  path: string;
  marking: string;
  bytes: number;
  author: string;
  exportedAt: string;
}

/**
 * The custom document property every DOCX export carries (the briefing's id): a reviewed file is
 * read back only when it has it, so a stranger's document is never taken for a review.
 */
export const REVIEW_ID_PROPERTY = 'WorkbenchBriefingId';
/** When the DOCX was exported (ISO), beside the id. */
export const EXPORTED_AT_PROPERTY = 'WorkbenchExportedAt';

/** A comment found in a reviewed DOCX: who said what, and on which words of the note. */
export interface ReviewComment {
  id: string;
  author: string;
  /** As Word stamped it (ISO), null when the file gives none. */
  date: string | null;
  text: string;
  /** The text between the comment's range markers: the words it is about. */
  anchor: string;
  /** One of the annotation notes the export itself carried (same author and text), not the reviewer's. */
  fromExport: boolean;
}

/** A tracked change (w:ins / w:del) in a reviewed DOCX. */
export interface ReviewEdit {
  kind: 'insert' | 'delete';
  author: string;
  date: string | null;
  text: string;
  /** The paragraph it sits in, as it reads with the change accepted. */
  paragraph: string;
}

/** A paragraph that reads differently from the briefing as it stands (for edits made untracked). */
export interface ReviewParagraphChange {
  /** Null: a paragraph the reviewer added. */
  before: string | null;
  /** Null: a paragraph the reviewer removed. */
  after: string | null;
}

/** What a director did to an exported note, read back without touching the briefing. */
export interface BriefingReview {
  briefingId: string;
  fileName: string;
  /** When the reviewed file was exported (its custom property), null if absent. */
  exportedAt: string | null;
  comments: ReviewComment[];
  edits: ReviewEdit[];
  changes: ReviewParagraphChange[];
}

/** A new annotation of a live section's pillar, offered until the analyst accepts or dismisses it. */
export interface LiveCandidate {
  annotationId: string;
  statementId: string;
  quote: string;
  comment: string;
  orphaned: boolean;
  /** When it was filed under the pillar (the journal's time of that change). */
  linkedAt: string;
}

/** A section that follows a pillar, or did (live false: it stopped, or its pillar was deleted). */
export interface LiveSection {
  sectionId: string;
  heading: string;
  pillarId: string | null;
  since: string | null;
  live: boolean;
  candidates: LiveCandidate[];
}

/** Why the section picker proposes the section it does. */
export type PlacementReason = 'pillar' | 'last' | 'end' | 'none';
export const PLACEMENT_REASONS = ['pillar', 'last', 'end', 'none'] as const satisfies readonly PlacementReason[];

/** One briefing as the section picker offers it: its sections and the one proposed. */
export interface BriefingPlacement {
  id: string;
  title: string;
  updatedAt: string;
  sections: { id: string; heading: string; pillarId: string | null; live: boolean }[];
  /** The section the analyst chose last time for this briefing (null: never, or it is gone). */
  lastSectionId: string | null;
  suggested: { sectionId: string | null; reason: PlacementReason };
}
