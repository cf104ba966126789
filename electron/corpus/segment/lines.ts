// Line-level text facts the segmenter relies on: input cleanup (BOM, CRLF, NUL), sentence ends,
// and how two fragments of one broken sentence are glued back together.
//
// These run on every line and block of an import (hundreds of thousands on a 20 MB page), so each
// looks at the characters it needs by index (code-units.ts) instead of trimming or slicing copies;
// the rules themselves are the regexes below, unchanged.
import { codePointsIn, firstNonSpace, lastNonSpace, unitClass } from './code-units';

/** What normalizeInput changes; text without any of these (the usual case) is returned as is. */
const INPUT_TO_CLEAN = /[\u0000-\u0008\u000B-\u001F\u007F\u2028\u2029\uFEFF]/;

/** Any string in, plain `\n`-separated text out: no BOM, no CR, no control characters but tab. */
export function normalizeInput(raw: string): string {
  if (!INPUT_TO_CLEAN.test(raw)) return raw;
  return raw
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?|[\u2028\u2029\f\v]/g, '\n')
    .replace(/[\u0000-\u0008\u000E-\u001F\u007F\uFEFF]/g, '');
}

export function isBlank(line: string): boolean {
  return firstNonSpace(line) === line.length;
}

const SEPARATOR_START = unitClass(/[-=_|:+*─━]/);

/** Markdown/PDF table rules and horizontal rules: `----`, `--\t--\t---`, `| --- |`, `***`. */
export function isSeparatorLine(line: string): boolean {
  // Prefilter: a rule's first visible character is one of its own (most lines are prose).
  const first = firstNonSpace(line);
  if (first >= line.length || !SEPARATOR_START(line.charCodeAt(first))) return false;
  const t = line.trim();
  return t.length >= 2 && /^[-=_|:+\t *─━]+$/.test(t) && /[-=_─━]{2,}|\*{3,}/.test(t);
}

const URL_RE = /^(?:貼り付け元\s*)?<?https?:\/\/[^\s<>]+>?$/;

const URL_ONLY_START = unitClass(/[貼<h]/);

/** A line that is nothing but a URL (optionally in <angle brackets>). */
export function isUrlOnly(line: string): boolean {
  const first = firstNonSpace(line);
  if (first >= line.length || !URL_ONLY_START(line.charCodeAt(first))) return false;
  return URL_RE.test(line.trim());
}

export function endsWithUrl(text: string): boolean {
  // The tail tested below is part of the text: no `http` anywhere, no URL at the end.
  if (!text.includes('http')) return false;
  const t = text.trimEnd();
  const lastSpace = Math.max(t.lastIndexOf(' '), t.lastIndexOf('\n'), t.lastIndexOf('\u3000'), t.lastIndexOf('\t'));
  return /https?:\/\/[^\s<>]+>?$/.test(t.slice(lastSpace + 1));
}

/** Characters after which a sentence or a citable unit is complete. */
const TERMINAL = /[。．.!?！？:：」』)）】\]〕〉》>"'”’…⁰¹²³⁴⁵⁶⁷⁸⁹]$/;

const ENDS_SENTENCE = unitClass(TERMINAL);
const ENDS_WITH_STOP = unitClass(/[。．！？!?]$/);

/**
 * Whether the last visible UTF-16 unit passes `test` (false for blank text). Looks only at the
 * tail, so checking a growing text stays linear; a unit, as `trimEnd().slice(-1)` gave before.
 */
function lastVisibleIs(text: string, test: (unit: number) => boolean): boolean {
  const i = lastNonSpace(text);
  return i >= 0 && test(text.charCodeAt(i));
}

/** Whether the first visible UTF-16 unit passes `test` (false for blank text). */
function firstVisibleIs(text: string, test: (unit: number) => boolean): boolean {
  const i = firstNonSpace(text);
  return i < text.length && test(text.charCodeAt(i));
}

export function endsSentence(text: string): boolean {
  return lastVisibleIs(text, ENDS_SENTENCE);
}

export function endsWithStop(text: string): boolean {
  return lastVisibleIs(text, ENDS_WITH_STOP);
}

/** Japanese text never starts a sentence with a particle or a closing mark: such a line continues. */
const CONTINUATION_START = /^[のをにがはでとへもやより、。，．）」』】〕・ー]/;
const STARTS_MID_SENTENCE = unitClass(CONTINUATION_START);
const OPENING_BRACKET = unitClass(/^[(（「『【〔［\[<〈《"“]/);

export function startsMidSentence(text: string): boolean {
  return firstVisibleIs(text, STARTS_MID_SENTENCE);
}

export function startsWithOpeningBracket(text: string): boolean {
  return firstVisibleIs(text, OPENING_BRACKET);
}

/** Code points, not UTF-16 units: the width a reader sees (leading and trailing space not counted). */
export function visibleLength(text: string): number {
  const from = firstNonSpace(text);
  return from === text.length ? 0 : codePointsIn(text, from, lastNonSpace(text) + 1);
}

/**
 * visibleLength(text) <= max, without counting past max: a long paragraph is not a short title,
 * and finding that out should not cost a walk over the whole paragraph.
 */
export function visibleLengthAtMost(text: string, max: number): boolean {
  const from = firstNonSpace(text);
  if (from === text.length) return 0 <= max;
  const to = lastNonSpace(text) + 1;
  // Code points never outnumber units: a short enough range needs no count.
  if (to - from <= max) return true;
  // More than 2·max units hold more than max code points (a pair is 2 units).
  if (to - from > 2 * max) return false;
  return codePointsIn(text, from, to) <= max;
}

const ASCII_WORD_END = unitClass(/[A-Za-z0-9,;]$/);
const ASCII_WORD_START = unitClass(/^[A-Za-z0-9(]/);
const HYPHEN = 0x2d;
const IDEOGRAPHIC_COMMA = 0x3001; // 、
const FULLWIDTH_COMMA = 0xff0c; // ，

/**
 * What goes between two fragments of one sentence broken by a line or page end: nothing in
 * Japanese (`衛` + `星による`), a space between Latin words, nothing after a hyphen (`i-` + `Construction`).
 */
export function fragmentJoiner(before: string, after: string): string {
  const a = lastNonSpace(before);
  if (a < 0) return '';
  const last = before.charCodeAt(a);
  if (last === HYPHEN) return '';
  return ASCII_WORD_END(last) && firstVisibleIs(after, ASCII_WORD_START) ? ' ' : '';
}

/** Within one block (no blank line between), keep a line break unless the line was cut mid-phrase. */
export function lineJoiner(before: string, after: string): string {
  const a = lastNonSpace(before);
  const last = a < 0 ? -1 : before.charCodeAt(a);
  if (last === IDEOGRAPHIC_COMMA || last === FULLWIDTH_COMMA || startsMidSentence(after)) return fragmentJoiner(before, after);
  return '\n';
}

/** Leading and trailing whitespace off (`[\s\u3000]` is `\s`, which is what `trim` removes). */
export function trimAll(s: string): string {
  return s.trim();
}
