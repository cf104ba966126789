// Coded segments as a table for colleagues who work in Excel: CSV (RFC 4180, UTF-8 with a BOM so
// Excel reads Japanese correctly) and XLSX (exceljs). One row per segment, the same columns in both.
// Cells that start with = + - @ (or a tab / carriage return) are prefixed with an apostrophe so a
// spreadsheet never runs an analyst's quote as a formula (OWASP "CSV injection").
import type Database from 'better-sqlite3';
import type { CodedSegment, SegmentExportFormat, SegmentFilter, SegmentSort } from '../../shared/retrieval';
import { MAX_SEGMENT_EXPORT } from '../../shared/retrieval';
import { AppError } from '../../shared/errors';
import { listPillars } from '../annotate/pillar-rows';
import { matchingSegmentIds, readSegments } from '../retrieval/segments';

/** Column headings (Japanese first: the readers are Japanese analysts) and how each cell is read. */
export const SEGMENT_COLUMNS: { header: string; width: number; value: (s: CodedSegment, pillarName: (id: string) => string) => string | number }[] = [
  { header: '文書 / Document', width: 40, value: (s) => s.documentTitle },
  { header: '日付 / Date', width: 12, value: (s) => s.date ?? '' },
  { header: '発言者 / Speaker', width: 20, value: (s) => s.speaker ?? '' },
  { header: '前文脈 / Before', width: 30, value: (s) => s.before },
  { header: '引用 / Quote', width: 60, value: (s) => s.quote },
  { header: '後文脈 / After', width: 30, value: (s) => s.after },
  { header: 'コメント / Comment', width: 40, value: (s) => s.comment },
  { header: '柱 / Pillars', width: 30, value: (s, name) => s.pillars.map(name).join('; ') },
  { header: 'タグ / Tags', width: 20, value: (s) => s.tags.join('; ') },
  { header: '重要度 / Importance', width: 10, value: (s) => s.importance ?? '' },
  { header: '出典 / Citation', width: 60, value: (s) => s.citationText.ja },
  { header: '作成者 / Author', width: 14, value: (s) => s.author },
  { header: '更新 / Updated', width: 22, value: (s) => s.updatedAt },
  { header: '注釈ID / Annotation id', width: 24, value: (s) => s.annotationId },
  { header: '文書ID / Document id', width: 24, value: (s) => s.documentId },
  { header: '文ID / Statement id', width: 24, value: (s) => s.statementId },
];

/** A text cell made safe to open in a spreadsheet: formula-like starts are neutralised. */
export function guardCell(v: string | number): string | number {
  if (typeof v === 'number') return v;
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

/** One RFC 4180 field: quoted when it holds a comma, quote, CR or LF; quotes doubled. */
function csvField(v: string | number): string {
  const s = String(guardCell(v));
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function segmentsCsv(segments: CodedSegment[], pillarName: (id: string) => string): Uint8Array {
  const lines = [SEGMENT_COLUMNS.map((c) => csvField(c.header)).join(',')];
  for (const s of segments) lines.push(SEGMENT_COLUMNS.map((c) => csvField(c.value(s, pillarName))).join(','));
  // CRLF line ends (RFC 4180), and a BOM: without it Excel reads UTF-8 as the locale code page.
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

export async function segmentsXlsx(segments: CodedSegment[], pillarName: (id: string) => string): Promise<Uint8Array> {
  // exceljs (≈ 150 modules) loads on the first XLSX export, not at every process start.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Economic Security Workbench';
  // A fixed date: the same segments give the same file (the export log and tests compare bytes).
  wb.created = new Date(0);
  wb.modified = new Date(0);
  const ws = wb.addWorksheet('コード化セグメント');
  ws.columns = SEGMENT_COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const s of segments) ws.addRow(SEGMENT_COLUMNS.map((c) => guardCell(c.value(s, pillarName))));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: SEGMENT_COLUMNS.length } };
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** Every matching segment encoded in `format`; refused beyond MAX_SEGMENT_EXPORT rows, naming the count. */
export async function encodeSegments(db: Database.Database, req: { filter?: SegmentFilter; sort?: SegmentSort; format: SegmentExportFormat }): Promise<{ bytes: Uint8Array; segments: number }> {
  const ids = matchingSegmentIds(db, req.filter ?? {}, req.sort ?? 'document');
  if (ids.length > MAX_SEGMENT_EXPORT) {
    throw new AppError(
      'bad-input',
      { ja: `書き出す区間が多すぎます（${ids.length} 件、上限 ${MAX_SEGMENT_EXPORT}）。絞り込んでください。`, en: `Too many segments to export (${ids.length}; the limit is ${MAX_SEGMENT_EXPORT}). Narrow the filter.` },
      { subject: 'filter' },
    );
  }
  const segments: CodedSegment[] = [];
  for (let i = 0; i < ids.length; i += 500) segments.push(...readSegments(db, ids.slice(i, i + 500)));
  const names = new Map(listPillars(db, { includeArchived: true }).map((p) => [p.id, p.nameJa]));
  const pillarName = (id: string) => names.get(id) ?? id;
  const bytes = req.format === 'csv' ? segmentsCsv(segments, pillarName) : await segmentsXlsx(segments, pillarName);
  return { bytes, segments: segments.length };
}
