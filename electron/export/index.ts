// Export a briefing to a file: render the format, write it safely, record it in the export log.
// The one entry point for the API handler, the CLI and electron/main.
import type Database from 'better-sqlite3';
import type { Briefing, ExportFormat, ExportLogEntry, ResolvedBriefing } from '../../shared/briefing';
import { forgetExport, recordExport } from '../briefing/export-log';
import { getBriefing } from '../briefing/repo';
import { resolveBriefing } from '../briefing/resolve';
import { printJob, renderBriefingHtml } from './html';
import { renderBriefingMarkdown } from './markdown';
import { pdfRenderer, type PdfRenderer } from './pdf';
import { checkTarget, writeFileRecorded, type WriteOps } from './write';
import { cancelledError, unlessCancelled } from './jobs';

export { printJob, renderBriefingHtml, type PrintJob } from './html';
export { electronPdfRenderer, electronPrintOptions, setPdfRenderer, type PdfRenderer, type PrintingWindow } from './pdf';

export const EXTENSIONS: Record<ExportFormat, string> = { docx: '.docx', pdf: '.pdf', md: '.md', html: '.html' };
export const MIME_TYPES: Record<ExportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
};

/** A file name every OS accepts, from a title (characters Windows, macOS or Linux refuse become "_"). */
export function safeFileName(title: string, ext: string, fallback = 'briefing'): string {
  const base = title.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').trim().slice(0, 80).replace(/^\.+/, '') || fallback;
  return `${base}${ext}`;
}

export async function renderBriefing(doc: ResolvedBriefing, format: ExportFormat, renderer: PdfRenderer = pdfRenderer(), signal?: AbortSignal): Promise<Uint8Array> {
  switch (format) {
    case 'md':
      return new TextEncoder().encode(renderBriefingMarkdown(doc));
    case 'html':
      return new TextEncoder().encode(renderBriefingHtml(doc, { banners: 'always' }));
    case 'docx':
      // Loaded on first use: the docx library is ~0.1-0.3 s of module loading that a process
      // which only searches (the CLI, the app worker before its first export) never needs.
      return (await import('./docx')).renderBriefingDocx(doc);
    case 'pdf':
      return renderer(printJob(doc), signal);
  }
}

export interface ExportOptions {
  format: ExportFormat;
  path: string;
  force?: boolean;
  author: string;
  pdfRenderer?: PdfRenderer;
  ops?: WriteOps;
  /** Aborting it before the file is written cancels the export (nothing written, nothing logged). */
  signal?: AbortSignal;
}

export interface ExportResult {
  path: string;
  bytes: number;
  format: ExportFormat;
  log: ExportLogEntry;
}

/** Checks the target, renders (a rendering failure or a cancel never touches the disk), writes, then logs. */
export async function exportResolved(db: Database.Database, doc: ResolvedBriefing, opts: ExportOptions): Promise<ExportResult> {
  checkTarget(opts.path, { force: opts.force });
  const data = await unlessCancelled(renderBriefing(doc, opts.format, opts.pdfRenderer, opts.signal), opts.signal, opts.path);
  // The last moment to stop: the write below is atomic and quick.
  if (opts.signal?.aborted) throw cancelledError(opts.path);
  // The log row and the file in one step: no file without its row, no row without its file.
  const { written, record: log } = writeFileRecorded(
    opts.path,
    data,
    {
      record: (finalPath, bytes) => recordExport(db, { briefingId: doc.id, briefingTitle: doc.title, format: opts.format, path: finalPath, marking: doc.marking, bytes, author: opts.author }),
      unrecord: (entry) => forgetExport(db, entry.id),
    },
    { force: opts.force, ops: opts.ops },
  );
  return { ...written, format: opts.format, log };
}

/**
 * Renders for a browser download (the dev host): the bytes to hand over and the log entry, which
 * records the file name the browser was offered (where the browser saves it, the back end never knows).
 */
export async function renderForDownload(db: Database.Database, doc: ResolvedBriefing, opts: Omit<ExportOptions, 'path' | 'force' | 'ops'>): Promise<{ data: Uint8Array; fileName: string; log: ExportLogEntry }> {
  const fileName = safeFileName(doc.title, EXTENSIONS[opts.format]);
  const data = await unlessCancelled(renderBriefing(doc, opts.format, opts.pdfRenderer, opts.signal), opts.signal, fileName);
  if (opts.signal?.aborted) throw cancelledError(fileName);
  const log = recordExport(db, { briefingId: doc.id, briefingTitle: doc.title, format: opts.format, path: `${fileName} (download)`, marking: doc.marking, bytes: data.length, author: opts.author });
  return { data, fileName, log };
}

export function resolvedFor(db: Database.Database, briefing: Briefing | string): ResolvedBriefing {
  return resolveBriefing(db, typeof briefing === 'string' ? getBriefing(db, briefing) : briefing);
}

export async function exportBriefing(db: Database.Database, briefingId: string, opts: ExportOptions): Promise<ExportResult> {
  return exportResolved(db, resolvedFor(db, briefingId), opts);
}
