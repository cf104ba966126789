// Line-level text facts the segmenter relies on: input cleanup (BOM, CRLF, NUL), sentence ends,
// and how two fragments of one broken sentence are glued back together.

/** Any string in, plain `\n`-separated text out: no BOM, no CR, no control characters but tab. */
export function normalizeInput(raw: string): string {
  return raw
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?|[\u2028\u2029\f\v]/g, '\n')
    .replace(/[\u0000-\u0008\u000E-\u001F\u007F\uFEFF]/g, '');
}

export function isBlank(line: string): boolean {
  return line.trim() === '';
}

/** Markdown/PDF table rules and horizontal rules: `----`, `--\t--\t---`, `| --- |`, `***`. */
export function isSeparatorLine(line: string): boolean {
  const t = line.trim();
  return t.length >= 2 && /^[-=_|:+\t *─━]+$/.test(t) && /[-=_─━]{2,}|\*{3,}/.test(t);
}

const URL_RE = /^(?:貼り付け元\s*)?<?https?:\/\/[^\s<>]+>?$/;

/** A line that is nothing but a URL (optionally in <angle brackets>). */
export function isUrlOnly(line: string): boolean {
  return URL_RE.test(line.trim());
}

export function endsWithUrl(text: string): boolean {
  const t = text.trimEnd();
  const lastSpace = Math.max(t.lastIndexOf(' '), t.lastIndexOf('\n'), t.lastIndexOf('\u3000'), t.lastIndexOf('\t'));
  return /https?:\/\/[^\s<>]+>?$/.test(t.slice(lastSpace + 1));
}

/** Characters after which a sentence or a citable unit is complete. */
const TERMINAL = /[。．.!?！？:：」』)）】\]〕〉》>"'”’…⁰¹²³⁴⁵⁶⁷⁸⁹]$/;

/** The last visible character; looks only at the tail, so checking a growing text stays linear. */
function lastVisible(text: string): string {
  return text.trimEnd().slice(-1);
}

export function endsSentence(text: string): boolean {
  return TERMINAL.test(lastVisible(text));
}

export function endsWithStop(text: string): boolean {
  return /[。．！？!?]/.test(lastVisible(text));
}

/** Japanese text never starts a sentence with a particle or a closing mark: such a line continues. */
const CONTINUATION_START = /^[のをにがはでとへもやより、。，．）」』】〕・ー]/;

export function startsMidSentence(text: string): boolean {
  return CONTINUATION_START.test(text.trimStart().slice(0, 1));
}

export function startsWithOpeningBracket(text: string): boolean {
  return /^[(（「『【〔［\[<〈《"“]/.test(text.trimStart().slice(0, 1));
}

/** Code points, not UTF-16 units: the width a reader sees. */
export function visibleLength(text: string): number {
  let n = 0;
  for (const _ of text.trim()) n++;
  return n;
}

const ASCII_WORD_END = /[A-Za-z0-9,;]$/;
const ASCII_WORD_START = /^[A-Za-z0-9(]/;

/**
 * What goes between two fragments of one sentence broken by a line or page end: nothing in
 * Japanese (`衛` + `星による`), a space between Latin words, nothing after a hyphen (`i-` + `Construction`).
 */
export function fragmentJoiner(before: string, after: string): string {
  const a = before.trimEnd().slice(-2);
  const b = after.trimStart().slice(0, 2);
  if (a.endsWith('-')) return '';
  return ASCII_WORD_END.test(a) && ASCII_WORD_START.test(b) ? ' ' : '';
}

/** Within one block (no blank line between), keep a line break unless the line was cut mid-phrase. */
export function lineJoiner(before: string, after: string): string {
  const a = before.trimEnd();
  if (a.endsWith('、') || a.endsWith('，') || startsMidSentence(after)) return fragmentJoiner(a, after);
  return '\n';
}

export function trimAll(s: string): string {
  return s.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
}
