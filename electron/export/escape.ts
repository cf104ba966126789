// Escaping for the text formats: every string from the database (titles, quotes, comments)
// passes through here, so markup typed by an analyst is printed, never interpreted.
import { printable } from '../../shared/citation';

/** HTML text and attribute values (quotes escaped too, so the result is safe in either). */
export function escapeHtml(text: string): string {
  return printable(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/**
 * Markdown text: backslash-escapes what CommonMark reads as inline syntax anywhere, and block
 * syntax at the start of a line; HTML-escapes `<` `>` `&` so raw HTML in a comment stays text.
 */
export function escapeMarkdown(text: string): string {
  return printable(text)
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/^([ \t]*)([#+=-])/gm, '$1\\$2')
    .replace(/^([ \t]*\d+)([.)])/gm, '$1\\$2');
}
