// The analyst's own layer: annotations on statements, their anchors, and the change history.
// Plain data shared by the annotate service, the API contract and the renderer.

/** W3C Web Annotation TextQuoteSelector: the exact text plus a little context either side. */
export interface TextQuoteSelector {
  exact: string;
  prefix: string;
  suffix: string;
}

/** W3C Web Annotation TextPositionSelector: UTF-16 offsets within the statement text. */
export interface TextPositionSelector {
  start: number;
  end: number;
}

/** How the current anchor was found: at creation, or by which re-anchoring step. */
export type AnchorMethod = 'created' | 'position' | 'quote' | 'fuzzy' | 'orphaned';

export interface AnnotationTarget {
  /** `span`: a selection inside the statement; `statement`: the whole statement. */
  scope: 'span' | 'statement';
  quote: TextQuoteSelector;
  position: TextPositionSelector;
  /** Offsets of the quote in the document's clean text (document.text.slice(docStart, docEnd)). */
  docStart: number;
  docEnd: number;
}

export interface Annotation {
  id: string;
  /** The statement it is anchored to; for an orphan, the last statement it was anchored to. */
  statementId: string;
  documentId: string;
  target: AnnotationTarget;
  /** True when re-anchoring after a document change could not place it: kept, shown apart. */
  orphaned: boolean;
  anchoredBy: AnchorMethod;
  comment: string;
  tags: string[];
  pillarIds: string[];
  /** Optional assessment: 1 (low) … 3 (high). */
  importance: number | null;
  author: string;
  createdAt: string;
  updatedAt: string;
}

export const MIN_IMPORTANCE = 1;
export const MAX_IMPORTANCE = 3;

/** One entry of a statement's activity history (most recent first when listed). */
export interface ActivityEntry {
  seq: number;
  /** What happened: a change, its undo, its redo, or a re-anchoring after a document change. */
  action: 'do' | 'undo' | 'redo' | 'reanchor';
  kind: ChangeKind;
  label: { ja: string; en: string };
  annotationId: string | null;
  pillarId: string | null;
  author: string;
  at: string;
}

export type ChangeKind =
  | 'annotation.create'
  | 'annotation.update'
  | 'annotation.delete'
  | 'annotation.import'
  | 'annotation.reanchor'
  | 'pillar.create'
  | 'pillar.update'
  | 'pillar.archive'
  | 'pillar.delete'
  | 'pillar.reorder'
  | 'pillar.terms'
  | 'suggestion.accept'
  | 'suggestion.reject'
  | 'briefing.create'
  | 'briefing.update'
  | 'briefing.delete'
  | 'briefing.restore'
  | 'briefing.section.add'
  | 'briefing.section.update'
  | 'briefing.section.move'
  | 'briefing.section.delete'
  | 'briefing.item.add'
  | 'briefing.item.update'
  | 'briefing.item.move'
  | 'briefing.item.delete'
  | 'briefing.section.follow'
  | 'briefing.live.dismiss'
  | 'document.meta'
  | 'document.import'
  | 'document.remove'
  | 'memo.create'
  | 'memo.update'
  | 'memo.delete';

/** What the UI shows on its undo/redo buttons: null when there is nothing to undo/redo. */
export interface UndoState {
  undo: { label: { ja: string; en: string }; at: string } | null;
  redo: { label: { ja: string; en: string }; at: string } | null;
}

/** Version of the annotations exchange file written by export and accepted by import. */
export const ANNOTATIONS_FILE_FORMAT = 'keizai-anpo-workbench/annotations';
export const ANNOTATIONS_FILE_VERSION = 1;
