// Word (.docx) sources: the package is checked by us before mammoth touches it (zip bomb, paths
// outside the package, DTDs and external entities are refused), then mammoth turns it into
// semantic HTML (headings, lists, tables, footnotes, endnotes) that the HTML path reads; title,
// date and issuer come from the core and app properties when the file states them.
import { unzipSync, zipSync, type Zippable } from 'fflate';
import mammoth from 'mammoth';
import { AppError } from '../../shared/errors';
import type { ExtractedSource } from './extracted';
import { htmlToText } from './html';
import { statedDate } from './metadata';

/** Unpacked, a .docx is rarely more than a few times its size; 200 MB of XML is an attack. */
export const MAX_DOCX_UNCOMPRESSED = 200 * 1024 * 1024;
/** Deflate can reach ~1000:1 on repeated bytes; real Word XML stays far below 100:1. */
export const MAX_DOCX_RATIO = 100;
/** Entries smaller than this are not held to the ratio (a short, very regular XML part is normal). */
const RATIO_FLOOR_BYTES = 1024 * 1024;
const MAX_ENTRIES = 10_000;

function refuse(fileName: string, ja: string, en: string): AppError {
  return new AppError('bad-input', { ja: `${fileName}: ${ja}`, en: `${fileName}: ${en}` }, { subject: fileName });
}

/** A package part name that could escape the package when unpacked anywhere. */
export function unsafeEntryName(name: string): boolean {
  return (
    name.includes('\0') ||
    name.startsWith('/') ||
    name.startsWith('\\') ||
    /^[a-zA-Z]:/.test(name) ||
    name.split(/[\\/]/).some((part) => part === '..')
  );
}

function xmlText(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}

/**
 * Unpacks and checks the package: sizes are capped before anything is inflated (fflate inflates
 * into a buffer of the declared size, so a lying header cannot grow it), names stay inside the
 * package, XML parts carry no DTD. Returns the checked parts.
 */
export function checkDocxPackage(bytes: Uint8Array, fileName: string): Record<string, Uint8Array> {
  let total = 0;
  let entries = 0;
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(bytes, {
      filter(file) {
        entries++;
        if (entries > MAX_ENTRIES) throw refuse(fileName, `部品が多すぎます（${MAX_ENTRIES} 個まで）。`, `the package has too many parts (at most ${MAX_ENTRIES}).`);
        if (unsafeEntryName(file.name)) {
          throw refuse(fileName, `パッケージ外を指すパス「${file.name.slice(0, 100)}」を含むため取り込みません。`, `it holds a path outside the package ("${file.name.slice(0, 100)}"); refused.`);
        }
        total += file.originalSize;
        if (total > MAX_DOCX_UNCOMPRESSED) {
          throw refuse(fileName, `展開すると ${MAX_DOCX_UNCOMPRESSED / 1024 / 1024} MB を超えます（zip 爆弾の疑い）。`, `it unpacks to more than ${MAX_DOCX_UNCOMPRESSED / 1024 / 1024} MB (a zip bomb?); refused.`);
        }
        if (file.originalSize > RATIO_FLOOR_BYTES && file.originalSize > MAX_DOCX_RATIO * Math.max(1, file.size)) {
          throw refuse(
            fileName,
            `「${file.name.slice(0, 100)}」の圧縮率が異常です（${Math.round(file.originalSize / Math.max(1, file.size))}:1、zip 爆弾の疑い）。`,
            `"${file.name.slice(0, 100)}" is compressed ${Math.round(file.originalSize / Math.max(1, file.size))}:1 (a zip bomb?); refused.`,
          );
        }
        return true;
      },
    });
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw refuse(fileName, `zip パッケージが壊れています（${(e as Error).message}）。`, `the zip package is damaged (${(e as Error).message}).`);
  }
  if (!parts['word/document.xml']) {
    throw refuse(fileName, 'zip ファイルですが Word 文書（word/document.xml）ではありません。', 'it is a zip archive but not a Word document (no word/document.xml).');
  }
  for (const [name, data] of Object.entries(parts)) {
    if (!/\.(xml|rels)$/i.test(name)) continue;
    const head = xmlText(data);
    if (/<!DOCTYPE|<!ENTITY/i.test(head)) {
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
  const clean = zipSync(parts as Zippable, { level: 0 });
  let html: string;
  try {
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
