// Recognises the numbering and bullet a line starts with (①, ②4, ・, - ・, ○, (1), （１）, 1., Ⅰ, 【…】, #),
// so structure is read from the content of any imported text, not from file names.
import { firstNonSpace, unitClass } from './code-units';

export type MarkerStyle =
  | 'circled' // ① … ㊿, also the PDF-broken ②4
  | 'bullet' // ・ • ▽ ■ … and a bare markdown "-"
  | 'circle' // ○ : a bullet, or a speaker line in minutes
  | 'paren' // (1) （１） (a) （ア）
  | 'number' // 1. 1 １ 
  | 'roman' // Ⅰ Ⅱ … / IV.
  | 'markdown'; // # heading

export interface LineMarker {
  style: MarkerStyle;
  /** The marker as printed, e.g. ①, ・, (1), 1., ②4. */
  marker: string;
  /** The raw text before the body: leading space, markdown "- ", marker and following space. */
  lead: string;
  /** What follows the marker. */
  body: string;
  /** For markdown headings: the number of #. */
  depth?: number;
}

const CIRCLED_RANGES: readonly [number, number, number][] = [
  [0x2460, 0x2473, 1], // ①-⑳
  [0x3251, 0x325f, 21], // ㉑-㉟
  [0x32b1, 0x32bf, 36], // ㊱-㊿
];

/** ① → 1, ㉑ → 21; null for any other character. */
export function circledValue(ch: string): number | null {
  const cp = ch.codePointAt(0) ?? 0;
  for (const [lo, hi, base] of CIRCLED_RANGES) if (cp >= lo && cp <= hi) return base + cp - lo;
  return null;
}

const CIRCLED_CLASS = '[\\u2460-\\u2473\\u3251-\\u325f\\u32b1-\\u32bf]';
export const CIRCLED_RE = new RegExp(CIRCLED_CLASS);
const BULLETS = '・•●◆◇■□▽▼▲△◎◦▪▸►';
const SP = '[ \\t\\u3000\\u00a0]';

const PATTERNS: readonly [MarkerStyle, RegExp][] = [
  // PDF extraction turns ㉔ into "②4": a circled digit, one digit, then a space.
  ['circled', new RegExp(`^([\\u2460-\\u2468][0-9])(${SP}+)`)],
  ['circled', new RegExp(`^(${CIRCLED_CLASS})(${SP}*)`)],
  ['bullet', new RegExp(`^([${BULLETS}])(${SP}*)`)],
  ['circle', new RegExp(`^([○◯])(${SP}*)`)],
  ['paren', new RegExp(`^([(（](?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3}|[a-zａ-ｚ]|[ア-ンｱ-ﾝ])[)）])(${SP}*)`)],
  ['roman', new RegExp(`^([ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ]+)(${SP}+|(?=[^\\s]))`)],
  ['roman', new RegExp(`^((?:I|II|III|IV|V|VI|VII|VIII|IX|X)\\.)(${SP}+)`)],
  ['number', new RegExp(`^([0-9０-９]{1,2}[.．])(${SP}*)(?=\\S)`)],
  // `1 日時：…` but not `5 年加速化…` or `12 月`: a unit right after the number is a quantity.
  ['number', new RegExp(`^([0-9０-９]{1,2})(${SP}+)(?![年月日時分秒回件人%％](?:[\\s0-9０-９、。，,（(]|$))(?=[^\\s0-9０-９/／.:：])`)],
];

/**
 * Every first character the markdown heading, the markdown dash and PATTERNS can start with: a
 * superset of theirs, so a line starting with anything else has no marker.
 */
const MAY_START_MARKER = unitClass(new RegExp(`^(?:[#*+\\-]|${CIRCLED_CLASS}|[${BULLETS}○◯(（ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫIVX0-9０-９])`));

/**
 * The marker a line starts with, or null. A markdown list dash (`- ・…`, `- ①…`) is folded into
 * the inner marker; a bare dash is itself the marker.
 */
export function parseLineMarker(line: string): LineMarker | null {
  // Prefilter: most lines start with text, and no pattern below can match it.
  const at = firstNonSpace(line);
  if (at === line.length || !MAY_START_MARKER(line.charCodeAt(at))) return null;
  const indent = line.slice(0, at); // `[\s\u3000]*`: \s already holds U+3000
  let rest = line.slice(at);
  const md = /^(#{1,6})[ \t]+(?=\S)/.exec(rest);
  if (md) return { style: 'markdown', marker: md[1], lead: indent + md[0], body: rest.slice(md[0].length), depth: md[1].length };
  let dash = '';
  const dm = /^[-*+][ \t\u3000]+(?=\S)/.exec(rest);
  if (dm) {
    dash = dm[0];
    rest = rest.slice(dash.length);
  }
  for (const [style, re] of PATTERNS) {
    const m = re.exec(rest);
    if (!m) continue;
    const body = rest.slice(m[0].length);
    if (!body.trim()) continue;
    return { style, marker: m[1], lead: indent + dash + m[0], body };
  }
  if (dash) return { style: 'bullet', marker: dash.trim(), lead: indent + dash, body: rest };
  return null;
}

/** The value of a circled marker (②4 → 24), for deciding whether ① … ⑥ are a heading series. */
export function circledMarkerValue(marker: string): number | null {
  const first = circledValue(marker[0] ?? '');
  if (first === null) return null;
  return marker.length > 1 ? first * 10 + Number(marker.slice(1)) : first;
}
