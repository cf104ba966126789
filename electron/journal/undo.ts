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

type Direction = 'undo' | 'redo';

function nextGroup(db: Database.Database, direction: Direction): GroupRow | undefined {
  return (
    direction === 'undo'
      ? db.prepare("SELECT * FROM change_groups WHERE state = 'done' ORDER BY id DESC LIMIT 1").get()
      : db.prepare("SELECT * FROM change_groups WHERE state = 'undone' ORDER BY id ASC LIMIT 1").get()
  ) as GroupRow | undefined;
}

function entriesOf(db: Database.Database, groupId: number): EntryRow[] {
  return db.prepare('SELECT ordinal, entity, entity_id, before_json, after_json FROM change_entries WHERE group_id = ? ORDER BY ordinal').all(groupId) as EntryRow[];
}

/** A step's from and to: an undo writes the before back, a redo the after. */
function fromTo(e: EntryRow, direction: Direction): [unknown, unknown] {
  const before = parse(e.before_json);
  const after = parse(e.after_json);
  return direction === 'undo' ? [after, before] : [before, after];
}

/**
 * What the next undo or redo needs read before its transaction (entity kinds with `prepare`, such
 * as an imported document re-read from its stored original), keyed by the group it was read for.
 */
export interface PreparedReplay {
  groupId: number;
  direction: Direction;
  values: Map<number, unknown>;
}

/**
 * Reads ahead for the next undo (or redo) without writing anything; a failure here (a stored
 * original gone) refuses the step before anything changed. Pass the result to undo/redo.
 */
export async function prepareReplay(actor: Pick<Actor, 'db'>, direction: Direction): Promise<PreparedReplay | null> {
  const group = nextGroup(actor.db, direction);
  if (!group) return null;
  const values = new Map<number, unknown>();
  for (const e of entriesOf(actor.db, group.id)) {
    const kind = entityKind(e.entity);
    if (!kind.prepare) continue;
    const [from, to] = fromTo(e, direction);
    values.set(e.ordinal, await kind.prepare(actor.db, e.entity_id, from, to));
  }
  return { groupId: group.id, direction, values };
}

function replay(db: Database.Database, direction: Direction, author: string, now: string, prepared: PreparedReplay | null): Replayed | null {
  const group = nextGroup(db, direction);
  if (!group) return null;
  const entries = entriesOf(db, group.id);
  const ordered = direction === 'undo' ? [...entries].reverse() : entries;
  const lists: Record<ReplayedList, Set<string>> = { annotationIds: new Set(), pillarIds: new Set(), briefingIds: new Set() };
  // Read ahead for another group (another write came between): the appliers that need it refuse.
  const ahead = prepared?.groupId === group.id && prepared.direction === direction ? prepared.values : new Map<number, unknown>();
  for (const e of ordered) {
    const [from, to] = fromTo(e, direction);
    entityKind(e.entity).apply(db, e.entity_id, from, to, now, ahead.get(e.ordinal));
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

/**
 * Takes back the newest change; null when there is nothing to undo. A change that brought in
 * documents needs `prepareReplay(actor, 'undo')` first when undoing it re-reads an original.
 */
export function undo(actor: Actor, prepared: PreparedReplay | null = null): Replayed | null {
  return actor.db.transaction(() => replay(actor.db, 'undo', actor.author, nowOf(actor), prepared)).immediate();
}

/** Makes the oldest undone change again; null when there is nothing to redo. See `undo` for `prepared`. */
export function redo(actor: Actor, prepared: PreparedReplay | null = null): Replayed | null {
  return actor.db.transaction(() => replay(actor.db, 'redo', actor.author, nowOf(actor), prepared)).immediate();
}

/** Undo as the API runs it: read ahead, then replay. */
export async function undoStep(actor: Actor): Promise<Replayed | null> {
  return undo(actor, await prepareReplay(actor, 'undo'));
}

/** Redo as the API runs it: read ahead (re-reading the originals of documents it brings back), then replay. */
export async function redoStep(actor: Actor): Promise<Replayed | null> {
  return redo(actor, await prepareReplay(actor, 'redo'));
}

export function undoRedoState(actor: Pick<Actor, 'db'>): UndoState {
  return undoState(actor.db);
}
