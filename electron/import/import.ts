// Imports an analyst's own source (text, Markdown or HTML file) as a document: decode, clean,
// segment and ingest in one transaction; re-importing an edited file re-anchors its annotations.
import path from 'node:path';
import type Database from 'better-sqlite3';
import { isIsoDate } from '../../shared/date';
import { AppError } from '../../shared/errors';
import type { DocumentKind, DocumentMeta } from '../../shared/model';
import { DOCUMENT_KINDS } from '../../shared/model';
import { replaceHooks } from '../annotate/replace-hooks';
import { ingestDocument } from '../corpus/ingest';
import { getDocument } from '../corpus/repo';
import { sha256 } from '../corpus/manifest';
import { eraDateToIso } from '../corpus/segment/era-date';
import { decodeText, type Decoded } from './decode';
import type { ExtractedSource } from './extracted';
import { htmlToText, looksLikeHtml } from './html';
import { extractPdf, isPdf } from './pdf';

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export interface ImportInput {
  fileName: string;
  bytes: Uint8Array;
  id?: string;
  title?: string;
  date?: string | null;
  issuer?: string | null;
  kind?: DocumentKind;
  /** Replace an imported document with the same id (annotations are re-anchored). */
  replace?: boolean;
}

export interface ImportResult {
  documentId: string;
  statements: number;
  replaced: boolean;
  /** The text encoding, or 'binary' for a format that is not text (PDF). */
  encoding: Decoded['encoding'] | 'binary';
  /** Paged sources (PDF): the number of pages. */
  pages?: number;
}

/** For a PDF: its user password, cancellation and per-page progress. */
export interface ImportFileOptions {
  password?: string;
  signal?: AbortSignal;
  onPage?: (done: number, total: number) => void;
}

/**
 * Imports a file of any supported format: a PDF (bytes starting with %PDF-) is extracted in a
 * worker first; everything else goes through the text path of importDocument.
 */
export async function importFile(db: Database.Database, input: ImportInput, opts: ImportFileOptions = {}): Promise<ImportResult> {
  if (input.bytes.length === 0 || !isPdf(input.bytes)) {
    if (/\.pdf$/i.test(input.fileName) && input.bytes.length > 0) {
      throw bad(input.fileName, 'PDF ではありません（先頭に %PDF- がありません）。拡張子だけが .pdf のファイルです。', 'this is not a PDF (it does not start with %PDF-); only its name ends in .pdf.');
    }
    return importDocument(db, input);
  }
  checkSize(input);
  const source = await extractPdf(input.bytes, { fileName: input.fileName, password: opts.password, signal: opts.signal, onPage: opts.onPage });
  return ingestExtracted(db, input, source);
}

function checkSize(input: ImportInput): void {
  if (input.bytes.length > MAX_IMPORT_BYTES) {
    throw bad(input.fileName, `ファイルが大きすぎます（上限 ${MAX_IMPORT_BYTES / 1024 / 1024} MB）。分割して取り込んでください。`, `the file is too large (limit ${MAX_IMPORT_BYTES / 1024 / 1024} MB); split it first.`);
  }
}

function bad(fileName: string, ja: string, en: string): AppError {
  return new AppError('bad-input', { ja: `${fileName}: ${ja}`, en: `${fileName}: ${en}` }, { subject: fileName });
}

/** A readable id from the file name, or a content hash when the name has no Latin letters. */
export function idFromFileName(fileName: string, text: string): string {
  const stem = path.basename(fileName).replace(/\.[^.]+$/, '');
  const slug = stem.normalize('NFKC').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  return slug.length >= 3 ? `import-${slug}` : `import-${sha256(text).slice(0, 10)}`;
}

function firstLine(text: string): string | null {
  const line = text.split('\n').map((l) => l.replace(/^#+\s*/, '').trim()).find((l) => l.length > 0);
  if (!line) return null;
  return line.length > 100 ? `${line.slice(0, 99)}…` : line;
}

export function importDocument(db: Database.Database, input: ImportInput): ImportResult {
  const { fileName } = input;
  if (input.bytes.length === 0) throw bad(fileName, 'ファイルが空です。', 'the file is empty.');
  checkSize(input);
  // A PDF is never read as text, even one whose bytes happen to be ASCII (importFile extracts it).
  if (isPdf(input.bytes)) throw bad(fileName, 'PDF はテキストとしては取り込めません。', 'a PDF cannot be imported as text.');
  const decoded = decodeText(input.bytes, fileName);
  let text = decoded.text.replace(/\r\n?/g, '\n');
  let htmlTitle: string | null = null;
  if (looksLikeHtml(text, fileName)) {
    const h = htmlToText(text);
    text = h.text;
    htmlTitle = h.title;
  }
  return ingestExtracted(db, input, { format: 'text', text, encoding: decoded.encoding, meta: htmlTitle ? { title: htmlTitle } : {} });
}

/** Checks the options and writes an extracted source as a document (one transaction, in ingest). */
function ingestExtracted(db: Database.Database, input: ImportInput, source: ExtractedSource): ImportResult {
  const { fileName } = input;
  const text = source.text;
  const htmlTitle = source.meta.title ?? null;
  if (!text.trim()) throw bad(fileName, '本文がありません。', 'there is no text in it.');

  if (input.date != null && !isIsoDate(input.date)) {
    throw bad(fileName, `日付「${input.date}」は YYYY-MM-DD 形式で指定してください。`, `the date "${input.date}" must be YYYY-MM-DD.`);
  }
  if (input.kind !== undefined && !(DOCUMENT_KINDS as readonly string[]).includes(input.kind)) {
    throw bad(fileName, `種別「${input.kind}」は不明です（${DOCUMENT_KINDS.join(', ')}）。`, `unknown kind "${input.kind}" (${DOCUMENT_KINDS.join(', ')}).`);
  }
  const id = input.id ?? idFromFileName(fileName, text);
  if (!/^[a-z0-9][a-z0-9-]{0,79}$/.test(id)) {
    throw bad(fileName, `ID「${id}」は英小文字・数字・ハイフンで指定してください。`, `the id "${id}" must be lowercase letters, digits and hyphens.`);
  }
  const existing = db.prepare('SELECT origin FROM documents WHERE id = ?').get(id) as { origin: string } | undefined;
  if (existing?.origin === 'bundled') {
    throw new AppError('conflict', { ja: `ID「${id}」は同梱文書で使われています。別の ID を指定してください。`, en: `The id "${id}" belongs to a bundled document; choose another id.` }, { subject: id });
  }
  if (existing && !input.replace) {
    throw new AppError(
      'conflict',
      { ja: `文書「${id}」は取り込み済みです。置き換える場合は「置き換え」（CLI では --replace）を指定してください。注釈は新しい本文に付け直されます。`, en: `A document "${id}" was already imported. Use replace (--replace) to update it; its annotations are re-anchored.` },
      { subject: id },
    );
  }
  const meta: DocumentMeta = {
    id,
    // A PDF's /Title is often an artefact (「Microsoft Word - 文書1」): its first line is trusted first.
    title: input.title?.trim() || (source.format === 'pdf' ? firstLine(text) || htmlTitle : htmlTitle || firstLine(text)) || path.basename(fileName),
    // The first full date in the opening lines is usually the document's own (日時：令和3年11月19日).
    date: input.date !== undefined ? input.date : eraDateToIso(text.slice(0, 2000)),
    issuer: input.issuer ?? null,
    kind: input.kind ?? 'other',
    language: 'ja',
    source: path.basename(fileName),
  };
  const r = ingestDocument(db, meta, text, { origin: 'imported', afterReplace: replaceHooks, pages: source.pages });
  const result: ImportResult = { documentId: id, statements: r.statements, replaced: !!existing, encoding: (source.encoding as Decoded['encoding'] | null) ?? 'binary' };
  if (source.pages) result.pages = source.pages.count;
  return result;
}

/** Removes an imported document; refused while annotations point into it (they are the analyst's work). */
export function removeDocument(db: Database.Database, id: string): void {
  const { document } = getDocument(db, id);
  if (document.origin === 'bundled') {
    throw new AppError('conflict', { ja: '同梱文書は削除できません。', en: 'Bundled documents cannot be removed.' }, { subject: id });
  }
  if (document.annotations > 0) {
    throw new AppError(
      'conflict',
      { ja: `文書「${document.title}」には注釈が ${document.annotations} 件あります。先に注釈を削除するか書き出してください。`, en: `"${document.title}" has ${document.annotations} annotations; delete or export them first.` },
      { subject: id },
    );
  }
  db.prepare('DELETE FROM documents WHERE id = ?').run(id);
}
