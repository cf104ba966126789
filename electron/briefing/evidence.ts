// Reads the evidence a briefing cites: statements (corpus), annotations and pillars (through
// the annotate service) and the analyst's memos, reduced to what citing needs. The only place
// briefings touch those layers.
import type Database from 'better-sqlite3';
import type { Annotation } from '../../shared/annotations';
import type { DocumentSummary, Statement } from '../../shared/model';
import { annotationFromRow, findAnnotationRow } from '../annotate/annotation-rows';
import { listAnnotations } from '../annotate/annotations';
import { listPillars } from '../annotate/pillar-rows';
import { getStatements, listDocuments } from '../corpus/repo';

export interface AnnotationEvidence {
  id: string;
  statementId: string;
  documentId: string;
  /** For an orphan: its statement number where it was last placed, when known. */
  lastLocator: number | null;
  /** The stored exact quote of the annotation (its text-quote selector). */
  quote: string;
  comment: string;
  orphaned: boolean;
  deleted: boolean;
  /** Offset of the quote inside its statement, for ordering items within a statement. */
  start: number;
  pillarIds: string[];
}

export interface PillarInfo {
  id: string;
  nameJa: string;
  nameEn: string;
  parentId: string | null;
  archived: boolean;
}

function toEvidence(a: Annotation, deleted: boolean, lastLocator: number | null = null): AnnotationEvidence {
  return {
    id: a.id,
    statementId: a.statementId,
    documentId: a.documentId,
    lastLocator,
    quote: a.target.quote.exact,
    comment: a.comment,
    orphaned: a.orphaned,
    deleted,
    start: a.target.position.start,
    pillarIds: a.pillarIds,
  };
}

/** One annotation, deleted or not; null when no such annotation was ever stored. */
export function readAnnotation(db: Database.Database, id: string): AnnotationEvidence | null {
  const row = findAnnotationRow(db, id);
  return row ? toEvidence(annotationFromRow(db, row), row.deleted_at !== null, row.last_locator) : null;
}

/** Every live (not deleted) annotation in reading order, for the "from all annotations" templates. */
export function listLiveAnnotations(db: Database.Database): AnnotationEvidence[] {
  return listAnnotations({ db }).map((a) => toEvidence(a, false));
}

/** The pillar taxonomy in its display order (parents before children, siblings by position). */
export function listPillarsInOrder(db: Database.Database): PillarInfo[] {
  return listPillars(db, { includeArchived: true }).map((p) => ({ id: p.id, nameJa: p.nameJa, nameEn: p.nameEn, parentId: p.parentId, archived: p.archived }));
}

/** Statements by id (absent ids are simply missing from the map). */
export function statementsById(db: Database.Database, ids: Iterable<string>): Map<string, Statement> {
  const unique = [...new Set(ids)];
  return new Map(getStatements(db, unique).map((s) => [s.id, s]));
}

/** Document summaries by id, and their library order (date order) for sorting evidence. */
export function documentsById(db: Database.Database): { byId: Map<string, DocumentSummary>; order: Map<string, number> } {
  const docs = listDocuments(db);
  return { byId: new Map(docs.map((d) => [d.id, d])), order: new Map(docs.map((d, i) => [d.id, i])) };
}

export interface MemoEvidence {
  id: string;
  title: string;
  body: string;
  documentId: string | null;
  /** ISO timestamp of the memo's last change: the date its citation prints. */
  updatedAt: string;
  deleted: boolean;
}

/**
 * One memo, deleted or not; null when no such memo was ever stored (or its creation was undone).
 * Read straight from the memos table (workspace data, schema 10): the memo service sits beside
 * briefings, not below them, and citing needs only these columns.
 */
export function readMemo(db: Database.Database, id: string): MemoEvidence | null {
  const r = db.prepare('SELECT id, title, body, document_id, updated_at, deleted_at FROM memos WHERE id = ?').get(id) as
    | { id: string; title: string; body: string; document_id: string | null; updated_at: string; deleted_at: string | null }
    | undefined;
  return r ? { id: r.id, title: r.title, body: r.body, documentId: r.document_id, updatedAt: r.updated_at, deleted: r.deleted_at !== null } : null;
}
