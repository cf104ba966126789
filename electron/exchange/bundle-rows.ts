// The two kinds of row a bundle merge writes that no other service journals: an annotation's
// common base with another workspace (migration 0012), and a saved briefing template (saved
// directly by electron/briefing/templates.ts, which has no undo). Registered with the journal
// here so that undoing a bundle import takes them back with everything else it wrote.
import crypto from 'node:crypto';
import type Database from 'better-sqlite3';
import type { AnnotationSnapshot } from '../annotate/annotation-rows';
import { defineEntity } from '../journal/entities';

export interface SyncBaseSnapshot {
  revision: string;
  recordedAt: string;
}

export const SYNC_BASE = defineEntity<SyncBaseSnapshot>({
  name: 'annotation-sync-base',
  snapshot: (db, id) => (db.prepare('SELECT revision, recorded_at AS recordedAt FROM annotation_sync_base WHERE annotation_id = ?').get(id) as SyncBaseSnapshot | undefined) ?? null,
  apply: (db, id, _from, to) => {
    const t = to as SyncBaseSnapshot | null;
    if (t === null) db.prepare('DELETE FROM annotation_sync_base WHERE annotation_id = ?').run(id);
    else db.prepare('INSERT INTO annotation_sync_base (annotation_id, revision, recorded_at) VALUES (?, ?, ?) ON CONFLICT (annotation_id) DO UPDATE SET revision = excluded.revision, recorded_at = excluded.recorded_at').run(id, t.revision, t.recordedAt);
  },
});

export interface TemplateSnapshot {
  id: string;
  name: string;
  spec: string;
  createdAt: string;
}

export const TEMPLATE = defineEntity<TemplateSnapshot>({
  name: 'briefing-template',
  snapshot: (db, id) => (db.prepare('SELECT id, name, spec, created_at AS createdAt FROM briefing_templates WHERE id = ?').get(id) as TemplateSnapshot | undefined) ?? null,
  apply: (db, id, _from, to) => {
    const t = to as TemplateSnapshot | null;
    if (t === null) db.prepare('DELETE FROM briefing_templates WHERE id = ?').run(id);
    else db.prepare('INSERT INTO briefing_templates (id, name, spec, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, spec = excluded.spec').run(id, t.name, t.spec, t.createdAt);
  },
});

/**
 * An annotation's revision: a hash of what the analyst wrote and where (not of bookkeeping such
 * as updatedAt or the statement id, which re-segmenting changes). Equal revisions: the same edit.
 */
export function annotationRevision(a: Pick<AnnotationSnapshot, 'documentId' | 'target' | 'comment' | 'tags' | 'pillarIds' | 'importance' | 'deletedAt'>): string {
  const canonical = JSON.stringify([a.documentId, a.target.quote.exact, a.target.docStart, a.target.docEnd, a.comment, [...a.tags].sort(), [...a.pillarIds].sort(), a.importance, a.deletedAt !== null]);
  return crypto.createHash('sha256').update(canonical).digest('hex');
}

/** This workspace's identity (migration 0011), named in every bundle it writes. */
export function workspaceId(db: Database.Database): string {
  const row = db.prepare('SELECT workspace_id AS id FROM main.workspace_identity WHERE id = 1').get() as { id: string } | undefined;
  return row?.id ?? 'unknown';
}
