// SQL for the annotations, annotation_pillars and annotation_tags tables: reading an annotation
// whole, and writing a snapshot of one back (what create, undo, redo and import share).
import type Database from 'better-sqlite3';
import type { AnchorMethod, Annotation, AnnotationTarget } from '../../shared/annotations';
import { notFound } from '../../shared/errors';
import { changedFields, defineEntity, type Applier } from '../journal/entities';

export interface AnnotationRow {
  id: string;
  statement_id: string;
  document_id: string;
  scope: AnnotationTarget['scope'];
  quote_exact: string;
  quote_prefix: string;
  quote_suffix: string;
  start_offset: number;
  end_offset: number;
  doc_start: number;
  doc_end: number;
  comment: string;
  importance: number | null;
  author: string;
  created_at: string;
  updated_at: string;
  orphaned: number;
  anchored_by: AnchorMethod;
  deleted_at: string | null;
  /** For an orphan: the statement number (1-based) where it was last placed, when known. */
  last_locator: number | null;
}

/** What the undo journal stores for an annotation: everything, plus whether it is deleted. */
export interface AnnotationSnapshot extends Annotation {
  deletedAt: string | null;
}

function pillarsOf(db: Database.Database, id: string): string[] {
  return (
    db
      .prepare(
        `SELECT ap.pillar_id AS id FROM annotation_pillars ap JOIN pillars p ON p.id = ap.pillar_id
         WHERE ap.annotation_id = ? AND p.deleted_at IS NULL ORDER BY p.position, p.id`,
      )
      .all(id) as { id: string }[]
  ).map((r) => r.id);
}

function allPillarsOf(db: Database.Database, id: string): string[] {
  return (db.prepare('SELECT pillar_id AS id FROM annotation_pillars WHERE annotation_id = ? ORDER BY pillar_id').all(id) as { id: string }[]).map((r) => r.id);
}

function tagsOf(db: Database.Database, id: string): string[] {
  return (db.prepare('SELECT tag FROM annotation_tags WHERE annotation_id = ? ORDER BY tag').all(id) as { tag: string }[]).map((r) => r.tag);
}

export function annotationFromRow(db: Database.Database, r: AnnotationRow): Annotation {
  return fromRowWith(r, pillarsOf(db, r.id), tagsOf(db, r.id));
}

function fromRowWith(r: AnnotationRow, pillarIds: string[], tags: string[]): Annotation {
  return {
    id: r.id,
    statementId: r.statement_id,
    documentId: r.document_id,
    target: {
      scope: r.scope,
      quote: { exact: r.quote_exact, prefix: r.quote_prefix, suffix: r.quote_suffix },
      position: { start: r.start_offset, end: r.end_offset },
      docStart: r.doc_start,
      docEnd: r.doc_end,
    },
    orphaned: r.orphaned === 1,
    anchoredBy: r.anchored_by,
    comment: r.comment,
    tags,
    pillarIds,
    importance: r.importance,
    author: r.author,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/**
 * Many rows at once (lists, the reader's highlights): pillars and tags come from one query each
 * instead of two per annotation.
 */
export function annotationsFromRows(db: Database.Database, rows: readonly AnnotationRow[]): Annotation[] {
  if (rows.length < 20) return rows.map((r) => annotationFromRow(db, r));
  const ids = JSON.stringify(rows.map((r) => r.id));
  const pillars = new Map<string, string[]>();
  const pillarRows = db
    .prepare(
      `SELECT ap.annotation_id AS a, ap.pillar_id AS p FROM annotation_pillars ap JOIN pillars pl ON pl.id = ap.pillar_id
       WHERE ap.annotation_id IN (SELECT value FROM json_each(?)) AND pl.deleted_at IS NULL ORDER BY pl.position, pl.id`,
    )
    .all(ids) as { a: string; p: string }[];
  for (const r of pillarRows) pillars.set(r.a, [...(pillars.get(r.a) ?? []), r.p]);
  const tags = new Map<string, string[]>();
  const tagRows = db.prepare('SELECT annotation_id AS a, tag FROM annotation_tags WHERE annotation_id IN (SELECT value FROM json_each(?)) ORDER BY tag').all(ids) as { a: string; tag: string }[];
  for (const r of tagRows) tags.set(r.a, [...(tags.get(r.a) ?? []), r.tag]);
  return rows.map((r) => ({ ...fromRowWith(r, pillars.get(r.id) ?? [], tags.get(r.id) ?? []) }));
}

export function findAnnotationRow(db: Database.Database, id: string): AnnotationRow | undefined {
  return db.prepare('SELECT * FROM annotations WHERE id = ?').get(id) as AnnotationRow | undefined;
}

/** A live (not deleted) annotation, or not-found. */
export function getAnnotation(db: Database.Database, id: string): Annotation {
  const row = findAnnotationRow(db, id);
  if (!row || row.deleted_at !== null) throw notFound({ ja: '注釈', en: 'annotation' }, id);
  return annotationFromRow(db, row);
}

export function snapshotAnnotation(db: Database.Database, id: string): AnnotationSnapshot | null {
  const row = findAnnotationRow(db, id);
  if (!row) return null;
  // Links to deleted pillars are kept in the snapshot so that undoing both restores both.
  return { ...annotationFromRow(db, row), pillarIds: allPillarsOf(db, id), deletedAt: row.deleted_at };
}

function setPillars(db: Database.Database, id: string, pillarIds: readonly string[]): void {
  db.prepare('DELETE FROM annotation_pillars WHERE annotation_id = ?').run(id);
  const insert = db.prepare('INSERT INTO annotation_pillars (annotation_id, pillar_id) VALUES (?, ?)');
  for (const p of new Set(pillarIds)) insert.run(id, p);
}

function setTags(db: Database.Database, id: string, tags: readonly string[]): void {
  db.prepare('DELETE FROM annotation_tags WHERE annotation_id = ?').run(id);
  const insert = db.prepare('INSERT INTO annotation_tags (annotation_id, tag) VALUES (?, ?)');
  for (const t of new Set(tags)) insert.run(id, t);
}

export function insertAnnotation(db: Database.Database, s: AnnotationSnapshot): void {
  db.prepare(
    `INSERT INTO annotations (id, statement_id, document_id, scope, quote_exact, quote_prefix, quote_suffix, start_offset, end_offset,
       doc_start, doc_end, comment, importance, author, created_at, updated_at, orphaned, anchored_by, deleted_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    s.id,
    s.statementId,
    s.documentId,
    s.target.scope,
    s.target.quote.exact,
    s.target.quote.prefix,
    s.target.quote.suffix,
    s.target.position.start,
    s.target.position.end,
    s.target.docStart,
    s.target.docEnd,
    s.comment,
    s.importance,
    s.author,
    s.createdAt,
    s.updatedAt,
    s.orphaned ? 1 : 0,
    s.anchoredBy,
    s.deletedAt,
  );
  setPillars(db, s.id, s.pillarIds);
  setTags(db, s.id, s.tags);
}

/** Writes the fields in which `to` differs from `from` (both full snapshots; `from` null = insert). */
export function writeAnnotation(db: Database.Database, from: AnnotationSnapshot | null, to: AnnotationSnapshot): void {
  if (!findAnnotationRow(db, to.id)) {
    insertAnnotation(db, to);
    return;
  }
  const d = changedFields(from, to);
  const sets: string[] = [];
  const args: unknown[] = [];
  const set = (col: string, v: unknown) => {
    sets.push(`${col} = ?`);
    args.push(v);
  };
  if (d.comment !== undefined) set('comment', d.comment);
  if (d.importance !== undefined) set('importance', d.importance);
  if (d.updatedAt !== undefined) set('updated_at', d.updatedAt);
  if (d.deletedAt !== undefined) set('deleted_at', d.deletedAt);
  if (d.target !== undefined || d.statementId !== undefined || d.orphaned !== undefined || d.anchoredBy !== undefined) {
    set('statement_id', to.statementId);
    set('document_id', to.documentId);
    set('scope', to.target.scope);
    set('quote_exact', to.target.quote.exact);
    set('quote_prefix', to.target.quote.prefix);
    set('quote_suffix', to.target.quote.suffix);
    set('start_offset', to.target.position.start);
    set('end_offset', to.target.position.end);
    set('doc_start', to.target.docStart);
    set('doc_end', to.target.docEnd);
    set('orphaned', to.orphaned ? 1 : 0);
    set('anchored_by', to.anchoredBy);
  }
  if (sets.length) db.prepare(`UPDATE annotations SET ${sets.join(', ')} WHERE id = ?`).run(...args, to.id);
  if (d.pillarIds !== undefined) setPillars(db, to.id, to.pillarIds);
  if (d.tags !== undefined) setTags(db, to.id, to.tags);
}

export const applyAnnotation: Applier = (db, _id, from, to, at) => {
  if (to === null) {
    // Only a journal written by an older build could ask to remove a row; keep it, soft-deleted.
    const f = from as AnnotationSnapshot;
    writeAnnotation(db, f, { ...f, deletedAt: f.deletedAt ?? at });
    return;
  }
  writeAnnotation(db, from as AnnotationSnapshot | null, to as AnnotationSnapshot);
};

/** Annotations in the journal: soft-deleted, in the history of their statement. */
export const ANNOTATION = defineEntity<AnnotationSnapshot>({
  name: 'annotation',
  snapshot: snapshotAnnotation,
  apply: applyAnnotation,
  softDelete: true,
  history: (id, a) => ({ statementId: a.statementId, annotationId: id }),
  replayed: { list: 'annotationIds', id: (id) => id },
});
