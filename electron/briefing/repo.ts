// SQL for briefings, their sections and items: every write in one transaction, positions kept
// dense (0..n-1) so moves are simple, and deletion of a briefing soft so it can be undone.
import crypto from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Briefing, BriefingItem, BriefingLanguage, BriefingMeta, BriefingSection, BriefingSummary, EvidenceRef } from '../../shared/briefing';
import { AppError, notFound } from '../../shared/errors';
import { readAnnotation, statementsById } from './evidence';

export function newId(prefix: string): string {
  return `${prefix}_${crypto.randomBytes(8).toString('hex')}`;
}

const now = () => new Date().toISOString();

interface BriefingRow {
  id: string;
  title: string;
  subtitle: string;
  author: string;
  date: string;
  marking: string;
  language: BriefingLanguage;
  summary: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

function metaFromRow(r: BriefingRow): BriefingMeta {
  return {
    id: r.id,
    title: r.title,
    subtitle: r.subtitle,
    author: r.author,
    date: r.date,
    marking: r.marking,
    language: r.language,
    summary: r.summary,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const BRIEFING = { ja: 'ブリーフィング', en: 'briefing' };
const SECTION = { ja: 'ブリーフィングの節', en: 'briefing section' };
const ITEM = { ja: 'ブリーフィングの項目', en: 'briefing item' };

function row(db: Database.Database, id: string, opts: { deleted?: boolean } = {}): BriefingRow {
  const r = db.prepare('SELECT * FROM briefings WHERE id = ?').get(id) as BriefingRow | undefined;
  if (!r || (!!r.deleted_at !== !!opts.deleted)) throw notFound(BRIEFING, id);
  return r;
}

export function listBriefings(db: Database.Database): BriefingSummary[] {
  const rows = db
    .prepare(
      `SELECT b.*,
        (SELECT COUNT(*) FROM briefing_sections s WHERE s.briefing_id = b.id) AS n_sections,
        (SELECT COUNT(*) FROM briefing_items i JOIN briefing_sections s ON s.id = i.section_id WHERE s.briefing_id = b.id) AS n_items
       FROM briefings b WHERE b.deleted_at IS NULL ORDER BY b.updated_at DESC, b.id`,
    )
    .all() as (BriefingRow & { n_sections: number; n_items: number })[];
  return rows.map((r) => ({ ...metaFromRow(r), sections: r.n_sections, items: r.n_items }));
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

export interface BriefingDraft {
  title: string;
  subtitle?: string;
  date?: string;
  marking?: string;
  language?: BriefingLanguage;
  summary?: string;
  sections: DraftSection[];
}

export function todayIso(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function insertSection(db: Database.Database, briefingId: string, position: number, s: { heading: string; body?: string }): string {
  const id = newId('sec');
  db.prepare('INSERT INTO briefing_sections (id, briefing_id, position, heading, body) VALUES (?, ?, ?, ?, ?)').run(id, briefingId, position, s.heading, s.body ?? '');
  return id;
}

function insertItem(db: Database.Database, sectionId: string, position: number, item: { annotationId: string | null; statementId: string | null; comment: string; quoteAtAdd: string }): string {
  const id = newId('itm');
  db.prepare('INSERT INTO briefing_items (id, section_id, position, annotation_id, statement_id, comment, quote_at_add) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    id,
    sectionId,
    position,
    item.annotationId,
    item.statementId,
    item.comment,
    item.quoteAtAdd,
  );
  return id;
}

export function createBriefing(db: Database.Database, draft: BriefingDraft, author: string): Briefing {
  const id = newId('brf');
  const t = now();
  db.transaction(() => {
    db.prepare(
      `INSERT INTO briefings (id, title, subtitle, author, date, marking, language, summary, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, draft.title, draft.subtitle ?? '', author, draft.date ?? todayIso(), draft.marking ?? '', draft.language ?? 'ja', draft.summary ?? '', t, t);
    draft.sections.forEach((s, si) => {
      const sectionId = insertSection(db, id, si, s);
      (s.items ?? []).forEach((it, ii) => {
        insertItem(db, sectionId, ii, {
          annotationId: it.ref.annotationId ?? null,
          statementId: it.ref.statementId ?? null,
          comment: it.comment ?? '',
          quoteAtAdd: quoteForNewItem(db, it.ref),
        });
      });
    });
  })();
  return getBriefing(db, id);
}

export type BriefingPatch = Partial<Pick<BriefingMeta, 'title' | 'subtitle' | 'date' | 'marking' | 'language' | 'summary' | 'author'>>;

const PATCH_COLUMNS: Record<keyof BriefingPatch, string> = {
  title: 'title',
  subtitle: 'subtitle',
  date: 'date',
  marking: 'marking',
  language: 'language',
  summary: 'summary',
  author: 'author',
};

function touch(db: Database.Database, briefingId: string): void {
  db.prepare('UPDATE briefings SET updated_at = ? WHERE id = ?').run(now(), briefingId);
}

export function updateBriefing(db: Database.Database, id: string, patch: BriefingPatch): Briefing {
  row(db, id);
  const keys = (Object.keys(patch) as (keyof BriefingPatch)[]).filter((k) => patch[k] !== undefined && k in PATCH_COLUMNS);
  db.transaction(() => {
    for (const k of keys) db.prepare(`UPDATE briefings SET ${PATCH_COLUMNS[k]} = ? WHERE id = ?`).run(patch[k], id);
    touch(db, id);
  })();
  return getBriefing(db, id);
}

/** A full copy (sections, items, comments) under a new id; the title says it is a copy. */
export function duplicateBriefing(db: Database.Database, id: string, title?: string): Briefing {
  const src = getBriefing(db, id);
  const copyId = newId('brf');
  const t = now();
  const copyTitle = title ?? (src.language === 'ja' ? `${src.title}（コピー）` : `${src.title} (copy)`);
  db.transaction(() => {
    db.prepare(
      `INSERT INTO briefings (id, title, subtitle, author, date, marking, language, summary, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(copyId, copyTitle, src.subtitle, src.author, src.date, src.marking, src.language, src.summary, t, t);
    src.sections.forEach((s, si) => {
      const sectionId = insertSection(db, copyId, si, s);
      s.items.forEach((it, ii) => insertItem(db, sectionId, ii, it));
    });
  })();
  return getBriefing(db, copyId);
}

/** Soft delete: the briefing disappears from lists until undone (undoDeleteBriefing). */
export function deleteBriefing(db: Database.Database, id: string): BriefingMeta {
  const r = row(db, id);
  db.prepare('UPDATE briefings SET deleted_at = ? WHERE id = ?').run(now(), id);
  return metaFromRow(r);
}

export function undoDeleteBriefing(db: Database.Database, id: string): Briefing {
  row(db, id, { deleted: true });
  db.prepare('UPDATE briefings SET deleted_at = NULL WHERE id = ?').run(id);
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

/** Moves one row of an ordered list to `to` (clamped), renumbering the list 0..n-1. */
function reorder(db: Database.Database, table: 'briefing_sections' | 'briefing_items', parentCol: string, parentId: string, id: string, to: number | null): void {
  const ids = (db.prepare(`SELECT id FROM ${table} WHERE ${parentCol} = ? AND id <> ? ORDER BY position`).all(parentId, id) as { id: string }[]).map((r) => r.id);
  const at = to === null ? ids.length : Math.max(0, Math.min(to, ids.length));
  ids.splice(at, 0, id);
  const set = db.prepare(`UPDATE ${table} SET position = ?, ${parentCol} = ? WHERE id = ?`);
  // Two passes avoid transient duplicates should a unique index on position ever be added.
  ids.forEach((rid, i) => set.run(-1 - i, parentId, rid));
  ids.forEach((rid, i) => set.run(i, parentId, rid));
}

function compact(db: Database.Database, table: 'briefing_sections' | 'briefing_items', parentCol: string, parentId: string): void {
  const ids = (db.prepare(`SELECT id FROM ${table} WHERE ${parentCol} = ? ORDER BY position`).all(parentId) as { id: string }[]).map((r) => r.id);
  const set = db.prepare(`UPDATE ${table} SET position = ? WHERE id = ?`);
  ids.forEach((rid, i) => set.run(i, rid));
}

export function addSection(db: Database.Database, briefingId: string, s: { heading: string; body?: string; position?: number }): { briefing: Briefing; sectionId: string } {
  row(db, briefingId);
  let sectionId = '';
  db.transaction(() => {
    const n = (db.prepare('SELECT COUNT(*) AS n FROM briefing_sections WHERE briefing_id = ?').get(briefingId) as { n: number }).n;
    sectionId = insertSection(db, briefingId, n, s);
    if (s.position !== undefined) reorder(db, 'briefing_sections', 'briefing_id', briefingId, sectionId, s.position);
    touch(db, briefingId);
  })();
  return { briefing: getBriefing(db, briefingId), sectionId };
}

export function updateSection(db: Database.Database, sectionId: string, patch: { heading?: string; body?: string }): Briefing {
  const s = sectionRow(db, sectionId);
  db.transaction(() => {
    if (patch.heading !== undefined) db.prepare('UPDATE briefing_sections SET heading = ? WHERE id = ?').run(patch.heading, sectionId);
    if (patch.body !== undefined) db.prepare('UPDATE briefing_sections SET body = ? WHERE id = ?').run(patch.body, sectionId);
    touch(db, s.briefing_id);
  })();
  return getBriefing(db, s.briefing_id);
}

export function moveSection(db: Database.Database, sectionId: string, position: number): Briefing {
  const s = sectionRow(db, sectionId);
  db.transaction(() => {
    reorder(db, 'briefing_sections', 'briefing_id', s.briefing_id, sectionId, position);
    touch(db, s.briefing_id);
  })();
  return getBriefing(db, s.briefing_id);
}

export function deleteSection(db: Database.Database, sectionId: string): Briefing {
  const s = sectionRow(db, sectionId);
  db.transaction(() => {
    db.prepare('DELETE FROM briefing_sections WHERE id = ?').run(sectionId);
    compact(db, 'briefing_sections', 'briefing_id', s.briefing_id);
    touch(db, s.briefing_id);
  })();
  return getBriefing(db, s.briefing_id);
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

export function addItem(db: Database.Database, sectionId: string, ref: EvidenceRef, opts: { comment?: string; position?: number } = {}): { briefing: Briefing; itemId: string } {
  const s = sectionRow(db, sectionId);
  let itemId = '';
  db.transaction(() => {
    const quote = quoteForNewItem(db, ref);
    const n = (db.prepare('SELECT COUNT(*) AS n FROM briefing_items WHERE section_id = ?').get(sectionId) as { n: number }).n;
    itemId = insertItem(db, sectionId, n, { annotationId: ref.annotationId ?? null, statementId: ref.statementId ?? null, comment: opts.comment ?? '', quoteAtAdd: quote });
    if (opts.position !== undefined) reorder(db, 'briefing_items', 'section_id', sectionId, itemId, opts.position);
    touch(db, s.briefing_id);
  })();
  return { briefing: getBriefing(db, s.briefing_id), itemId };
}

export function updateItem(db: Database.Database, itemId: string, patch: { comment: string }): Briefing {
  const it = itemRow(db, itemId);
  db.transaction(() => {
    db.prepare('UPDATE briefing_items SET comment = ? WHERE id = ?').run(patch.comment, itemId);
    touch(db, it.briefing_id);
  })();
  return getBriefing(db, it.briefing_id);
}

/** Moves an item within its section or into another section of the same briefing. */
export function moveItem(db: Database.Database, itemId: string, to: { sectionId?: string; position: number }): Briefing {
  const it = itemRow(db, itemId);
  const target = to.sectionId ?? it.section_id;
  const dest = sectionRow(db, target);
  if (dest.briefing_id !== it.briefing_id) {
    throw new AppError(
      'conflict',
      { ja: `項目「${itemId}」は別のブリーフィングの節「${target}」へは移動できません。`, en: `Item "${itemId}" cannot move to section "${target}" of another briefing.` },
      { subject: target },
    );
  }
  db.transaction(() => {
    reorder(db, 'briefing_items', 'section_id', target, itemId, to.position);
    if (target !== it.section_id) compact(db, 'briefing_items', 'section_id', it.section_id);
    touch(db, it.briefing_id);
  })();
  return getBriefing(db, it.briefing_id);
}

export function deleteItem(db: Database.Database, itemId: string): Briefing {
  const it = itemRow(db, itemId);
  db.transaction(() => {
    db.prepare('DELETE FROM briefing_items WHERE id = ?').run(itemId);
    compact(db, 'briefing_items', 'section_id', it.section_id);
    touch(db, it.briefing_id);
  })();
  return getBriefing(db, it.briefing_id);
}
