// The "my notes" search scope: the analyst's own writing (annotation comments, memos, briefing
// titles, summaries, section text and item comments) searched with the words of the same query
// language as the sources (AND by spaces, OR, -exclusion, "phrases"; the folding of
// shared/text/normalize). Source filters (doc:, pillar:, tag: …) narrow statements, not notes:
// only `doc:` applies here, to annotations and document memos. Each hit says what it is and where
// it opens. The analyst's writing is small (thousands of rows), so it is scanned, not indexed.
import type Database from 'better-sqlite3';
import type { NoteHit } from '../../shared/search';
import type { ParsedQuery } from '../../shared/query/parse';
import { findOccurrences, normalizeForSearch, normalizeKey } from '../../shared/text/normalize';

/** Characters of context either side of the first match in a snippet. */
const SNIPPET_CONTEXT = 60;
/** The most note hits one query returns. */
export const MAX_NOTE_HITS = 200;

interface Candidate {
  kind: NoteHit['kind'];
  id: string;
  title: string;
  /** The text searched and shown. */
  text: string;
  documentId: string | null;
  statementId: string | null;
  briefingId: string | null;
  updatedAt: string;
}

function candidates(db: Database.Database): Candidate[] {
  const out: Candidate[] = [];
  for (const r of db
    .prepare("SELECT id, document_id, statement_id, quote_exact, comment, updated_at FROM annotations WHERE deleted_at IS NULL AND comment <> ''")
    .all() as { id: string; document_id: string; statement_id: string; quote_exact: string; comment: string; updated_at: string }[]) {
    out.push({ kind: 'annotation', id: r.id, title: r.quote_exact, text: r.comment, documentId: r.document_id, statementId: r.statement_id, briefingId: null, updatedAt: r.updated_at });
  }
  for (const r of db.prepare('SELECT id, document_id, title, body, updated_at FROM memos WHERE deleted_at IS NULL').all() as {
    id: string;
    document_id: string | null;
    title: string;
    body: string;
    updated_at: string;
  }[]) {
    out.push({ kind: 'memo', id: r.id, title: r.title, text: `${r.title}\n${r.body}`, documentId: r.document_id, statementId: null, briefingId: null, updatedAt: r.updated_at });
  }
  const briefings = db.prepare('SELECT id, title, subtitle, summary, updated_at FROM briefings WHERE deleted_at IS NULL').all() as { id: string; title: string; subtitle: string; summary: string; updated_at: string }[];
  const updated = new Map(briefings.map((b) => [b.id, b.updated_at]));
  for (const b of briefings) {
    out.push({ kind: 'briefing', id: b.id, title: b.title, text: [b.title, b.subtitle, b.summary].filter(Boolean).join('\n'), documentId: null, statementId: null, briefingId: b.id, updatedAt: b.updated_at });
  }
  for (const s of db
    .prepare("SELECT s.id, s.briefing_id, s.heading, s.body FROM briefing_sections s JOIN briefings b ON b.id = s.briefing_id WHERE b.deleted_at IS NULL AND (s.heading <> '' OR s.body <> '')")
    .all() as { id: string; briefing_id: string; heading: string; body: string }[]) {
    out.push({ kind: 'briefing-section', id: s.id, title: s.heading, text: `${s.heading}\n${s.body}`, documentId: null, statementId: null, briefingId: s.briefing_id, updatedAt: updated.get(s.briefing_id) ?? '' });
  }
  for (const i of db
    .prepare(
      `SELECT i.id, i.comment, i.quote_at_add, s.briefing_id FROM briefing_items i JOIN briefing_sections s ON s.id = i.section_id
       JOIN briefings b ON b.id = s.briefing_id WHERE b.deleted_at IS NULL AND i.comment <> ''`,
    )
    .all() as { id: string; comment: string; quote_at_add: string; briefing_id: string }[]) {
    out.push({ kind: 'briefing-item', id: i.id, title: i.quote_at_add, text: i.comment, documentId: null, statementId: null, briefingId: i.briefing_id, updatedAt: updated.get(i.briefing_id) ?? '' });
  }
  return out;
}

function shorten(s: string, n = 80): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > n ? `${t.slice(0, n)}…` : t;
}

/** The snippet around the first match, with every term's occurrences inside it marked. */
function snippetOf(text: string, terms: string[]): { snippet: string; matches: { start: number; end: number }[] } {
  const n = normalizeForSearch(text);
  const all = terms.flatMap((t) => findOccurrences(n, t)).sort((a, b) => a[0] - b[0]);
  const first = all.length ? all[0][0] : 0;
  const from = Math.max(0, first - SNIPPET_CONTEXT);
  const to = Math.min(text.length, (all.length ? all[0][1] : 0) + SNIPPET_CONTEXT * 2);
  const snippet = text.slice(from, to);
  const matches = all.filter(([s, e]) => s >= from && e <= to).map(([s, e]) => ({ start: s - from, end: e - from }));
  return { snippet, matches };
}

/**
 * The analyst's notes matching the parsed query's words, latest change first. A query with no
 * words (only filters, or empty) finds no notes: there is nothing to look for in free text.
 */
export function searchNotes(db: Database.Database, q: ParsedQuery, limit = MAX_NOTE_HITS): NoteHit[] {
  const clauses = q.clauses.map((c) => c.anyOf.map((t) => t.norm).filter(Boolean)).filter((c) => c.length > 0);
  if (!clauses.length) return [];
  const exclude = q.exclude.map((t) => t.norm).filter(Boolean);
  const docs = q.filters.docs;
  const hits: NoteHit[] = [];
  for (const c of candidates(db)) {
    if (docs.length && (c.documentId === null || !docs.includes(c.documentId))) continue;
    const folded = normalizeKey(c.text);
    if (!clauses.every((any) => any.some((t) => folded.includes(t)))) continue;
    if (exclude.some((t) => folded.includes(t))) continue;
    const { snippet, matches } = snippetOf(c.text, clauses.flat());
    hits.push({ kind: c.kind, id: c.id, title: shorten(c.title), snippet, matches, documentId: c.documentId, statementId: c.statementId, briefingId: c.briefingId, updatedAt: c.updatedAt });
  }
  hits.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : a.id < b.id ? -1 : 1));
  return hits.slice(0, Math.max(0, limit));
}
