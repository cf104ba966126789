// The analyst's memos: a memo on a document, or (no document) the workspace's running analysis.
// Every write is one journaledChange, so undo and redo work as for annotations; a deleted memo is
// kept with deleted_at (soft delete) so undoing the deletion brings it back whole.
import crypto from 'node:crypto';
import type Database from 'better-sqlite3';
import { AppError, notFound } from '../../shared/errors';
import type { Memo } from '../../shared/retrieval';
import type { Actor } from '../journal/actor';
import { journaledChange } from '../journal/change';
import { changedFields, defineEntity, type Applier } from '../journal/entities';

export const MAX_MEMO_TITLE = 500;
export const MAX_MEMO_BODY = 1_000_000;

interface MemoRow {
  id: string;
  document_id: string | null;
  title: string;
  body: string;
  author: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface MemoSnapshot {
  id: string;
  documentId: string | null;
  title: string;
  body: string;
  author: string;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

function snapshotMemo(db: Database.Database, id: string): MemoSnapshot | null {
  const r = db.prepare('SELECT * FROM memos WHERE id = ?').get(id) as MemoRow | undefined;
  if (!r) return null;
  return { id: r.id, documentId: r.document_id, title: r.title, body: r.body, author: r.author, createdAt: r.created_at, updatedAt: r.updated_at, deletedAt: r.deleted_at };
}

const applyMemo: Applier = (db, id, from, to) => {
  const t = to as MemoSnapshot | null;
  if (t === null) {
    db.prepare('DELETE FROM memos WHERE id = ?').run(id);
    return;
  }
  const f = from as MemoSnapshot | null;
  if (f === null || !snapshotMemo(db, id)) {
    db.prepare('INSERT OR REPLACE INTO memos (id, document_id, title, body, author, created_at, updated_at, deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      id,
      t.documentId,
      t.title,
      t.body,
      t.author,
      t.createdAt,
      t.updatedAt,
      t.deletedAt,
    );
    return;
  }
  const changed = changedFields(f, t);
  const columns: Record<string, string> = { documentId: 'document_id', title: 'title', body: 'body', author: 'author', createdAt: 'created_at', updatedAt: 'updated_at', deletedAt: 'deleted_at' };
  const keys = Object.keys(changed).filter((k) => k in columns) as (keyof MemoSnapshot)[];
  if (!keys.length) return;
  db.prepare(`UPDATE memos SET ${keys.map((k) => `${columns[k]} = ?`).join(', ')} WHERE id = ?`).run(...keys.map((k) => changed[k] ?? null), id);
};

export const MEMO = defineEntity<MemoSnapshot>({ name: 'memo', snapshot: snapshotMemo, apply: applyMemo, softDelete: true });

const MEMO_WORD: { ja: string; en: string } = { ja: 'メモ', en: 'memo' };

function badInput(ja: string, en: string, subject: string): AppError {
  return new AppError('bad-input', { ja, en }, { subject });
}

function short(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > 30 ? `${t.slice(0, 30)}…` : t;
}

/** A title the analyst can find again: not blank, one line, no control characters, bounded. */
function cleanTitle(title: string): string {
  const t = title.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (!t) throw badInput('メモの題名が空です。', 'The memo title is empty.', 'title');
  if (t.length > MAX_MEMO_TITLE) throw badInput(`メモの題名が長すぎます（${t.length} 文字、上限 ${MAX_MEMO_TITLE}）。`, `The memo title is too long (${t.length} characters; the limit is ${MAX_MEMO_TITLE}).`, 'title');
  if (/[\u0000-\u001f\u007f]/.test(t)) throw badInput('メモの題名に制御文字は使えません。', 'A memo title cannot contain control characters.', 'title');
  return t;
}

function cleanBody(body: string): string {
  const b = body.normalize('NFC').replace(/\r\n?/g, '\n');
  if (b.length > MAX_MEMO_BODY) throw badInput(`メモの本文が長すぎます（${b.length} 文字、上限 ${MAX_MEMO_BODY}）。`, `The memo text is too long (${b.length} characters; the limit is ${MAX_MEMO_BODY}).`, 'body');
  // Tabs and line breaks are the analyst's layout; other control characters are paste accidents.
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(b)) throw badInput('メモの本文に制御文字は使えません。', 'The memo text cannot contain control characters.', 'body');
  return b;
}

function toMemo(db: Database.Database, s: MemoSnapshot): Memo {
  const title = s.documentId === null ? null : ((db.prepare('SELECT title FROM documents WHERE id = ?').pluck().get(s.documentId) as string | undefined) ?? null);
  return { id: s.id, documentId: s.documentId, documentTitle: title, title: s.title, body: s.body, author: s.author, createdAt: s.createdAt, updatedAt: s.updatedAt };
}

function liveMemo(db: Database.Database, id: string): MemoSnapshot {
  const s = snapshotMemo(db, id);
  if (!s || s.deletedAt !== null) throw notFound(MEMO_WORD, id);
  return s;
}

export function getMemo(db: Database.Database, id: string): Memo {
  return toMemo(db, liveMemo(db, id));
}

/** Memos, latest change first: of one document, only the workspace's (null), or all (undefined). */
export function listMemos(db: Database.Database, documentId?: string | null): Memo[] {
  const where = documentId === undefined ? '' : documentId === null ? 'AND m.document_id IS NULL' : 'AND m.document_id = ?';
  const rows = db
    .prepare(`SELECT m.*, d.title AS d_title FROM memos m LEFT JOIN documents d ON d.id = m.document_id WHERE m.deleted_at IS NULL ${where} ORDER BY m.updated_at DESC, m.id`)
    .all(...(documentId ? [documentId] : [])) as (MemoRow & { d_title: string | null })[];
  return rows.map((r) => ({ id: r.id, documentId: r.document_id, documentTitle: r.d_title, title: r.title, body: r.body, author: r.author, createdAt: r.created_at, updatedAt: r.updated_at }));
}

export function createMemo(actor: Actor, m: { documentId?: string | null; title: string; body?: string }): Memo {
  const { db } = actor;
  const title = cleanTitle(m.title);
  const body = cleanBody(m.body ?? '');
  const documentId = m.documentId ?? null;
  if (documentId !== null && !db.prepare('SELECT 1 FROM documents WHERE id = ?').get(documentId)) throw notFound({ ja: '文書', en: 'document' }, documentId);
  const id = `memo-${crypto.randomUUID()}`;
  journaledChange(actor, 'memo.create', { ja: `メモ「${short(title)}」を作成`, en: `Create memo "${short(title)}"` }, (change) => {
    change.touch(MEMO, id);
    db.prepare('INSERT INTO memos (id, document_id, title, body, author, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(id, documentId, title, body, actor.author, change.at, change.at);
  });
  return getMemo(db, id);
}

export function updateMemo(actor: Actor, id: string, patch: { title?: string; body?: string }): Memo {
  const { db } = actor;
  const title = patch.title === undefined ? undefined : cleanTitle(patch.title);
  const body = patch.body === undefined ? undefined : cleanBody(patch.body);
  const before = liveMemo(db, id);
  journaledChange(actor, 'memo.update', { ja: `メモ「${short(title ?? before.title)}」を編集`, en: `Edit memo "${short(title ?? before.title)}"` }, (change) => {
    change.touch(MEMO, id);
    db.prepare('UPDATE memos SET title = ?, body = ?, updated_at = ? WHERE id = ?').run(title ?? before.title, body ?? before.body, change.at, id);
  });
  return getMemo(db, id);
}

export function deleteMemo(actor: Actor, id: string): { id: string } {
  const { db } = actor;
  const before = liveMemo(db, id);
  journaledChange(actor, 'memo.delete', { ja: `メモ「${short(before.title)}」を削除`, en: `Delete memo "${short(before.title)}"` }, (change) => {
    change.touch(MEMO, id);
    db.prepare('UPDATE memos SET deleted_at = ? WHERE id = ?').run(change.at, id);
  });
  return { id };
}
