// Refills a library from the workspace's import records: every imported document whose latest
// version is not in the library (a library rebuilt after damage, deleted, or restored beside an
// older workspace) is read again from its stored original, by hash, with the metadata it was
// ingested with and the analyst's corrections over it. Annotations are not touched: statement ids
// are derived from the text, so the same original through the same extractor gives the same ids.
import type Database from 'better-sqlite3';
import { toErrorData, type AppErrorData } from '../../shared/errors';
import type { DocumentMeta } from '../../shared/model';
import { ingestDocument } from '../corpus/ingest';
import { flushPending } from '../search/indexer';
import { extractSource } from './extract';
import { firstLineTitle } from './metadata';
import { originalsDirOf, readOriginal } from './originals';

export interface RestoreReport {
  restored: string[];
  /** Documents that could not be read again (a missing original, a PDF that needs its password). */
  failed: { documentId: string; error: AppErrorData }[];
}

interface MissingRow {
  document_id: string;
  file_name: string;
  sha256: string;
  meta_json: string | null;
}

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

export async function restoreImported(
  db: Database.Database,
  opts: { originalsDir?: string; onProgress?: (done: number, total: number, document?: string) => void; signal?: AbortSignal } = {},
): Promise<RestoreReport> {
  const missing = missingImported(db);
  const report: RestoreReport = { restored: [], failed: [] };
  if (missing.length === 0) return report;
  const dir = opts.originalsDir ?? originalsDirOf(db);
  for (const [i, row] of missing.entries()) {
    if (opts.signal?.aborted) break;
    opts.onProgress?.(i, missing.length, row.file_name);
    try {
      const bytes = readOriginal(dir, row.sha256);
      const extracted = await extractSource(bytes, row.file_name, { signal: opts.signal });
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
      // No re-anchoring hook: nothing was there before, and the annotations keep their places.
      ingestDocument(db, meta, extracted.text, { origin: 'imported', pages: extracted.pages, afterReplace: [(d) => void flushPending(d)] });
      report.restored.push(row.document_id);
    } catch (e) {
      report.failed.push({ documentId: row.document_id, error: toErrorData(e) });
    }
  }
  opts.onProgress?.(missing.length, missing.length);
  return report;
}
