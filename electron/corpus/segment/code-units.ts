// Per-character tests and whitespace scans for the segmenter's hot paths, without allocating:
// trimming a line or slicing out its last character only to test one character made a short-lived
// string per test, hundreds of thousands of them on a large import (most of the segmenter's GC).
//
// Each test is derived from the character-class regex the segmenter always used, by asking that
// regex about every UTF-16 unit once (lazily, at first sight of the unit): the answer is the
// regex's by construction, so the rules stay written as regexes and the output cannot drift.

/** A membership test over UTF-16 code units, equal to `re.test(String.fromCharCode(unit))`. */
export type UnitTest = (unit: number) => boolean;

const UNKNOWN = 0;
const NO = 1;
const YES = 2;

/** `re` must be a one-character test (a class, optionally anchored); it is asked per unit, lazily. */
export function unitClass(re: RegExp): UnitTest {
  if (re.global || re.sticky) throw new Error('unitClass needs a stateless regex');
  const memo = new Uint8Array(0x10000);
  return (unit) => {
    const known = memo[unit];
    if (known !== UNKNOWN) return known === YES;
    const yes = re.test(String.fromCharCode(unit));
    memo[unit] = yes ? YES : NO;
    return yes;
  };
}

/** What `String.prototype.trim` and `\s` remove (both are WhiteSpace + LineTerminator). */
export const isSpaceUnit = unitClass(/^\s$/);

/** Index of the first unit of `s` that is not whitespace (s.length when there is none). */
export function firstNonSpace(s: string): number {
  const n = s.length;
  let i = 0;
  while (i < n && isSpaceUnit(s.charCodeAt(i))) i++;
  return i;
}

/** Index of the last unit of `s` that is not whitespace (-1 when there is none). */
export function lastNonSpace(s: string): number {
  let i = s.length - 1;
  while (i >= 0 && isSpaceUnit(s.charCodeAt(i))) i--;
  return i;
}

const SURROGATE = /[\ud800-\udfff]/;

/** Code points (a lone surrogate counts as one) in s[from, to): what `for (const _ of …)` counts. */
export function codePointsIn(s: string, from: number, to: number): number {
  // Japanese text is almost always in the BMP: one native scan, then units are code points.
  if (!SURROGATE.test(s)) return to - from;
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < to) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}
