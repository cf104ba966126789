// Building W3C-style selectors for a span of a statement, and finding a quote the analyst typed.
// Offsets are UTF-16 code units, but never split a surrogate pair (an emoji or rare kanji).
import type { TextPositionSelector, TextQuoteSelector } from '../annotations';
import { normalizeForSearch, normalizeKey } from '../text/normalize';

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
 * Where `exact` occurs in `text` up to canonical equivalence: "café" typed in NFC against NFD text
 * ("cafe" + U+0301), が against か + U+3099. Candidates come from the one normalization module's
 * folded text (whose offset map points back into `text`), and each is kept only when the stored
 * slice and the quote are the same under NFC: the looser folds (case, width, spaces, variant
 * kanji) find candidates but never make a different quote acceptable. Ranges are in `text`'s own
 * units, so what is stored is always the statement's own text.
 */
export function equivalentOccurrences(text: string, exact: string): { start: number; end: number }[] {
  const key = normalizeKey(exact);
  if (!key) return [];
  const wanted = exact.normalize('NFC');
  const { norm, starts, ends } = normalizeForSearch(text);
  const out: { start: number; end: number }[] = [];
  for (let i = norm.indexOf(key); i !== -1; i = norm.indexOf(key, i + 1)) {
    const start = starts[i];
    const end = ends[i + key.length - 1];
    if (text.slice(start, end).normalize('NFC') === wanted && !out.some((o) => o.start === start)) out.push({ start, end });
  }
  return out;
}

/**
 * Where an analyst's quote sits in a statement. With `hint` (the offset the selection started at)
 * the occurrence must be exactly there; without it, the first occurrence is taken and the caller
 * learns how many there were (a repeated phrase is still a valid, if ambiguous, quote). A quote in
 * another Unicode normalization form than the statement (NFC against NFD) is the same quote.
 */
export function locateQuote(text: string, exact: string, hint?: number): QuoteLookup {
  if (exact.length === 0) return { ok: false, reason: 'empty' };
  const direct = occurrences(text, exact);
  const all = direct.length ? direct.map((start) => ({ start, end: start + exact.length })) : equivalentOccurrences(text, exact);
  if (all.length === 0) return { ok: false, reason: 'absent' };
  if (hint !== undefined) {
    const at = all.find((o) => o.start === hint);
    if (!at) return { ok: false, reason: 'position-mismatch' };
    return { ok: true, start: at.start, end: at.end, occurrences: all.length };
  }
  return { ok: true, start: all[0].start, end: all[0].end, occurrences: all.length };
}
