// Importing many files from the window: one documents.import call per file (each its own
// transaction in the database worker, so the window never waits on more than one file), the
// files' bytes sent as base64 (never a path), progress per file, cancel between files and of
// the file in flight, and a summary: imported, duplicate, failed with the reason.
import type { ApiClient } from '../../../../shared/api/client';
import type { ResponseOf } from '../../../../shared/api/contract';
import type { AppErrorData } from '../../../../shared/errors';
import type { DocumentKind } from '../../../../shared/model';
import { errorData } from '../../api/client';

/** The back end's limit (electron/import/import.ts MAX_IMPORT_BYTES), checked before reading. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** Files a file manager writes into every folder: skipped, as the CLI skips them. */
const SKIPPED = /^(?:\.|thumbs\.db$|desktop\.ini$)/i;

export interface ImportFile {
  /** What the analyst sees: the path inside a chosen folder, or the file name. */
  label: string;
  name: string;
  size: number;
  bytes(): Promise<Uint8Array>;
}

export type ImportResponse = ResponseOf<'documents.import'>;

export interface BatchOutcome {
  imported: { label: string; response: ImportResponse }[];
  duplicates: { label: string; response: ImportResponse }[];
  failed: { label: string; error: AppErrorData }[];
  /** Files not tried because the analyst cancelled. */
  skipped: number;
  cancelled: boolean;
}

export interface BatchProgress {
  done: number;
  total: number;
  current: string | null;
  /** Pages of the current file read so far, once a PDF has said how many it has. */
  pages?: { done: number; total: number } | null;
}

/** How often the dialog asks how far a PDF is: often enough to move smoothly, rarely enough to cost nothing. */
const PAGE_POLL_MS = 300;

export interface BatchOptions {
  /** Applied to a single file only (a title names one document). */
  single?: { title?: string; date?: string; issuer?: string; replace?: boolean };
  kind?: DocumentKind;
  /** A user password for encrypted PDFs in the batch (other files never receive it). */
  password?: string;
  onProgress?(p: BatchProgress): void;
  signal?: AbortSignal;
}

/** A file the analyst named as a PDF (the back end decides by its bytes; this only routes the password). */
export function isPdfName(name: string): boolean {
  return /\.pdf$/i.test(name);
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

/** A File's bytes through FileReader (every host we run in has it; Blob.arrayBuffer not all). */
export function readBytes(file: Blob): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsArrayBuffer(file);
  });
}

/** Files from an <input> (with webkitRelativePath inside a chosen folder), hidden ones left out. */
export function fromFileList(list: Iterable<File>): ImportFile[] {
  const out: ImportFile[] = [];
  for (const f of list) {
    const label = (f as File & { webkitRelativePath?: string }).webkitRelativePath || f.name;
    if (label.split('/').some((part) => SKIPPED.test(part))) continue;
    out.push({ label, name: f.name, size: f.size, bytes: () => readBytes(f) });
  }
  return out;
}

/** Files and folders dropped on the library's drop zone, folders read recursively. */
export async function fromDrop(data: DataTransfer): Promise<ImportFile[]> {
  const entries = [...data.items].map((item) => (typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null));
  if (entries.length === 0 || entries.some((e) => e === null)) return fromFileList([...data.files]);
  const files: File[] = [];
  const labels = new Map<File, string>();
  const visit = async (entry: FileSystemEntry, prefix: string): Promise<void> => {
    if (SKIPPED.test(entry.name)) return;
    if (entry.isFile) {
      const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
      files.push(file);
      labels.set(file, `${prefix}${entry.name}`);
      return;
    }
    if (!entry.isDirectory) return;
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    // readEntries hands out a folder in pages until it returns an empty one.
    for (;;) {
      const page = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
      if (page.length === 0) break;
      for (const child of page) await visit(child, `${prefix}${entry.name}/`);
    }
  };
  for (const entry of entries) await visit(entry!, '');
  return files.map((f) => ({ label: labels.get(f) ?? f.name, name: f.name, size: f.size, bytes: () => readBytes(f) }));
}

function tooLarge(file: ImportFile): AppErrorData {
  return {
    code: 'bad-input',
    message: { ja: `${file.label}: ファイルが大きすぎます（上限 20 MB）。分割して取り込んでください。`, en: `${file.label}: the file is too large (limit 20 MB); split it first.` },
    subject: file.label,
  };
}

let nextJob = 1;

/** Imports the files one after another; never throws (every failure lands in the summary). */
export async function runImportBatch(client: ApiClient, files: readonly ImportFile[], opts: BatchOptions = {}): Promise<BatchOutcome> {
  const out: BatchOutcome = { imported: [], duplicates: [], failed: [], skipped: 0, cancelled: false };
  const single = files.length === 1 ? opts.single ?? {} : {};
  // Two files of one name from two folders are two documents, not a file and its new version.
  const seen = new Set<string>();
  for (let i = 0; i < files.length; i++) {
    const file = files[i];
    if (opts.signal?.aborted) {
      out.cancelled = true;
      out.skipped = files.length - i;
      break;
    }
    opts.onProgress?.({ done: i, total: files.length, current: file.label });
    if (file.size > MAX_IMPORT_BYTES) {
      out.failed.push({ label: file.label, error: tooLarge(file) });
      continue;
    }
    const job = `import-${Date.now()}-${nextJob++}`;
    const repeated = seen.has(file.name);
    seen.add(file.name);
    const cancelInFlight = () => void client.call('documents.importCancel', { job }).catch(() => undefined);
    opts.signal?.addEventListener('abort', cancelInFlight, { once: true });
    // A PDF reports its pages as the extractor reads them; the dialog asks for them by job id.
    let polling: ReturnType<typeof setInterval> | null = null;
    if (isPdfName(file.name) && opts.onProgress) {
      const current = file.label;
      polling = setInterval(() => {
        client
          .call('documents.importProgress', { job })
          .then((p) => {
            if (p.running && p.pages && polling !== null) opts.onProgress?.({ done: i, total: files.length, current, pages: p.pages });
          })
          .catch(() => undefined);
      }, PAGE_POLL_MS);
    }
    try {
      const bytes = await file.bytes();
      const response = await client.call('documents.import', {
        fileName: file.name,
        contentBase64: toBase64(bytes),
        job,
        ...(single.title ? { title: single.title } : {}),
        ...(single.date ? { date: single.date } : {}),
        ...(single.issuer ? { issuer: single.issuer } : {}),
        ...(single.replace ? { replace: true } : {}),
        ...(opts.kind ? { kind: opts.kind } : {}),
        ...(repeated ? { separate: true } : {}),
        ...(opts.password && isPdfName(file.name) ? { password: opts.password } : {}),
      });
      (response.status === 'duplicate' ? out.duplicates : out.imported).push({ label: file.label, response });
    } catch (e) {
      const error = errorData(e);
      if (error.code === 'cancelled') {
        out.cancelled = true;
        out.skipped = files.length - i;
        break;
      }
      out.failed.push({ label: file.label, error });
    } finally {
      if (polling !== null) clearInterval(polling);
      polling = null;
      opts.signal?.removeEventListener('abort', cancelInFlight);
    }
  }
  opts.onProgress?.({ done: files.length - out.skipped, total: files.length, current: null });
  return out;
}
