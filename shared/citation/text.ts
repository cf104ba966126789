// Text hygiene for everything a briefing prints: characters no export format can carry
// (control characters, lone surrogates) are removed so a pasted comment cannot corrupt a file,
// and invisible ones (bidi controls, zero-width characters) are shown as ⟨U+202E⟩ tokens so
// no printed quote reads differently from what it contains (shared/text/invisible.ts).
import { revealInvisibles } from '../text/invisible';

// C0 controls except tab and newline, DEL, C1 controls, U+FFFE/U+FFFF (invalid in XML 1.0).
const UNPRINTABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text with line breaks normalised to \n, every unprintable character removed and every
 *  invisible one revealed as a token. */
export function printable(text: string): string {
  return revealInvisibles(text.replace(/\r\n?/g, '\n').replace(UNPRINTABLE, '').replace(LONE_SURROGATE, ''));
}

/**
 * A statement's text as the reader shows it, for a copied or printed quote: a line break inside
 * a statement (kept from the source layout) is shown as one space, so it is copied as one too.
 */
export function asShown(text: string): string {
  return printable(text).replace(/[ \t]*\n[ \t]*/g, ' ');
}

/** Paragraphs of analyst text: split on blank lines, inner single newlines kept as line breaks. */
export function paragraphs(text: string): string[] {
  return printable(text)
    .split(/\n[ \t\u3000]*\n/)
    .map((p) => p.replace(/^\n+|\n+$/g, ''))
    .filter((p) => p.trim().length > 0);
}
