// Groups a document's statements into what the reader lays out: single statements, tables
// (consecutive table cells of one table, arranged by row and column) and the footnotes.
import type { Statement } from '../../../../shared/model';

export interface TableBlock {
  kind: 'table';
  key: string;
  title: string;
  headers: (string | null)[];
  /** rows[r][c] = the statements in that cell, in reading order. */
  rows: Statement[][][];
  /** The 1-based row number of rows[r], as citations print it (第3行). */
  rowNumbers: number[];
}

export type Block = { kind: 'statement'; key: string; statement: Statement } | TableBlock;

export function buildBlocks(statements: Statement[]): { blocks: Block[]; footnotes: Statement[] } {
  const blocks: Block[] = [];
  const footnotes: Statement[] = [];
  let table: { block: TableBlock; cells: Statement[] } | null = null;

  const flush = () => {
    if (!table) return;
    const { block, cells } = table;
    const rowIds = [...new Set(cells.map((c) => c.table!.row))].sort((a, b) => a - b);
    const columnCount = Math.max(...cells.map((c) => c.table!.column)) + 1;
    block.headers = Array.from({ length: columnCount }, (_, col) => cells.find((c) => c.table!.column === col && c.table!.header)?.table!.header ?? null);
    block.rowNumbers = rowIds.map((r) => r + 1);
    block.rows = rowIds.map((r) => Array.from({ length: columnCount }, (_, col) => cells.filter((c) => c.table!.row === r && c.table!.column === col)));
    blocks.push(block);
    table = null;
  };

  for (const s of statements) {
    if (s.kind === 'footnote') {
      footnotes.push(s);
      continue;
    }
    if (s.kind === 'table-cell' && s.table) {
      if (!table || table.block.title !== s.table.table) {
        flush();
        table = { block: { kind: 'table', key: `table-${s.id}`, title: s.table.table, headers: [], rows: [], rowNumbers: [] }, cells: [] };
      }
      table.cells.push(s);
      continue;
    }
    flush();
    blocks.push({ kind: 'statement', key: s.id, statement: s });
  }
  flush();
  return { blocks, footnotes };
}
