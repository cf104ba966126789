// XML for REFI-QDA, both ways. Writing: a small element builder whose every text and attribute
// goes through one escaper (also dropping characters XML 1.0 cannot carry). Reading: @xmldom with
// any DOCTYPE or entity declaration refused before parsing, so no external entity is fetched and no
// entity expansion (billion laughs) can run; a parse error is a refusal naming the part.
import type { DOMParser as XmlDomParser } from '@xmldom/xmldom';
import { AppError } from '../../../shared/errors';

/** Characters XML 1.0 cannot hold at all (controls, lone surrogates, U+FFFE/FFFF) become U+FFFD. */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function escapeText(s: string): string {
  return s.replace(NOT_XML, '\ufffd').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** Attribute values keep their tabs and line breaks as character references (a parser would fold them to spaces). */
export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

export interface XmlElement {
  name: string;
  attrs?: Record<string, string | number | boolean | null | undefined>;
  children?: (XmlElement | null | undefined | false)[];
  text?: string;
}

export function el(name: string, attrs: XmlElement['attrs'] = {}, children: XmlElement['children'] = []): XmlElement {
  return { name, attrs, children };
}

export function textEl(name: string, text: string): XmlElement {
  return { name, text };
}

function serialize(e: XmlElement, depth: number, out: string[]): void {
  const pad = '  '.repeat(depth);
  const attrs = Object.entries(e.attrs ?? {})
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => ` ${k}="${escapeAttr(String(v))}"`)
    .join('');
  const kids = (e.children ?? []).filter((c): c is XmlElement => !!c);
  if (e.text !== undefined) {
    out.push(`${pad}<${e.name}${attrs}>${escapeText(e.text)}</${e.name}>`);
  } else if (kids.length === 0) {
    out.push(`${pad}<${e.name}${attrs}/>`);
  } else {
    out.push(`${pad}<${e.name}${attrs}>`);
    for (const k of kids) serialize(k, depth + 1, out);
    out.push(`${pad}</${e.name}>`);
  }
}

export function toXml(root: XmlElement): string {
  const out = ['<?xml version="1.0" encoding="utf-8"?>'];
  serialize(root, 0, out);
  return `${out.join('\n')}\n`;
}

function refuse(fileName: string, ja: string, en: string): AppError {
  return new AppError('bad-input', { ja: `${fileName}: ${ja}`, en: `${fileName}: ${en}` }, { subject: fileName });
}

/** Decodes an XML part as its BOM or declaration says (UTF-8 unless UTF-16 is marked). */
export function xmlBytesToText(bytes: Uint8Array, fileName: string, part: string): string {
  try {
    if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le', { fatal: true }).decode(bytes);
    if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be', { fatal: true }).decode(bytes);
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw refuse(fileName, `「${part}」が UTF-8／UTF-16 のテキストではありません。`, `"${part}" is not UTF-8 or UTF-16 text.`);
  }
}

/**
 * Parses a REFI-QDA XML part. Any DOCTYPE or ENTITY declaration is refused before parsing: the
 * standard needs none, and refusing them closes external entities and expansion bombs at once.
 */
export function parseXml(text: string, fileName: string, part: string): Document {
  if (/<!DOCTYPE/i.test(text) || /<!ENTITY/i.test(text)) {
    throw refuse(fileName, `「${part}」に DTD／実体宣言（<!DOCTYPE>）があるため読み込みません。`, `"${part}" declares a DTD or entities (<!DOCTYPE>); refused.`);
  }
  const problems: string[] = [];
  // @xmldom loads on the first project read, not at every process start.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const DOMParser: typeof XmlDomParser = (require('@xmldom/xmldom') as typeof import('@xmldom/xmldom')).DOMParser;
  const parser = new DOMParser({
    locator: {},
    // @xmldom 0.8 is lenient: it repairs unclosed tags and unquoted attributes with only a warning.
    // A project whose structure had to be guessed is not one to import, so warnings refuse too.
    errorHandler: {
      warning: (msg: string) => void problems.push(msg),
      error: (msg: string) => void problems.push(msg),
      fatalError: (msg: string) => void problems.push(msg),
    },
  });
  let doc: Document;
  try {
    doc = parser.parseFromString(text, 'text/xml') as unknown as Document;
  } catch (e) {
    problems.push((e as Error).message);
    doc = null as unknown as Document;
  }
  if (problems.length || !doc || !doc.documentElement) {
    const first = (problems[0] ?? 'no root element').replace(/\s+/g, ' ').slice(0, 200);
    throw refuse(fileName, `「${part}」は正しい XML ではありません（${first}）。`, `"${part}" is not well-formed XML (${first}).`);
  }
  return doc;
}

/** Child elements of `node` with the given local name (namespace-agnostic: tools differ). */
export function childElements(node: Element, localName?: string): Element[] {
  const out: Element[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === 1 && (localName === undefined || (c as Element).localName === localName)) out.push(c as Element);
  }
  return out;
}

export function childElement(node: Element, localName: string): Element | undefined {
  return childElements(node, localName)[0];
}

/** The concatenated text of an element (CDATA included). */
export function textOf(node: Element | undefined): string | undefined {
  if (!node) return undefined;
  return node.textContent ?? '';
}
