// The format dispatch of the import pipeline: what a file is, by its signature first (a PDF or
// a zip is never read as text), then the extractor for that format. Every extractor returns an
// ExtractedSource; text, Markdown and HTML share the decoder, Word goes through the HTML path.
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { decodeText } from './decode';
import { extractDocx } from './docx';
import type { ExtractedSource } from './extracted';
import { htmlToText, looksLikeHtml } from './html';
import { extractPdf } from './pdf';

export interface ExtractOptions {
  /** A PDF's user password. */
  password?: string;
  signal?: AbortSignal;
  /** Paged sources report each page read (PDF). */
  onPage?: (page: number, pages: number) => void;
}

export interface Extracted extends ExtractedSource {
  /** Control characters removed from a text file (0 for binary formats). */
  removedControls: number;
}

/** Where a PDF's `%PDF-` header may start (the specification allows leading junk within 1 KB). */
const PDF_HEADER_WINDOW = 1024;

type Signature = { kind: 'pdf' } | { kind: 'zip' } | { kind: 'binary'; what: { ja: string; en: string } } | { kind: 'text' };

function startsWith(bytes: Uint8Array, sig: readonly number[]): boolean {
  return bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b);
}

/** Binary formats analysts might drop by mistake, named so the refusal says what the file is. */
const BINARY_SIGNATURES: { sig: number[]; ja: string; en: string }[] = [
  { sig: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], ja: '旧形式の Office 文書（.doc/.xls）か暗号化された Office 文書です。Word で .docx として保存し直してください', en: 'an old-format Office file (.doc/.xls) or an encrypted Office file; save it as .docx in Word' },
  { sig: [0x7f, 0x45, 0x4c, 0x46], ja: '実行ファイル（ELF）です', en: 'an executable (ELF)' },
  { sig: [0x4d, 0x5a], ja: '実行ファイル（Windows）です', en: 'an executable (Windows)' },
  { sig: [0xcf, 0xfa, 0xed, 0xfe], ja: '実行ファイル（Mach-O）です', en: 'an executable (Mach-O)' },
  { sig: [0x89, 0x50, 0x4e, 0x47], ja: '画像（PNG）です', en: 'an image (PNG)' },
  { sig: [0xff, 0xd8, 0xff], ja: '画像（JPEG）です', en: 'an image (JPEG)' },
  { sig: [0x47, 0x49, 0x46, 0x38], ja: '画像（GIF）です', en: 'an image (GIF)' },
  { sig: [0x1f, 0x8b], ja: 'gzip 圧縮ファイルです', en: 'a gzip archive' },
  { sig: [0x52, 0x61, 0x72, 0x21], ja: 'RAR 圧縮ファイルです', en: 'a RAR archive' },
  { sig: [0x37, 0x7a, 0xbc, 0xaf], ja: '7z 圧縮ファイルです', en: 'a 7z archive' },
  { sig: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65], ja: 'SQLite データベースです', en: 'a SQLite database' },
];

export function detectSignature(bytes: Uint8Array): Signature {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, PDF_HEADER_WINDOW)).toString('latin1');
  if (head.includes('%PDF-')) return { kind: 'pdf' };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return { kind: 'zip' };
  for (const b of BINARY_SIGNATURES) if (startsWith(bytes, b.sig)) return { kind: 'binary', what: b };
  return { kind: 'text' };
}

function refuse(fileName: string, ja: string, en: string, code: 'bad-input' | 'unsupported-format' = 'bad-input'): AppError {
  return new AppError(code, { ja: `${fileName}: ${ja}`, en: `${fileName}: ${en}` }, { subject: fileName });
}

/** PDF: extracted in a worker thread (./pdf), with its password, cancellation and page progress. */
function extractPdfSource(bytes: Uint8Array, fileName: string, opts: ExtractOptions): Promise<ExtractedSource> {
  return extractPdf(bytes, { fileName, password: opts.password, signal: opts.signal, onPage: opts.onPage });
}

/** Reads any supported file into an ExtractedSource; refusals name the file and the reason. */
export async function extractSource(bytes: Uint8Array, fileName: string, opts: ExtractOptions = {}): Promise<Extracted> {
  const signature = detectSignature(bytes);
  switch (signature.kind) {
    case 'pdf':
      return { ...(await extractPdfSource(bytes, fileName, opts)), removedControls: 0 };
    case 'zip':
      return { ...(await extractDocx(bytes, fileName)), removedControls: 0 };
    case 'binary':
      throw refuse(fileName, `${signature.what.ja}。取り込めるのはテキスト、Markdown、HTML、Word（.docx）、PDF です。`, `it is ${signature.what.en}. Text, Markdown, HTML, Word (.docx) and PDF can be imported.`);
    case 'text':
      break;
  }
  const decoded = decodeText(bytes, fileName);
  const text = decoded.text.replace(/\r\n?/g, '\n');
  if (looksLikeHtml(text, fileName)) {
    const h = htmlToText(text);
    return {
      format: 'html',
      text: h.text,
      encoding: decoded.encoding,
      meta: { ...(h.title ? { title: h.title } : {}), ...h.meta },
      removedControls: decoded.removedControls,
    };
  }
  const markdown = /\.(md|markdown)$/i.test(path.basename(fileName));
  return { format: markdown ? 'markdown' : 'text', text, encoding: decoded.encoding, meta: {}, removedControls: decoded.removedControls };
}
