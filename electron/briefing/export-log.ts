// The record of every export (when, which briefing, which format, where, under which marking),
// so the analyst can account for each copy of a marked document that left the workbench.
import type Database from 'better-sqlite3';
import type { ExportFormat, ExportLogEntry } from '../../shared/briefing';

interface LogRow {
  id: number;
  briefing_id: string | null;
  briefing_title: string;
  format: ExportFormat;
  path: string;
  marking: string;
  bytes: number;
  author: string;
  exported_at: string;
}

const fromRow = (r: LogRow): ExportLogEntry => ({
  id: r.id,
  briefingId: r.briefing_id,
  briefingTitle: r.briefing_title,
  format: r.format,
  path: r.path,
  marking: r.marking,
  bytes: r.bytes,
  author: r.author,
  exportedAt: r.exported_at,
});

export function recordExport(db: Database.Database, e: Omit<ExportLogEntry, 'id' | 'exportedAt'> & { exportedAt?: string }): ExportLogEntry {
  const at = e.exportedAt ?? new Date().toISOString();
  const r = db
    .prepare('INSERT INTO export_log (briefing_id, briefing_title, format, path, marking, bytes, author, exported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(e.briefingId, e.briefingTitle, e.format, e.path, e.marking, e.bytes, e.author, at);
  return fromRow(db.prepare('SELECT * FROM export_log WHERE id = ?').get(r.lastInsertRowid) as LogRow);
}

/** Takes back a row whose file could not be put in place (export/write.ts writeFileRecorded). */
export function forgetExport(db: Database.Database, id: number): void {
  db.prepare('DELETE FROM export_log WHERE id = ?').run(id);
}

/** Newest first; optionally only one briefing's exports. */
export function listExports(db: Database.Database, opts: { briefingId?: string; limit?: number } = {}): ExportLogEntry[] {
  const limit = opts.limit ?? 1000;
  const rows = opts.briefingId
    ? (db.prepare('SELECT * FROM export_log WHERE briefing_id = ? ORDER BY exported_at DESC, id DESC LIMIT ?').all(opts.briefingId, limit) as LogRow[])
    : (db.prepare('SELECT * FROM export_log ORDER BY exported_at DESC, id DESC LIMIT ?').all(limit) as LogRow[]);
  return rows.map(fromRow);
}
