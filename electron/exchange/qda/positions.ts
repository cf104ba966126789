// REFI-QDA positions are counted in Unicode code points; the workbench's offsets are UTF-16 code
// units. This module converts between the two, and decides how a tool counted CRLF line ends:
// the standard counts the two characters, ATLAS.ti counts one.

/** UTF-16 offset of every code point boundary: table[cp] = utf16 offset (length cps + 1). */
export function codePointOffsets(text: string): Uint32Array {
  const table = new Uint32Array(text.length + 1);
  let cp = 0;
  for (let i = 0; i < text.length; i++) {
    table[cp++] = i;
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
  }
  table[cp] = text.length;
  return table.subarray(0, cp + 1);
}

/** Code points before UTF-16 offset `utf16` (an offset inside a pair counts the pair as passed). */
export function toCodePoints(text: string, utf16: number): number {
  let cp = 0;
  for (let i = 0; i < utf16 && i < text.length; i++) {
    cp++;
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < utf16) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
  }
  return cp;
}

/** How a project counted a CRLF line end: as two characters (the standard) or as one (ATLAS.ti). */
export type CrlfCounting = 'two' | 'one';

/** The text positions refer to under a counting rule: counting CRLF as one is counting on the LF-only text. */
export function countedText(raw: string, rule: CrlfCounting): string {
  return rule === 'one' ? raw.replace(/\r\n/g, '\n') : raw;
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

export interface SelectionProbe {
  start: number;
  end: number;
  /** The selection's name attribute: tools usually store the selected text (sometimes cut short). */
  name?: string;
}

/**
 * Which CRLF rule fits a source's selections. Only text with CRLF needs a choice. The rule whose
 * text agrees with more selection names wins (a name equal to, or the start of, the selected text);
 * if names decide nothing, positions that fit only one rule's length decide; otherwise the
 * project's origin does (ATLAS.ti counts one), and the standard (two) is the default.
 */
export function detectCrlfCounting(raw: string, selections: readonly SelectionProbe[], origin: string): CrlfCounting {
  if (!raw.includes('\r\n')) return 'two';
  const score = (rule: CrlfCounting): number => {
    const text = countedText(raw, rule);
    const table = codePointOffsets(text);
    let n = 0;
    for (const s of selections) {
      if (!s.name || s.end >= table.length || s.start > s.end) continue;
      const picked = squash(text.slice(table[s.start], table[s.end]));
      const name = squash(s.name);
      if (name.length > 0 && (picked === name || (name.length >= 8 && picked.startsWith(name.replace(/(…|\.\.\.)$/, ''))))) n++;
    }
    return n;
  };
  const two = score('two');
  const one = score('one');
  if (one !== two) return one > two ? 'one' : 'two';
  const lfLength = codePointOffsets(countedText(raw, 'one')).length - 1;
  if (selections.some((s) => s.end > lfLength)) return 'two';
  return /atlas/i.test(origin) ? 'one' : 'two';
}
