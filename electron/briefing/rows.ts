// Row-level SQL for briefings, sections and items as journal snapshots: reading one, writing one
// back (create, undo, redo share it) and keeping positions dense (0..n-1) around inserts and moves.
import type Database from 'better-sqlite3';
import type { BriefingMeta } from '../../shared/briefing';
import { changedFields, defineEntity, type Applier } from '../journal/entities';

/** What the undo journal stores for a briefing's header; the row itself is never hard-deleted. */
export interface BriefingSnapshot extends Omit<BriefingMeta, 'createdAt' | 'updatedAt'> {
  deletedAt: string | null;
}

/** The briefings columns as a BriefingMeta plus deletedAt (SQL aliases, no mapping code). */
export const BRIEFING_COLUMNS_SQL = `b.id, b.title, b.subtitle, b.author, b.date, b.marking, b.language, b.summary,
  b.date_style AS dateStyle, b.addressee, b.sender, b.doc_number AS docNumber, b.toc,
  b.created_at AS createdAt, b.updated_at AS updatedAt, b.deleted_at AS deletedAt`;

/** What "not found" names when a section id is unknown. */
export const SECTION_NOUN = { ja: 'ブリーフィングの節', en: 'briefing section' };

/** A section with the pillar it follows (if any) and since when: what the picker and live sections read. */
export interface FollowedSectionRow {
  id: string;
  briefingId: string;
  heading: string;
  pillarId: string | null;
  since: string | null;
}

export interface ItemSnapshot {
  id: string;
  briefingId: string;
  sectionId: string;
  position: number;
  annotationId: string | null;
  statementId: string | null;
  /** Absent in journal entries written before schema 20 (no memo items then): read as null. */
  memoId?: string | null;
  comment: string;
  quoteAtAdd: string;
}

export interface SectionSnapshot {
  id: string;
  briefingId: string;
  position: number;
  heading: string;
  body: string;
  /**
   * The pillar the section is about (a by-pillar section, or one the analyst set to follow a
   * pillar) and since when it follows it (null: it no longer follows). Absent in journals
   * written before schema 21, read as null.
   */
  livePillarId?: string | null;
  liveSince?: string | null;
  /** Only where the section is created or removed: the items that come and go with it. */
  items?: ItemSnapshot[];
  /** Likewise: the new annotations the analyst dismissed from it (they stay dismissed after an undo). */
  dismissed?: DismissalSnapshot[];
}

/** "Not for this section": a new annotation of the section's pillar the analyst dismissed. */
export interface DismissalSnapshot {
  sectionId: string;
  briefingId: string;
  annotationId: string;
  dismissedAt: string;
}

/** Marks a briefing as changed at `at` (the change's, or the undo's, time). */
export function touchBriefing(db: Database.Database, briefingId: string, at: string): void {
  db.prepare('UPDATE briefings SET updated_at = ? WHERE id = ?').run(at, briefingId);
}

type Ordered = 'briefing_sections' | 'briefing_items';
const PARENT: Record<Ordered, string> = { briefing_sections: 'briefing_id', briefing_items: 'section_id' };

/** Moves one row of an ordered list to `to` (clamped; null = the end), renumbering the list 0..n-1. */
export function reorder(db: Database.Database, table: Ordered, parentId: string, id: string, to: number | null): void {
  const col = PARENT[table];
  const ids = (db.prepare(`SELECT id FROM ${table} WHERE ${col} = ? AND id <> ? ORDER BY position`).all(parentId, id) as { id: string }[]).map((r) => r.id);
  const at = to === null ? ids.length : Math.max(0, Math.min(to, ids.length));
  ids.splice(at, 0, id);
  const set = db.prepare(`UPDATE ${table} SET position = ?, ${col} = ? WHERE id = ?`);
  // Two passes avoid transient duplicates should a unique index on position ever be added.
  ids.forEach((rid, i) => set.run(-1 - i, parentId, rid));
  ids.forEach((rid, i) => set.run(i, parentId, rid));
}

export function compact(db: Database.Database, table: Ordered, parentId: string): void {
  const ids = (db.prepare(`SELECT id FROM ${table} WHERE ${PARENT[table]} = ? ORDER BY position`).all(parentId) as { id: string }[]).map((r) => r.id);
  const set = db.prepare(`UPDATE ${table} SET position = ? WHERE id = ?`);
  ids.forEach((rid, i) => set.run(i, rid));
}

// ---- snapshots ----

/** A row as read with BRIEFING_COLUMNS_SQL: SQLite stores the toc flag as 0/1. */
export function briefingFromRow<T extends { toc: unknown }>(r: T): Omit<T, 'toc'> & { toc: boolean } {
  return { ...r, toc: r.toc === 1 || r.toc === true };
}

export function snapshotBriefing(db: Database.Database, id: string): BriefingSnapshot | null {
  const r = db.prepare(`SELECT ${BRIEFING_COLUMNS_SQL} FROM briefings b WHERE b.id = ?`).get(id) as (BriefingSnapshot & Pick<BriefingMeta, 'createdAt' | 'updatedAt'>) | undefined;
  if (!r) return null;
  const { createdAt: _c, updatedAt: _u, ...snapshot } = briefingFromRow(r);
  return snapshot;
}

const ITEM_SELECT = `SELECT i.id, s.briefing_id AS briefingId, i.section_id AS sectionId, i.position, i.annotation_id AS annotationId,
  i.statement_id AS statementId, i.memo_id AS memoId, i.comment, i.quote_at_add AS quoteAtAdd
  FROM briefing_items i JOIN briefing_sections s ON s.id = i.section_id`;

export function snapshotItem(db: Database.Database, id: string): ItemSnapshot | null {
  return (db.prepare(`${ITEM_SELECT} WHERE i.id = ?`).get(id) as ItemSnapshot | undefined) ?? null;
}

/** A section; `withItems` for a snapshot that must bring its items back (delete). */
export function snapshotSection(db: Database.Database, id: string, withItems = false): SectionSnapshot | null {
  const s = db
    .prepare('SELECT id, briefing_id AS briefingId, position, heading, body, live_pillar_id AS livePillarId, live_since AS liveSince FROM briefing_sections WHERE id = ?')
    .get(id) as SectionSnapshot | undefined;
  if (!s) return null;
  if (withItems) {
    s.items = db.prepare(`${ITEM_SELECT} WHERE i.section_id = ? ORDER BY i.position`).all(id) as ItemSnapshot[];
    s.dismissed = db.prepare(`${DISMISSAL_SELECT} WHERE d.section_id = ? ORDER BY d.annotation_id`).all(id) as DismissalSnapshot[];
  }
  return s;
}

const DISMISSAL_SELECT = `SELECT d.section_id AS sectionId, s.briefing_id AS briefingId, d.annotation_id AS annotationId, d.dismissed_at AS dismissedAt
  FROM briefing_live_dismissed d JOIN briefing_sections s ON s.id = d.section_id`;

/** A dismissal's journal id: its section and annotation (both ids are free of NUL). */
export function dismissalId(sectionId: string, annotationId: string): string {
  return `${sectionId}\u0000${annotationId}`;
}

function splitDismissalId(id: string): { sectionId: string; annotationId: string } {
  const [sectionId, annotationId] = id.split('\u0000');
  return { sectionId, annotationId };
}

export function snapshotDismissal(db: Database.Database, id: string): DismissalSnapshot | null {
  const { sectionId, annotationId } = splitDismissalId(id);
  return (db.prepare(`${DISMISSAL_SELECT} WHERE d.section_id = ? AND d.annotation_id = ?`).get(sectionId, annotationId) as DismissalSnapshot | undefined) ?? null;
}

// ---- inserts ----

export function insertSectionRow(db: Database.Database, s: Omit<SectionSnapshot, 'items' | 'dismissed'>): void {
  db.prepare('INSERT INTO briefing_sections (id, briefing_id, position, heading, body, live_pillar_id, live_since) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    s.id,
    s.briefingId,
    s.position,
    s.heading,
    s.body,
    s.livePillarId ?? null,
    s.liveSince ?? null,
  );
}

export function insertDismissalRow(db: Database.Database, d: Pick<DismissalSnapshot, 'sectionId' | 'annotationId' | 'dismissedAt'>): void {
  db.prepare('INSERT INTO briefing_live_dismissed (section_id, annotation_id, dismissed_at) VALUES (?, ?, ?)').run(d.sectionId, d.annotationId, d.dismissedAt);
}

export function insertItemRow(db: Database.Database, it: Omit<ItemSnapshot, 'briefingId'>): void {
  db.prepare('INSERT INTO briefing_items (id, section_id, position, annotation_id, statement_id, memo_id, comment, quote_at_add) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    it.id,
    it.sectionId,
    it.position,
    it.annotationId,
    it.statementId,
    it.memoId ?? null,
    it.comment,
    it.quoteAtAdd,
  );
}

// ---- appliers (undo/redo) ----

const BRIEFING_COLUMNS = {
  title: 'title',
  subtitle: 'subtitle',
  author: 'author',
  date: 'date',
  marking: 'marking',
  language: 'language',
  summary: 'summary',
  dateStyle: 'date_style',
  addressee: 'addressee',
  sender: 'sender',
  docNumber: 'doc_number',
  toc: 'toc',
  deletedAt: 'deleted_at',
} as const satisfies Partial<Record<keyof BriefingSnapshot, string>>;

export const applyBriefing: Applier = (db, id, from, to, at) => {
  // Briefings are only ever soft-deleted, so both snapshots exist; nothing to do without a row.
  if (to === null || !snapshotBriefing(db, id)) return;
  const d = changedFields(from as BriefingSnapshot | null, to as BriefingSnapshot);
  for (const [key, col] of Object.entries(BRIEFING_COLUMNS) as [keyof typeof BRIEFING_COLUMNS, string][]) {
    if (key in d) db.prepare(`UPDATE briefings SET ${col} = ? WHERE id = ?`).run(typeof d[key] === 'boolean' ? Number(d[key]) : d[key], id);
  }
  touchBriefing(db, id, at);
};

function removeSection(db: Database.Database, id: string, briefingId: string): void {
  db.prepare('DELETE FROM briefing_items WHERE section_id = ?').run(id);
  db.prepare('DELETE FROM briefing_sections WHERE id = ?').run(id);
  compact(db, 'briefing_sections', briefingId);
}

export const applySection: Applier = (db, id, from, to, at) => {
  const f = from as SectionSnapshot | null;
  const t = to as SectionSnapshot | null;
  const current = snapshotSection(db, id);
  if (t === null) {
    if (current) {
      removeSection(db, id, current.briefingId);
      touchBriefing(db, current.briefingId, at);
    }
    return;
  }
  if (!current) {
    insertSectionRow(db, { ...t, position: Number.MAX_SAFE_INTEGER });
    reorder(db, 'briefing_sections', t.briefingId, id, t.position);
    for (const it of t.items ?? []) insertItemRow(db, it);
    for (const d of t.dismissed ?? []) insertDismissalRow(db, d);
    compact(db, 'briefing_items', id);
  } else {
    const d = changedFields(f, t);
    if (d.heading !== undefined) db.prepare('UPDATE briefing_sections SET heading = ? WHERE id = ?').run(t.heading, id);
    if (d.body !== undefined) db.prepare('UPDATE briefing_sections SET body = ? WHERE id = ?').run(t.body, id);
    if (d.position !== undefined) reorder(db, 'briefing_sections', current.briefingId, id, t.position);
    if (d.livePillarId !== undefined || d.liveSince !== undefined) {
      db.prepare('UPDATE briefing_sections SET live_pillar_id = ?, live_since = ? WHERE id = ?').run(t.livePillarId ?? null, t.liveSince ?? null, id);
    }
  }
  touchBriefing(db, t.briefingId, at);
};

export const applyItem: Applier = (db, id, from, to, at) => {
  const f = from as ItemSnapshot | null;
  const t = to as ItemSnapshot | null;
  const current = snapshotItem(db, id);
  if (t === null) {
    if (current) {
      db.prepare('DELETE FROM briefing_items WHERE id = ?').run(id);
      compact(db, 'briefing_items', current.sectionId);
      touchBriefing(db, current.briefingId, at);
    }
    return;
  }
  // The section it belongs in is restored first by the same replay (entries are ordered so).
  if (!snapshotSection(db, t.sectionId)) return;
  if (!current) {
    insertItemRow(db, { ...t, position: Number.MAX_SAFE_INTEGER });
    reorder(db, 'briefing_items', t.sectionId, id, t.position);
  } else {
    const d = changedFields(f, t);
    if (d.comment !== undefined) db.prepare('UPDATE briefing_items SET comment = ? WHERE id = ?').run(t.comment, id);
    if (d.sectionId !== undefined || d.position !== undefined) {
      reorder(db, 'briefing_items', t.sectionId, id, t.position);
      if (current.sectionId !== t.sectionId) compact(db, 'briefing_items', current.sectionId);
    }
  }
  touchBriefing(db, t.briefingId, at);
};

// ---- the journal's view of briefings (registered here, so the journal never imports briefing) ----

/** A briefing's header: soft-deleted, so undoing its creation only hides it with all it holds. */
export const BRIEFING_HEADER = defineEntity<BriefingSnapshot>({
  name: 'briefing',
  snapshot: snapshotBriefing,
  apply: applyBriefing,
  softDelete: true,
  replayed: { list: 'briefingIds', id: (id) => id },
});

/** A section; its items are journaled with it only where it is created or removed. */
export const BRIEFING_SECTION = defineEntity<SectionSnapshot>({
  name: 'briefing-section',
  snapshot: (db, id) => snapshotSection(db, id, true),
  apply: applySection,
  settle: (before, after) => {
    if (before === null || after === null) return [before, after];
    const { items: _b, dismissed: _bd, ...b } = before;
    const { items: _a, dismissed: _ad, ...a } = after;
    return [b, a];
  },
  replayed: { list: 'briefingIds', id: (_id, s) => s.briefingId },
});

/** An item's change also shows in the history of the statement it quotes (directly or by its annotation). */
export const BRIEFING_ITEM = defineEntity<ItemSnapshot>({
  name: 'briefing-item',
  snapshot: snapshotItem,
  apply: applyItem,
  history: (_id, it) => ({ annotationId: it.annotationId, statementId: it.statementId }),
  replayed: { list: 'briefingIds', id: (_id, it) => it.briefingId },
});

export const applyDismissal: Applier = (db, id, _from, to, at) => {
  const t = to as DismissalSnapshot | null;
  const current = snapshotDismissal(db, id);
  if (t === null) {
    if (current) {
      db.prepare('DELETE FROM briefing_live_dismissed WHERE section_id = ? AND annotation_id = ?').run(current.sectionId, current.annotationId);
      touchBriefing(db, current.briefingId, at);
    }
    return;
  }
  // Its section is gone (deleted later, its dismissals with it): nothing to dismiss from.
  if (current || !snapshotSection(db, t.sectionId)) return;
  insertDismissalRow(db, t);
  touchBriefing(db, t.briefingId, at);
};

/** A dismissed new annotation of a live section: undo brings it back among the new ones. */
export const BRIEFING_LIVE_DISMISSAL = defineEntity<DismissalSnapshot>({
  name: 'briefing-live-dismissal',
  snapshot: snapshotDismissal,
  apply: applyDismissal,
  history: (_id, d) => ({ annotationId: d.annotationId }),
  replayed: { list: 'briefingIds', id: (_id, d) => d.briefingId },
});
