// Layered re-anchoring of an annotation in a changed document, after the Hypothesis client:
// exact position, then the quote with its context, then a fuzzy match; otherwise an orphan.
import type { AnnotationTarget } from '../annotations';
import { codePointLength, occurrences, snapOffset } from './selectors';
import { bestApproximateMatch, bigramCoverage, similarity } from './fuzzy';

/**
 * Below this many characters a fuzzy match is not trusted: a short Japanese quote (経済安全保障,
 * 半導体の確保) is as likely to match a different sentence as an edited version of its own.
 */
export const MIN_FUZZY_QUOTE_LENGTH = 10;
/** At most this share of the quote's characters may be edited for a fuzzy match to count. */
export const MAX_FUZZY_ERROR_RATE = 0.25;
/** Fuzzy search runs on this many most-similar statements (plus the annotation's own). */
const FUZZY_CANDIDATES = 6;
/** Longer quotes are compared statement-to-statement instead of by substring search. */
const LONG_QUOTE = 600;

export interface AnchorStatement {
  id: string;
  text: string;
  /** Offset of the statement in the document's clean text. */
  start: number;
}

export interface AnchorInput {
  statementId: string;
  target: AnnotationTarget;
}

export interface Anchored {
  statementId: string;
  start: number;
  end: number;
  method: 'position' | 'quote' | 'fuzzy';
  /** 0..1: how closely quote and context agree with the old target (1 for exact). */
  confidence: number;
}

function commonSuffix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
  return n;
}
function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a.charCodeAt(n) === b.charCodeAt(n)) n++;
  return n;
}

/** Share of the stored prefix and suffix that agree with the text around a candidate place. */
function contextAgreement(target: AnnotationTarget, text: string, start: number, end: number): number {
  const { prefix, suffix } = target.quote;
  const total = prefix.length + suffix.length;
  if (total === 0) {
    // A quote that was a whole statement: agreement means it still is one.
    return start === 0 && end === text.length ? 1 : 0;
  }
  const before = text.slice(Math.max(0, start - prefix.length), start);
  const after = text.slice(end, end + suffix.length);
  // Judged on the context there is room for: a quote now near the statement's edge can only
  // agree on the characters that are still there.
  const room = Math.min(prefix.length, before.length) + Math.min(suffix.length, after.length);
  if (room === 0) return 0.4; // it became a whole statement: neither confirmed nor refuted
  return (commonSuffix(prefix, before) + commonPrefix(suffix, after)) / room;
}

function atPosition(input: AnchorInput, same: AnchorStatement | undefined): Anchored | null {
  if (!same) return null;
  const { quote, position, scope } = input.target;
  if (scope === 'statement') {
    return same.text === quote.exact ? { statementId: same.id, start: 0, end: same.text.length, method: 'position', confidence: 1 } : null;
  }
  if (same.text.slice(position.start, position.end) !== quote.exact) return null;
  return { statementId: same.id, start: position.start, end: position.end, method: 'position', confidence: 1 };
}

interface Candidate {
  statement: AnchorStatement;
  start: number;
  end: number;
  quoteSim: number;
  context: number;
}

function distance(input: AnchorInput, c: Candidate): number {
  return Math.abs(c.statement.start + c.start - input.target.docStart);
}

/** Higher is better: context first, then staying in the same statement, then nearness. */
function score(input: AnchorInput, c: Candidate): number {
  return 0.6 * c.quoteSim + 0.3 * c.context + (c.statement.id === input.statementId ? 0.1 : 0);
}

function rank(input: AnchorInput, a: Candidate, b: Candidate): number {
  const d = score(input, b) - score(input, a);
  if (Math.abs(d) > 1e-9) return d;
  return distance(input, a) - distance(input, b);
}

function byQuote(input: AnchorInput, statements: readonly AnchorStatement[]): Anchored | null {
  const exact = input.target.quote.exact;
  const found: Candidate[] = [];
  for (const s of statements) {
    for (const at of occurrences(s.text, exact)) {
      found.push({ statement: s, start: at, end: at + exact.length, quoteSim: 1, context: contextAgreement(input.target, s.text, at, at + exact.length) });
    }
  }
  if (found.length === 0) return null;
  found.sort((a, b) => rank(input, a, b));
  const best = found[0];
  // An exact quote is trusted where its context agrees, or where it is the only occurrence in the
  // document and long enough to be unambiguous. A short phrase without its context, even in the
  // same statement, is likely a different sentence that shares words.
  const trusted = best.context >= 0.5 || (found.length === 1 && codePointLength(exact) >= MIN_FUZZY_QUOTE_LENGTH);
  if (!trusted) return null;
  return { statementId: best.statement.id, start: best.start, end: best.end, method: 'quote', confidence: 0.7 + 0.3 * best.context };
}

function byFuzzy(input: AnchorInput, statements: readonly AnchorStatement[]): Anchored | null {
  const exact = input.target.quote.exact;
  const length = codePointLength(exact);
  if (length < MIN_FUZZY_QUOTE_LENGTH) return null;
  const maxErrors = Math.floor(exact.length * MAX_FUZZY_ERROR_RATE);
  const ranked = statements
    .map((s) => ({ s, cover: bigramCoverage(exact, s.text) }))
    .filter((x) => x.cover >= 1 - 2 * MAX_FUZZY_ERROR_RATE || x.s.id === input.statementId)
    .sort((a, b) => b.cover - a.cover)
    .slice(0, FUZZY_CANDIDATES)
    .map((x) => x.s);
  const same = statements.find((s) => s.id === input.statementId);
  if (same && !ranked.includes(same)) ranked.push(same);

  const found: Candidate[] = [];
  for (const s of ranked) {
    if (exact.length > LONG_QUOTE || input.target.scope === 'statement') {
      // Whole statements (and very long quotes) are matched statement to statement.
      const sim = similarity(exact, s.text);
      if (1 - sim <= MAX_FUZZY_ERROR_RATE) found.push({ statement: s, start: 0, end: s.text.length, quoteSim: sim, context: 1 });
      continue;
    }
    const hit = bestApproximateMatch(exact, s.text, maxErrors);
    if (!hit || hit.end <= hit.start) continue;
    const start = snapOffset(s.text, hit.start, -1);
    const end = snapOffset(s.text, hit.end, 1);
    const { prefix, suffix } = input.target.quote;
    const before = s.text.slice(Math.max(0, start - prefix.length), start);
    const after = s.text.slice(end, end + suffix.length);
    const context = prefix.length + suffix.length === 0 ? 1 : (similarity(prefix, before) * prefix.length + similarity(suffix, after) * suffix.length) / (prefix.length + suffix.length);
    found.push({ statement: s, start, end, quoteSim: 1 - hit.errors / exact.length, context });
  }
  if (found.length === 0) return null;
  found.sort((a, b) => rank(input, a, b));
  const [best, second] = found;
  // Two different places that fit equally well: choosing one would be a guess, so orphan it.
  const tie = second && Math.abs(score(input, best) - score(input, second)) < 1e-9 && distance(input, best) === distance(input, second);
  if (tie && second.statement.id !== best.statement.id) return null;
  return { statementId: best.statement.id, start: best.start, end: best.end, method: 'fuzzy', confidence: 0.6 * best.quoteSim + 0.4 * best.context };
}

/** Where the annotation belongs among the document's new statements, or null for an orphan. */
export function anchorAnnotation(input: AnchorInput, statements: readonly AnchorStatement[]): Anchored | null {
  const same = statements.find((s) => s.id === input.statementId);
  return atPosition(input, same) ?? byQuote(input, statements) ?? byFuzzy(input, statements);
}
