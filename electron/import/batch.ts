// Many sources at once (the CLI's files and folders): one transaction per file, so a failed or
// cancelled file leaves nothing while the others still import; the event loop gets a turn
// between files so other work (API calls, a cancel) is never starved; a summary at the end.
import path from 'node:path';
import type Database from 'better-sqlite3';
import { AppError, toErrorData, type AppErrorData } from '../../shared/errors';
import { getDocument } from '../corpus/repo';
import { importDocument, type ImportInput, type ImportResult } from './import';

export interface BatchSource {
  /** What the analyst named: shown in the summary. */
  path: string;
  read(): Uint8Array | Promise<Uint8Array>;
}

export interface BatchImported {
  path: string;
  documentId: string;
  title: string;
  status: 'imported' | 'new-version';
  encoding: string | null;
  format: ImportResult['format'];
  pages: number | null;
  statements: number;
  version: number;
  removedControls: number;
  reanchor: ImportResult['reanchor'];
}

export interface BatchSummary {
  imported: BatchImported[];
  duplicates: { path: string; documentId: string }[];
  failed: { path: string; error: AppErrorData }[];
  cancelled: boolean;
}

export type BatchOptions = Omit<ImportInput, 'fileName' | 'bytes' | 'signal'> & {
  signal?: AbortSignal;
  /** Before each file (done = files finished) and once at the end. */
  onProgress?: (done: number, total: number, current: string | null) => void;
};

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function importBatch(db: Database.Database, sources: readonly BatchSource[], opts: BatchOptions = {}): Promise<BatchSummary> {
  const { signal, onProgress, ...common } = opts;
  const summary: BatchSummary = { imported: [], duplicates: [], failed: [], cancelled: false };
  // A file name seen earlier in this batch belongs to another file (another folder), not to a new version.
  const seen = new Set<string>();
  for (let i = 0; i < sources.length; i++) {
    const source = sources[i];
    if (signal?.aborted) {
      summary.cancelled = true;
      break;
    }
    onProgress?.(i, sources.length, source.path);
    try {
      const bytes = await source.read();
      const fileName = path.basename(source.path);
      const separate = seen.has(fileName);
      seen.add(fileName);
      const r = await importDocument(db, { ...common, fileName, bytes, signal, separate });
      if (r.status === 'duplicate') summary.duplicates.push({ path: source.path, documentId: r.documentId });
      else {
        summary.imported.push({
          path: source.path, documentId: r.documentId, title: getDocument(db, r.documentId).document.title, status: r.status,
          encoding: r.encoding, format: r.format, pages: r.pages, statements: r.statements, version: r.version, removedControls: r.removedControls, reanchor: r.reanchor,
        });
      }
    } catch (e) {
      if (e instanceof AppError && e.code === 'cancelled') {
        summary.cancelled = true;
        break;
      }
      summary.failed.push({ path: source.path, error: withPath(toErrorData(e), source.path) });
    }
    await nextTurn();
  }
  onProgress?.(summary.imported.length + summary.duplicates.length + summary.failed.length, sources.length, null);
  return summary;
}

/** The error's subject is the path the analyst gave (the extractors only know the file name). */
function withPath(error: AppErrorData, p: string): AppErrorData {
  return { ...error, subject: p };
}
