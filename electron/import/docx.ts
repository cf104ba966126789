// Word (.docx) sources: the package is checked by us before mammoth touches it (zip bomb, paths
// outside the package, DTDs and external entities are refused), then mammoth turns it into
// semantic HTML (headings, lists, tables, footnotes, endnotes) that the HTML path reads; title,
// date and issuer come from the core and app properties when the file states them.
import { AppError } from '../../shared/errors';
import { readZip, writeZip } from '../files/zip';
import type { ExtractedSource } from './extracted';
import { htmlToText } from './html';
import { statedDate } from './metadata';

function refuse(fileName: string, ja: string, en: string): AppError {
  return new AppError('bad-input', { ja: `${fileName}: ${ja}`, en: `${fileName}: ${en}` }, { subject: fileName });
}

function xmlText(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}

/**
 * Unpacks and checks the package with the safe zip reader (sizes, ratios, names, truncation),
 * then the Word-specific checks: it is a Word document, and no XML part carries a DTD.
 * Returns the checked parts.
 */
export function checkDocxPackage(bytes: Uint8Array, fileName: string): Record<string, Uint8Array> {
  const entries = readZip(bytes, fileName);
  if (!entries.has('word/document.xml')) {
    throw refuse(fileName, 'zip ファイルですが Word 文書（word/document.xml）ではありません。', 'it is a zip archive but not a Word document (no word/document.xml).');
  }
  const parts: Record<string, Uint8Array> = {};
  for (const [name, read] of entries) parts[name] = read();
  for (const [name, data] of Object.entries(parts)) {
    if (!/\.(xml|rels)$/i.test(name)) continue;
    if (/<!DOCTYPE|<!ENTITY/i.test(xmlText(data))) {
      throw refuse(fileName, `「${name}」に DTD／外部実体があるため取り込みません。`, `"${name}" declares a DTD or entities (external entities are not allowed); refused.`);
    }
  }
  return parts;
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function xmlValue(xml: string, tag: string): string | undefined {
  const m = new RegExp(`<${tag}(?:\\s[^>]*)?>([^<]*)</${tag}>`).exec(xml);
  if (!m) return undefined;
  const v = m[1]
    .replace(/&(amp|lt|gt|quot|apos);/g, (_, n: string) => XML_ENTITIES[n])
    .replace(/&#(x[0-9a-f]+|\d+);/gi, (_, n: string) => {
      const cp = n[0] === 'x' || n[0] === 'X' ? parseInt(n.slice(1), 16) : Number(n);
      return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : '';
    })
    .replace(/\s+/g, ' ')
    .trim();
  return v || undefined;
}

/** Title, date (created) and issuer (the company) as the Word file's properties state them. */
export function docxProperties(parts: Record<string, Uint8Array>): ExtractedSource['meta'] {
  const meta: ExtractedSource['meta'] = {};
  const core = parts['docProps/core.xml'];
  if (core) {
    const xml = xmlText(core);
    const title = xmlValue(xml, 'dc:title');
    if (title) meta.title = title.slice(0, 300);
    const created = xmlValue(xml, 'dcterms:created');
    const m = created ? /^(\d{4})-(\d{2})-(\d{2})/.exec(created) : null;
    if (m) meta.date = `${m[1]}-${m[2]}-${m[3]}`;
  }
  const app = parts['docProps/app.xml'];
  if (app) {
    const company = xmlValue(xmlText(app), 'Company');
    if (company) meta.issuer = company.slice(0, 200);
  }
  return meta;
}

export async function extractDocx(bytes: Uint8Array, fileName: string): Promise<ExtractedSource> {
  const parts = checkDocxPackage(bytes, fileName);
  // mammoth reads only the parts we checked, re-packed uncompressed: what it parses is exactly
  // what the checks saw, whatever tricks the original's headers played.
  const clean = writeZip(parts, { level: 0 });
  let html: string;
  try {
    // mammoth (≈ 100 modules with jszip) loads on the first Word import, not at every start.
    const { default: mammoth } = await import('mammoth');
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(clean.buffer, clean.byteOffset, clean.byteLength) },
      {
        externalFileAccess: false,
        // Images are not statements; an empty converter keeps their bytes out of the HTML.
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
      },
    );
    html = result.value;
  } catch (e) {
    throw refuse(fileName, `Word 文書を読めません（${(e as Error).message.slice(0, 200)}）。`, `the Word document cannot be read (${(e as Error).message.slice(0, 200)}).`);
  }
  const h = htmlToText(html, { notes: true });
  const meta = docxProperties(parts);
  // Word stamps `created` when someone opened a new file: a date the text prints is the document's own.
  const printed = statedDate(h.text);
  if (printed) meta.date = printed;
  return { format: 'docx', text: h.text, encoding: null, meta };
}
