// SQL for the documents and statements tables: reads for the library and reader, and the
// row <-> model mapping. Writes happen only in ingest.ts, inside its transactions.
import type Database from 'better-sqlite3';
import { notFound } from '../../shared/errors';
import { placesOf, type DocumentPlaces } from '../../shared/citation/locate';
import type { DocumentSummary, Statement } from '../../shared/model';

export interface StatementRow {
  rowid: number;
  id: string;
  document_id: string;
  ordinal: number;
  kind: Statement['kind'];
  level: number | null;
  text: string;
  start_offset: number;
  end_offset: number;
  heading_path: string;
  parent_id: string | null;
  speaker: string | null;
  marker: string | null;
  table_cell: string | null;
  footnotes: string;
  /** Schema 7+: the page of a paged source's statement. */
  page?: number | null;
  page_label?: string | null;
}

export function statementFromRow(r: StatementRow): Statement {
  const s: Statement = {
    id: r.id,
    documentId: r.document_id,
    ordinal: r.ordinal,
    kind: r.kind,
    level: r.level,
    text: r.text,
    start: r.start_offset,
    end: r.end_offset,
    headingPath: JSON.parse(r.heading_path) as string[],
    parentId: r.parent_id,
    speaker: r.speaker,
    marker: r.marker,
    table: r.table_cell ? (JSON.parse(r.table_cell) as Statement['table']) : null,
    footnotes: JSON.parse(r.footnotes) as Statement['footnotes'],
  };
  // Only paged sources carry a page: unpaged statements stay exactly as they were.
  if (r.page != null) s.page = r.page;
  if (r.page_label != null) s.pageLabel = r.page_label;
  return s;
}

interface DocumentRow {
  id: string;
  title: string;
  date: string | null;
  issuer: string | null;
  kind: DocumentSummary['kind'];
  language: string;
  source: string;
  origin: DocumentSummary['origin'];
  content_hash: string;
  ingested_at: string;
  statements: number;
}

/**
 * Annotation counts come from the annotations table once it exists (schema 3+). `CROSS JOIN` keeps
 * the annotations as the outer loop: left to itself the planner walked every statement of the
 * library (to group by document through its index) and probed annotations for each, so a batch
 * import, which reads each new document back, grew quadratic with the library.
 */
function annotationCounts(db: Database.Database, documentId?: string): Map<string, number> {
  const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'annotations'").get();
  if (!has) return new Map();
  if (documentId !== undefined) {
    // One document: its statements (by the document_id index), each probed in annotations.
    const n = db
      .prepare('SELECT COUNT(*) FROM statements s JOIN annotations a ON a.statement_id = s.id WHERE s.document_id = ? AND a.deleted_at IS NULL')
      .pluck()
      .get(documentId) as number;
    return new Map([[documentId, n]]);
  }
  const rows = db
    .prepare(
      `SELECT s.document_id AS doc, COUNT(*) AS n FROM annotations a CROSS JOIN statements s ON s.id = a.statement_id
       WHERE a.deleted_at IS NULL GROUP BY s.document_id`,
    )
    .all() as { doc: string; n: number }[];
  return new Map(rows.map((r) => [r.doc, r.n]));
}

/** Page counts of paged sources, once the document_pages table exists (schema 7+); one document's when named. */
function pageCounts(db: Database.Database, documentId?: string): Map<string, number> {
  // In the library (schema 17+) or, before the split, in the one file: any attached schema.
  const has = db.prepare("SELECT 1 FROM pragma_table_list WHERE type = 'table' AND name = 'document_pages'").get();
  if (!has) return new Map();
  const rows = (documentId === undefined
    ? db.prepare('SELECT document_id AS doc, COUNT(*) AS n FROM document_pages GROUP BY document_id').all()
    : db.prepare('SELECT document_id AS doc, COUNT(*) AS n FROM document_pages WHERE document_id = ? GROUP BY document_id').all(documentId)) as { doc: string; n: number }[];
  return new Map(rows.map((r) => [r.doc, r.n]));
}

export interface DocumentPage {
  page: number;
  label: string | null;
  header: string[];
  footer: string[];
}

/** A paged source's pages (label, running matter); empty for unpaged documents. */
export function listDocumentPages(db: Database.Database, documentId: string): DocumentPage[] {
  const rows = db.prepare('SELECT page, label, header, footer FROM document_pages WHERE document_id = ? ORDER BY page').all(documentId) as { page: number; label: string | null; header: string; footer: string }[];
  return rows.map((r) => ({ page: r.page, label: r.label, header: JSON.parse(r.header) as string[], footer: JSON.parse(r.footer) as string[] }));
}

const DOC_COLUMNS = `d.id, d.title, d.date, d.issuer, d.kind, d.language, d.source, d.origin, d.content_hash, d.ingested_at,
  (SELECT COUNT(*) FROM statements s WHERE s.document_id = d.id) AS statements`;

function summaryFromRow(r: DocumentRow, annotations: Map<string, number>, pages: Map<string, number>): DocumentSummary {
  const summary: DocumentSummary = {
    id: r.id,
    title: r.title,
    date: r.date,
    issuer: r.issuer,
    kind: r.kind,
    language: r.language,
    source: r.source,
    origin: r.origin,
    statements: r.statements,
    annotations: annotations.get(r.id) ?? 0,
    contentHash: r.content_hash,
    ingestedAt: r.ingested_at,
  };
  const count = pages.get(r.id);
  if (count) summary.pages = count;
  return summary;
}

export function listDocuments(db: Database.Database): DocumentSummary[] {
  const rows = db.prepare(`SELECT ${DOC_COLUMNS} FROM documents d ORDER BY d.date IS NULL, d.date, d.title`).all() as DocumentRow[];
  const counts = annotationCounts(db);
  const pages = pageCounts(db);
  return rows.map((r) => summaryFromRow(r, counts, pages));
}

export function getDocument(db: Database.Database, id: string): { document: DocumentSummary; text: string } {
  const row = db.prepare(`SELECT ${DOC_COLUMNS}, d.text AS text FROM documents d WHERE d.id = ?`).get(id) as (DocumentRow & { text: string }) | undefined;
  if (!row) throw notFound({ ja: '文書', en: 'document' }, id);
  return { document: summaryFromRow(row, annotationCounts(db, id), pageCounts(db, id)), text: row.text };
}

export function listStatements(db: Database.Database, documentId: string): Statement[] {
  getDocument(db, documentId); // not-found for an unknown document, rather than an empty list
  const rows = db.prepare('SELECT * FROM statements WHERE document_id = ? ORDER BY ordinal').all(documentId) as StatementRow[];
  return rows.map(statementFromRow);
}

export function getStatement(db: Database.Database, id: string): Statement {
  const row = db.prepare('SELECT * FROM statements WHERE id = ?').get(id) as StatementRow | undefined;
  if (!row) throw notFound({ ja: '文', en: 'statement' }, id);
  return statementFromRow(row);
}

export function getStatements(db: Database.Database, ids: readonly string[]): Statement[] {
  const stmt = db.prepare('SELECT * FROM statements WHERE id = ?');
  return ids.map((id) => stmt.get(id) as StatementRow | undefined).filter((r): r is StatementRow => !!r).map(statementFromRow);
}

/**
 * Footnote and table places of a document (table numbers, which statements cite each footnote),
 * for citations; a plain statement needs none, so callers ask only for footnotes and cells.
 */
export function documentPlaces(db: Database.Database, documentId: string): DocumentPlaces {
  const rows = db.prepare('SELECT * FROM statements WHERE document_id = ? ORDER BY ordinal').all(documentId) as StatementRow[];
  return placesOf(rows.map(statementFromRow));
}

export function countStatements(db: Database.Database): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM statements').get() as { n: number }).n;
}
