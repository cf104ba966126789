// The undo journal and activity history as stored: every analyst change (annotations, pillars,
// briefings) is one group of before/after snapshots written in the same transaction as the change,
// so undo survives a restart. Writes reach it only through journaledChange (change.ts).
import type Database from 'better-sqlite3';
import type { ActivityEntry, ChangeKind, UndoState } from '../../shared/annotations';
import type { LocalizedText } from '../../shared/errors';

export interface JournalEntry {
  /** A registered entity kind's name (entities.ts). */
  entity: string;
  entityId: string;
  /** Snapshot before the change (null: did not exist) and after it (null: no longer exists). */
  before: unknown;
  after: unknown;
  /** For the per-statement history. */
  statementId?: string | null;
  annotationId?: string | null;
  pillarId?: string | null;
}

export interface ChangeMeta {
  kind: ChangeKind;
  label: LocalizedText;
  author: string;
  at: string;
}

export interface GroupRow {
  id: number;
  kind: ChangeKind;
  label_ja: string;
  label_en: string;
  author: string;
  at: string;
}
export interface EntryRow {
  ordinal: number;
  entity: string;
  entity_id: string;
  before_json: string | null;
  after_json: string | null;
}

export function insertActivity(db: Database.Database, groupId: number | null, action: ActivityEntry['action'], meta: ChangeMeta, e: Pick<JournalEntry, 'statementId' | 'annotationId' | 'pillarId'>): void {
  db.prepare(
    `INSERT INTO activity (group_id, action, kind, label_ja, label_en, statement_id, annotation_id, pillar_id, author, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(groupId, action, meta.kind, meta.label.ja, meta.label.en, e.statementId ?? null, e.annotationId ?? null, e.pillarId ?? null, meta.author, meta.at);
}

/** Records one user action, inside the transaction that made it (journaledChange's, nowhere else). */
export function recordChange(db: Database.Database, meta: ChangeMeta, entries: readonly JournalEntry[]): number {
  // A new change ends the redo branch, as in every editor; the dropped groups stay for the record.
  db.prepare("UPDATE change_groups SET state = 'dropped' WHERE state = 'undone'").run();
  const groupId = Number(
    db.prepare("INSERT INTO change_groups (kind, label_ja, label_en, author, at, state) VALUES (?, ?, ?, ?, ?, 'done')").run(meta.kind, meta.label.ja, meta.label.en, meta.author, meta.at)
      .lastInsertRowid,
  );
  insertEntries(db, groupId, 0, meta, entries);
  return groupId;
}

/**
 * Adds a later part of one analyst action to its change group (a long import committed in
 * batches: issue 11), so one undo still takes the whole action back. The group's label becomes
 * `meta.label` (the action's running total). Returns false when the group is no longer the newest
 * done change (it was undone meanwhile): the caller then records the rest as a new change.
 */
export function appendToChange(db: Database.Database, groupId: number, meta: ChangeMeta, entries: readonly JournalEntry[]): boolean {
  const group = db.prepare('SELECT state FROM change_groups WHERE id = ?').get(groupId) as { state: string } | undefined;
  if (group?.state !== 'done') return false;
  const next = (db.prepare('SELECT COALESCE(MAX(ordinal), -1) + 1 AS n FROM change_entries WHERE group_id = ?').get(groupId) as { n: number }).n;
  db.prepare('UPDATE change_groups SET label_ja = ?, label_en = ? WHERE id = ?').run(meta.label.ja, meta.label.en, groupId);
  insertEntries(db, groupId, next, meta, entries);
  return true;
}

function insertEntries(db: Database.Database, groupId: number, firstOrdinal: number, meta: ChangeMeta, entries: readonly JournalEntry[]): void {
  const insert = db.prepare('INSERT INTO change_entries (group_id, ordinal, entity, entity_id, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?)');
  entries.forEach((e, i) => {
    insert.run(groupId, firstOrdinal + i, e.entity, e.entityId, e.before === null ? null : JSON.stringify(e.before), e.after === null ? null : JSON.stringify(e.after));
  });
  const seen = new Set<string>();
  for (const e of entries) {
    const key = `${e.statementId ?? ''}|${e.annotationId ?? ''}|${e.pillarId ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    insertActivity(db, groupId, 'do', meta, e);
  }
}

/** Activity of something other than an analyst action (re-anchoring after a document change). */
export function recordActivity(db: Database.Database, action: ActivityEntry['action'], meta: ChangeMeta, e: Pick<JournalEntry, 'statementId' | 'annotationId' | 'pillarId'>): void {
  insertActivity(db, null, action, meta, e);
}

export function undoState(db: Database.Database): UndoState {
  const u = db.prepare("SELECT label_ja, label_en, at FROM change_groups WHERE state = 'done' ORDER BY id DESC LIMIT 1").get() as GroupRow | undefined;
  const r = db.prepare("SELECT label_ja, label_en, at FROM change_groups WHERE state = 'undone' ORDER BY id ASC LIMIT 1").get() as GroupRow | undefined;
  return {
    undo: u ? { label: { ja: u.label_ja, en: u.label_en }, at: u.at } : null,
    redo: r ? { label: { ja: r.label_ja, en: r.label_en }, at: r.at } : null,
  };
}

interface ActivityRow {
  seq: number;
  action: ActivityEntry['action'];
  kind: ActivityEntry['kind'];
  label_ja: string;
  label_en: string;
  annotation_id: string | null;
  pillar_id: string | null;
  author: string;
  at: string;
}

/** A statement's history, newest first; without a statement, the whole workbench's. */
export function activityFor(db: Database.Database, statementId: string | null, limit: number): ActivityEntry[] {
  const rows = (
    statementId === null
      ? db.prepare('SELECT * FROM activity ORDER BY seq DESC LIMIT ?').all(limit)
      : // Also what happened to the annotations now on the statement while they sat elsewhere.
        db
          .prepare(
            `SELECT * FROM activity WHERE statement_id = ?
               OR annotation_id IN (SELECT id FROM annotations WHERE statement_id = ?)
             ORDER BY seq DESC LIMIT ?`,
          )
          .all(statementId, statementId, limit)
  ) as ActivityRow[];
  return rows.map((r) => ({
    seq: r.seq,
    action: r.action,
    kind: r.kind,
    label: { ja: r.label_ja, en: r.label_en },
    annotationId: r.annotation_id,
    pillarId: r.pillar_id,
    author: r.author,
    at: r.at,
  }));
}
