// Readers for exported files, so tests check what a person opening the file would see.
import { execFileSync } from 'node:child_process';
import { strFromU8, unzipSync } from 'fflate';

export interface DocxParagraph {
  style: string | null;
  text: string;
}

function xmlText(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** Paragraphs of a WordprocessingML part: style id and the concatenated text of its runs. */
export function docxParagraphs(xml: string): DocxParagraph[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => {
    const p = m[0];
    const style = /<w:pStyle w:val="([^"]+)"/.exec(p)?.[1] ?? null;
    const text = [...p.matchAll(/<w:t(?: [^>]*)?>([\s\S]*?)<\/w:t>|<w:br\/>/g)].map((t) => (t[0] === '<w:br/>' ? '\n' : xmlText(t[1]))).join('');
    return { style, text };
  });
}

export function unzipDocx(buf: Uint8Array): Record<string, string> {
  const files = unzipSync(buf);
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strFromU8(v)]));
}

export function pdfPages(file: string): string[] {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
  return Array.from({ length: pages }, (_, i) => execFileSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }));
}

/** Markdown text back to what it says: backslash escapes and entities undone. */
export function mdUnescape(s: string): string {
  return s.replace(/\\([\\`*_[\]|~#+=\-.)])/g, '$1').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

export const squash = (s: string) => s.replace(/\s+/g, '');

/** The slice of the DOM the tests read (the Node-side type-check has no DOM library). */
export interface DomElement {
  textContent: string | null;
  getAttributeNames(): string[];
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement> & { length: number };
}

interface VirtualConsole {
  on(event: 'jsdomError', listener: (e: Error & { type?: string; detail?: unknown }) => void): VirtualConsole;
}

interface JsdomModule {
  JSDOM: new (
    html: string,
    opts?: { runScripts?: 'dangerously' | 'outside-only'; contentType?: string; virtualConsole?: VirtualConsole },
  ) => { window: { document: DomElement & { title: string; body: DomElement } } };
  VirtualConsole: new () => VirtualConsole;
}

/**
 * Parses HTML with jsdom; with `runScripts` any script that survived escaping would run. jsdom's
 * CSS parser predates @page margin boxes: that one print sheet may fail to parse, any other
 * stylesheet error (or script error) fails the test.
 */
export function parseHtml(html: string, opts: { runScripts?: boolean } = {}) {
  // jsdom ships no type declarations here; the interface above is what the tests rely on.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { JSDOM, VirtualConsole } = require('jsdom') as JsdomModule;
  const errors: string[] = [];
  const virtualConsole = new VirtualConsole().on('jsdomError', (e) => {
    if (e.type === 'css parsing' && typeof e.detail === 'string' && /^@page \{[\s\S]*@bottom-right/.test(e.detail.trim())) return;
    errors.push(e.message);
  });
  const doc = new JSDOM(html, { ...(opts.runScripts ? { runScripts: 'dangerously' as const } : {}), virtualConsole }).window.document;
  if (errors.length) throw new Error(`jsdom reported: ${errors.join('; ')}`);
  return doc;
}

/** Whether an XML part parses (jsdom's XML parser throws on malformed input). */
export function xmlParseError(xml: string): string | null {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { JSDOM } = require('jsdom') as JsdomModule;
  try {
    const doc = new JSDOM(xml, { contentType: 'application/xml' }).window.document;
    return doc.querySelector('parsererror')?.textContent ?? null;
  } catch (e) {
    return (e as Error).message;
  }
}
