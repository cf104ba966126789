// Characters that change how text looks without being seen: bidi controls can make a quote
// read in a different order than it is stored ("Trojan Source"), zero-width characters hide
// inside words. The stored original keeps them; everything that shows text to a reader (the
// reader, quotes, citations, every export) shows each one as a visible token such as ⟨U+202E⟩,
// so a quote can never display differently from what it contains. This is the one definition.

/**
 * Bidi embeddings/overrides U+202A–202E, isolates U+2066–2069, the marks U+200E/U+200F/U+061C,
 * zero-width space/non-joiner/joiner U+200B–200D, word joiner U+2060 and U+FEFF (a byte-order
 * mark has no business inside text; importers strip a leading one).
 */
export const INVISIBLE_CHARS = /[\u061C\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g;

/** The names the reader shows in a token's tooltip. */
export const INVISIBLE_NAMES: Record<string, string> = {
  '\u061C': 'ARABIC LETTER MARK',
  '\u200B': 'ZERO WIDTH SPACE',
  '\u200C': 'ZERO WIDTH NON-JOINER',
  '\u200D': 'ZERO WIDTH JOINER',
  '\u200E': 'LEFT-TO-RIGHT MARK',
  '\u200F': 'RIGHT-TO-LEFT MARK',
  '\u202A': 'LEFT-TO-RIGHT EMBEDDING',
  '\u202B': 'RIGHT-TO-LEFT EMBEDDING',
  '\u202C': 'POP DIRECTIONAL FORMATTING',
  '\u202D': 'LEFT-TO-RIGHT OVERRIDE',
  '\u202E': 'RIGHT-TO-LEFT OVERRIDE',
  '\u2060': 'WORD JOINER',
  '\u2066': 'LEFT-TO-RIGHT ISOLATE',
  '\u2067': 'RIGHT-TO-LEFT ISOLATE',
  '\u2068': 'FIRST STRONG ISOLATE',
  '\u2069': 'POP DIRECTIONAL ISOLATE',
  '\uFEFF': 'ZERO WIDTH NO-BREAK SPACE',
};

/** "U+202E" for a character. */
export function codePointLabel(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The visible token that stands for an invisible character: ⟨U+202E⟩. */
export function invisibleToken(ch: string): string {
  return `⟨${codePointLabel(ch)}⟩`;
}

export function hasInvisibles(text: string): boolean {
  INVISIBLE_CHARS.lastIndex = 0;
  const found = INVISIBLE_CHARS.test(text);
  INVISIBLE_CHARS.lastIndex = 0;
  return found;
}

/** The text with every invisible character replaced by its token (exports, citations, titles). */
export function revealInvisibles(text: string): string {
  return text.replace(INVISIBLE_CHARS, invisibleToken);
}

export interface TextPiece {
  /** UTF-16 offset of the piece in the original text. */
  start: number;
  text: string;
  /** Set for a single invisible character: its code point label. */
  invisible?: string;
}

/** The text cut at each invisible character, offsets kept, for a UI that styles the tokens. */
export function splitInvisibles(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let last = 0;
  for (const m of text.matchAll(INVISIBLE_CHARS)) {
    const at = m.index;
    if (at > last) pieces.push({ start: last, text: text.slice(last, at) });
    pieces.push({ start: at, text: m[0], invisible: codePointLabel(m[0]) });
    last = at + m[0].length;
  }
  if (last < text.length || pieces.length === 0) pieces.push({ start: last, text: text.slice(last) });
  return pieces;
}
