// Where a statement sits, in the terms a director checking the source can find: a statement
// number (文12), a footnote's own printed number (脚注81) or a table cell (表1 第3行『…』欄).
// The reader labels rows with these and every citation prints them, so the two always agree.
import type { CellLocator, CitationSource } from '../briefing';
import type { DocumentSummary, Statement } from '../model';
import { citationSource } from './source';

/** What a document's statement list says about places that a single statement cannot. */
export interface DocumentPlaces {
  /** Table name (TableCell.table) → its 1-based number in reading order. */
  tables: ReadonlyMap<string, number>;
  /** Footnote statement id → the statements that cite it, in reading order. */
  citedBy: ReadonlyMap<string, readonly Statement[]>;
}

export function placesOf(statements: readonly Statement[]): DocumentPlaces {
  const tables = new Map<string, number>();
  const citedBy = new Map<string, Statement[]>();
  for (const s of [...statements].sort((a, b) => a.ordinal - b.ordinal)) {
    if (s.kind === 'table-cell' && s.table && !tables.has(s.table.table)) tables.set(s.table.table, tables.size + 1);
    for (const f of s.footnotes) {
      if (!f.footnoteId) continue;
      const list = citedBy.get(f.footnoteId) ?? [];
      if (!list.includes(s)) list.push(s);
      citedBy.set(f.footnoteId, list);
    }
  }
  return { tables, citedBy };
}

export function cellLocator(s: Statement, places: DocumentPlaces): CellLocator | null {
  if (s.kind !== 'table-cell' || !s.table) return null;
  const table = places.tables.get(s.table.table);
  return table === undefined ? null : { table, row: s.table.row + 1, column: s.table.column + 1, header: s.table.header };
}

/**
 * The citation source of a statement (source.ts adds a PDF's page). A footnote is cited by its own number, under the heading
 * of the first statement that cites it (a note printed at the foot of another section's page
 * belongs to the text that calls it); a table cell by table, row and column.
 */
export function citationSourceOf(doc: Pick<DocumentSummary, 'id' | 'title' | 'issuer' | 'date'>, s: Statement, places: DocumentPlaces): CitationSource {
  const citing = s.kind === 'footnote' ? places.citedBy.get(s.id)?.[0] : undefined;
  return {
    ...citationSource(doc, s),
    headingPath: citing ? citing.headingPath : s.headingPath,
    footnote: s.kind === 'footnote' && s.marker ? s.marker : null,
    cell: cellLocator(s, places),
  };
}

/** The locator alone, as the reader labels a row and a citation ends: 文12 / 脚注81 / 表1 第3行『…』欄. */
export function locatorText(c: Pick<CitationSource, 'locator' | 'footnote' | 'cell'>, lang: 'ja' | 'en'): string {
  if (c.footnote) return lang === 'ja' ? `脚注${c.footnote}` : `note ${c.footnote}`;
  if (c.cell) {
    const { table, row, column, header } = c.cell;
    const head = header?.replace(/\s+/g, ' ').trim();
    if (lang === 'ja') return `表${table} 第${row}行${head ? `『${head}』欄` : `第${column}列`}`;
    return `table ${table}, row ${row}, ${head ? `column “${head}”` : `column ${column}`}`;
  }
  return lang === 'ja' ? `文${c.locator}` : `stmt. ${c.locator}`;
}
