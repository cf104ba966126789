// Briefings, their sections and items: every change is one journaledChange by an Actor (one
// transaction with its undo entry), so history.undo / history.redo take back any briefing edit.
import { todayIso } from '../../shared/date';
import { shortLabel } from '../../shared/text/label';
import crypto from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Briefing, BriefingItem, BriefingLanguage, BriefingMeta, BriefingSection, BriefingSummary, DateStyle, EvidenceRef } from '../../shared/briefing';
import type { ChangeKind } from '../../shared/annotations';
import { AppError, notFound, type LocalizedText } from '../../shared/errors';
import type { Actor } from '../journal/actor';
import { journaledChange, type Change } from '../journal/change';
import { undo } from '../journal/undo';
import { readAnnotation, readMemo, statementsById } from './evidence';
import { getProfile, senderFromProfile } from './profile';
import {
  applyBriefing,
  BRIEFING_COLUMNS_SQL,
  BRIEFING_HEADER,
  BRIEFING_ITEM,
  BRIEFING_SECTION,
  briefingFromRow,
  compact,
  insertItemRow,
  insertSectionRow,
  reorder,
  SECTION_NOUN,
  snapshotBriefing,
  touchBriefing,
  type BriefingSnapshot,
  type ItemSnapshot,
  type SectionSnapshot,
} from './rows';

export function newId(prefix: string): string {
  return `${prefix}_${crypto.randomBytes(8).toString('hex')}`;
}

type BriefingRow = BriefingMeta & { deletedAt: string | null };

function metaFromRow(r: BriefingRow): BriefingMeta {
  const { deletedAt: _d, ...meta } = briefingFromRow(r);
  return meta;
}

const BRIEFING = { ja: 'ブリーフィング', en: 'briefing' };
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
  memo_id: string | null;
  comment: string;
  quote_at_add: string;
}

export function getBriefing(db: Database.Database, id: string): Briefing {
  const meta = metaFromRow(row(db, id));
  const sections = db
    .prepare('SELECT id, heading, body, live_pillar_id AS pillarId, live_since AS liveSince FROM briefing_sections WHERE briefing_id = ? ORDER BY position')
    .all(id) as Omit<BriefingSection, 'items'>[];
  const items = db
    .prepare(
      `SELECT i.* FROM briefing_items i JOIN briefing_sections s ON s.id = i.section_id
       WHERE s.briefing_id = ? ORDER BY s.position, i.position`,
    )
    .all(id) as ItemRow[];
  const bySection = new Map<string, BriefingItem[]>();
  for (const i of items) {
    const list = bySection.get(i.section_id) ?? [];
    list.push({ id: i.id, annotationId: i.annotation_id, statementId: i.statement_id, memoId: i.memo_id, comment: i.comment, quoteAtAdd: i.quote_at_add });
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
  if (ref.memoId !== undefined) {
    const m = readMemo(db, ref.memoId);
    if (!m || m.deleted) throw notFound({ ja: '分析メモ', en: 'memo' }, ref.memoId);
    return m.body;
  }
  const s = statementsById(db, [ref.statementId]).get(ref.statementId);
  if (!s) throw notFound({ ja: '文', en: 'statement' }, ref.statementId);
  return s.text;
}

/** The item's evidence columns: exactly one of them is set (the table's CHECK, schema 20). */
function refColumns(ref: EvidenceRef): { annotationId: string | null; statementId: string | null; memoId: string | null } {
  return { annotationId: ref.annotationId ?? null, statementId: ref.statementId ?? null, memoId: ref.memoId ?? null };
}

export interface DraftItem {
  ref: EvidenceRef;
  comment?: string;
}

export interface DraftSection {
  heading: string;
  body?: string;
  /** A section made from a pillar: it follows the pillar from the moment it is made (live). */
  pillarId?: string;
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
  dateStyle?: DateStyle;
  addressee?: string;
  /** Undefined: the 発信 block is taken from the analyst's profile; '' for none. */
  sender?: string;
  docNumber?: string;
  toc?: boolean;
}

/** The ministry-form fields a new briefing starts with, where the draft gives none. */
export const FORM_DEFAULTS = { dateStyle: 'seireki', addressee: '', sender: '', docNumber: '', toc: false } as const satisfies Pick<BriefingMeta, 'dateStyle' | 'addressee' | 'sender' | 'docNumber' | 'toc'>;

export interface BriefingDraft extends DraftHeader {
  sections: DraftSection[];
}


// ---- writes: each one journaledChange (one undoable group in one transaction), by an Actor ----

const short = shortLabel;

function titleOf(db: Database.Database, briefingId: string): string {
  return short(snapshotBriefing(db, briefingId)?.title ?? briefingId);
}

type NewSection = {
  heading: string;
  body: string;
  /** The pillar it follows and since when; liveSince undefined: from the moment of the change. */
  livePillarId?: string | null;
  liveSince?: string | null;
  items: Omit<ItemSnapshot, 'id' | 'briefingId' | 'sectionId' | 'position'>[];
};

/** Inserts a whole briefing (header, sections, items) as one created briefing. */
function insertBriefing(actor: Actor, header: Omit<BriefingSnapshot, 'id' | 'deletedAt' | 'date'> & { date?: string }, sections: NewSection[], label: LocalizedText): string {
  const { db } = actor;
  return journaledChange(actor, 'briefing.create', label, (change: Change) => {
    const id = newId('brf');
    const t = change.at;
    // Without a date, the local calendar day of the change.
    const b = { ...header, date: header.date ?? todayIso(new Date(t)) };
    change.touch(BRIEFING_HEADER, id);
    db.prepare(
      `INSERT INTO briefings (id, title, subtitle, author, date, marking, language, summary, date_style, addressee, sender, doc_number, toc, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, b.title, b.subtitle, b.author, b.date, b.marking, b.language, b.summary, b.dateStyle, b.addressee, b.sender, b.docNumber, Number(b.toc), t, t);
    sections.forEach((s, si) => {
      const sectionId = newId('sec');
      const livePillarId = s.livePillarId ?? null;
      const liveSince = livePillarId === null ? null : s.liveSince === undefined ? t : s.liveSince;
      insertSectionRow(db, { id: sectionId, briefingId: id, position: si, heading: s.heading, body: s.body, livePillarId, liveSince });
      s.items.forEach((it, ii) => insertItemRow(db, { ...it, id: newId('itm'), sectionId, position: ii }));
    });
    return id;
  });
}

/**
 * A new briefing by the actor (its author, unless the header is edited later). Without a sender
 * the 発信 block is the analyst's profile as it stands now: the note keeps what was signed.
 */
export function createBriefing(actor: Actor, draft: BriefingDraft): Briefing {
  const { db } = actor;
  const title = draft.title;
  const profile = getProfile(db);
  const id = insertBriefing(
    actor,
    {
      title,
      subtitle: draft.subtitle ?? '',
      author: actor.author,
      date: draft.date,
      marking: draft.marking ?? '',
      language: draft.language ?? 'ja',
      summary: draft.summary ?? '',
      dateStyle: draft.dateStyle ?? FORM_DEFAULTS.dateStyle,
      addressee: draft.addressee ?? FORM_DEFAULTS.addressee,
      sender: draft.sender ?? (profile ? senderFromProfile(profile) : FORM_DEFAULTS.sender),
      docNumber: draft.docNumber ?? FORM_DEFAULTS.docNumber,
      toc: draft.toc ?? FORM_DEFAULTS.toc,
    },
    draft.sections.map((s) => ({
      heading: s.heading,
      body: s.body ?? '',
      livePillarId: s.pillarId ?? null,
      items: (s.items ?? []).map((it) => ({ ...refColumns(it.ref), comment: it.comment ?? '', quoteAtAdd: quoteForNewItem(db, it.ref) })),
    })),
    { ja: `ブリーフィング「${short(title)}」を作成`, en: `Create briefing "${short(title)}"` },
  );
  return getBriefing(db, id);
}

export type BriefingPatch = Partial<
  Pick<BriefingMeta, 'title' | 'subtitle' | 'date' | 'marking' | 'language' | 'summary' | 'author' | 'dateStyle' | 'addressee' | 'sender' | 'docNumber' | 'toc'>
>;

const PATCH_KEYS = [
  'title',
  'subtitle',
  'date',
  'marking',
  'language',
  'summary',
  'author',
  'dateStyle',
  'addressee',
  'sender',
  'docNumber',
  'toc',
] as const satisfies readonly (keyof BriefingPatch)[];

export function updateBriefing(actor: Actor, id: string, patch: BriefingPatch): Briefing {
  const { db } = actor;
  journaledChange(
    actor,
    'briefing.update',
    (title) => ({ ja: `ブリーフィング「${short(title)}」を編集`, en: `Edit briefing "${short(title)}"` }),
    (change: Change) => {
      row(db, id);
      const before = change.touch(BRIEFING_HEADER, id) as BriefingSnapshot;
      const after: BriefingSnapshot = { ...before };
      for (const k of PATCH_KEYS) if (patch[k] !== undefined) (after as unknown as Record<string, unknown>)[k] = patch[k];
      applyBriefing(db, id, before, after, change.at);
      return after.title;
    },
  );
  return getBriefing(db, id);
}

/** A full copy (sections, items, comments) under a new id; the title says it is a copy. */
export function duplicateBriefing(actor: Actor, id: string, title?: string): Briefing {
  const src = getBriefing(actor.db, id);
  const copyTitle = title ?? (src.language === 'ja' ? `${src.title}（コピー）` : `${src.title} (copy)`);
  const copyId = insertBriefing(
    actor,
    { ...src, title: copyTitle },
    src.sections.map((s) => ({ heading: s.heading, body: s.body, livePillarId: s.pillarId ?? null, liveSince: s.liveSince ?? null, items: s.items.map(({ annotationId, statementId, memoId, comment, quoteAtAdd }) => ({ annotationId, statementId, memoId, comment, quoteAtAdd })) })),
    { ja: `ブリーフィング「${short(src.title)}」を複製`, en: `Duplicate briefing "${short(src.title)}"` },
  );
  return getBriefing(actor.db, copyId);
}

/** Soft delete: the briefing disappears from lists until undone (history.undo or undoDeleteBriefing). */
export function deleteBriefing(actor: Actor, id: string): BriefingMeta {
  const { db } = actor;
  return journaledChange(
    actor,
    'briefing.delete',
    (meta) => ({ ja: `ブリーフィング「${short(meta.title)}」を削除`, en: `Delete briefing "${short(meta.title)}"` }),
    (change: Change) => {
      const r = row(db, id);
      const before = change.touch(BRIEFING_HEADER, id) as BriefingSnapshot;
      applyBriefing(db, id, before, { ...before, deletedAt: change.at }, change.at);
      return metaFromRow(r);
    },
  );
}

/** The newest undoable change, if it is exactly the deletion of this briefing. */
function isLastChangeDeleteOf(db: Database.Database, id: string): boolean {
  const g = db.prepare("SELECT id, kind FROM change_groups WHERE state = 'done' ORDER BY id DESC LIMIT 1").get() as { id: number; kind: string } | undefined;
  if (!g || g.kind !== 'briefing.delete') return false;
  const entries = db.prepare('SELECT entity, entity_id FROM change_entries WHERE group_id = ?').all(g.id) as { entity: string; entity_id: string }[];
  return entries.length === 1 && entries[0].entity === BRIEFING_HEADER.name && entries[0].entity_id === id;
}

/**
 * Brings a deleted briefing back. Right after its deletion this is that deletion's undo (so redo
 * deletes it again); later, a change of its own ("restore"), itself undoable.
 */
export function undoDeleteBriefing(actor: Actor, id: string): Briefing {
  const { db } = actor;
  row(db, id, { deleted: true });
  if (isLastChangeDeleteOf(db, id)) {
    undo(actor);
    return getBriefing(db, id);
  }
  journaledChange(
    actor,
    'briefing.restore',
    (title) => ({ ja: `ブリーフィング「${short(title)}」を復元`, en: `Restore briefing "${short(title)}"` }),
    (change: Change) => {
      const r = row(db, id, { deleted: true });
      const before = change.touch(BRIEFING_HEADER, id) as BriefingSnapshot;
      applyBriefing(db, id, before, { ...before, deletedAt: null }, change.at);
      return r.title;
    },
  );
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
  if (!r) throw notFound(SECTION_NOUN, sectionId);
  return r;
}

export function addSection(actor: Actor, briefingId: string, s: { heading: string; body?: string; position?: number }): { briefing: Briefing; sectionId: string } {
  const { db } = actor;
  const sectionId = journaledChange(
    actor,
    'briefing.section.add',
    () => ({ ja: `節「${short(s.heading)}」を追加（${titleOf(db, briefingId)}）`, en: `Add section "${short(s.heading)}" (${titleOf(db, briefingId)})` }),
    (change: Change) => {
      row(db, briefingId);
      const sectionId = newId('sec');
      change.touch(BRIEFING_SECTION, sectionId);
      const n = (db.prepare('SELECT COUNT(*) AS n FROM briefing_sections WHERE briefing_id = ?').get(briefingId) as { n: number }).n;
      insertSectionRow(db, { id: sectionId, briefingId, position: n, heading: s.heading, body: s.body ?? '' });
      if (s.position !== undefined) reorder(db, 'briefing_sections', briefingId, sectionId, s.position);
      touchBriefing(db, briefingId, change.at);
      return sectionId;
    },
  );
  return { briefing: getBriefing(db, briefingId), sectionId };
}

/** One journaled change to an existing section: `edit` changes it, the journal snapshots around it. */
function changeSection(actor: Actor, sectionId: string, kind: ChangeKind, what: LocalizedText, edit: (s: { briefing_id: string }) => void): Briefing {
  const { db } = actor;
  const done = journaledChange(
    actor,
    kind,
    ({ heading }) => ({ ja: `節「${heading}」を${what.ja}`, en: `${what.en} section "${heading}"` }),
    (change: Change) => {
      const s = sectionRow(db, sectionId);
      const before = change.touch(BRIEFING_SECTION, sectionId) as SectionSnapshot;
      edit(s);
      touchBriefing(db, s.briefing_id, change.at);
      return { briefingId: s.briefing_id, heading: short(before.heading) };
    },
  );
  return getBriefing(db, done.briefingId);
}

export function updateSection(actor: Actor, sectionId: string, patch: { heading?: string; body?: string }): Briefing {
  const { db } = actor;
  return changeSection(actor, sectionId, 'briefing.section.update', { ja: '編集', en: 'Edit' }, () => {
    if (patch.heading !== undefined) db.prepare('UPDATE briefing_sections SET heading = ? WHERE id = ?').run(patch.heading, sectionId);
    if (patch.body !== undefined) db.prepare('UPDATE briefing_sections SET body = ? WHERE id = ?').run(patch.body, sectionId);
  });
}

export function moveSection(actor: Actor, sectionId: string, position: number): Briefing {
  return changeSection(actor, sectionId, 'briefing.section.move', { ja: '移動', en: 'Move' }, (s) => reorder(actor.db, 'briefing_sections', s.briefing_id, sectionId, position));
}

export function deleteSection(actor: Actor, sectionId: string): Briefing {
  const { db } = actor;
  return changeSection(actor, sectionId, 'briefing.section.delete', { ja: '削除', en: 'Delete' }, (s) => {
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

export function addItem(actor: Actor, sectionId: string, ref: EvidenceRef, opts: { comment?: string; position?: number } = {}): { briefing: Briefing; itemId: string } {
  const { db } = actor;
  const done = journaledChange(
    actor,
    'briefing.item.add',
    ({ item }) => itemLabel(db, item, { ja: '追加', en: 'Add' }),
    (change: Change) => {
      const s = sectionRow(db, sectionId);
      const quote = quoteForNewItem(db, ref);
      const itemId = newId('itm');
      change.touch(BRIEFING_ITEM, itemId);
      const n = (db.prepare('SELECT COUNT(*) AS n FROM briefing_items WHERE section_id = ?').get(sectionId) as { n: number }).n;
      insertItemRow(db, { id: itemId, sectionId, position: n, ...refColumns(ref), comment: opts.comment ?? '', quoteAtAdd: quote });
      if (opts.position !== undefined) reorder(db, 'briefing_items', sectionId, itemId, opts.position);
      touchBriefing(db, s.briefing_id, change.at);
      return { briefingId: s.briefing_id, item: change.current(BRIEFING_ITEM, itemId) as ItemSnapshot };
    },
  );
  return { briefing: getBriefing(db, done.briefingId), itemId: done.item.id };
}

/**
 * Several pieces of evidence added at the end of a section as one change (one undo step): the
 * coded-segments view sends its selection "straight into a briefing section". Nothing is added
 * when any of them cannot be cited.
 */
export function addItems(actor: Actor, sectionId: string, refs: readonly EvidenceRef[]): { briefing: Briefing; itemIds: string[] } {
  const { db } = actor;
  const done = journaledChange(
    actor,
    'briefing.item.add',
    ({ briefingId, itemIds }) => ({ ja: `${itemIds.length} 件の項目を追加（${titleOf(db, briefingId)}）`, en: `Add ${itemIds.length} item${itemIds.length === 1 ? '' : 's'} (${titleOf(db, briefingId)})` }),
    (change: Change) => {
      const s = sectionRow(db, sectionId);
      let n = (db.prepare('SELECT COUNT(*) AS n FROM briefing_items WHERE section_id = ?').get(sectionId) as { n: number }).n;
      const itemIds: string[] = [];
      for (const ref of refs) {
        const quote = quoteForNewItem(db, ref);
        const itemId = newId('itm');
        change.touch(BRIEFING_ITEM, itemId);
        insertItemRow(db, { id: itemId, sectionId, position: n++, ...refColumns(ref), comment: '', quoteAtAdd: quote });
        itemIds.push(itemId);
      }
      touchBriefing(db, s.briefing_id, change.at);
      return { briefingId: s.briefing_id, itemIds };
    },
  );
  return { briefing: getBriefing(db, done.briefingId), itemIds: done.itemIds };
}

/** One journaled change to an existing item: `edit` changes it, the journal snapshots around it. */
function changeItem(actor: Actor, itemId: string, kind: ChangeKind, what: LocalizedText, edit: (it: { section_id: string; briefing_id: string }) => void): Briefing {
  const { db } = actor;
  const done = journaledChange(
    actor,
    kind,
    ({ before }) => itemLabel(db, before, what),
    (change: Change) => {
      const it = itemRow(db, itemId);
      const before = change.touch(BRIEFING_ITEM, itemId) as ItemSnapshot;
      edit(it);
      touchBriefing(db, it.briefing_id, change.at);
      return { briefingId: it.briefing_id, before };
    },
  );
  return getBriefing(db, done.briefingId);
}

export function updateItem(actor: Actor, itemId: string, patch: { comment: string }): Briefing {
  return changeItem(actor, itemId, 'briefing.item.update', { ja: '編集', en: 'Edit' }, () => {
    actor.db.prepare('UPDATE briefing_items SET comment = ? WHERE id = ?').run(patch.comment, itemId);
  });
}

/** Moves an item within its section or into another section of the same briefing. */
export function moveItem(actor: Actor, itemId: string, to: { sectionId?: string; position: number }): Briefing {
  const { db } = actor;
  return changeItem(actor, itemId, 'briefing.item.move', { ja: '移動', en: 'Move' }, (it) => {
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

export function deleteItem(actor: Actor, itemId: string): Briefing {
  const { db } = actor;
  return changeItem(actor, itemId, 'briefing.item.delete', { ja: '削除', en: 'Delete' }, (it) => {
    db.prepare('DELETE FROM briefing_items WHERE id = ?').run(itemId);
    compact(db, 'briefing_items', it.section_id);
  });
}
