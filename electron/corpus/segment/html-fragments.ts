// Removes the HTML that PDF-to-text tools leave in table cells (<p>, <ul style=…>, <u>, <br>,
// entities) and splits a cell into its paragraphs and bullets, so no markup reaches a statement.

const BLOCK_TAGS = 'p|ul|ol|li|br|div|tr|td|th|table|tbody|thead|tfoot|h[1-6]|blockquote|pre|hr|dl|dt|dd|section|article|header|footer';
const INLINE_TAGS = 'u|b|i|em|strong|span|a|sup|sub|font|small|big|s|strike|code|mark|ins|del|abbr|cite|q|img|tt|kbd|var|wbr|nobr';
const TAG_BODY = '(?:\\s[^<>]*)?\\/?>';
const BLOCK_TAG_RE = new RegExp(`<\\/?(?:${BLOCK_TAGS})${TAG_BODY}`, 'gi');
const INLINE_TAG_RE = new RegExp(`<\\/?(?:${INLINE_TAGS})${TAG_BODY}`, 'gi');
const ANY_TAG_RE = new RegExp(`<\\/?(?:${BLOCK_TAGS}|${INLINE_TAGS})${TAG_BODY}`, 'i');
/** A tag cut off by the end of a cell or line: `<ul style="list-sty`. */
const DANGLING_TAG_RE = new RegExp(`<\\/?(?:${BLOCK_TAGS}|${INLINE_TAGS})(?:\\s[^<>]*)?$`, 'i');
const AUTOLINK_RE = /<(https?:\/\/[^\s<>]+)>/g;

const NAMED: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", ensp: ' ', emsp: ' ', thinsp: ' ', hellip: '…', mdash: '—', ndash: '–', middot: '·', yen: '¥', copy: '©', reg: '®', laquo: '«', raquo: '»' };
const ENTITY_RE = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]{2,8}));/g;

function codePoint(n: number): string | null {
  if (!Number.isFinite(n) || n <= 0 || n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return null;
  if (n < 0x20 && n !== 0x09 && n !== 0x0a) return ' ';
  return String.fromCodePoint(n);
}

export function decodeEntities(s: string): string {
  return s.replace(ENTITY_RE, (m, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (dec) return codePoint(Number(dec)) ?? m;
    if (hex) return codePoint(parseInt(hex, 16)) ?? m;
    return NAMED[name!.toLowerCase()] ?? m;
  });
}

/** Every tag, autolink and entity above starts with `<` or `&`: text with neither (most lines) holds none. */
function mayHoldMarkup(s: string): boolean {
  return s.includes('<') || s.includes('&');
}

/** True when the text still contains an HTML tag or an entity we decode (used by tests too). */
export function hasMarkup(s: string): boolean {
  if (!mayHoldMarkup(s)) return false;
  if (ANY_TAG_RE.test(s)) return true;
  ENTITY_RE.lastIndex = 0;
  for (const m of s.matchAll(ENTITY_RE)) {
    if (decodeEntities(m[0]) !== m[0]) return true;
  }
  return false;
}

/**
 * Tags out, entities decoded, `<https://…>` autolinks unwrapped. Block tags become `blockMark`
 * so callers can split on them. Repeats until stable: decoding `&lt;p&gt;` must not yield a tag.
 */
export function stripMarkup(s: string, blockMark = ' '): string {
  if (!mayHoldMarkup(s)) return s;
  let out = s;
  for (let i = 0; i < 6; i++) {
    const next = decodeEntities(
      out.replace(AUTOLINK_RE, '$1').replace(BLOCK_TAG_RE, blockMark).replace(INLINE_TAG_RE, '').replace(DANGLING_TAG_RE, ''),
    );
    if (next === out) break;
    out = next;
  }
  if (hasMarkup(out)) {
    // Pathological nesting (&amp;amp;lt;…): drop what is left rather than show markup.
    out = out.replace(new RegExp(ANY_TAG_RE.source, 'gi'), blockMark).replace(ENTITY_RE, ' ');
  }
  return out;
}

/** Where a table cell's fragment sits: in a <p>, in a <ul> list, or in bare text. */
export interface CellSegment {
  text: string;
  inList: boolean;
}

const SEG = '\u0001';

/** Splits a cell into its <p> paragraphs and <ul> runs (tags removed, entities decoded). */
export function cellSegments(raw: string): CellSegment[] {
  const segments: CellSegment[] = [];
  let inList = false;
  // Walk the block tags in order so we know whether a run of text sits inside a list.
  const re = new RegExp(`<(\\/?)(${BLOCK_TAGS})${TAG_BODY}`, 'gi');
  let last = 0;
  const push = (chunk: string): void => {
    const text = stripMarkup(chunk, SEG);
    for (const part of text.split(SEG)) if (part.trim()) segments.push({ text: part, inList });
  };
  for (const m of raw.matchAll(re)) {
    push(raw.slice(last, m.index));
    last = m.index + m[0].length;
    const name = m[2].toLowerCase();
    if (name === 'ul' || name === 'ol') inList = m[1] !== '/';
  }
  push(raw.slice(last));
  return segments;
}
