// Briefings, their sections and items: every change is one transaction that also records it in
// the workbench's undo journal, so history.undo / history.redo take back any briefing edit.
import { todayIso } from '../../shared/date';
import { shortLabel } from '../../shared/text/label';
import crypto from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Briefing, BriefingItem, BriefingLanguage, BriefingMeta, BriefingSection, BriefingSummary, EvidenceRef } from '../../shared/briefing';
import type { ChangeKind } from '../../shared/annotations';
import { AppError, notFound, type LocalizedText } from '../../shared/errors';
import { recordChange, type JournalEntry } from '../annotate/journal';
import { undo } from '../annotate/undo';
import { readAnnotation, statementsById } from './evidence';
import {
  applyBriefing,
  BRIEFING_COLUMNS_SQL,
  compact,
  insertItemRow,
  insertSectionRow,
  reorder,
  snapshotBriefing,
  snapshotItem,
  snapshotSection,
  touchBriefing,
  type BriefingSnapshot,
  type ItemSnapshot,
  type SectionSnapshot,
} from './rows';

export function newId(prefix: string): string {
  return `${prefix}_${crypto.randomBytes(8).toString('hex')}`;
}

const now = () => new Date().toISOString();

type BriefingRow = BriefingMeta & { deletedAt: string | null };

function metaFromRow(r: BriefingRow): BriefingMeta {
  const { deletedAt: _d, ...meta } = r;
  return meta;
}

const BRIEFING = { ja: 'ブリーフィング', en: 'briefing' };
const SECTION = { ja: 'ブリーフィングの節', en: 'briefing section' };
const ITEM = { ja: 'ブリーフィングの項目', en: 'briefing item' };

function row(db: Database.Database, id: string, opts: { deleted?: boolean } = {}): BriefingRow {
  const r = db.prepare(`SELECT ${BRIEFING_COLUMNS_SQL} FROM briefings b WHERE b.id = ?`).get(id) as BriefingRow | undefined;
  if (!r || (!!r.deletedAt !== !!opts.deleted)) throw notFound(BRIEFING, id);
  return r;
}

export function listBriefings(db: Database.Database): BriefingSummary[] {
  const rows = db
    .prepare(
      `SELECT ${BRIEFING_COLUMNS_SQL},
        (SELECT COUNT(*) FROM briefing_sections s WHERE s.briefing_id = b.id) AS n_sections,
        (SELECT COUNT(*) FROM briefing_items i JOIN briefing_sections s ON s.id = i.section_id WHERE s.briefing_id = b.id) AS n_items
       FROM briefings b WHERE b.deleted_at IS NULL ORDER BY b.updated_at DESC, b.id`,
    )
    .all() as (BriefingRow & { n_sections: number; n_items: number })[];
  return rows.map(({ n_sections, n_items, ...r }) => ({ ...metaFromRow(r), sections: n_sections, items: n_items }));
}

interface ItemRow {
  id: string;
  section_id: string;
  annotation_id: string | null;
  statement_id: string | null;
  comment: string;
  quote_at_add: string;
}

export function getBriefing(db: Database.Database, id: string): Briefing {
  const meta = metaFromRow(row(db, id));
  const sections = db.prepare('SELECT id, heading, body FROM briefing_sections WHERE briefing_id = ? ORDER BY position').all(id) as Omit<BriefingSection, 'items'>[];
  const items = db
    .prepare(
      `SELECT i.* FROM briefing_items i JOIN briefing_sections s ON s.id = i.section_id
       WHERE s.briefing_id = ? ORDER BY s.position, i.position`,
    )
    .all(id) as ItemRow[];
  const bySection = new Map<string, BriefingItem[]>();
  for (const i of items) {
    const list = bySection.get(i.section_id) ?? [];
    list.push({ id: i.id, annotationId: i.annotation_id, statementId: i.statement_id, comment: i.comment, quoteAtAdd: i.quote_at_add });
    bySection.set(i.section_id, list);
  }
  return { ...meta, sections: sections.map((s) => ({ ...s, items: bySection.get(s.id) ?? [] })) };
}

/** The quote an item would print now; an error naming the evidence if it cannot be cited. */
function quoteForNewItem(db: Database.Database, ref: EvidenceRef): string {
  if (ref.annotationId !== undefined) {
    const a = readAnnotation(db, ref.annotationId);
    if (!a || a.deleted) throw notFound({ ja: '注釈', en: 'annotation' }, ref.annotationId);
    return a.quote;
  }
  const s = statementsById(db, [ref.statementId]).get(ref.statementId);
  if (!s) throw notFound({ ja: '文', en: 'statement' }, ref.statementId);
  return s.text;
}

export interface DraftItem {
  ref: EvidenceRef;
  comment?: string;
}

export interface DraftSection {
  heading: string;
  body?: string;
  items?: DraftItem[];
}

/** A new briefing's header fields; what is not given takes its default. */
export interface DraftHeader {
  title: string;
  subtitle?: string;
  date?: string;
  marking?: string;
  language?: BriefingLanguage;
  summary?: string;
}

export interface BriefingDraft extends DraftHeader {
  sections: DraftSection[];
}



// ---- the journal: every change below is one undoable group, written in its own transaction ----

/** Who makes a change, for the journal and the activity history (the OS user in the app). */
const DEFAULT_AUTHOR = 'workbench';

const short = shortLabel;

function journal(db: Database.Database, kind: ChangeKind, label: LocalizedText, author: string, entries: JournalEntry[]): void {
  // A change that changed nothing (a field saved unchanged) would only clutter the undo stack.
  if (entries.every((e) => JSON.stringify(e.before) === JSON.stringify(e.after))) return;
  recordChange(db, { kind, label, author, at: now() }, entries);
}

const briefingEntry = (before: BriefingSnapshot | null, after: BriefingSnapshot): JournalEntry => ({ entity: 'briefing', entityId: after.id, before, after });
const sectionEntry = (id: string, before: SectionSnapshot | null, after: SectionSnapshot | null): JournalEntry => ({ entity: 'briefing-section', entityId: id, before, after });
/** An item's change also shows in the history of the statement it quotes (directly or by its annotation). */
const itemEntry = (id: string, before: ItemSnapshot | null, after: ItemSnapshot | null): JournalEntry => {
  const snap = after ?? before;
  return { entity: 'briefing-item', entityId: id, before, after, annotationId: snap?.annotationId ?? null, statementId: snap?.statementId ?? null };
};

function titleOf(db: Database.Database, briefingId: string): string {
  return short(snapshotBriefing(db, briefingId)?.title ?? briefingId);
}

/** Inserts a whole briefing (header, sections, items) and journals it as created. */
function insertBriefing(db: Database.Database, b: Omit<BriefingSnapshot, 'id' | 'deletedAt'>, sections: { heading: string; body: string; items: Omit<ItemSnapshot, 'id' | 'briefingId' | 'sectionId' | 'position'>[] }[], label: LocalizedText, author: string): string {
  const id = newId('brf');
  const t = now();
  db.transaction(() => {
    db.prepare(
      `INSERT INTO briefings (id, title, subtitle, author, date, marking, language, summary, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, b.title, b.subtitle, b.author, b.date, b.marking, b.language, b.summary, t, t);
    sections.forEach((s, si) => {
      const sectionId = newId('sec');
      insertSectionRow(db, { id: sectionId, briefingId: id, position: si, heading: s.heading, body: s.body });
      s.items.forEach((it, ii) => insertItemRow(db, { ...it, id: newId('itm'), sectionId, position: ii }));
    });
    const after = snapshotBriefing(db, id) as BriefingSnapshot;
    // "Before" is the same briefing, deleted: undoing a creation only hides it, whatever it holds.
    journal(db, 'briefing.create', label, author, [briefingEntry({ ...after, deletedAt: t }, after)]);
  }).immediate();
  return id;
}

export function createBriefing(db: Database.Database, draft: BriefingDraft, author: string): Briefing {
  const title = draft.title;
  const id = insertBriefing(
    db,
    { title, subtitle: draft.subtitle ?? '', author, date: draft.date ?? todayIso(), marking: draft.marking ?? '', language: draft.language ?? 'ja', summary: draft.summary ?? '' },
    draft.sections.map((s) => ({
      heading: s.heading,
      body: s.body ?? '',
      items: (s.items ?? []).map((it) => ({ annotationId: it.ref.annotationId ?? null, statementId: it.ref.statementId ?? null, comment: it.comment ?? '', quoteAtAdd: quoteForNewItem(db, it.ref) })),
    })),
    { ja: `ブリーフィング「${short(title)}」を作成`, en: `Create briefing "${short(title)}"` },
    author,
  );
  return getBriefing(db, id);
}

export type BriefingPatch = Partial<Pick<BriefingMeta, 'title' | 'subtitle' | 'date' | 'marking' | 'language' | 'summary' | 'author'>>;

const PATCH_KEYS = ['title', 'subtitle', 'date', 'marking', 'language', 'summary', 'author'] as const satisfies readonly (keyof BriefingPatch)[];

export function updateBriefing(db: Database.Database, id: string, patch: BriefingPatch, author = DEFAULT_AUTHOR): Briefing {
  db.transaction(() => {
    row(db, id);
    const before = snapshotBriefing(db, id) as BriefingSnapshot;
    const after: BriefingSnapshot = { ...before };
    for (const k of PATCH_KEYS) if (patch[k] !== undefined) (after as unknown as Record<string, unknown>)[k] = patch[k];
    applyBriefing(db, id, before, after);
    journal(db, 'briefing.update', { ja: `ブリーフィング「${short(after.title)}」を編集`, en: `Edit briefing "${short(after.title)}"` }, author, [briefingEntry(before, after)]);
  }).immediate();
  return getBriefing(db, id);
}

/** A full copy (sections, items, comments) under a new id; the title says it is a copy. */
export function duplicateBriefing(db: Database.Database, id: string, title?: string, author = DEFAULT_AUTHOR): Briefing {
  const src = getBriefing(db, id);
  const copyTitle = title ?? (src.language === 'ja' ? `${src.title}（コピー）` : `${src.title} (copy)`);
  const copyId = insertBriefing(
    db,
    { ...src, title: copyTitle },
    src.sections.map((s) => ({ heading: s.heading, body: s.body, items: s.items.map(({ annotationId, statementId, comment, quoteAtAdd }) => ({ annotationId, statementId, comment, quoteAtAdd })) })),
    { ja: `ブリーフィング「${short(src.title)}」を複製`, en: `Duplicate briefing "${short(src.title)}"` },
    author,
  );
  return getBriefing(db, copyId);
}

/** Soft delete: the briefing disappears from lists until undone (history.undo or undoDeleteBriefing). */
export function deleteBriefing(db: Database.Database, id: string, author = DEFAULT_AUTHOR): BriefingMeta {
  return db
    .transaction(() => {
      const r = row(db, id);
      const before = snapshotBriefing(db, id) as BriefingSnapshot;
      const after = { ...before, deletedAt: now() };
      applyBriefing(db, id, before, after);
      journal(db, 'briefing.delete', { ja: `ブリーフィング「${short(r.title)}」を削除`, en: `Delete briefing "${short(r.title)}"` }, author, [briefingEntry(before, after)]);
      return metaFromRow(r);
    })
    .immediate();
}

/** The newest undoable change, if it is exactly the deletion of this briefing. */
function isLastChangeDeleteOf(db: Database.Database, id: string): boolean {
  const g = db.prepare("SELECT id, kind FROM change_groups WHERE state = 'done' ORDER BY id DESC LIMIT 1").get() as { id: number; kind: string } | undefined;
  if (!g || g.kind !== 'briefing.delete') return false;
  const entries = db.prepare('SELECT entity, entity_id FROM change_entries WHERE group_id = ?').all(g.id) as { entity: string; entity_id: string }[];
  return entries.length === 1 && entries[0].entity === 'briefing' && entries[0].entity_id === id;
}

/**
 * Brings a deleted briefing back. Right after its deletion this is that deletion's undo (so redo
 * deletes it again); later, a change of its own ("restore"), itself undoable.
 */
export function undoDeleteBriefing(db: Database.Database, id: string, author = DEFAULT_AUTHOR): Briefing {
  row(db, id, { deleted: true });
  if (isLastChangeDeleteOf(db, id)) {
    undo({ db, author });
    return getBriefing(db, id);
  }
  db.transaction(() => {
    const r = row(db, id, { deleted: true });
    const before = snapshotBriefing(db, id) as BriefingSnapshot;
    const after = { ...before, deletedAt: null };
    applyBriefing(db, id, before, after);
    journal(db, 'briefing.restore', { ja: `ブリーフィング「${short(r.title)}」を復元`, en: `Restore briefing "${short(r.title)}"` }, author, [briefingEntry(before, after)]);
  }).immediate();
  return getBriefing(db, id);
}

/** The most recently deleted briefing's id, for an "undo delete" with no id at hand. */
export function lastDeletedBriefingId(db: Database.Database): string | null {
  const r = db.prepare('SELECT id FROM briefings WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC LIMIT 1').get() as { id: string } | undefined;
  return r?.id ?? null;
}

// ---- sections ----

function sectionRow(db: Database.Database, sectionId: string): { id: string; briefing_id: string; position: number } {
  const r = db
    .prepare('SELECT s.id, s.briefing_id, s.position FROM briefing_sections s JOIN briefings b ON b.id = s.briefing_id WHERE s.id = ? AND b.deleted_at IS NULL')
    .get(sectionId) as { id: string; briefing_id: string; position: number } | undefined;
  if (!r) throw notFound(SECTION, sectionId);
  return r;
}

export function addSection(db: Database.Database, briefingId: string, s: { heading: string; body?: string; position?: number }, author = DEFAULT_AUTHOR): { briefing: Briefing; sectionId: string } {
  const sectionId = newId('sec');
  db.transaction(() => {
    row(db, briefingId);
    const n = (db.prepare('SELECT COUNT(*) AS n FROM briefing_sections WHERE briefing_id = ?').get(briefingId) as { n: number }).n;
    insertSectionRow(db, { id: sectionId, briefingId, position: n, heading: s.heading, body: s.body ?? '' });
    if (s.position !== undefined) reorder(db, 'briefing_sections', briefingId, sectionId, s.position);
    touchBriefing(db, briefingId);
    const after = snapshotSection(db, sectionId, true);
    journal(db, 'briefing.section.add', { ja: `節「${short(s.heading)}」を追加（${titleOf(db, briefingId)}）`, en: `Add section "${short(s.heading)}" (${titleOf(db, briefingId)})` }, author, [
      sectionEntry(sectionId, null, after),
    ]);
  }).immediate();
  return { briefing: getBriefing(db, briefingId), sectionId };
}

/** One journaled change to an existing section: `change` edits it, snapshots are taken around it. */
function changeSection(db: Database.Database, sectionId: string, kind: ChangeKind, what: LocalizedText, author: string, change: (s: { briefing_id: string }) => void): Briefing {
  const briefingId = db
    .transaction(() => {
      const s = sectionRow(db, sectionId);
      const deleting = kind === 'briefing.section.delete';
      const before = snapshotSection(db, sectionId, deleting) as SectionSnapshot;
      change(s);
      touchBriefing(db, s.briefing_id);
      const after = snapshotSection(db, sectionId);
      const heading = short(before.heading);
      journal(db, kind, { ja: `節「${heading}」を${what.ja}`, en: `${what.en} section "${heading}"` }, author, [sectionEntry(sectionId, before, after)]);
      return s.briefing_id;
    })
    .immediate();
  return getBriefing(db, briefingId);
}

export function updateSection(db: Database.Database, sectionId: string, patch: { heading?: string; body?: string }, author = DEFAULT_AUTHOR): Briefing {
  return changeSection(db, sectionId, 'briefing.section.update', { ja: '編集', en: 'Edit' }, author, () => {
    if (patch.heading !== undefined) db.prepare('UPDATE briefing_sections SET heading = ? WHERE id = ?').run(patch.heading, sectionId);
    if (patch.body !== undefined) db.prepare('UPDATE briefing_sections SET body = ? WHERE id = ?').run(patch.body, sectionId);
  });
}

export function moveSection(db: Database.Database, sectionId: string, position: number, author = DEFAULT_AUTHOR): Briefing {
  return changeSection(db, sectionId, 'briefing.section.move', { ja: '移動', en: 'Move' }, author, (s) => reorder(db, 'briefing_sections', s.briefing_id, sectionId, position));
}

export function deleteSection(db: Database.Database, sectionId: string, author = DEFAULT_AUTHOR): Briefing {
  return changeSection(db, sectionId, 'briefing.section.delete', { ja: '削除', en: 'Delete' }, author, (s) => {
    db.prepare('DELETE FROM briefing_items WHERE section_id = ?').run(sectionId);
    db.prepare('DELETE FROM briefing_sections WHERE id = ?').run(sectionId);
    compact(db, 'briefing_sections', s.briefing_id);
  });
}

// ---- items ----

function itemRow(db: Database.Database, itemId: string): { id: string; section_id: string; briefing_id: string } {
  const r = db
    .prepare(
      `SELECT i.id, i.section_id, s.briefing_id FROM briefing_items i JOIN briefing_sections s ON s.id = i.section_id
       JOIN briefings b ON b.id = s.briefing_id WHERE i.id = ? AND b.deleted_at IS NULL`,
    )
    .get(itemId) as { id: string; section_id: string; briefing_id: string } | undefined;
  if (!r) throw notFound(ITEM, itemId);
  return r;
}

function itemLabel(db: Database.Database, snap: ItemSnapshot, what: LocalizedText): LocalizedText {
  const q = short(snap.quoteAtAdd);
  return { ja: `項目「${q}」を${what.ja}（${titleOf(db, snap.briefingId)}）`, en: `${what.en} item "${q}" (${titleOf(db, snap.briefingId)})` };
}

export function addItem(db: Database.Database, sectionId: string, ref: EvidenceRef, opts: { comment?: string; position?: number } = {}, author = DEFAULT_AUTHOR): { briefing: Briefing; itemId: string } {
  const itemId = newId('itm');
  const briefingId = db
    .transaction(() => {
      const s = sectionRow(db, sectionId);
      const quote = quoteForNewItem(db, ref);
      const n = (db.prepare('SELECT COUNT(*) AS n FROM briefing_items WHERE section_id = ?').get(sectionId) as { n: number }).n;
      insertItemRow(db, { id: itemId, sectionId, position: n, annotationId: ref.annotationId ?? null, statementId: ref.statementId ?? null, comment: opts.comment ?? '', quoteAtAdd: quote });
      if (opts.position !== undefined) reorder(db, 'briefing_items', sectionId, itemId, opts.position);
      touchBriefing(db, s.briefing_id);
      const after = snapshotItem(db, itemId) as ItemSnapshot;
      journal(db, 'briefing.item.add', itemLabel(db, after, { ja: '追加', en: 'Add' }), author, [itemEntry(itemId, null, after)]);
      return s.briefing_id;
    })
    .immediate();
  return { briefing: getBriefing(db, briefingId), itemId };
}

function changeItem(db: Database.Database, itemId: string, kind: ChangeKind, what: LocalizedText, author: string, change: (it: { section_id: string; briefing_id: string }) => void): Briefing {
  const briefingId = db
    .transaction(() => {
      const it = itemRow(db, itemId);
      const before = snapshotItem(db, itemId) as ItemSnapshot;
      change(it);
      touchBriefing(db, it.briefing_id);
      journal(db, kind, itemLabel(db, before, what), author, [itemEntry(itemId, before, snapshotItem(db, itemId))]);
      return it.briefing_id;
    })
    .immediate();
  return getBriefing(db, briefingId);
}

export function updateItem(db: Database.Database, itemId: string, patch: { comment: string }, author = DEFAULT_AUTHOR): Briefing {
  return changeItem(db, itemId, 'briefing.item.update', { ja: '編集', en: 'Edit' }, author, () => {
    db.prepare('UPDATE briefing_items SET comment = ? WHERE id = ?').run(patch.comment, itemId);
  });
}

/** Moves an item within its section or into another section of the same briefing. */
export function moveItem(db: Database.Database, itemId: string, to: { sectionId?: string; position: number }, author = DEFAULT_AUTHOR): Briefing {
  return changeItem(db, itemId, 'briefing.item.move', { ja: '移動', en: 'Move' }, author, (it) => {
    const target = to.sectionId ?? it.section_id;
    const dest = sectionRow(db, target);
    if (dest.briefing_id !== it.briefing_id) {
      throw new AppError(
        'conflict',
        { ja: `項目「${itemId}」は別のブリーフィングの節「${target}」へは移動できません。`, en: `Item "${itemId}" cannot move to section "${target}" of another briefing.` },
        { subject: target },
      );
    }
    reorder(db, 'briefing_items', target, itemId, to.position);
    if (target !== it.section_id) compact(db, 'briefing_items', it.section_id);
  });
}

export function deleteItem(db: Database.Database, itemId: string, author = DEFAULT_AUTHOR): Briefing {
  return changeItem(db, itemId, 'briefing.item.delete', { ja: '削除', en: 'Delete' }, author, (it) => {
    db.prepare('DELETE FROM briefing_items WHERE id = ?').run(itemId);
    compact(db, 'briefing_items', it.section_id);
  });
}
