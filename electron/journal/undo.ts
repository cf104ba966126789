// Undo and redo over the journal: replays a change group's snapshots through the appliers that
// each entity's owner registered (entities.ts), in one transaction, and records the replay.
import type Database from 'better-sqlite3';
import type { ChangeKind, UndoState } from '../../shared/annotations';
import type { LocalizedText } from '../../shared/errors';
import { nowOf, type Actor } from './actor';
import { entityKind, type ReplayedList } from './entities';
import { insertActivity, undoState, type ChangeMeta, type EntryRow, type GroupRow } from './journal';

export interface Replayed {
  kind: ChangeKind;
  label: LocalizedText;
  annotationIds: string[];
  pillarIds: string[];
  /** Briefings whose header, sections or items the replay changed. */
  briefingIds: string[];
}

function parse(json: string | null): unknown {
  return json === null ? null : (JSON.parse(json) as unknown);
}

function replay(db: Database.Database, direction: 'undo' | 'redo', author: string, now: string): Replayed | null {
  const group = (
    direction === 'undo'
      ? db.prepare("SELECT * FROM change_groups WHERE state = 'done' ORDER BY id DESC LIMIT 1").get()
      : db.prepare("SELECT * FROM change_groups WHERE state = 'undone' ORDER BY id ASC LIMIT 1").get()
  ) as GroupRow | undefined;
  if (!group) return null;
  const entries = db.prepare('SELECT ordinal, entity, entity_id, before_json, after_json FROM change_entries WHERE group_id = ? ORDER BY ordinal').all(group.id) as EntryRow[];
  const ordered = direction === 'undo' ? [...entries].reverse() : entries;
  const lists: Record<ReplayedList, Set<string>> = { annotationIds: new Set(), pillarIds: new Set(), briefingIds: new Set() };
  for (const e of ordered) {
    const kind = entityKind(e.entity);
    const before = parse(e.before_json);
    const after = parse(e.after_json);
    if (direction === 'undo') kind.apply(db, e.entity_id, after, before, now);
    else kind.apply(db, e.entity_id, before, after, now);
  }
  // Reported in journal order, as the change listed them.
  for (const e of entries) {
    const kind = entityKind(e.entity);
    const snap = parse(e.after_json) ?? parse(e.before_json);
    const id = kind.replayed && snap !== null ? kind.replayed.id(e.entity_id, snap) : null;
    if (kind.replayed && id !== null) lists[kind.replayed.list].add(id);
  }
  db.prepare('UPDATE change_groups SET state = ? WHERE id = ?').run(direction === 'undo' ? 'undone' : 'done', group.id);
  const meta: ChangeMeta = { kind: group.kind, label: { ja: group.label_ja, en: group.label_en }, author, at: now };
  const touched = db.prepare('SELECT DISTINCT statement_id, annotation_id, pillar_id FROM activity WHERE group_id = ? AND action = ?').all(group.id, 'do') as {
    statement_id: string | null;
    annotation_id: string | null;
    pillar_id: string | null;
  }[];
  for (const t of touched) insertActivity(db, group.id, direction, meta, { statementId: t.statement_id, annotationId: t.annotation_id, pillarId: t.pillar_id });
  return { kind: group.kind, label: meta.label, annotationIds: [...lists.annotationIds], pillarIds: [...lists.pillarIds], briefingIds: [...lists.briefingIds] };
}

/** Takes back the newest change; null when there is nothing to undo. */
export function undo(actor: Actor): Replayed | null {
  return actor.db.transaction(() => replay(actor.db, 'undo', actor.author, nowOf(actor))).immediate();
}

/** Makes the oldest undone change again; null when there is nothing to redo. */
export function redo(actor: Actor): Replayed | null {
  return actor.db.transaction(() => replay(actor.db, 'redo', actor.author, nowOf(actor))).immediate();
}

export function undoRedoState(actor: Pick<Actor, 'db'>): UndoState {
  return undoState(actor.db);
}
