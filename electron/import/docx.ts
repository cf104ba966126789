// Word (.docx) sources: the package is checked by us before mammoth touches it (zip bomb, paths
// outside the package, DTDs and external entities are refused), then mammoth turns it into
// semantic HTML (headings, lists, tables, footnotes, endnotes) that the HTML path reads; title,
// date and issuer come from the core and app properties when the file states them.
import { Inflate, zipSync, type Zippable } from 'fflate';
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

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  declaredSize: number;
  localOffset: number;
}

/** The central directory, read by hand: we need every entry's declared sizes before inflating any. */
function readCentralDirectory(bytes: Uint8Array, fileName: string): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const corrupt = (where: string) => refuse(fileName, `zip パッケージが壊れています（${where}）。`, `the zip package is damaged (${where}).`);
  let eocd = -1;
  // The end record sits in the last 22 + 65,535 (comment) bytes.
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt('no end of central directory: truncated?');
  const count = view.getUint16(eocd + 10, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || cdOffset === 0xffffffff) throw refuse(fileName, 'ZIP64 形式の Word 文書には対応していません。', 'ZIP64 Word packages are not supported.');
  if (count > MAX_ENTRIES) throw refuse(fileName, `部品が多すぎます（${MAX_ENTRIES} 個まで）。`, `the package has too many parts (at most ${MAX_ENTRIES}).`);
  const entries: ZipEntry[] = [];
  let at = cdOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) throw corrupt(`central directory entry ${i + 1} at byte ${at}`);
    const nameLen = view.getUint16(at + 28, true);
    const extraLen = view.getUint16(at + 30, true);
    const commentLen = view.getUint16(at + 32, true);
    if (at + 46 + nameLen > bytes.length) throw corrupt(`central directory entry ${i + 1} at byte ${at}`);
    entries.push({
      name: new TextDecoder('utf-8').decode(bytes.subarray(at + 46, at + 46 + nameLen)),
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      declaredSize: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
    });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Inflates one entry, stopping the moment it yields more than it declared (a lying header). */
function inflateCapped(data: Uint8Array, entry: ZipEntry, fileName: string): Uint8Array {
  const out = new Uint8Array(entry.declaredSize);
  let written = 0;
  const lied = () =>
    refuse(fileName, `「${entry.name.slice(0, 100)}」は申告より大きく展開されます（zip 爆弾の疑い）。`, `"${entry.name.slice(0, 100)}" unpacks to more than it declares (a zip bomb?); refused.`);
  const inflater = new Inflate((chunk) => {
    if (written + chunk.length > out.length) throw lied();
    out.set(chunk, written);
    written += chunk.length;
  });
  // Small pushes bound how far one push can run past the declared size before we stop it.
  const STEP = 4096;
  try {
    for (let i = 0; i < data.length; i += STEP) inflater.push(data.subarray(i, Math.min(data.length, i + STEP)), i + STEP >= data.length);
    if (data.length === 0) inflater.push(new Uint8Array(0), true);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw refuse(fileName, `「${entry.name.slice(0, 100)}」が壊れています（${(e as Error).message}）。`, `"${entry.name.slice(0, 100)}" is damaged (${(e as Error).message}).`);
  }
  return written === out.length ? out : out.subarray(0, written);
}

/**
 * Unpacks and checks the package: declared sizes are capped before anything is inflated, and
 * inflating stops as soon as an entry yields more than it declared, so neither memory nor time
 * can run away; names stay inside the package; XML parts carry no DTD. Returns the checked parts.
 */
export function checkDocxPackage(bytes: Uint8Array, fileName: string): Record<string, Uint8Array> {
  const entries = readCentralDirectory(bytes, fileName);
  let total = 0;
  for (const entry of entries) {
    if (unsafeEntryName(entry.name)) {
      throw refuse(fileName, `パッケージ外を指すパス「${entry.name.slice(0, 100)}」を含むため取り込みません。`, `it holds a path outside the package ("${entry.name.slice(0, 100)}"); refused.`);
    }
    total += entry.declaredSize;
    if (total > MAX_DOCX_UNCOMPRESSED) {
      throw refuse(fileName, `展開すると ${MAX_DOCX_UNCOMPRESSED / 1024 / 1024} MB を超えます（zip 爆弾の疑い）。`, `it unpacks to more than ${MAX_DOCX_UNCOMPRESSED / 1024 / 1024} MB (a zip bomb?); refused.`);
    }
    const ratio = entry.declaredSize / Math.max(1, entry.compressedSize);
    if (entry.declaredSize > RATIO_FLOOR_BYTES && ratio > MAX_DOCX_RATIO) {
      throw refuse(fileName, `「${entry.name.slice(0, 100)}」の圧縮率が異常です（${Math.round(ratio)}:1、zip 爆弾の疑い）。`, `"${entry.name.slice(0, 100)}" is compressed ${Math.round(ratio)}:1 (a zip bomb?); refused.`);
    }
    if (entry.method !== 0 && entry.method !== 8) {
      throw refuse(fileName, `「${entry.name.slice(0, 100)}」の圧縮方式（${entry.method}）には対応していません。`, `"${entry.name.slice(0, 100)}" uses an unsupported compression method (${entry.method}).`);
    }
  }
  if (!entries.some((e) => e.name === 'word/document.xml')) {
    throw refuse(fileName, 'zip ファイルですが Word 文書（word/document.xml）ではありません。', 'it is a zip archive but not a Word document (no word/document.xml).');
  }
  const parts: Record<string, Uint8Array> = {};
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const entry of entries) {
    if (entry.name.endsWith('/')) continue; // a folder entry
    const at = entry.localOffset;
    if (at + 30 > bytes.length || view.getUint32(at, true) !== 0x04034b50) {
      throw refuse(fileName, `zip パッケージが壊れています（「${entry.name.slice(0, 100)}」の位置 ${at}）。`, `the zip package is damaged ("${entry.name.slice(0, 100)}" at byte ${at}).`);
    }
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    if (start + entry.compressedSize > bytes.length) {
      throw refuse(fileName, `zip パッケージが途中で切れています（「${entry.name.slice(0, 100)}」）。`, `the zip package is truncated ("${entry.name.slice(0, 100)}").`);
    }
    const data = bytes.subarray(start, start + entry.compressedSize);
    if (entry.method === 0) {
      if (entry.compressedSize !== entry.declaredSize) throw refuse(fileName, `「${entry.name.slice(0, 100)}」の大きさが一致しません。`, `"${entry.name.slice(0, 100)}" does not match its declared size.`);
      parts[entry.name] = data;
    } else parts[entry.name] = inflateCapped(data, entry, fileName);
  }
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
