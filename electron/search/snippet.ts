// Highlights and snippets computed on the folded text and mapped back to the original statement
// text, so marks land exactly on what the reader sees (FTS5's own highlight() would mark bigrams).
import type { SnippetSegment } from '../../shared/search';
import { findOccurrences, normalizeForSearch } from '../../shared/text/normalize';

/** Snippets shorter than this are the whole statement. */
export const SNIPPET_CONTEXT_BEFORE = 40;
export const SNIPPET_LENGTH = 160;

/** Every span of the original text where one of the folded needles occurs, merged and sorted. */
export function matchSpans(text: string, foldedNeedles: readonly string[]): [number, number][] {
  const n = normalizeForSearch(text);
  const spans: [number, number][] = [];
  for (const needle of foldedNeedles) spans.push(...findOccurrences(n, needle));
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push([s[0], s[1]]);
  }
  return merged;
}

function safeCut(text: string, i: number): number {
  // Never split a surrogate pair.
  if (i > 0 && i < text.length) {
    const c = text.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) return i - 1;
  }
  return Math.max(0, Math.min(text.length, i));
}

/** A window of the text around the first match, as plain and marked segments. */
export function buildSnippet(text: string, spans: readonly [number, number][]): SnippetSegment[] {
  let from = 0;
  let to = text.length;
  if (text.length > SNIPPET_LENGTH) {
    const first = spans[0]?.[0] ?? 0;
    from = safeCut(text, Math.max(0, first - SNIPPET_CONTEXT_BEFORE));
    to = safeCut(text, Math.min(text.length, from + SNIPPET_LENGTH));
    if (spans[0] && spans[0][1] > to) to = spans[0][1];
  }
  const segments: SnippetSegment[] = [];
  if (from > 0) segments.push({ text: '…', mark: false });
  let at = from;
  for (const [s, e] of spans) {
    if (e <= from || s >= to) continue;
    const a = Math.max(s, from);
    const b = Math.min(e, to);
    if (a > at) segments.push({ text: text.slice(at, a), mark: false });
    segments.push({ text: text.slice(a, b), mark: true });
    at = b;
  }
  if (to > at) segments.push({ text: text.slice(at, to), mark: false });
  if (to < text.length) segments.push({ text: '…', mark: false });
  return segments;
}
