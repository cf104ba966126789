// Pillar suggestions for a statement or a text, and the analyst's answers: accepting one files the
// statement under the pillar (an annotation), rejecting one is remembered for that statement.
import type { PillarSuggestion } from '../../shared/pillars';
import { scorePillars, suggestPillars } from '../../shared/suggest';
import type { Annotation } from '../../shared/annotations';
import type Database from 'better-sqlite3';
import { getStatement, listStatements } from '../corpus/repo';
import type { Actor } from '../journal/actor';
import { journaledChange, type Change } from '../journal/change';
import { changedFields, defineEntity, type Applier } from '../journal/entities';
import { getAnnotation } from './annotation-rows';
import { insertNew, newAnnotation } from './annotations';
import { getPillar } from './pillar-rows';
import { badInput } from './refusals';
import { compiledRules, TERM, termEntityId, writeTerm, type TermSnapshot } from './terms';

export interface SuggestActor extends Actor {
  resourcesDir: string;
}

export interface StatementSuggestion extends PillarSuggestion {
  /** The statement already has a live annotation linked to this pillar. */
  linked: boolean;
  /** The analyst rejected this pillar for this statement (only listed with includeRejected). */
  rejected: boolean;
}

const MAX_TEXT = 100_000;

export function suggestForText(actor: SuggestActor, text: string, opts: { all?: boolean } = {}): PillarSuggestion[] {
  if (text.length > MAX_TEXT) {
    throw badInput({ ja: `テキストが長すぎます（${text.length} 文字、上限 ${MAX_TEXT}）。`, en: `The text is too long (${text.length} characters; the limit is ${MAX_TEXT}).` }, 'text');
  }
  const rules = compiledRules(actor.db, actor.resourcesDir);
  return opts.all ? scorePillars(text, rules) : suggestPillars(text, rules);
}

function linkedPillars(actor: Actor, statementId: string): Set<string> {
  const rows = actor.db
    .prepare(
      `SELECT DISTINCT ap.pillar_id AS id FROM annotation_pillars ap JOIN annotations a ON a.id = ap.annotation_id
       WHERE a.statement_id = ? AND a.deleted_at IS NULL AND a.orphaned = 0`,
    )
    .all(statementId) as { id: string }[];
  return new Set(rows.map((r) => r.id));
}

function rejectedPillars(actor: Actor, statementId: string): Set<string> {
  const rows = actor.db.prepare('SELECT pillar_id AS id FROM suggestion_rejections WHERE statement_id = ?').all(statementId) as { id: string }[];
  return new Set(rows.map((r) => r.id));
}

export function suggestForStatement(actor: SuggestActor, statementId: string, opts: { includeRejected?: boolean } = {}): StatementSuggestion[] {
  const statement = getStatement(actor.db, statementId);
  const linked = linkedPillars(actor, statementId);
  const rejected = rejectedPillars(actor, statementId);
  return suggestPillars(statement.text, compiledRules(actor.db, actor.resourcesDir))
    .map((s) => ({ ...s, linked: linked.has(s.pillar), rejected: rejected.has(s.pillar) }))
    .filter((s) => opts.includeRejected || !s.rejected);
}

/** Suggestions for every statement of a document in one pass (the reader's margin badges). */
export function suggestForDocument(actor: SuggestActor, documentId: string): { statementId: string; suggestions: StatementSuggestion[] }[] {
  const rules = compiledRules(actor.db, actor.resourcesDir);
  const out: { statementId: string; suggestions: StatementSuggestion[] }[] = [];
  for (const s of listStatements(actor.db, documentId)) {
    const linked = linkedPillars(actor, s.id);
    const rejected = rejectedPillars(actor, s.id);
    const suggestions = suggestPillars(s.text, rules)
      .filter((x) => !rejected.has(x.pillar))
      .map((x) => ({ ...x, linked: linked.has(x.pillar), rejected: false }));
    if (suggestions.length) out.push({ statementId: s.id, suggestions });
  }
  return out;
}

export interface UnfiledStatement {
  statementId: string;
  documentId: string;
  text: string;
  suggestions: PillarSuggestion[];
}

/**
 * Statements filed under no pillar yet for which a pillar is suggested (and not rejected), in
 * library order: the pillar board's "unfiled" column. Pages with `after` (the last statement id).
 */
export function unfiledSuggestions(actor: SuggestActor, opts: { pillarId?: string; limit: number; after?: string }): { statements: UnfiledStatement[]; next: string | null } {
  const rules = compiledRules(actor.db, actor.resourcesDir);
  const rows = actor.db
    .prepare(
      `SELECT s.id, s.document_id, s.text FROM statements s JOIN documents d ON d.id = s.document_id
       WHERE NOT EXISTS (SELECT 1 FROM annotations a JOIN annotation_pillars ap ON ap.annotation_id = a.id
                         WHERE a.statement_id = s.id AND a.deleted_at IS NULL AND a.orphaned = 0)
       ORDER BY d.date IS NULL, d.date, d.id, s.ordinal`,
    )
    .iterate() as IterableIterator<{ id: string; document_id: string; text: string }>;
  const out: UnfiledStatement[] = [];
  let skipping = opts.after !== undefined;
  for (const r of rows) {
    if (skipping) {
      if (r.id === opts.after) skipping = false;
      continue;
    }
    if (out.length === opts.limit) return { statements: out, next: out[out.length - 1].statementId };
    const rejected = rejectedPillars(actor, r.id);
    const suggestions = suggestPillars(r.text, rules).filter((x) => !rejected.has(x.pillar) && (opts.pillarId === undefined || x.pillar === opts.pillarId));
    if (suggestions.length) out.push({ statementId: r.id, documentId: r.document_id, text: r.text, suggestions });
  }
  return { statements: out, next: null };
}

export interface RejectionSnapshot {
  statementId: string;
  pillarId: string;
  present: boolean;
  author: string;
  at: string;
}

function rejectionSnapshot(db: Database.Database, statementId: string, pillarId: string): RejectionSnapshot {
  const row = db.prepare('SELECT author, rejected_at FROM suggestion_rejections WHERE statement_id = ? AND pillar_id = ?').get(statementId, pillarId) as
    | { author: string; rejected_at: string }
    | undefined;
  return { statementId, pillarId, present: !!row, author: row?.author ?? '', at: row?.rejected_at ?? '' };
}

function writeRejection(db: Database.Database, s: RejectionSnapshot): void {
  if (s.present) {
    db.prepare('INSERT INTO suggestion_rejections (statement_id, pillar_id, author, rejected_at) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET author = excluded.author, rejected_at = excluded.rejected_at').run(
      s.statementId,
      s.pillarId,
      s.author,
      s.at,
    );
  } else db.prepare('DELETE FROM suggestion_rejections WHERE statement_id = ? AND pillar_id = ?').run(s.statementId, s.pillarId);
}

export const applyRejection: Applier = (db, _id, from, to) => {
  const t = to as RejectionSnapshot;
  if (Object.keys(changedFields(from as RejectionSnapshot | null, t)).length) writeRejection(db, t);
};

/** The journal's id of a rejection: neither statement ids nor pillar ids contain "|". */
function rejectionId(statementId: string, pillarId: string): string {
  return `${statementId}|${pillarId}`;
}

/** A rejected suggestion in the journal (withdrawn: a snapshot with present false). */
export const REJECTION = defineEntity<RejectionSnapshot>({
  name: 'rejection',
  snapshot: (db, id) => {
    const bar = id.lastIndexOf('|');
    return rejectionSnapshot(db, id.slice(0, bar), id.slice(bar + 1));
  },
  apply: applyRejection,
  history: (_id, r) => ({ statementId: r.statementId, pillarId: r.pillarId }),
});

/**
 * Files the statement under the pillar: a whole-statement annotation linked to it. If the
 * statement already has a live annotation on that pillar, nothing new is made and that one returns.
 */
export function acceptSuggestion(actor: SuggestActor, statementId: string, pillarId: string): { annotation: Annotation; created: boolean } {
  const pillar = getPillar(actor.db, pillarId);
  const done = journaledChange(actor, 'suggestion.accept', { ja: `提案を採用: ${pillar.nameJa}`, en: `Accept suggestion: ${pillar.nameEn}` }, (change: Change) => {
    getStatement(actor.db, statementId);
    const existing = actor.db
      .prepare(
        `SELECT a.id FROM annotations a JOIN annotation_pillars ap ON ap.annotation_id = a.id
         WHERE a.statement_id = ? AND ap.pillar_id = ? AND a.deleted_at IS NULL AND a.orphaned = 0 ORDER BY a.created_at LIMIT 1`,
      )
      .get(statementId, pillarId) as { id: string } | undefined;
    if (existing) return { id: existing.id, created: false };
    const after = newAnnotation(actor, { statementId, pillarIds: [pillarId] }, change.at);
    insertNew(change, after);
    const before = change.touch(REJECTION, rejectionId(statementId, pillarId)) as RejectionSnapshot;
    // Accepting after rejecting: the analyst changed their mind; forget the rejection.
    if (before.present) writeRejection(actor.db, { ...before, present: false, author: '', at: '' });
    return { id: after.id, created: true };
  });
  return { annotation: getAnnotation(actor.db, done.id), created: done.created };
}

export function rejectSuggestion(actor: SuggestActor, statementId: string, pillarId: string): void {
  const pillar = getPillar(actor.db, pillarId);
  journaledChange(actor, 'suggestion.reject', { ja: `提案を却下: ${pillar.nameJa}`, en: `Reject suggestion: ${pillar.nameEn}` }, (change: Change) => {
    getStatement(actor.db, statementId);
    const before = change.touch(REJECTION, rejectionId(statementId, pillarId)) as RejectionSnapshot;
    if (before.present) return;
    writeRejection(actor.db, { statementId, pillarId, present: true, author: actor.author, at: change.at });
  });
}

/** Adds, reweighs or (weight null) removes one of the analyst's own suggestion terms. */
export function setPillarTerm(actor: Actor, pillarId: string, term: string, weight: number | null): void {
  const t = term.normalize('NFC').trim();
  if (!t || t.length > 100) throw badInput({ ja: '語は 1〜100 文字で指定してください。', en: 'A term must be 1–100 characters.' }, 'term');
  if (weight !== null && (!Number.isFinite(weight) || weight < -10 || weight > 10)) {
    throw badInput({ ja: `重み ${weight} は -10〜10 で指定してください。`, en: `Weight ${weight} must be between -10 and 10.` }, 'weight');
  }
  const pillar = getPillar(actor.db, pillarId);
  const label =
    weight === null
      ? { ja: `柱「${pillar.nameJa}」の語「${t}」を削除`, en: `Remove term "${t}" from pillar "${pillar.nameEn}"` }
      : { ja: `柱「${pillar.nameJa}」に語「${t}」を設定`, en: `Set term "${t}" on pillar "${pillar.nameEn}"` };
  journaledChange(actor, 'pillar.terms', label, (change: Change) => {
    const before = change.touch(TERM, termEntityId(pillarId, t)) as TermSnapshot;
    writeTerm(actor.db, { ...before, weight, createdAt: before.createdAt || change.at });
  });
}
