// Plain text for the segmenter from an HTML file (a page saved from a ministry site, or the
// semantic HTML mammoth makes of a Word file), in one linear pass over htmlparser2's tokenizer:
// no tree and no open-element stack to search, so a million nested or unclosed tags cost the
// same per byte as prose. Block elements become line breaks, headings `#` lines, list items
// marker lines, table rows tab-separated lines (the segmenter's table form), Word footnotes
// superscript-marked lines linked to their references; scripts and styles vanish.
import type { Tokenizer as HtmlTokenizer } from 'htmlparser2';

/**
 * htmlparser2 with its entity tables loads on the first HTML read, not at every process start (the
 * import path is reachable from opening a workspace, for a library rebuild, but rarely taken).
 */
function tokenizerClass(): typeof HtmlTokenizer {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('htmlparser2') as typeof import('htmlparser2')).Tokenizer;
}

const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'header', 'footer', 'main', 'nav', 'aside', 'blockquote', 'pre', 'dl', 'dt', 'dd',
  'ul', 'ol', 'table', 'form', 'fieldset', 'figure', 'figcaption', 'address', 'hr', 'body', 'html', 'caption', 'center', 'details', 'summary',
]);
/** Content a reader never sees. script and style are raw text to the tokenizer; the rest are counted. */
const HIDDEN = new Set(['script', 'style', 'noscript', 'template', 'head', 'svg', 'math', 'iframe', 'object', 'select', 'button']);
const VOID = new Set(['br', 'hr', 'img', 'meta', 'link', 'input', 'area', 'base', 'col', 'embed', 'source', 'track', 'wbr', 'param']);
const INLINE = ['a', 'b', 'i', 'u', 's', 'em', 'strong', 'span', 'font', 'sup', 'sub', 'small', 'big', 'code', 'mark', 'abbr', 'cite', 'q', 'ruby', 'rb', 'rt', 'rp', 'label'];
const TABLE_PARTS = ['table', 'tbody', 'thead', 'tfoot', 'tr', 'td', 'th', 'caption', 'colgroup'];
/**
 * Every tag name the cleaner acts on, and common inline ones, as shared strings: a tag read from
 * the page is looked up here by its characters (no slice, no lower-casing, no new string to hash
 * in every Set lookup that follows); any other name is sliced and lower-cased as before.
 */
const TAG_NAMES = new Map<number, string>();
const TAG_KEY_MAX = 10; // 37^10 < 2^53: the key below stays an exact integer

/** A number naming a lower-case [a-z0-9] string of up to TAG_KEY_MAX characters (-1 for any other). */
function tagKey(s: string, start: number, end: number): number {
  if (end - start > TAG_KEY_MAX || end <= start) return -1;
  let key = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    let digit: number;
    if (c >= 0x61 && c <= 0x7a) digit = c - 0x61 + 1;
    else if (c >= 0x30 && c <= 0x39) digit = c - 0x30 + 27;
    else return -1;
    key = key * 37 + digit;
  }
  return key;
}

function internTagNames(names: Iterable<string>): void {
  for (const name of names) TAG_NAMES.set(tagKey(name, 0, name.length), name);
}

/** The tag name at html[start, end), lower case: what `html.slice(start, end).toLowerCase()` gives. */
export function tagNameAt(html: string, start: number, end: number): string {
  const key = tagKey(html, start, end);
  const known = key < 0 ? undefined : TAG_NAMES.get(key);
  return known ?? html.slice(start, end).toLowerCase();
}

/** Deeper lists than this are flattened: their items still come out, numbered by the outer list. */
const MAX_LIST_DEPTH = 64;
/** An attribute value longer than this is not one we read (href, id, name, content are short). */
const MAX_ATTR = 4096;
internTagNames([...BLOCK, ...HIDDEN, ...VOID, ...INLINE, ...TABLE_PARTS, 'title', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';
export function toSuperscript(n: number): string {
  return [...String(n)].map((d) => SUPERSCRIPT[Number(d)]).join('');
}


export interface HtmlText {
  title: string | null;
  text: string;
  /** What the page's <meta> elements state (author / publisher, date). */
  meta: { issuer?: string; date?: string };
}

export interface HtmlOptions {
  /** Word footnotes and endnotes as mammoth writes them (`#footnote-1`, `#endnote-1`). */
  notes?: boolean;
}

/** Collects output with at most one pending break, so whitespace never piles up (no regex pass). */
class TextSink {
  private parts: string[] = [];
  private last = '\n';
  private pending = 0;
  private started = false;

  text(s: string): void {
    if (!s) return;
    if (s.trim() === '') {
      // Whitespace between tags: one space at most, and never a reason to flush a break.
      if (!this.pending && this.started && this.last !== ' ' && this.last !== '\n') {
        this.parts.push(' ');
        this.last = ' ';
      }
      return;
    }
    if (this.pending && this.started) {
      this.trimTrailingSpace();
      this.parts.push('\n'.repeat(this.pending));
      this.last = '\n';
    }
    this.pending = 0;
    if (s[0] === ' ' && (this.last === ' ' || this.last === '\n')) s = s.slice(1);
    if (!s) return;
    this.parts.push(s);
    this.last = s[s.length - 1];
    this.started = true;
  }

  /** 1 = line break, 2 = paragraph break; breaks before any text are dropped. */
  brk(n: 1 | 2): void {
    if (n > this.pending) this.pending = n;
  }

  private trimTrailingSpace(): void {
    const i = this.parts.length - 1;
    if (i >= 0 && this.parts[i].endsWith(' ')) this.parts[i] = this.parts[i].replace(/ +$/, '');
  }

  done(): string {
    this.trimTrailingSpace();
    return this.parts.join('');
  }
}

/** HTML whitespace (`[ \t\n\r\f]`): what collapse() folds. */
function isHtmlSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c;
}

/** Japanese script (`[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]`), by UTF-16 unit. */
function isCjkUnit(c: number): boolean {
  return (c >= 0x3000 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xff00 && c <= 0xffef);
}

const HTML_SPACE = /[ \t\n\r\f]/;
const NEXT_HTML_SPACE = /[ \t\n\r\f]/g;

/**
 * Whitespace as a browser shows it, except that a line break between Japanese characters vanishes.
 * The regex engine finds whitespace (native scans: most text runs hold none and come back as they
 * are), each run is judged by index; a replace with a callback made a match and strings per run.
 */
function collapse(s: string): string {
  const n = s.length;
  if (n === 1) return isHtmlSpace(s.charCodeAt(0)) ? ' ' : s;
  let i = s.search(HTML_SPACE);
  if (i < 0) return s;
  let out = s.slice(0, i);
  while (i < n) {
    // [i, j): a whitespace run; a line break in it between Japanese characters joins them.
    let j = i;
    let lineBreak = false;
    for (; j < n; j++) {
      const c = s.charCodeAt(j);
      if (!isHtmlSpace(c)) break;
      if (c === 0x0a) lineBreak = true;
    }
    if (!(lineBreak && i > 0 && j < n && isCjkUnit(s.charCodeAt(i - 1)) && isCjkUnit(s.charCodeAt(j)))) out += ' ';
    if (j >= n) break;
    NEXT_HTML_SPACE.lastIndex = j;
    const next = NEXT_HTML_SPACE.exec(s);
    const k = next ? next.index : n;
    out += s.slice(j, k);
    i = k;
  }
  return out;
}

/** For tests: collapse(), compared there with its former regex form. */
export function collapseForTest(s: string): string {
  return collapse(s);
}

function isHeading(name: string): boolean {
  return name.length === 2 && name[0] === 'h' && name[1] >= '1' && name[1] <= '6';
}

function codePointText(cp: number): string {
  if (!Number.isFinite(cp) || cp <= 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return '\ufffd';
  // &nbsp; is a space to a reader, and must match a typed space in search and quotes.
  if ((cp < 0x20 && cp !== 0x09 && cp !== 0x0a) || cp === 0xa0) return ' ';
  return String.fromCodePoint(cp);
}

export function htmlToText(html: string, opts: HtmlOptions = {}): HtmlText {
  const sink = new TextSink();
  const hidden = new Map<string, number>();
  let hiddenDepth = 0;
  let preDepth = 0;
  let headingDepth = 0;
  let title: string | null = null;
  let titleBuf: string[] | null = null;
  const meta: HtmlText['meta'] = {};
  // Lists: one counter per open list (null = bullets), bounded; deeper lists share the last.
  const lists: (number | null)[] = [];
  let listOverflow = 0;
  let afterMarker = false;
  // Tables: cells of the row being read; nested tables flatten into the outer cell.
  let tableDepth = 0;
  let row: string[] | null = null;
  let cell: string[] | null = null;
  // Word notes: id → marker, in order of first mention; a note's own text skips its back-link.
  const noteMarkers = new Map<string, number>();
  let skipLinkText = 0;

  // The tag being read.
  let tagName = '';
  let closing = false;
  let attrName = '';
  let attrValue = '';
  // Most tags carry no attribute: they share one empty object, never written (see onattribend).
  const noAttrs: Record<string, string> = {};
  let attrs: Record<string, string> = noAttrs;

  const emit = (s: string) => {
    if (!s) return;
    if (titleBuf) {
      titleBuf.push(s);
      return;
    }
    if (hiddenDepth > 0 || skipLinkText > 0) return;
    if (cell) {
      cell.push(s.replace(/\t/g, ' '));
      return;
    }
    if (afterMarker && s.trim() === '') return;
    afterMarker = false;
    sink.text(s);
  };
  const brk = (n: 1 | 2) => {
    if (hiddenDepth > 0 || titleBuf) return;
    if (cell) {
      cell.push(' ');
      return;
    }
    if (afterMarker) return;
    if (headingDepth > 0) {
      sink.text(' ');
      return;
    }
    sink.brk(n);
  };
  const noteMarker = (id: string): number => {
    let n = noteMarkers.get(id);
    if (n === undefined) {
      n = noteMarkers.size + 1;
      noteMarkers.set(id, n);
    }
    return n;
  };
  const endCell = () => {
    if (cell && row) row.push(collapse(cell.join('')).trim());
    cell = null;
  };
  const endRow = () => {
    endCell();
    if (row && row.some((c) => c !== '')) {
      sink.brk(1);
      // Two cells at least, so the segmenter sees a table row even for a one-column table.
      sink.text(row.length >= 2 ? row.join('\t') : `${row[0] ?? ''}\t`);
      sink.brk(1);
    }
    row = null;
  };

  const openTag = (name: string, selfClosing: boolean) => {
    if (name === 'title' && !titleBuf && title === null) {
      titleBuf = [];
      return;
    }
    if (name === 'meta') {
      readMeta(attrs, meta);
      return;
    }
    if (name === 'body' && (hidden.get('head') ?? 0) > 0) {
      hiddenDepth -= hidden.get('head')!;
      hidden.set('head', 0);
    }
    if (HIDDEN.has(name)) {
      if (selfClosing) return;
      hidden.set(name, (hidden.get(name) ?? 0) + 1);
      hiddenDepth++;
      return;
    }
    if (hiddenDepth > 0) return;
    if (tableDepth <= 1 && (name === 'table' || name === 'tr' || name === 'td' || name === 'th' || name === 'caption')) {
      if (name === 'table') {
        if (tableDepth === 0) {
          sink.brk(2);
          tableDepth = 1;
        } else tableDepth++;
        return;
      }
      if (tableDepth === 1) {
        if (name === 'tr') {
          endRow();
          row = [];
          return;
        }
        if (name === 'td' || name === 'th') {
          endCell();
          row ??= [];
          cell = [];
          return;
        }
      }
    } else if (name === 'table') {
      tableDepth++;
      brk(1);
      return;
    }
    if (name === 'br') {
      if (preDepth > 0 && !cell) sink.text('\n');
      else brk(1);
      return;
    }
    if (isHeading(name)) {
      brk(2);
      if (!cell) {
        emit(`${'#'.repeat(Number(name[1]))} `);
        headingDepth++;
      }
      return;
    }
    if (name === 'li') {
      const id = attrs.id ?? '';
      if (opts.notes && /^(?:footnote|endnote)-\d+$/.test(id)) {
        brk(2);
        emit(`${toSuperscript(noteMarker(id))} `);
        afterMarker = true;
        return;
      }
      brk(1);
      const list = lists.length ? lists[lists.length - 1] : null;
      let marker = '・';
      if (list !== null && lists.length) {
        lists[lists.length - 1] = list + 1;
        marker = `${list + 1}. `;
      }
      emit(marker);
      afterMarker = true;
      return;
    }
    if (name === 'ul' || name === 'ol') {
      brk(1);
      if (lists.length < MAX_LIST_DEPTH) lists.push(name === 'ol' ? Number.parseInt(attrs.start ?? '1', 10) - 1 || 0 : null);
      else listOverflow++;
      return;
    }
    if (name === 'a' && opts.notes) {
      const href = attrs.href ?? '';
      const ref = /^#((?:footnote|endnote)-\d+)$/.exec(href);
      if (ref) {
        emit(toSuperscript(noteMarker(ref[1])));
        if (!selfClosing) skipLinkText++;
        return;
      }
      if (/^#(?:footnote|endnote)-ref-\d+$/.test(href)) {
        if (!selfClosing) skipLinkText++;
        return;
      }
    }
    if (name === 'pre') preDepth++;
    if (BLOCK.has(name)) brk(2);
  };

  const closeTag = (name: string) => {
    if (name === 'title' && titleBuf) {
      title = collapse(titleBuf.join('')).trim() || null;
      titleBuf = null;
      return;
    }
    if (HIDDEN.has(name)) {
      const n = hidden.get(name) ?? 0;
      if (n > 0) {
        hidden.set(name, n - 1);
        hiddenDepth--;
      }
      return;
    }
    if (hiddenDepth > 0) return;
    if (name === 'a' && skipLinkText > 0) {
      skipLinkText--;
      return;
    }
    if (name === 'table' && tableDepth > 0) {
      tableDepth--;
      if (tableDepth === 0) {
        endRow();
        sink.brk(2);
      } else brk(1);
      return;
    }
    if (tableDepth === 1 && (name === 'td' || name === 'th')) {
      endCell();
      return;
    }
    if (tableDepth === 1 && name === 'tr') {
      endRow();
      return;
    }
    if (isHeading(name)) {
      if (headingDepth > 0) headingDepth--;
      brk(2);
      return;
    }
    if (name === 'ul' || name === 'ol') {
      if (listOverflow > 0) listOverflow--;
      else lists.pop();
      brk(1);
      return;
    }
    if (name === 'li') {
      afterMarker = false;
      brk(1);
      return;
    }
    if (name === 'pre' && preDepth > 0) preDepth--;
    if (BLOCK.has(name)) brk(2);
  };

  const Tokenizer = tokenizerClass();
  const tokenizer = new Tokenizer(
    { decodeEntities: true },
    {
      ontext(start, end) {
        const raw = html.slice(start, end);
        emit(preDepth > 0 && !cell ? raw.replace(/\r\n?/g, '\n') : collapse(raw));
      },
      ontextentity(cp) {
        emit(codePointText(cp));
      },
      onopentagname(start, end) {
        tagName = tagNameAt(html, start, end);
        closing = false;
        attrs = noAttrs;
      },
      onattribname(start, end) {
        attrName = html.slice(start, end).toLowerCase();
        attrValue = '';
      },
      onattribdata(start, end) {
        if (attrValue.length < MAX_ATTR) attrValue += html.slice(start, Math.min(end, start + MAX_ATTR));
      },
      onattribentity(cp) {
        if (attrValue.length < MAX_ATTR) attrValue += codePointText(cp);
      },
      onattribend() {
        if (attrName in attrs) return; // the first of repeated attributes counts (a plain object: `in` sees its prototype too)
        if (attrs === noAttrs) attrs = {};
        attrs[attrName] = attrValue;
      },
      onopentagend() {
        if (!closing) openTag(tagName, VOID.has(tagName));
      },
      onselfclosingtag() {
        openTag(tagName, true);
      },
      onclosetag(start, end) {
        closing = true;
        closeTag(tagNameAt(html, start, end));
      },
      oncdata() {},
      oncomment() {},
      ondeclaration() {},
      onprocessinginstruction() {},
      onend() {},
    },
  );
  tokenizer.write(html);
  tokenizer.end();
  endRow();
  if (titleBuf) title = collapse((titleBuf as string[]).join('')).trim() || null;
  return { title, text: sink.done(), meta };
}

/** `<meta name="author" content="内閣府">`, `<meta name="date" content="2024-03-29">` and kin. */
function readMeta(attrs: Record<string, string>, meta: HtmlText['meta']): void {
  const key = (attrs.name ?? attrs.property ?? '').toLowerCase();
  const content = collapse(attrs.content ?? '').trim();
  if (!key || !content) return;
  if (!meta.issuer && ['author', 'dc.creator', 'dc.publisher', 'dcterms.publisher', 'dcterms.creator', 'publisher', 'og:site_name'].includes(key)) {
    meta.issuer = content.slice(0, 200);
  }
  if (!meta.date && ['date', 'dc.date', 'dcterms.date', 'dcterms.issued', 'dcterms.created', 'article:published_time'].includes(key)) {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(content);
    if (m) meta.date = `${m[1]}-${m[2]}-${m[3]}`;
  }
}

export function looksLikeHtml(text: string, fileName: string): boolean {
  return /\.x?html?$/i.test(fileName) || /^\s*(<!doctype html|<html[\s>])/i.test(text.slice(0, 1024));
}
