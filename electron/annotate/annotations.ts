// Creating, editing, deleting and listing annotations. Every write is one journaledChange (one
// transaction with its undo entry and history), so it is committed before the call returns.
import { shortLabel } from '../../shared/text/label';
import { randomUUID } from 'node:crypto';
import { describeRange, locateQuote } from '../../shared/anchor';
import { MAX_IMPORTANCE, MIN_IMPORTANCE, type Annotation } from '../../shared/annotations';
import type { LocalizedText } from '../../shared/errors';
import type { Statement } from '../../shared/model';
import { getStatement } from '../corpus/repo';
import type { Actor } from '../journal/actor';
import { journaledChange, type Change } from '../journal/change';
import { ANNOTATION, annotationsFromRows, getAnnotation, writeAnnotation, type AnnotationRow, type AnnotationSnapshot } from './annotation-rows';
import { badInput } from './refusals';
import { getPillar } from './pillar-rows';

export interface AnnotationInput {
  statementId: string;
  /** The selected text. Omitted (with no start/end): the whole statement. */
  quote?: string;
  /** Where the selection starts in the statement text: disambiguates a repeated quote. */
  start?: number;
  /** With start and no quote: the selection's end. */
  end?: number;
  comment?: string;
  tags?: readonly string[];
  pillarIds?: readonly string[];
  importance?: number | null;
  author?: string;
}

export interface AnnotationPatch {
  comment?: string;
  tags?: readonly string[];
  pillarIds?: readonly string[];
  importance?: number | null;
  /** Re-select within the same statement (quote and/or start/end as on create). */
  quote?: string;
  start?: number;
  end?: number;
  /** true: the annotation now covers the whole statement. */
  wholeStatement?: boolean;
}

export interface AnnotationFilter {
  statementId?: string;
  documentId?: string;
  pillarId?: string;
  tag?: string;
  orphaned?: boolean;
  limit?: number;
}

const MAX_COMMENT = 20_000;
const MAX_TAG = 64;

function cleanComment(comment: string | undefined): string {
  const c = (comment ?? '').replace(/\r\n?/g, '\n');
  if (c.length > MAX_COMMENT) {
    throw badInput({ ja: `コメントが長すぎます（${c.length} 文字、上限 ${MAX_COMMENT}）。`, en: `The comment is too long (${c.length} characters; the limit is ${MAX_COMMENT}).` }, 'comment');
  }
  return c;
}

export function cleanTags(tags: readonly string[] | undefined): string[] {
  const out: string[] = [];
  for (const raw of tags ?? []) {
    const t = raw.normalize('NFC').trim().replace(/\s+/g, ' ');
    if (!t) continue;
    if (t.length > MAX_TAG || /[\u0000-\u001f]/.test(t)) {
      throw badInput({ ja: `タグ「${t.slice(0, 80)}」は使えません（${MAX_TAG} 文字以内、制御文字なし）。`, en: `Tag "${t.slice(0, 80)}" cannot be used (at most ${MAX_TAG} characters, no control characters).` }, 'tags');
    }
    if (!out.includes(t)) out.push(t);
  }
  return out.sort();
}

function checkImportance(v: number | null | undefined): number | null {
  if (v === undefined || v === null) return null;
  if (!Number.isInteger(v) || v < MIN_IMPORTANCE || v > MAX_IMPORTANCE) {
    throw badInput({ ja: `重要度は ${MIN_IMPORTANCE}〜${MAX_IMPORTANCE} で指定してください（${v}）。`, en: `Importance must be ${MIN_IMPORTANCE}–${MAX_IMPORTANCE} (got ${v}).` }, 'importance');
  }
  return v;
}

function checkPillars(actor: Actor, ids: readonly string[] | undefined): string[] {
  const out = [...new Set(ids ?? [])];
  for (const id of out) getPillar(actor.db, id); // not-found names the unknown pillar
  return out.sort();
}

/** The target of a selection in a statement: a span, or the whole statement. */
export function resolveTarget(statement: Statement, sel: { quote?: string; start?: number; end?: number }): AnnotationSnapshot['target'] {
  const text = statement.text;
  let start: number;
  let end: number;
  let scope: 'span' | 'statement' = 'span';
  if (sel.quote !== undefined) {
    const found = locateQuote(text, sel.quote, sel.start);
    if (!found.ok) {
      const shown = sel.quote.length > 60 ? `${sel.quote.slice(0, 60)}…` : sel.quote;
      const why: Record<typeof found.reason, LocalizedText> = {
        empty: { ja: '引用が空です。', en: 'The quote is empty.' },
        absent: { ja: `引用「${shown}」は文 ${statement.id} の中にありません。`, en: `The quote "${shown}" does not occur in statement ${statement.id}.` },
        'position-mismatch': {
          ja: `引用「${shown}」は文 ${statement.id} の位置 ${sel.start} から始まっていません。`,
          en: `The quote "${shown}" does not start at offset ${sel.start} of statement ${statement.id}.`,
        },
      };
      throw badInput(why[found.reason], 'quote', { ja: '文の本文からそのまま選択してください。', en: 'Select the text exactly as it appears in the statement.' });
    }
    ({ start, end } = found);
    if (sel.end !== undefined && sel.end !== end) {
      throw badInput(
        { ja: `終了位置 ${sel.end} が引用（${start}〜${end}）と合いません。`, en: `End offset ${sel.end} does not match the quote (${start}–${end}).` },
        'end',
      );
    }
  } else if (sel.start !== undefined || sel.end !== undefined) {
    start = sel.start ?? 0;
    end = sel.end ?? text.length;
    if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end <= text.length && start < end)) {
      throw badInput(
        { ja: `範囲 ${start}〜${end} は文 ${statement.id}（${text.length} 文字）の中にありません。`, en: `Range ${start}–${end} is not inside statement ${statement.id} (${text.length} characters).` },
        'start',
      );
    }
  } else {
    start = 0;
    end = text.length;
  }
  if (start === 0 && end === text.length) scope = 'statement';
  const { quote, position } = describeRange(text, start, end);
  if (scope === 'statement') {
    quote.prefix = '';
    quote.suffix = '';
  }
  return { scope, quote, position, docStart: statement.start + start, docEnd: statement.start + end };
}

function shortQuote(a: Pick<Annotation, 'target'>): string {
  return shortLabel(a.target.quote.exact);
}

/** Builds a new annotation's snapshot; the caller writes it inside its change. */
export function newAnnotation(actor: Actor, input: AnnotationInput, now: string): AnnotationSnapshot {
  const statement = getStatement(actor.db, input.statementId);
  const target = resolveTarget(statement, input);
  return {
    id: `a-${randomUUID()}`,
    statementId: statement.id,
    documentId: statement.documentId,
    target,
    orphaned: false,
    anchoredBy: 'created',
    comment: cleanComment(input.comment),
    tags: cleanTags(input.tags),
    pillarIds: checkPillars(actor, input.pillarIds),
    importance: checkImportance(input.importance),
    author: (input.author ?? actor.author).trim() || actor.author,
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
  };
}

/** Writes a new annotation inside a change (create, accept); the journal records it as created. */
export function insertNew(change: Change, after: AnnotationSnapshot): void {
  change.touch(ANNOTATION, after.id);
  writeAnnotation(change.actor.db, null, after);
}

export function createAnnotation(actor: Actor, input: AnnotationInput): Annotation {
  const created = journaledChange(
    actor,
    'annotation.create',
    (a) => {
      const what = a.target.scope === 'statement' && !a.comment ? { ja: '文を柱に紐付け', en: 'Link statement' } : { ja: '注釈を追加', en: 'Add annotation' };
      return { ja: `${what.ja}「${shortQuote(a)}」`, en: `${what.en} "${shortQuote(a)}"` };
    },
    (change: Change) => {
      const after = newAnnotation(actor, input, change.at);
      insertNew(change, after);
      return after;
    },
  );
  return getAnnotation(actor.db, created.id);
}

export function updateAnnotation(actor: Actor, id: string, patch: AnnotationPatch): Annotation {
  const after = journaledChange(
    actor,
    'annotation.update',
    (a) => ({ ja: `注釈「${shortQuote(a)}」を編集`, en: `Edit annotation "${shortQuote(a)}"` }),
    (change: Change) => {
      getAnnotation(actor.db, id);
      const before = change.touch(ANNOTATION, id) as AnnotationSnapshot;
      const after: AnnotationSnapshot = { ...before, updatedAt: change.at };
      if (patch.comment !== undefined) after.comment = cleanComment(patch.comment);
      if (patch.tags !== undefined) after.tags = cleanTags(patch.tags);
      if (patch.pillarIds !== undefined) after.pillarIds = checkPillars(actor, patch.pillarIds);
      if (patch.importance !== undefined) after.importance = checkImportance(patch.importance);
      if (patch.wholeStatement || patch.quote !== undefined || patch.start !== undefined || patch.end !== undefined) {
        const statement = getStatement(actor.db, before.statementId);
        after.target = resolveTarget(statement, patch.wholeStatement ? {} : patch);
        after.orphaned = false;
        after.anchoredBy = 'created';
      }
      writeAnnotation(actor.db, before, after);
      return after;
    },
  );
  return getAnnotation(actor.db, after.id);
}

/** Soft delete: the row stays so undo (and the history) can bring it back. */
export function deleteAnnotation(actor: Actor, id: string): void {
  journaledChange(
    actor,
    'annotation.delete',
    (a) => ({ ja: `注釈「${shortQuote(a)}」を削除`, en: `Delete annotation "${shortQuote(a)}"` }),
    (change: Change) => {
      getAnnotation(actor.db, id);
      const before = change.touch(ANNOTATION, id) as AnnotationSnapshot;
      const after: AnnotationSnapshot = { ...before, deletedAt: change.at };
      writeAnnotation(actor.db, before, after);
      return after;
    },
  );
}

/** Live annotations matching every given filter, in reading order (orphans last). */
export function listAnnotations(actor: Pick<Actor, 'db'>, filter: AnnotationFilter = {}): Annotation[] {
  const where = ['a.deleted_at IS NULL'];
  const args: unknown[] = [];
  if (filter.statementId !== undefined) {
    where.push('a.statement_id = ?');
    args.push(filter.statementId);
  }
  if (filter.documentId !== undefined) {
    where.push('a.document_id = ?');
    args.push(filter.documentId);
  }
  if (filter.pillarId !== undefined) {
    where.push('EXISTS (SELECT 1 FROM annotation_pillars ap WHERE ap.annotation_id = a.id AND ap.pillar_id = ?)');
    args.push(filter.pillarId);
  }
  if (filter.tag !== undefined) {
    where.push('EXISTS (SELECT 1 FROM annotation_tags t WHERE t.annotation_id = a.id AND t.tag = ?)');
    args.push(filter.tag);
  }
  if (filter.orphaned !== undefined) {
    where.push('a.orphaned = ?');
    args.push(filter.orphaned ? 1 : 0);
  }
  const limit = filter.limit ?? -1;
  const rows = actor.db
    .prepare(
      `SELECT a.* FROM annotations a
       LEFT JOIN documents d ON d.id = a.document_id
       LEFT JOIN statements s ON s.id = a.statement_id AND a.orphaned = 0
       WHERE ${where.join(' AND ')}
       ORDER BY a.orphaned, d.date IS NULL, d.date, a.document_id, s.ordinal, a.start_offset, a.created_at, a.id
       LIMIT ?`,
    )
    .all(...args, limit) as AnnotationRow[];
  return annotationsFromRows(actor.db, rows);
}

export interface TagCount {
  tag: string;
  count: number;
}

/** Every tag in use on a live annotation, with how often (for pickers and autocompletion). */
export function listTags(actor: Pick<Actor, 'db'>): TagCount[] {
  return actor.db
    .prepare(
      `SELECT t.tag AS tag, COUNT(*) AS count FROM annotation_tags t JOIN annotations a ON a.id = t.annotation_id
       WHERE a.deleted_at IS NULL GROUP BY t.tag ORDER BY count DESC, t.tag`,
    )
    .all() as TagCount[];
}
