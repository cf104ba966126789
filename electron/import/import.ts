// Imports an analyst's own source (text, Markdown, HTML, Word, PDF) as a document: extract by
// format (outside any transaction), then keep the original bytes by hash, segment and ingest, and
// record the import, in one journaled change per file (undo takes the document out again; a
// project or bundle import writes all its documents in its own one change). The same bytes again are a duplicate
// (nothing written); a changed file of the same name is a new version whose annotations are
// re-anchored, with a report of what moved and what was orphaned.
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { ChangeKind } from '../../shared/annotations';
import { isIsoDate } from '../../shared/date';
import { AppError, type LocalizedText } from '../../shared/errors';
import type { DocumentKind, DocumentMeta, Statement } from '../../shared/model';
import { DOCUMENT_KINDS } from '../../shared/model';
import { ANNOTATION } from '../annotate/annotation-rows';
import { reanchorDocument } from '../annotate/reanchor';
import { ingestPrepared, type ReplaceHook } from '../corpus/ingest';
import { renamePrepared, streamed, wholeDocument } from '../corpus/prepared';
import { getDocument } from '../corpus/repo';
import { flushPending, indexStatements } from '../search/indexer';
import type { Actor } from '../journal/actor';
import { journaledChange, type Change } from '../journal/change';
import { defineEntity } from '../journal/entities';
import { idFromFileNameAndHash } from './document-id';
import type { ExtractOptions } from './extract';
import { IMPORTED_DOCUMENT, type StoredImportRecord } from './imported-document';
import { removeFromLibrary } from './rebuild';
import type { SourceFormat } from './extracted';
import { firstLineTitle, statedDate, statedIssuer } from './metadata';
import { takeWriteTurn } from './write-order';
import { discardOriginal, originalsDirOf, readOriginal, sha256Hex, storeOriginal, type StoredOriginal } from './originals';
import { INLINE_BELOW_BYTES, prepareSource, warmPrepareWorker, type PreparedSource } from './prepare';
import type { ExtractedSummary, IdPrediction } from './prepare/protocol';

export { idFromFileName } from './document-id';

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/** Recorded with each import: a newer extractor can re-read the stored original. */
export const EXTRACTOR_VERSION = 'import-2';

export interface ImportInput extends ExtractOptions {
  fileName: string;
  bytes: Uint8Array;
  id?: string;
  title?: string;
  date?: string | null;
  issuer?: string | null;
  kind?: DocumentKind;
  /** Replace an imported document with the same id even when it came from another file name. */
  replace?: boolean;
  /** Where originals are kept; defaults to `originals/` beside the database. */
  originalsDir?: string;
  /** Re-reading a stored original: the same bytes are expected, so they are no duplicate. */
  reextract?: boolean;
  /**
   * A separate document even when a file of this name was imported before (two `memo.txt` from
   * two folders of one batch are two documents, not two versions): a free id is chosen.
   */
  separate?: boolean;
}

export interface ReanchorReport {
  total: number;
  position: number;
  quote: number;
  fuzzy: number;
  orphaned: number;
  /** Annotations now on another statement or span: statement numbers (1-based) before and after. */
  moved: { annotationId: string; quote: string; from: number | null; to: number | null }[];
  /** Annotations that could not be placed: kept, shown as orphans. */
  orphans: { annotationId: string; quote: string; from: number | null }[];
}

export type ImportStatus = 'imported' | 'new-version' | 'duplicate';

export interface ImportResult {
  status: ImportStatus;
  documentId: string;
  statements: number;
  replaced: boolean;
  format: SourceFormat;
  encoding: string | null;
  pages: number | null;
  version: number;
  sha256: string;
  /** Control characters removed from a text file. */
  removedControls: number;
  reanchor: ReanchorReport | null;
}

export interface ImportRecord {
  version: number;
  fileName: string;
  size: number;
  sha256: string;
  format: SourceFormat;
  encoding: string | null;
  pages: number | null;
  statements: number;
  extractor: string;
  importedAt: string;
  reanchor: ReanchorReport | null;
}

function bad(fileName: string, ja: string, en: string): AppError {
  return new AppError('bad-input', { ja: `${fileName}: ${ja}`, en: `${fileName}: ${en}` }, { subject: fileName });
}

function cancelled(fileName: string): AppError {
  return new AppError('cancelled', { ja: `${fileName}: 取り込みを取り消しました。何も書き込まれていません。`, en: `${fileName}: the import was cancelled; nothing was written.` }, { subject: fileName });
}

/** An import_records row as stored (the same row the journal keeps for an imported document). */
type RecordRow = StoredImportRecord;

function recordFromRow(r: RecordRow): ImportRecord {
  return {
    version: r.version, fileName: r.file_name, size: r.size, sha256: r.sha256, format: r.format, encoding: r.encoding, pages: r.pages,
    statements: r.statements, extractor: r.extractor, importedAt: r.imported_at, reanchor: r.reanchor_json ? (JSON.parse(r.reanchor_json) as ReanchorReport) : null,
  };
}

/** Every import of a document, oldest first. */
export function importRecords(db: Database.Database, documentId: string): ImportRecord[] {
  const rows = db.prepare('SELECT * FROM import_records WHERE document_id = ? ORDER BY version').all(documentId) as RecordRow[];
  return rows.map(recordFromRow);
}

function latestRecord(db: Database.Database, documentId: string): RecordRow | undefined {
  return db.prepare('SELECT * FROM import_records WHERE document_id = ? ORDER BY version DESC LIMIT 1').get(documentId) as RecordRow | undefined;
}

type EditedFields = Partial<Pick<DocumentMeta, 'title' | 'date' | 'issuer' | 'kind'>>;

function editedFields(db: Database.Database, documentId: string): EditedFields {
  const row = db.prepare('SELECT fields_json FROM document_edits WHERE document_id = ?').get(documentId) as { fields_json: string } | undefined;
  return row ? (JSON.parse(row.fields_json) as EditedFields) : {};
}

interface AnnotationPlace {
  id: string;
  statement_id: string;
  doc_start: number;
  doc_end: number;
  orphaned: number;
  quote_exact: string;
}

function annotationPlaces(db: Database.Database, documentId: string): Map<string, AnnotationPlace> {
  const rows = db.prepare('SELECT id, statement_id, doc_start, doc_end, orphaned, quote_exact FROM annotations WHERE document_id = ? AND deleted_at IS NULL').all(documentId) as AnnotationPlace[];
  return new Map(rows.map((r) => [r.id, r]));
}

function shortQuote(s: string): string {
  const q = s.replace(/\s+/g, ' ');
  return q.length > 40 ? `${q.slice(0, 40)}…` : q;
}

/** Re-anchors inside the replacing transaction and says, annotation by annotation, what happened. */
function reanchorWithReport(db: Database.Database, documentId: string, previous: readonly Statement[]): ReanchorReport {
  const before = annotationPlaces(db, documentId);
  const summary = reanchorDocument(db, documentId, previous);
  const after = annotationPlaces(db, documentId);
  const oldNumber = new Map(previous.map((s) => [s.id, s.ordinal + 1]));
  const newNumber = new Map((db.prepare('SELECT id, ordinal FROM statements WHERE document_id = ?').all(documentId) as { id: string; ordinal: number }[]).map((s) => [s.id, s.ordinal + 1]));
  const report: ReanchorReport = { total: summary.total, position: summary.position, quote: summary.quote, fuzzy: summary.fuzzy, orphaned: summary.orphaned, moved: [], orphans: [] };
  for (const [id, b] of before) {
    const a = after.get(id);
    if (!a) continue;
    const from = oldNumber.get(b.statement_id) ?? null;
    if (a.orphaned) {
      report.orphans.push({ annotationId: id, quote: shortQuote(b.quote_exact), from });
      continue;
    }
    const to = newNumber.get(a.statement_id) ?? null;
    if (b.orphaned || a.doc_start !== b.doc_start || a.doc_end !== b.doc_end || from !== to) report.moved.push({ annotationId: id, quote: shortQuote(a.quote_exact), from, to });
  }
  return report;
}

interface Resolved {
  id: string;
  version: number;
  replacing: boolean;
}

/** The document the latest import from a file of this name went into, if it is still in the library. */
function sameNameDocument(db: Database.Database, base: string): string | undefined {
  return db
    .prepare(`SELECT r.document_id AS id FROM import_records r JOIN documents d ON d.id = r.document_id
              WHERE r.file_name = ? ORDER BY r.imported_at DESC, r.id DESC LIMIT 1`)
    .pluck()
    .get(base) as string | undefined;
}

/**
 * resolveTarget's answer as far as it can be given before the text is known and outside the write
 * (the prepare worker derives statement ids from it). The write resolves again; where another
 * write came between, or a free id had to be picked, the ids are derived again there.
 */
function predictTarget(db: Database.Database, input: ImportInput): IdPrediction {
  if (input.id !== undefined) return { id: input.id };
  const same = input.separate ? undefined : sameNameDocument(db, path.basename(input.fileName));
  return same !== undefined ? { id: same } : { fromFileName: input.fileName };
}

/** Which document the file is: a new one, or a new version of the one imported from the same file. */
function resolveTarget(db: Database.Database, input: ImportInput, textSha: string | null): Resolved {
  const { fileName } = input;
  const base = path.basename(fileName);
  let id = input.id;
  if (id === undefined && input.separate) {
    const base = idFromFileNameAndHash(fileName, textSha);
    id = base;
    for (let n = 2; db.prepare('SELECT 1 FROM documents WHERE id = ?').get(id); n++) id = `${base.slice(0, 75)}-${n}`;
    return { id, version: 1, replacing: false };
  }
  // The latest import from a file of this name: a changed file of the same name is its new version.
  if (id === undefined) id = sameNameDocument(db, base) ?? idFromFileNameAndHash(fileName, textSha);
  if (!/^[a-z0-9][a-z0-9-]{0,79}$/.test(id)) {
    throw bad(fileName, `ID「${id}」は英小文字・数字・ハイフンで指定してください。`, `the id "${id}" must be lowercase letters, digits and hyphens.`);
  }
  const existing = db.prepare('SELECT origin FROM documents WHERE id = ?').get(id) as { origin: string } | undefined;
  if (!existing) return { id, version: 1, replacing: false };
  if (existing.origin === 'bundled') {
    throw new AppError('conflict', { ja: `${fileName}: ID「${id}」は同梱文書で使われています。別の ID を指定してください。`, en: `${fileName}: the id "${id}" belongs to a bundled document; choose another id.` }, { subject: id });
  }
  const latest = latestRecord(db, id);
  if (!input.replace && !input.reextract && latest?.file_name !== base) {
    throw new AppError(
      'conflict',
      {
        ja: `${fileName}: 文書「${id}」は別のファイル（${latest?.file_name ?? '不明'}）から取り込み済みです。新しい版として置き換える場合は「置き換え」（CLI では --replace）を指定してください。注釈は新しい本文に付け直されます。`,
        en: `${fileName}: a document "${id}" was already imported from another file (${latest?.file_name ?? 'unknown'}). Use replace (--replace) to make this its new version; its annotations are re-anchored.`,
      },
      { subject: id },
    );
  }
  return { id, version: (latest?.version ?? 1) + 1, replacing: true };
}

/** The document an identical original was already imported as, if it is still in the library. */
function duplicateOf(db: Database.Database, sha: string): { documentId: string; version: number } | undefined {
  return db
    .prepare('SELECT r.document_id AS documentId, r.version AS version FROM import_records r JOIN documents d ON d.id = r.document_id WHERE r.sha256 = ? ORDER BY r.version DESC LIMIT 1')
    .get(sha) as { documentId: string; version: number } | undefined;
}

function summaryOf(db: Database.Database, documentId: string, sha: string, status: ImportStatus, version: number): ImportResult {
  const rec = db.prepare('SELECT * FROM import_records WHERE document_id = ? AND version = ?').get(documentId, version) as RecordRow | undefined;
  const { document } = getDocument(db, documentId);
  return {
    status, documentId, statements: document.statements, replaced: false, format: rec?.format ?? 'text', encoding: rec?.encoding ?? null,
    pages: rec?.pages ?? null, version, sha256: sha, removedControls: 0, reanchor: null,
  };
}

/** A source read, extracted and prepared, nothing written yet: what `writeImport` writes inside a change. */
export interface ReadSource {
  input: ImportInput;
  sha: string;
  extracted: ExtractedSummary;
  /** Segmented statements and their index tokens (made in the prepare worker for all but small files). */
  prepared: PreparedSource;
}

/**
 * The slow half of an import, outside any transaction: checks, the hash, the duplicate look-up
 * and the extraction (a PDF in its worker). A duplicate of an imported original is answered at
 * once (nothing to write).
 */
export async function readSource(db: Database.Database, input: ImportInput): Promise<ReadSource | ImportResult> {
  const { fileName } = input;
  if (input.bytes.length === 0) throw bad(fileName, 'ファイルが空です。', 'the file is empty.');
  if (input.bytes.length > MAX_IMPORT_BYTES) {
    throw bad(fileName, `ファイルが大きすぎます（上限 ${MAX_IMPORT_BYTES / 1024 / 1024} MB）。分割して取り込んでください。`, `the file is too large (limit ${MAX_IMPORT_BYTES / 1024 / 1024} MB); split it first.`);
  }
  if (input.date != null && !isIsoDate(input.date)) {
    throw bad(fileName, `日付「${input.date}」は YYYY-MM-DD 形式で指定してください。`, `the date "${input.date}" must be YYYY-MM-DD.`);
  }
  if (input.kind !== undefined && !(DOCUMENT_KINDS as readonly string[]).includes(input.kind)) {
    throw bad(fileName, `種別「${input.kind}」は不明です（${DOCUMENT_KINDS.join(', ')}）。`, `unknown kind "${input.kind}" (${DOCUMENT_KINDS.join(', ')}).`);
  }
  // A file the prepare worker will take: it starts while the bytes are hashed and looked up.
  if (input.bytes.length >= INLINE_BELOW_BYTES) warmPrepareWorker();
  const sha = sha256Hex(input.bytes);
  if (!input.reextract) {
    const dup = duplicateOf(db, sha);
    if (dup) return summaryOf(db, dup.documentId, sha, 'duplicate', dup.version);
  }
  if (input.signal?.aborted) throw cancelled(fileName);
  const prepared = await prepareSource(input.bytes, fileName, { password: input.password, signal: input.signal, onPage: input.onPage, documentId: predictTarget(db, input) });
  const { extracted } = prepared;
  if (input.signal?.aborted || extracted.blank) {
    prepared.tokens.release();
    if (input.signal?.aborted) throw cancelled(fileName);
    throw bad(fileName, '本文がありません。', 'there is no text in it.');
  }
  return { input, sha, extracted, prepared };
}

export function isReadSource(r: ReadSource | ImportResult): r is ReadSource {
  return 'extracted' in r;
}

/**
 * The quick half, inside the caller's journaled change: the original kept by hash (before the
 * commit, so a crash after it finds the original a rebuild needs), the document ingested with its
 * search entries, the import recorded, and, for a new version, its annotations re-anchored. The
 * document is journaled as an IMPORTED_DOCUMENT (records only) and re-anchored annotations as
 * themselves, so undo takes the whole import back. Originals this call wrote are pushed to
 * `written`: the caller discards them if its change does not commit.
 */
export function writeImport(change: Change, source: ReadSource, written: StoredOriginal[]): ImportResult {
  try {
    return writePreparedImport(change, source, written);
  } finally {
    // Written, refused or a duplicate: the worker need not go on making this file's tokens.
    source.prepared.tokens.release();
  }
}

function writePreparedImport(change: Change, source: ReadSource, written: StoredOriginal[]): ImportResult {
  const { db } = change.actor;
  const { input, sha, extracted } = source;
  const { fileName } = input;
  // Again inside the transaction: an earlier source of the same change may have brought the same bytes.
  if (!input.reextract) {
    const dup = duplicateOf(db, sha);
    if (dup) return summaryOf(db, dup.documentId, sha, 'duplicate', dup.version);
  }
  // Title, date and issuer are read from the text's opening (metadata.ts): the rest stayed where it was segmented.
  const text = extracted.opening;
  const target = resolveTarget(db, input, extracted.textSha256);
  const edits = target.replacing ? editedFields(db, target.id) : {};
  const title = input.title?.trim() || edits.title || extracted.meta.title || firstLineTitle(text) || path.basename(fileName);
  const meta: DocumentMeta = {
    id: target.id,
    title,
    date: input.date !== undefined ? input.date : edits.date !== undefined ? edits.date : extracted.meta.date ?? statedDate(text),
    issuer: input.issuer !== undefined ? input.issuer : edits.issuer !== undefined ? edits.issuer : extracted.meta.issuer ?? statedIssuer(text, title),
    kind: input.kind ?? edits.kind ?? 'other',
    language: 'ja',
    source: path.basename(fileName),
  };

  change.touch(IMPORTED_DOCUMENT, target.id);
  // A new version re-anchors the document's annotations: journaled after the document, so undo
  // puts them back before the previous text is re-made, and redo after the new one is.
  if (target.replacing) {
    for (const id of db.prepare('SELECT id FROM annotations WHERE document_id = ? ORDER BY id').pluck().all(target.id) as string[]) change.touch(ANNOTATION, id);
  }
  const dir = input.originalsDir ?? originalsDirOf(db);
  let report: ReanchorReport | null = null;
  const record = (statements: number) =>
    db
      .prepare(
        `INSERT INTO import_records (document_id, version, file_name, size, sha256, format, encoding, pages, statements, extractor, imported_at, reanchor_json, meta_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      // meta_json: what a library rebuild ingests the re-extracted text as (./rebuild.ts).
      .run(target.id, target.version, path.basename(fileName), input.bytes.length, sha, extracted.format, extracted.encoding, extracted.pages?.count ?? null, statements, EXTRACTOR_VERSION, change.at, report ? JSON.stringify(report) : null, JSON.stringify(meta));
  const hooks: ReplaceHook[] = [
    // The search index follows the new statements in the same transaction.
    (d) => void flushPending(d),
    (d, id, previous) => {
      report = target.replacing ? reanchorWithReport(d, id, previous) : null;
    },
    (d, id) => record((d.prepare('SELECT COUNT(*) AS n FROM statements WHERE document_id = ?').get(id) as { n: number }).n),
  ];
  written.push(storeOriginal(dir, input.bytes, sha));
  // Ingest's own transaction is a savepoint inside the change's. The statement ids were derived
  // from the predicted id; another id (a race with another write, a free id picked) derives them again.
  const { tokens } = source.prepared;
  const predicted = source.prepared.document;
  // (Renaming needs every statement: the rare misprediction waits for all of them first.)
  const document = predicted.documentId === target.id ? predicted : streamed(renamePrepared(wholeDocument(predicted), target.id));
  const r = ingestPrepared(db, meta, document, {
    origin: 'imported',
    afterReplace: hooks,
    pages: extracted.pages,
    now: () => change.at,
    // The index entries come with the statements (tokens made beside the write), not from the queue.
    index: (d, rowids) => indexStatements(d, rowids, (i) => tokens.take(i)),
  });
  // The same text from different bytes (re-saved, another encoding): no re-segmenting, but the
  // new original is still this document's latest version.
  if (!r.changed) record(r.statements);
  return {
    status: target.replacing ? 'new-version' : 'imported',
    documentId: target.id,
    statements: r.statements,
    replaced: target.replacing,
    format: extracted.format,
    encoding: extracted.encoding,
    pages: extracted.pages?.count ?? null,
    version: target.version,
    sha256: sha,
    removedControls: extracted.removedControls,
    reanchor: report,
  };
}

/** Runs `write` as one journaled change; originals it kept are taken back when the change fails. */
export function journaledImport<T>(actor: Actor, kind: ChangeKind, label: LocalizedText | ((value: NoInfer<T>) => LocalizedText), write: (change: Change, written: StoredOriginal[]) => T, originalsDir?: string): T {
  const written: StoredOriginal[] = [];
  try {
    return journaledChange(actor, kind, typeof label === 'function' ? (v) => label(v) : label, (change) => write(change, written));
  } catch (e) {
    const dir = originalsDir ?? originalsDirOf(actor.db);
    for (const w of written) discardOriginal(dir, w);
    throw e;
  }
}

function importLabel(r: ImportResult, title: string): LocalizedText {
  return r.status === 'new-version'
    ? { ja: `新しい版を取り込み（${title}、第 ${r.version} 版）`, en: `Import version ${r.version} of "${title}"` }
    : { ja: `文書を取り込み（${title}）`, en: `Import "${title}"` };
}

/** A bare database (scripts, tests) imports as the OS user; the app and the CLI pass their Actor. */
export function actorOf(target: Database.Database | Actor): Actor {
  if ('db' in target) return target;
  let author = process.env.WORKBENCH_AUTHOR ?? '';
  try {
    author ||= os.userInfo().username;
  } catch {
    /* no user name on this system */
  }
  return { db: target, author: author || 'analyst' };
}

/** Imports one source as one undoable change (undo takes the document out again). */
export async function importDocument(target: Database.Database | Actor, input: ImportInput): Promise<ImportResult> {
  const actor = actorOf(target);
  // Reading may overlap with an earlier call's write (a client keeps two files in flight); the
  // writes keep the order of the calls (./write-order.ts).
  const turn = takeWriteTurn(actor.db);
  try {
    const source = await readSource(actor.db, input);
    if (!isReadSource(source)) return source;
    await turn.ready;
    if (input.signal?.aborted) throw cancelled(input.fileName);
    let title = '';
    return journaledImport<ImportResult>(
      actor,
      'document.import',
      (r) => importLabel(r, title),
      (change, written) => {
        const r = writeImport(change, source, written);
        title = (actor.db.prepare('SELECT title FROM documents WHERE id = ?').pluck().get(r.documentId) as string | undefined) ?? r.documentId;
        return r;
      },
      input.originalsDir,
    );
  } finally {
    turn.done();
  }
}

/** Reads the stored original of an imported document again with the current extractors. */
export async function reextractDocument(target: Database.Database | Actor, documentId: string, opts: { originalsDir?: string; password?: string } = {}): Promise<ImportResult> {
  const db = actorOf(target).db;
  const latest = latestRecord(db, documentId);
  if (!latest) {
    throw new AppError('not-found', { ja: `文書「${documentId}」には保存された原本がありません。`, en: `The document "${documentId}" has no stored original.` }, { subject: documentId });
  }
  const dir = opts.originalsDir ?? originalsDirOf(db);
  const bytes = readOriginal(dir, latest.sha256);
  return importDocument(target, { fileName: latest.file_name, bytes, id: documentId, reextract: true, originalsDir: dir, password: opts.password });
}

interface DocumentMetaSnapshot {
  title: string;
  date: string | null;
  issuer: string | null;
  kind: DocumentKind;
  /** The analyst's corrections as stored (kept over later versions), or null when none. */
  edits: string | null;
}

function snapshotDocumentMeta(db: Database.Database, id: string): DocumentMetaSnapshot | null {
  const doc = db.prepare('SELECT title, date, issuer, kind FROM documents WHERE id = ?').get(id) as Omit<DocumentMetaSnapshot, 'edits'> | undefined;
  if (!doc) return null;
  const edit = db.prepare('SELECT fields_json FROM document_edits WHERE document_id = ?').get(id) as { fields_json: string } | undefined;
  return { ...doc, edits: edit?.fields_json ?? null };
}

/**
 * Metadata corrections in the journal, so undo and redo restore them. A document removed since
 * has nothing to write back to: its metadata went with it.
 */
export const DOCUMENT_META = defineEntity<DocumentMetaSnapshot>({
  name: 'document-meta',
  snapshot: snapshotDocumentMeta,
  apply: (db, id, _from, to, at) => {
    // Gone with its document (a removal, or its redo): no corrections are kept for nothing.
    if (to === null) {
      db.prepare('DELETE FROM document_edits WHERE document_id = ?').run(id);
      return;
    }
    const t = to as DocumentMetaSnapshot;
    if (!db.prepare('SELECT 1 FROM documents WHERE id = ?').get(id)) return;
    db.prepare('UPDATE documents SET title = ?, date = ?, issuer = ?, kind = ? WHERE id = ?').run(t.title, t.date, t.issuer, t.kind, id);
    if (t.edits === null) db.prepare('DELETE FROM document_edits WHERE document_id = ?').run(id);
    else writeEdits(db, id, t.edits, at);
  },
});

function writeEdits(db: Database.Database, id: string, fieldsJson: string, at: string): void {
  db.prepare(
    `INSERT INTO document_edits (document_id, fields_json, edited_at) VALUES (?, ?, ?)
     ON CONFLICT(document_id) DO UPDATE SET fields_json = excluded.fields_json, edited_at = excluded.edited_at`,
  ).run(id, fieldsJson, at);
}

/** Corrects an imported document's title, date, issuer or kind; kept over later versions; undoable. */
export function updateDocumentMeta(actor: Actor, id: string, fields: EditedFields): void {
  const { db } = actor;
  const { document } = getDocument(db, id);
  if (document.origin === 'bundled') {
    throw new AppError('conflict', { ja: '同梱文書の書誌情報は変更できません。', en: 'The metadata of bundled documents cannot be changed.' }, { subject: id });
  }
  if (fields.title !== undefined && !fields.title.trim()) {
    throw new AppError('bad-input', { ja: '題名は空にできません。', en: 'The title cannot be empty.' }, { subject: 'title' });
  }
  if (fields.date != null && !isIsoDate(fields.date)) {
    throw new AppError('bad-input', { ja: `日付「${fields.date}」は YYYY-MM-DD 形式で指定してください。`, en: `The date "${fields.date}" must be YYYY-MM-DD.` }, { subject: 'date' });
  }
  const next: EditedFields = { ...editedFields(db, id), ...fields };
  if (next.title !== undefined) next.title = next.title.trim();
  const merged = { title: next.title ?? document.title, date: next.date !== undefined ? next.date : document.date, issuer: next.issuer !== undefined ? next.issuer : document.issuer, kind: next.kind ?? document.kind };
  journaledChange(actor, 'document.meta', { ja: `書誌情報を修正（${merged.title}）`, en: `Corrected the metadata of "${merged.title}"` }, (change) => {
    change.touch(DOCUMENT_META, id);
    db.prepare('UPDATE documents SET title = ?, date = ?, issuer = ?, kind = ? WHERE id = ?').run(merged.title, merged.date, merged.issuer, merged.kind, id);
    writeEdits(db, id, JSON.stringify(next), change.at);
  });
}

/**
 * Removes an imported document as one undoable change; refused while annotations point into it
 * (they are the analyst's work). The original stays on disk (content-addressed, ./originals.ts),
 * so undo re-makes the document from it with the same statement ids, and its corrected metadata
 * comes back with it.
 */
export function removeDocument(target: Database.Database | Actor, id: string): void {
  const actor = actorOf(target);
  const { db } = actor;
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
  // The records and edits are in the workspace, the document in the library: no key cascades
  // across the two files, so all go in one change (atomic per file, docs/architecture.md). The
  // metadata is touched first: undo runs backwards, so the document is re-made before its
  // corrections are written back onto it.
  journaledChange(actor, 'document.remove', { ja: `文書を削除（${document.title}）`, en: `Removed "${document.title}"` }, (change) => {
    change.touch(DOCUMENT_META, id);
    change.touch(IMPORTED_DOCUMENT, id);
    db.prepare('DELETE FROM document_edits WHERE document_id = ?').run(id);
    db.prepare('DELETE FROM import_records WHERE document_id = ?').run(id);
    removeFromLibrary(db, id);
  });
}
