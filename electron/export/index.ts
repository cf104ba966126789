// Export a briefing to a file: render the format, write it safely, record it in the export log.
// The one entry point for the API handler, the CLI and electron/main.
import type Database from 'better-sqlite3';
import type { Briefing, ExportFormat, ExportLogEntry, ResolvedBriefing } from '../../shared/briefing';
import { recordExport } from '../briefing/export-log';
import { getBriefing } from '../briefing/repo';
import { resolveBriefing } from '../briefing/resolve';
import { renderBriefingDocx } from './docx';
import { printJob, renderBriefingHtml } from './html';
import { renderBriefingMarkdown } from './markdown';
import { pdfRenderer, type PdfRenderer } from './pdf';
import { checkTarget, writeFileAtomic, type WriteOps } from './write';
import { cancelledError, unlessCancelled } from './jobs';

export { printJob, renderBriefingHtml, type PrintJob } from './html';
export { electronPdfRenderer, electronPrintOptions, setPdfRenderer, type PdfRenderer, type PrintingWindow } from './pdf';

export const EXTENSIONS: Record<ExportFormat, string> = { docx: '.docx', pdf: '.pdf', md: '.md', html: '.html' };

export async function renderBriefing(doc: ResolvedBriefing, format: ExportFormat, renderer: PdfRenderer = pdfRenderer(), signal?: AbortSignal): Promise<Uint8Array> {
  switch (format) {
    case 'md':
      return new TextEncoder().encode(renderBriefingMarkdown(doc));
    case 'html':
      return new TextEncoder().encode(renderBriefingHtml(doc, { banners: 'always' }));
    case 'docx':
      return renderBriefingDocx(doc);
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
  const written = writeFileAtomic(opts.path, data, { force: opts.force, ops: opts.ops });
  const log = recordExport(db, { briefingId: doc.id, briefingTitle: doc.title, format: opts.format, path: written.path, marking: doc.marking, bytes: written.bytes, author: opts.author });
  return { ...written, format: opts.format, log };
}

export function resolvedFor(db: Database.Database, briefing: Briefing | string): ResolvedBriefing {
  return resolveBriefing(db, typeof briefing === 'string' ? getBriefing(db, briefing) : briefing);
}

export async function exportBriefing(db: Database.Database, briefingId: string, opts: ExportOptions): Promise<ExportResult> {
  return exportResolved(db, resolvedFor(db, briefingId), opts);
}
