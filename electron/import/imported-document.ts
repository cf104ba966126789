// An imported document as the undo journal sees it: its import records (a few hundred bytes per
// version: file name, size, SHA-256 of the original, metadata as ingested), never its text. Undo
// of an import takes the document out of the library (statements, pages, search entries) and its
// records out of the workspace; redo puts the records back and re-makes the document from the
// stored original by the same path a library rebuild takes (./rebuild.ts), so the document id and
// its statement ids are the same as before. Originals stay on disk: they are content-addressed,
// shared by every version and workspace copy that names them, and small next to the library.
import type Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { defineEntity } from '../journal/entities';
import type { Extracted } from './extract';
import type { SourceFormat } from './extracted';
import { originalsDirOf } from './originals';
import { IMPORTED_DOCUMENT_ENTITY, ingestRestored, readStoredOriginal, removeFromLibrary } from './rebuild';

/** One import_records row as stored (its row id kept, so redo gives back the same row). */
export interface StoredImportRecord {
  id: number;
  document_id: string;
  version: number;
  file_name: string;
  size: number;
  sha256: string;
  format: SourceFormat;
  encoding: string | null;
  pages: number | null;
  statements: number;
  extractor: string;
  imported_at: string;
  reanchor_json: string | null;
  meta_json: string | null;
}

export interface ImportedDocumentSnapshot {
  /** Every import of the document, oldest first; the last is what the library holds. */
  records: StoredImportRecord[];
}

function snapshot(db: Database.Database, id: string): ImportedDocumentSnapshot | null {
  const records = db.prepare('SELECT * FROM import_records WHERE document_id = ? ORDER BY version').all(id) as StoredImportRecord[];
  return records.length ? { records } : null;
}

function sameLatest(a: ImportedDocumentSnapshot | null, b: ImportedDocumentSnapshot): boolean {
  const x = a?.records.at(-1);
  const y = b.records.at(-1)!;
  return !!x && x.version === y.version && x.sha256 === y.sha256;
}

/** Whether writing `to` back needs the document re-made from its original (prepare reads it). */
function needsOriginal(db: Database.Database, id: string, from: ImportedDocumentSnapshot | null, to: ImportedDocumentSnapshot | null): to is ImportedDocumentSnapshot {
  if (to === null) return false;
  return !(sameLatest(from, to) && db.prepare('SELECT 1 FROM documents WHERE id = ?').get(id));
}

function writeRecords(db: Database.Database, id: string, to: ImportedDocumentSnapshot | null): void {
  db.prepare('DELETE FROM import_records WHERE document_id = ?').run(id);
  if (!to) return;
  const insert = db.prepare(
    `INSERT INTO import_records (id, document_id, version, file_name, size, sha256, format, encoding, pages, statements, extractor, imported_at, reanchor_json, meta_json)
     VALUES (@id, @document_id, @version, @file_name, @size, @sha256, @format, @encoding, @pages, @statements, @extractor, @imported_at, @reanchor_json, @meta_json)`,
  );
  for (const r of to.records) insert.run(r);
}

export const IMPORTED_DOCUMENT = defineEntity<ImportedDocumentSnapshot>({
  name: IMPORTED_DOCUMENT_ENTITY,
  snapshot,
  // Outside the transaction: re-reading an original (a PDF in its worker) can take seconds.
  prepare: async (db, id, from, to) => {
    if (!needsOriginal(db, id, from, to)) return undefined;
    return readStoredOriginal(originalsDirOf(db), to.records.at(-1)!);
  },
  apply: (db, id, from, to, _at, prepared) => {
    const f = from as ImportedDocumentSnapshot | null;
    const t = to as ImportedDocumentSnapshot | null;
    if (t === null) {
      // The journal undoes newer changes first, so annotations made on the document since are
      // already hidden; one still shown would be the analyst's work left pointing at nothing.
      const live = (db.prepare('SELECT COUNT(*) AS n FROM annotations WHERE document_id = ? AND deleted_at IS NULL').get(id) as { n: number }).n;
      if (live > 0) {
        throw new AppError(
          'conflict',
          { ja: `文書「${id}」には注釈が ${live} 件あるため、取り込みを取り消せません。先に注釈を削除してください。`, en: `The import of "${id}" cannot be undone: ${live} annotations point into it; delete them first.` },
          { subject: id },
        );
      }
      writeRecords(db, id, null);
      removeFromLibrary(db, id);
      return;
    }
    const remake = needsOriginal(db, id, f, t);
    writeRecords(db, id, t);
    if (!remake) return;
    if (prepared === undefined) {
      // Replayed without reading ahead (or another change came between): refuse, nothing written.
      throw new AppError(
        'conflict',
        { ja: `文書「${id}」を原本から作り直す準備ができていません。もう一度お試しください。`, en: `The document "${id}" was not read from its original ahead of this step; try again.` },
        { subject: id },
      );
    }
    ingestRestored(db, t.records.at(-1)!, prepared as Extracted);
  },
});
