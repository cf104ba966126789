// Re-anchoring after a document's statements are replaced (re-ingest or re-import): runs inside
// the replacing transaction, so annotations and their new statements land together or not at all.
import { shortLabel } from '../../shared/text/label';
import type Database from 'better-sqlite3';
import { anchorAnnotation, describeRange, type AnchorStatement } from '../../shared/anchor';
import type { Statement } from '../../shared/model';
import { annotationFromRow, snapshotAnnotation, writeAnnotation, type AnnotationRow, type AnnotationSnapshot } from './annotation-rows';
import { recordActivity } from '../journal/journal';

export interface ReanchorSummary {
  documentId: string;
  total: number;
  position: number;
  quote: number;
  fuzzy: number;
  orphaned: number;
}

const shortQuote = shortLabel;

/** Re-anchors every annotation of the document (deleted ones too, so undo restores a valid anchor). */
export function reanchorDocument(db: Database.Database, documentId: string, previous: readonly Statement[] = [], now = new Date().toISOString()): ReanchorSummary {
  const summary: ReanchorSummary = { documentId, total: 0, position: 0, quote: 0, fuzzy: 0, orphaned: 0 };
  const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'annotations'").get();
  if (!has) return summary;
  const rows = db.prepare('SELECT * FROM annotations WHERE document_id = ? ORDER BY created_at, id').all(documentId) as AnnotationRow[];
  if (rows.length === 0) return summary;
  const statements = db.prepare('SELECT id, text, start_offset AS start FROM statements WHERE document_id = ? ORDER BY ordinal').all(documentId) as AnchorStatement[];
  const byId = new Map(statements.map((s) => [s.id, s]));
  const previousOrdinal = new Map(previous.map((s) => [s.id, s.ordinal]));
  for (const row of rows) {
    summary.total++;
    const current = annotationFromRow(db, row);
    const before = snapshotAnnotation(db, row.id) as AnnotationSnapshot;
    const found = anchorAnnotation({ statementId: current.statementId, target: current.target }, statements);
    let after: AnnotationSnapshot;
    if (found) {
      summary[found.method]++;
      const s = byId.get(found.statementId)!;
      const whole = found.start === 0 && found.end === s.text.length && current.target.scope === 'statement';
      const { quote, position } = describeRange(s.text, found.start, found.end);
      if (whole) {
        quote.prefix = '';
        quote.suffix = '';
      }
      after = {
        ...before,
        statementId: s.id,
        target: { scope: whole ? 'statement' : 'span', quote, position, docStart: s.start + found.start, docEnd: s.start + found.end },
        orphaned: false,
        // Found where it was: how it was last placed still describes it.
        anchoredBy: found.method === 'position' && !before.orphaned ? before.anchoredBy : found.method,
      };
    } else {
      summary.orphaned++;
      // Kept whole, with its last known quote and place: shown as an orphan, never re-attached by guess.
      after = { ...before, orphaned: true, anchoredBy: 'orphaned' };
      // Its statement number in the version it was last found in, for exports to name (an orphan
      // of an orphan keeps the number it already has: its statement id is not in `previous`).
      const ordinal = previousOrdinal.get(before.statementId);
      if (ordinal !== undefined) db.prepare('UPDATE annotations SET last_locator = ? WHERE id = ?').run(ordinal + 1, row.id);
    }
    const moved = JSON.stringify(after.target) !== JSON.stringify(before.target) || after.statementId !== before.statementId || after.orphaned !== before.orphaned;
    if (!moved && after.anchoredBy === before.anchoredBy) continue;
    writeAnnotation(db, before, after);
    if (!moved || before.deletedAt !== null) continue;
    const q = shortQuote(before.target.quote.exact);
    const label = after.orphaned
      ? { ja: `文書の変更で注釈「${q}」の位置が見つからず、孤立として保持`, en: `Annotation "${q}" could not be placed after the document changed; kept as an orphan` }
      : { ja: `文書の変更に合わせて注釈「${q}」を再配置（${found!.method}）`, en: `Annotation "${q}" re-anchored after the document changed (${found!.method})` };
    const meta = { kind: 'annotation.reanchor' as const, label, author: 'workbench', at: now };
    recordActivity(db, 'reanchor', meta, { statementId: after.statementId, annotationId: row.id });
    if (after.statementId !== before.statementId) recordActivity(db, 'reanchor', meta, { statementId: before.statementId, annotationId: row.id });
  }
  return summary;
}
