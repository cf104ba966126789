// Brings a library in line with the workspace's import records: every imported document whose
// latest version is not in the library (a library rebuilt after damage, deleted, or restored beside
// an older workspace, or an import redone) is read again from its stored original, by hash, with the
// metadata it was ingested with and the analyst's corrections over it; an imported document whose
// import was undone is taken out. Annotations are not touched: statement ids are derived from the
// text, so the same original through the same extractor gives the same ids.
import type Database from 'better-sqlite3';
import { toErrorData, type AppErrorData } from '../../shared/errors';
import type { DocumentMeta } from '../../shared/model';
import { ingestDocument } from '../corpus/ingest';
import { flushPending } from '../search/indexer';
import { extractSource, type Extracted } from './extract';
import { firstLineTitle } from './metadata';
import { originalsDirOf, readOriginal } from './originals';

/** The journal's name for an imported document (./imported-document.ts registers it). */
export const IMPORTED_DOCUMENT_ENTITY = 'imported-document';

export interface RestoreReport {
  restored: string[];
  /** Documents that could not be read again (a missing original, a PDF that needs its password). */
  failed: { documentId: string; error: AppErrorData }[];
  /** Imported documents taken out of the library because their import was undone (strayImported). */
  removed: string[];
}

type MissingRow = RestorableRecord;

/** Imported documents the library lacks: the latest record of each. */
export function missingImported(db: Database.Database): MissingRow[] {
  return db
    .prepare(
      `SELECT r.document_id, r.file_name, r.sha256, r.meta_json FROM import_records r
       WHERE r.version = (SELECT MAX(version) FROM import_records WHERE document_id = r.document_id)
         AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = r.document_id)
       ORDER BY r.id`,
    )
    .all() as MissingRow[];
}

/** The record a document is re-made from: its latest import, by original and stated metadata. */
export interface RestorableRecord {
  document_id: string;
  file_name: string;
  sha256: string;
  meta_json: string | null;
}

/** Reads a stored original again with the current extractors (no transaction: it may take long). */
export async function readStoredOriginal(dir: string, row: Pick<RestorableRecord, 'file_name' | 'sha256'>, signal?: AbortSignal): Promise<Extracted> {
  return extractSource(readOriginal(dir, row.sha256), row.file_name, { signal });
}

/**
 * Puts an imported document back into the library from its re-read original, with the metadata it
 * was ingested with and the analyst's corrections over it: the one way a library rebuild, and an
 * undo or redo of an import, re-make a document. Annotations are not touched: statement ids are
 * derived from the text, so the same original gives the same ids.
 */
export function ingestRestored(db: Database.Database, row: RestorableRecord, extracted: Extracted): void {
  const stated = row.meta_json ? (JSON.parse(row.meta_json) as Partial<DocumentMeta>) : {};
  const editRow = db.prepare('SELECT fields_json FROM document_edits WHERE document_id = ?').get(row.document_id) as { fields_json: string } | undefined;
  const edits = editRow ? (JSON.parse(editRow.fields_json) as Partial<DocumentMeta>) : {};
  const meta: DocumentMeta = {
    id: row.document_id,
    title: edits.title ?? stated.title ?? extracted.meta.title ?? firstLineTitle(extracted.text) ?? row.file_name,
    date: edits.date !== undefined ? edits.date : stated.date ?? extracted.meta.date ?? null,
    issuer: edits.issuer !== undefined ? edits.issuer : stated.issuer ?? extracted.meta.issuer ?? null,
    kind: edits.kind ?? stated.kind ?? 'other',
    language: stated.language ?? 'ja',
    source: stated.source ?? row.file_name,
  };
  // No re-anchoring hook: the annotations keep their places (or are put back by the journal).
  ingestDocument(db, meta, extracted.text, { origin: 'imported', pages: extracted.pages, afterReplace: [(d) => void flushPending(d)] });
}

/**
 * Imported documents the library holds but the workspace no longer records, because an undo of
 * their import committed in the workspace and the process died before the library's commit (the
 * workspace commits first). Only documents the journal knows it imported are taken: the truth is
 * the workspace's journal, never a guess from the library alone.
 */
export function strayImported(db: Database.Database): string[] {
  return db
    .prepare(
      `SELECT d.id FROM documents d
       WHERE d.origin = 'imported'
         AND NOT EXISTS (SELECT 1 FROM import_records r WHERE r.document_id = d.id)
         AND EXISTS (SELECT 1 FROM change_entries e WHERE e.entity = ? AND e.entity_id = d.id)
       ORDER BY d.id`,
    )
    .pluck()
    .all(IMPORTED_DOCUMENT_ENTITY) as string[];
}

/** Takes an imported document out of the library: its statements (and their search entries), pages and row. */
export function removeFromLibrary(db: Database.Database, documentId: string): void {
  // Statements first: their delete trigger takes their entries out of the search index.
  db.prepare('DELETE FROM statements WHERE document_id = ?').run(documentId);
  db.prepare('DELETE FROM document_pages WHERE document_id = ?').run(documentId);
  db.prepare('DELETE FROM documents WHERE id = ?').run(documentId);
}

export async function restoreImported(
  db: Database.Database,
  opts: { originalsDir?: string; onProgress?: (done: number, total: number, document?: string) => void; signal?: AbortSignal } = {},
): Promise<RestoreReport> {
  const report: RestoreReport = { restored: [], failed: [], removed: [] };
  // A read-only workspace is read as it is (a backup being checked): nothing is taken out.
  for (const id of db.readonly ? [] : strayImported(db)) {
    db.transaction(() => removeFromLibrary(db, id)).immediate();
    report.removed.push(id);
  }
  const missing = missingImported(db);
  if (missing.length === 0) return report;
  const dir = opts.originalsDir ?? originalsDirOf(db);
  for (const [i, row] of missing.entries()) {
    if (opts.signal?.aborted) break;
    opts.onProgress?.(i, missing.length, row.file_name);
    try {
      const extracted = await readStoredOriginal(dir, row, opts.signal);
      ingestRestored(db, row, extracted);
      report.restored.push(row.document_id);
    } catch (e) {
      report.failed.push({ documentId: row.document_id, error: toErrorData(e) });
    }
  }
  opts.onProgress?.(missing.length, missing.length);
  return report;
}
