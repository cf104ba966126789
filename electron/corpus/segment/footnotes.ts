// Footnotes as printed in PDF extractions: a line `⁶⁹ text` is the note, a superscript `⁶⁹`
// inside other text is its reference; both are matched here and linked by marker.
import type { FootnoteRef } from '../../../shared/model';

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const SUP_CLASS = `[${SUPERSCRIPT}]`;
const FOOTNOTE_LINE = new RegExp(`^[\\s\\u3000]*(${SUP_CLASS}+)[\\s\\u3000]*(\\S.*)$`);
const SUP_RUN = new RegExp(`${SUP_CLASS}+`, 'g');
const HAS_SUP = new RegExp(SUP_CLASS);

export function superscriptToDigits(s: string): string {
  return [...s].map((c) => String(SUPERSCRIPT.indexOf(c))).join('');
}

export interface FootnoteLine {
  marker: string;
  /** The raw text before the footnote text (the superscript and spacing). */
  lead: string;
  text: string;
}

export function parseFootnoteLine(line: string): FootnoteLine | null {
  const m = FOOTNOTE_LINE.exec(line);
  if (!m) return null;
  return { marker: superscriptToDigits(m[1]), lead: line.slice(0, line.length - m[2].length), text: m[2] };
}

/** Superscript references inside a statement (not `m²`: a single superscript after a Latin letter is an exponent). */
export function findFootnoteRefs(text: string): Omit<FootnoteRef, 'footnoteId'>[] {
  const refs: Omit<FootnoteRef, 'footnoteId'>[] = [];
  if (!HAS_SUP.test(text)) return refs; // most statements cite no note: one scan, no iterator
  for (const m of text.matchAll(SUP_RUN)) {
    const before = m.index > 0 ? text[m.index - 1] : '';
    if (m[0].length === 1 && /[A-Za-z]/.test(before)) continue;
    refs.push({ marker: superscriptToDigits(m[0]), start: m.index, end: m.index + m[0].length });
  }
  return refs;
}

export interface FootnoteTarget {
  marker: string;
  id: string;
  ordinal: number;
}

/**
 * Links a reference to its note: the first note with that marker after the reference (notes sit
 * at the page foot below their references), else the nearest one before it.
 */
export function resolveFootnote(marker: string, refOrdinal: number, notes: readonly FootnoteTarget[]): string | null {
  let before: FootnoteTarget | null = null;
  for (const n of notes) {
    if (n.marker !== marker) continue;
    if (n.ordinal > refOrdinal) return n.id;
    before = n;
  }
  return before ? before.id : null;
}
