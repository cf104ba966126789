// Many sources at once (a folder, a multi-file drop): files are read and prepared one by one
// outside any transaction (extracted, segmented and tokenized in the prepare worker, the next file
// while this one is written; the event loop gets a turn between files, so API calls and a cancel
// are never starved), then written in batches: one transaction per batch, each file in its own
// savepoint inside it. A file that fails rolls back to its savepoint (nothing of it written, its
// original taken back) while the batch's other files still commit; the originals of a batch are
// kept (fsynced side by side) before its commit. Per file that replaces two commits (workspace
// and library) and a file's own folder fsync by a share of one batch's: small files were bound by
// those fsyncs, not by parsing (docs/benchmarks.md, "Import"). A batch whose commit fails is
// written again file by file, so one file the database refuses never costs the others. Every
// batch of one call is a part of one journaled change group: one undo takes the whole import back.
import path from 'node:path';
import type Database from 'better-sqlite3';
import { AppError, toErrorData, type AppErrorData } from '../../shared/errors';
import type { Actor } from '../journal/actor';
import { journaledChange, type ChangeGroupRef } from '../journal/change';
import { actorOf, isReadSource, readSource, writeImport, type ImportInput, type ImportResult, type ReadSource } from './import';
import { discardOriginal, originalsDirOf, storeOriginals, type StoredOriginal } from './originals';

/**
 * A batch closes at this many files or this many bytes of sources, whichever comes first: enough
 * files to share the fsyncs (beyond ~30 the saving per file is under a millisecond), while one
 * batch's write transaction, which holds the database, stays well under a second.
 */
export const BATCH_MAX_FILES = 32;
export const BATCH_MAX_BYTES = 4 * 1024 * 1024;
/**
 * Files read and prepared ahead of the one being written: enough to keep the prepare worker busy
 * while a batch of small files is written, bounded in bytes so that large files are one ahead.
 */
const READ_AHEAD_FILES = 8;
const READ_AHEAD_BYTES = 4 * 1024 * 1024;

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

interface Ready {
  path: string;
  source: ReadSource;
}

/** A file read ahead: its size and what readSource made of it, or why it failed. */
type Read = { size: number; read: ReadSource | ImportResult } | { error: unknown };

function outcome(db: Database.Database, summary: BatchSummary, p: string, r: ImportResult): void {
  if (r.status === 'duplicate') {
    summary.duplicates.push({ path: p, documentId: r.documentId });
    return;
  }
  // The title only (the whole document, statements and counts, was read here per file before).
  const title = (db.prepare('SELECT title FROM documents WHERE id = ?').pluck().get(r.documentId) as string | undefined) ?? r.documentId;
  summary.imported.push({
    path: p, documentId: r.documentId, title, status: r.status,
    encoding: r.encoding, format: r.format, pages: r.pages, statements: r.statements, version: r.version, removedControls: r.removedControls, reanchor: r.reanchor,
  });
}

/**
 * Writes one batch: its originals first (durable before the commit that names them), then one
 * transaction with a savepoint per file. Originals nobody's import record names afterwards (their
 * file failed, or the batch did not commit) are taken back.
 */
async function writeBatch(actor: Actor, batch: readonly Ready[], dir: string, summary: BatchSummary, group: ChangeGroupRef): Promise<void> {
  const { db } = actor;
  const kept: StoredOriginal[] = await storeOriginals(dir, batch.map((r) => ({ bytes: r.source.input.bytes, sha256: r.source.sha })));
  const results: { path: string; result?: ImportResult; error?: unknown }[] = [];
  const label = () => {
    const n = summary.imported.length + results.filter((r) => r.result && r.result.status !== 'duplicate').length;
    return { ja: `${n} 件の文書を取り込み`, en: `Import ${n} document${n === 1 ? '' : 's'}` };
  };
  try {
    journaledChange(actor, 'document.import', label, (change) => {
      for (const r of batch) {
        const written: StoredOriginal[] = [];
        try {
          // A nested transaction is a savepoint: a failure takes back this file's writes only.
          results.push({ path: r.path, result: db.transaction(() => writeImport(change, r.source, written))() });
        } catch (e) {
          results.push({ path: r.path, error: e });
        }
      }
    }, { partOf: group });
  } catch {
    // The commit itself failed (disk full, busy): nothing of the batch is in; try each file alone,
    // so whatever the database still takes lands and every file gets its own answer.
    results.length = 0;
    for (const r of batch) {
      const written: StoredOriginal[] = [];
      try {
        results.push({ path: r.path, result: journaledChange(actor, 'document.import', label, (change) => writeImport(change, r.source, written), { partOf: group }) });
      } catch (e) {
        results.push({ path: r.path, error: e });
      }
    }
  } finally {
    const named = db.prepare('SELECT 1 FROM import_records WHERE sha256 = ? LIMIT 1').pluck();
    for (const k of kept) if (k.created && !named.get(k.sha256)) discardOriginal(dir, k);
  }
  for (const r of results) {
    if (r.result) outcome(db, summary, r.path, r.result);
    else summary.failed.push({ path: r.path, error: withPath(toErrorData(r.error), r.path) });
  }
}

export async function importBatch(target: Database.Database | Actor, sources: readonly BatchSource[], opts: BatchOptions = {}): Promise<BatchSummary> {
  const { signal, onProgress, ...common } = opts;
  const actor = actorOf(target);
  const { db } = actor;
  const group: ChangeGroupRef = { id: null };
  const summary: BatchSummary = { imported: [], duplicates: [], failed: [], cancelled: false };
  const dir = common.originalsDir ?? originalsDirOf(db);
  // A file name seen earlier in this batch belongs to another file (another folder), not to a new version.
  const seen = new Set<string>();
  let batch: Ready[] = [];
  let batchBytes = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const b = batch;
    batch = [];
    batchBytes = 0;
    try {
      await writeBatch(actor, b, dir, summary, group);
    } catch (e) {
      // The originals could not be kept (disk full, read-only folder): nothing of the batch was written.
      for (const r of b) summary.failed.push({ path: r.path, error: withPath(toErrorData(e), r.path) });
    }
  };
  // The files after file i are read and prepared (extracted, segmented and, from 64 KB, tokenized
  // in the prepare worker) while file i is written: the write thread and the worker overlap across
  // files as well as within one.
  const startRead = async (i: number): Promise<Read> => {
    const source = sources[i];
    // Marked in the order the files were given, whatever order reads finish in.
    const fileName = path.basename(source.path);
    const separate = seen.has(fileName);
    seen.add(fileName);
    try {
      const bytes = await source.read();
      const input: ImportInput = { ...common, fileName, bytes, signal, separate };
      return { size: bytes.length, read: await readSource(db, input) };
    } catch (error) {
      return { error };
    }
  };
  const ahead: { size: number; read: Promise<Read> }[] = [];
  let started = 0;
  let aheadBytes = 0;
  // One read at a time: the next starts when this one's size is known (and the worker prepares
  // files in order anyway), so the bytes ahead never exceed the bound by more than one file.
  let reading = false;
  const fill = () => {
    if (reading || started >= sources.length || ahead.length >= READ_AHEAD_FILES || aheadBytes >= READ_AHEAD_BYTES || signal?.aborted) return;
    reading = true;
    const entry = { size: 0, read: startRead(started++) };
    ahead.push(entry);
    void entry.read.then((r) => {
      entry.size = 'size' in r ? r.size : 0;
      aheadBytes += entry.size;
      reading = false;
      fill();
    });
  };
  fill();
  for (let i = 0; i < sources.length; i++) {
    const source = sources[i];
    if (signal?.aborted) {
      summary.cancelled = true;
      break;
    }
    onProgress?.(i, sources.length, source.path);
    const entry = ahead.shift()!;
    const got = await entry.read;
    aheadBytes -= entry.size;
    fill();
    if ('error' in got) {
      const e = got.error;
      if (e instanceof AppError && e.code === 'cancelled') {
        summary.cancelled = true;
        break;
      }
      summary.failed.push({ path: source.path, error: withPath(toErrorData(e), source.path) });
    } else if (!isReadSource(got.read)) outcome(db, summary, source.path, got.read);
    else {
      // A file of a batch's size or more makes a batch of its own.
      if (got.size >= BATCH_MAX_BYTES) await flush();
      batch.push({ path: source.path, source: got.read });
      batchBytes += got.size;
      if (batch.length >= BATCH_MAX_FILES || batchBytes >= BATCH_MAX_BYTES) await flush();
    }
    await nextTurn();
  }
  // Files read ahead and not written (the batch was cancelled): the worker stops making their tokens.
  for (const entry of ahead) {
    void entry.read.then((r) => {
      if ('read' in r && isReadSource(r.read)) r.read.prepared.tokens.release();
    });
  }
  // Files read before a cancel are written: a cancel stops the file in flight, not the finished ones.
  await flush();
  onProgress?.(summary.imported.length + summary.duplicates.length + summary.failed.length, sources.length, null);
  return summary;
}

/** The error's subject is the path the analyst gave (the extractors only know the file name). */
function withPath(error: AppErrorData, p: string): AppErrorData {
  return { ...error, subject: p };
}
