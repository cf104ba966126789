// The undo journal and activity history: every analyst change (annotations, pillars, briefings) is
// one group of before/after snapshots written in the same transaction, so undo survives a restart.
import type Database from 'better-sqlite3';
import type { ActivityEntry, ChangeKind, UndoState } from '../../shared/annotations';
import type { LocalizedText } from '../../shared/errors';

export type Entity = 'annotation' | 'pillar' | 'rejection' | 'term' | 'briefing' | 'briefing-section' | 'briefing-item';

export interface JournalEntry {
  entity: Entity;
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

/** Writes a snapshot back. Only fields that differ between `from` and `to` are written, so an
 * undo restores what the change touched and leaves later independent edits (re-anchoring) alone. */
export type Applier = (db: Database.Database, entityId: string, from: unknown, to: unknown) => void;

interface GroupRow {
  id: number;
  kind: ChangeKind;
  label_ja: string;
  label_en: string;
  author: string;
  at: string;
}
interface EntryRow {
  ordinal: number;
  entity: Entity;
  entity_id: string;
  before_json: string | null;
  after_json: string | null;
}

function insertActivity(db: Database.Database, groupId: number | null, action: ActivityEntry['action'], meta: ChangeMeta, e: Pick<JournalEntry, 'statementId' | 'annotationId' | 'pillarId'>): void {
  db.prepare(
    `INSERT INTO activity (group_id, action, kind, label_ja, label_en, statement_id, annotation_id, pillar_id, author, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(groupId, action, meta.kind, meta.label.ja, meta.label.en, e.statementId ?? null, e.annotationId ?? null, e.pillarId ?? null, meta.author, meta.at);
}

/** Records one user action. Call inside the transaction that made the change. */
export function recordChange(db: Database.Database, meta: ChangeMeta, entries: readonly JournalEntry[]): number {
  // A new change ends the redo branch, as in every editor; the dropped groups stay for the record.
  db.prepare("UPDATE change_groups SET state = 'dropped' WHERE state = 'undone'").run();
  const groupId = Number(
    db.prepare("INSERT INTO change_groups (kind, label_ja, label_en, author, at, state) VALUES (?, ?, ?, ?, ?, 'done')").run(meta.kind, meta.label.ja, meta.label.en, meta.author, meta.at)
      .lastInsertRowid,
  );
  const insert = db.prepare('INSERT INTO change_entries (group_id, ordinal, entity, entity_id, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?)');
  entries.forEach((e, i) => {
    insert.run(groupId, i, e.entity, e.entityId, e.before === null ? null : JSON.stringify(e.before), e.after === null ? null : JSON.stringify(e.after));
  });
  const seen = new Set<string>();
  for (const e of entries) {
    const key = `${e.statementId ?? ''}|${e.annotationId ?? ''}|${e.pillarId ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    insertActivity(db, groupId, 'do', meta, e);
  }
  return groupId;
}

/** Activity of something other than an analyst action (re-anchoring after a document change). */
export function recordActivity(db: Database.Database, action: ActivityEntry['action'], meta: ChangeMeta, e: Pick<JournalEntry, 'statementId' | 'annotationId' | 'pillarId'>): void {
  insertActivity(db, null, action, meta, e);
}

function parse(json: string | null): unknown {
  return json === null ? null : (JSON.parse(json) as unknown);
}

export interface Replayed {
  kind: ChangeKind;
  label: LocalizedText;
  annotationIds: string[];
  pillarIds: string[];
  /** Briefings whose header, sections or items the replay changed. */
  briefingIds: string[];
}

/** The briefing a journal entry belongs to, if it is a briefing entity. */
function briefingOf(e: EntryRow): string | null {
  if (e.entity === 'briefing') return e.entity_id;
  if (e.entity !== 'briefing-section' && e.entity !== 'briefing-item') return null;
  const snap = (parse(e.after_json) ?? parse(e.before_json)) as { briefingId?: string } | null;
  return snap?.briefingId ?? null;
}

function replay(db: Database.Database, appliers: Record<Entity, Applier>, direction: 'undo' | 'redo', author: string, now: string): Replayed | null {
  const group = (
    direction === 'undo'
      ? db.prepare("SELECT * FROM change_groups WHERE state = 'done' ORDER BY id DESC LIMIT 1").get()
      : db.prepare("SELECT * FROM change_groups WHERE state = 'undone' ORDER BY id ASC LIMIT 1").get()
  ) as GroupRow | undefined;
  if (!group) return null;
  const entries = db.prepare('SELECT ordinal, entity, entity_id, before_json, after_json FROM change_entries WHERE group_id = ? ORDER BY ordinal').all(group.id) as EntryRow[];
  const ordered = direction === 'undo' ? [...entries].reverse() : entries;
  for (const e of ordered) {
    const before = parse(e.before_json);
    const after = parse(e.after_json);
    if (direction === 'undo') appliers[e.entity](db, e.entity_id, after, before);
    else appliers[e.entity](db, e.entity_id, before, after);
  }
  db.prepare('UPDATE change_groups SET state = ? WHERE id = ?').run(direction === 'undo' ? 'undone' : 'done', group.id);
  const meta: ChangeMeta = { kind: group.kind, label: { ja: group.label_ja, en: group.label_en }, author, at: now };
  const touched = db.prepare('SELECT DISTINCT statement_id, annotation_id, pillar_id FROM activity WHERE group_id = ? AND action = ?').all(group.id, 'do') as {
    statement_id: string | null;
    annotation_id: string | null;
    pillar_id: string | null;
  }[];
  for (const t of touched) insertActivity(db, group.id, direction, meta, { statementId: t.statement_id, annotationId: t.annotation_id, pillarId: t.pillar_id });
  return {
    kind: group.kind,
    label: meta.label,
    annotationIds: [...new Set(entries.filter((e) => e.entity === 'annotation').map((e) => e.entity_id))],
    pillarIds: [...new Set(entries.filter((e) => e.entity === 'pillar').map((e) => e.entity_id))],
    briefingIds: [...new Set(entries.map(briefingOf).filter((id): id is string => id !== null))],
  };
}

export function undoLast(db: Database.Database, appliers: Record<Entity, Applier>, author: string, now: string): Replayed | null {
  return db.transaction(() => replay(db, appliers, 'undo', author, now)).immediate();
}

export function redoNext(db: Database.Database, appliers: Record<Entity, Applier>, author: string, now: string): Replayed | null {
  return db.transaction(() => replay(db, appliers, 'redo', author, now)).immediate();
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

/** Fields of `to` that differ from `from` (deep-compared through JSON): what an applier writes. */
export function changedFields<T extends object>(from: T | null, to: T): Partial<T> {
  if (from === null) return { ...to };
  const out: Partial<T> = {};
  for (const key of Object.keys(to) as (keyof T)[]) {
    if (JSON.stringify(from[key]) !== JSON.stringify(to[key])) out[key] = to[key];
  }
  return out;
}
