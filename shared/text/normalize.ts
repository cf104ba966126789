// The one text normalization for matching: ingest, the search index, queries, pillar-term
// matching and fuzzy anchoring all fold text here, so "matches" means the same thing everywhere.
//
// normalizeKey(text) is the folded string; normalizeForSearch(text) also maps every folded
// UTF-16 unit back to the original [start, end) it came from, so a match found in folded text
// can be marked exactly in the original. Rules, in order (docs/search.md has the table):
//  1. footnote superscripts (⁰-⁹ ⁺⁻⁼⁽⁾), control/format characters, variation selectors: dropped
//     (before NFKC, which would turn ボット⁷¹の into ボット71の);
//  2. Unicode NFKC per grapheme-like cluster (base + combining marks, so ｶﾞ → ガ), then lower case;
//  3. all whitespace dropped (S I P 4 D = SIP4D, 2029 年度 = 2029年度);
//  4. variant kanji folded (shared/text/variants.ts: 靭 → 靱 …);
//  5. katakana long-vowel mark ー dropped after katakana (コンピューター = コンピュータ).
import { VARIANT_KANJI } from './variants';

export interface NormalizedText {
  /** The folded text. */
  norm: string;
  /** For each UTF-16 unit of `norm`, the original [start, end) it came from. */
  starts: Int32Array;
  ends: Int32Array;
}

const LONG_VOWEL = 0x30fc;

function isKatakana(c: number): boolean {
  return (c >= 0x30a1 && c <= 0x30fa) || (c >= 0x30fd && c <= 0x30ff) || (c >= 0x31f0 && c <= 0x31ff) || c === LONG_VOWEL;
}

/** Dropped before NFKC: footnote superscripts, controls, format chars, variation selectors. */
function isDroppedSource(cp: number): boolean {
  if (cp === 0xb9 || cp === 0xb2 || cp === 0xb3) return true; // ¹ ² ³
  if (cp >= 0x2070 && cp <= 0x207e && cp !== 0x2071) return true; // ⁰ ⁴-⁹ ⁺ ⁻ ⁼ ⁽ ⁾
  if (cp >= 0xfe00 && cp <= 0xfe0f) return true; // variation selectors
  if (cp >= 0xe0100 && cp <= 0xe01ef) return true; // ideographic variation selectors (IVS)
  return false;
}

const DROP_AFTER = /[\s\p{Cc}\p{Cf}]/u;
const MARK = /\p{M}/u;

/** Folds an NFKC+lower-cased output string: drops whitespace/controls, folds variant kanji. */
function foldOutput(s: string): string {
  let out = '';
  for (const ch of s) {
    if (DROP_AFTER.test(ch)) continue;
    // A mark with no base left (spacing diacritics such as ˛ or ゛ decompose to space + mark) is
    // dropped: kept, it would join the previous character on a second pass (not idempotent).
    if (out === '' && MARK.test(ch)) continue;
    const cp = ch.codePointAt(0)!;
    if (isDroppedSource(cp) || (cp >= 0xd800 && cp <= 0xdfff)) continue; // lone surrogates too
    out += VARIANT_KANJI[ch] ?? ch;
  }
  return out;
}

function foldCluster(cluster: string): string {
  const first = cluster.codePointAt(0)!;
  if (isDroppedSource(first)) return '';
  return foldOutput(cluster.normalize('NFKC').toLowerCase());
}

// Per-BMP-unit lookup: the fast path for the usual lone character. Filled lazily, one code unit
// at its first use: building all 65,536 entries up front (an NFKC call each) cost ≈ 0.1–0.2 s at
// every process start, before the first search could fold its query, while a search or a day's
// ingest touches a few thousand distinct units. Each entry is exactly what the eager loop gave
// (test/search/normalize.test.ts compares the two over every unit).
const FOLD: string[] = new Array<string>(0x10000).fill(''); // filled so V8 keeps fast (not dictionary) elements
/** Per unit: KNOWN once its entry is filled, then IS_MARK and IDENTITY as computed for it. */
const FLAGS = new Uint8Array(0x10000);
const KNOWN = 1;
const IS_MARK = 2;
const IDENTITY = 4;

/** Fills the entry for one BMP code unit and returns its flags. */
function classify(c: number): number {
  if (c >= 0xd800 && c <= 0xdfff) {
    FOLD[c] = '';
    return (FLAGS[c] = KNOWN);
  }
  const ch = String.fromCharCode(c);
  const fold = foldCluster(ch);
  FOLD[c] = fold;
  let flags = KNOWN;
  // Half-width (semi-)voiced sound marks compose with the preceding kana under NFKC.
  if (MARK.test(ch) || c === 0xff9e || c === 0xff9f) flags |= IS_MARK;
  // Copied as is unless it is a mark (joins its base) or ー (depends on its neighbour).
  if (fold === ch && !(flags & IS_MARK) && c !== LONG_VOWEL) flags |= IDENTITY;
  return (FLAGS[c] = flags);
}

function flagsOf(c: number): number {
  return FLAGS[c] || classify(c);
}

function isMarkUnit(c: number): boolean {
  return (flagsOf(c) & IS_MARK) !== 0;
}

/** The fold of a lone BMP unit (its entry filled on first use). */
function foldUnit(c: number): string {
  if (!FLAGS[c]) classify(c);
  return FOLD[c];
}

/**
 * For tests: the entries as the former eager build made them, for every BMP unit, beside the lazily
 * filled ones (filling any still missing); and how many entries a fresh process has filled so far.
 */
export function foldTableForTest(): { lazy: { fold: string; mark: boolean; identity: boolean }[]; eager: { fold: string; mark: boolean; identity: boolean }[] } {
  const eager: { fold: string; mark: boolean; identity: boolean }[] = [];
  const lazy: { fold: string; mark: boolean; identity: boolean }[] = [];
  for (let c = 0; c < 0x10000; c++) {
    const ch = String.fromCharCode(c);
    const surrogate = c >= 0xd800 && c <= 0xdfff;
    const fold = surrogate ? '' : foldCluster(ch);
    const mark = !surrogate && (MARK.test(ch) || c === 0xff9e || c === 0xff9f);
    eager.push({ fold, mark, identity: !surrogate && fold === ch && !mark && c !== LONG_VOWEL });
    const f = flagsOf(c);
    lazy.push({ fold: FOLD[c], mark: (f & IS_MARK) !== 0, identity: (f & IDENTITY) !== 0 });
  }
  return { lazy, eager };
}

export function filledFoldEntriesForTest(): number {
  let n = 0;
  for (let c = 0; c < 0x10000; c++) if (FLAGS[c]) n++;
  return n;
}

/** Length in UTF-16 units of the cluster starting at i: one code point plus any combining marks. */
function clusterEnd(text: string, i: number): number {
  const n = text.length;
  let j = i + 1;
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && j < n) {
    const d = text.charCodeAt(j);
    if (d >= 0xdc00 && d <= 0xdfff) j++;
  }
  while (j < n) {
    const m = text.charCodeAt(j);
    if (m >= 0xd800 && m <= 0xdbff && j + 1 < n) {
      const cp = text.codePointAt(j)!;
      // Astral marks (rare) and ideographic variation selectors stay with their base.
      if ((cp >= 0xe0100 && cp <= 0xe01ef) || MARK.test(String.fromCodePoint(cp))) {
        j += 2;
        continue;
      }
      break;
    }
    if (isMarkUnit(m)) j++;
    else break;
  }
  return j;
}

type Emit = (out: string, start: number, end: number) => void;

function walk(text: string, emit: Emit): void {
  const n = text.length;
  let prev = -1; // last emitted UTF-16 unit, for the long-vowel rule
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    let out: string;
    let end: number;
    const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
    if ((c < 0xd800 || c > 0xdfff) && !isMarkUnit(next)) {
      out = foldUnit(c);
      end = i + 1;
    } else {
      end = clusterEnd(text, i);
      out = foldCluster(text.slice(i, end));
    }
    for (let k = 0; k < out.length; k++) {
      const o = out.charCodeAt(k);
      // ー after katakana (or at the very start) is a spelling variant, not content.
      if (o === LONG_VOWEL && (prev === -1 || isKatakana(prev))) continue;
      emit(out[k], i, end);
      prev = o;
    }
    i = end;
  }
}

/** The folded form of `text`, for comparisons and index keys (no offset map). */
export function normalizeKey(text: string): string {
  // Same rules as walk(), inlined and copying unchanged runs whole: this runs over every
  // statement at ingest, where most characters (kana, kanji, lower-case ASCII) fold to themselves.
  // Each unit's flags are looked up once: as the next unit of one step, then as the current one.
  const n = text.length;
  let out = '';
  let prev = -1;
  let runStart = 0;
  let i = 0;
  let flags = n > 0 ? flagsOf(text.charCodeAt(0)) : 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const nextFlags = i + 1 < n ? flagsOf(text.charCodeAt(i + 1)) : 0; // past the end: no mark
    if ((flags & IDENTITY) !== 0 && (nextFlags & IS_MARK) === 0) {
      i++;
      flags = nextFlags;
      continue;
    }
    const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
    if (i > runStart) {
      out += text.slice(runStart, i);
      prev = text.charCodeAt(i - 1);
    }
    let piece: string;
    if ((c < 0xd800 || c > 0xdfff) && !isMarkUnit(next)) {
      piece = foldUnit(c);
      i++;
    } else {
      const end = clusterEnd(text, i);
      piece = foldCluster(text.slice(i, end));
      i = end;
    }
    for (let k = 0; k < piece.length; k++) {
      const o = piece.charCodeAt(k);
      if (o === LONG_VOWEL && (prev === -1 || isKatakana(prev))) continue;
      out += piece[k];
      prev = o;
    }
    runStart = i;
    flags = i < n ? flagsOf(text.charCodeAt(i)) : 0;
  }
  if (runStart === 0) return text;
  if (n > runStart) out += text.slice(runStart, n);
  return out;
}

/** The folded form of `text` with a map from each folded unit back to original offsets. */
export function normalizeForSearch(text: string): NormalizedText {
  const parts: string[] = [];
  let starts: Int32Array = new Int32Array(Math.max(16, text.length));
  let ends: Int32Array = new Int32Array(Math.max(16, text.length));
  let len = 0;
  walk(text, (ch, start, end) => {
    if (len === starts.length) {
      const grow = (a: Int32Array): Int32Array => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      starts = grow(starts);
      ends = grow(ends);
    }
    parts.push(ch);
    starts[len] = start;
    ends[len] = end;
    len++;
  });
  return { norm: parts.join(''), starts: starts.subarray(0, len), ends: ends.subarray(0, len) };
}

/** Original [start, end) covered by the folded range [normStart, normEnd) (normEnd > normStart). */
export function toOriginalRange(n: NormalizedText, normStart: number, normEnd: number): [number, number] {
  return [n.starts[normStart], n.ends[normEnd - 1]];
}

/**
 * Every occurrence of an already-folded needle in the folded text, as original offsets,
 * left to right and non-overlapping (what a reader would mark).
 */
export function findOccurrences(n: NormalizedText, foldedNeedle: string): [number, number][] {
  const out: [number, number][] = [];
  if (!foldedNeedle) return out;
  let from = 0;
  for (;;) {
    const at = n.norm.indexOf(foldedNeedle, from);
    if (at < 0) break;
    out.push(toOriginalRange(n, at, at + foldedNeedle.length));
    from = at + foldedNeedle.length;
  }
  return out;
}

/** True when `needle` occurs in `haystack` under search folding (both given raw). */
export function containsNormalized(haystack: string, needle: string): boolean {
  const k = normalizeKey(needle);
  return k.length > 0 && normalizeKey(haystack).includes(k);
}
