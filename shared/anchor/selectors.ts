// Building W3C-style selectors for a span of a statement, and finding a quote the analyst typed.
// Offsets are UTF-16 code units, but never split a surrogate pair (an emoji or rare kanji).
import type { TextPositionSelector, TextQuoteSelector } from '../annotations';

/** Characters of context kept either side of a quote: enough to tell repeated phrases apart. */
export const CONTEXT_LENGTH = 32;

function isHigh(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
function isLow(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Moves an offset off the middle of a surrogate pair (towards the start when `dir` < 0). */
export function snapOffset(text: string, offset: number, dir: -1 | 1): number {
  if (offset <= 0 || offset >= text.length) return Math.max(0, Math.min(offset, text.length));
  if (isLow(text.charCodeAt(offset)) && isHigh(text.charCodeAt(offset - 1))) return offset + dir;
  return offset;
}

/** Length in code points, the unit in which "a quote of N characters" is meant. */
export function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    n++;
    if (isHigh(s.charCodeAt(i)) && i + 1 < s.length && isLow(s.charCodeAt(i + 1))) i++;
  }
  return n;
}

export function describeRange(text: string, start: number, end: number, context = CONTEXT_LENGTH): { quote: TextQuoteSelector; position: TextPositionSelector } {
  const from = snapOffset(text, Math.max(0, start - context), 1);
  const to = snapOffset(text, Math.min(text.length, end + context), -1);
  return {
    quote: { exact: text.slice(start, end), prefix: text.slice(from, start), suffix: text.slice(end, to) },
    position: { start, end },
  };
}

/** Every start offset of `needle` in `haystack` (overlapping occurrences included). */
export function occurrences(haystack: string, needle: string): number[] {
  const out: number[] = [];
  if (!needle) return out;
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + 1)) out.push(i);
  return out;
}

export type QuoteLookup = { ok: true; start: number; end: number; occurrences: number } | { ok: false; reason: 'empty' | 'absent' | 'position-mismatch' };

/**
 * Where an analyst's quote sits in a statement. With `hint` (the offset the selection started at)
 * the occurrence must be exactly there; without it, the first occurrence is taken and the caller
 * learns how many there were (a repeated phrase is still a valid, if ambiguous, quote).
 */
export function locateQuote(text: string, exact: string, hint?: number): QuoteLookup {
  if (exact.length === 0) return { ok: false, reason: 'empty' };
  const all = occurrences(text, exact);
  if (all.length === 0) return { ok: false, reason: 'absent' };
  if (hint !== undefined) {
    if (!all.includes(hint)) return { ok: false, reason: 'position-mismatch' };
    return { ok: true, start: hint, end: hint + exact.length, occurrences: all.length };
  }
  return { ok: true, start: all[0], end: all[0] + exact.length, occurrences: all.length };
}
