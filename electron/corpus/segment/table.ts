// Tab-separated tables from PDF extraction: finds the table's extent (rows interrupted by page
// breaks, footnotes and `----` rules), rejoins rows and cells continued on the next page.
import { cellSegments, stripMarkup } from './html-fragments';
import { endsSentence, fragmentJoiner, isBlank, isSeparatorLine, isUrlOnly, startsMidSentence, trimAll, visibleLength } from './lines';
import { parseFootnoteLine, type FootnoteLine } from './footnotes';
import { CIRCLED_RE } from './markers';

export interface CellItem {
  marker: string | null;
  /** Space printed between marker and text (kept for the reader's text). */
  gap: string;
  text: string;
}

export interface TableRow {
  /** cells[column] = the cell's items in order. */
  cells: CellItem[][];
  /** Index of the row's first source line. */
  line: number;
}

export interface ParsedTable {
  header: string[] | null;
  rows: TableRow[];
  /** Footnotes printed on the pages the table spans, in order (with their source line); emitted after the table. */
  notes: (FootnoteLine & { line: number })[];
  /** Index of the first line after the table. */
  end: number;
}

function splitRow(line: string): string[] {
  return line.split('\t');
}

function isRowLine(line: string): boolean {
  return line.includes('\t') || /^[\s\u3000]*<(?:p|ul|ol)[\s>]/i.test(line);
}

/** A line that opens a table: at least two non-empty tab-separated cells. */
export function startsTable(line: string): boolean {
  if (!line.includes('\t') || isSeparatorLine(line)) return false;
  return splitRow(line).filter((c) => c.trim() !== '').length >= 2;
}

function headerTexts(cells: string[]): string[] {
  return cells.map((c) => trimAll(stripMarkup(c)));
}

/** A first row of short labels (基本計画における具体的な取組 | 実施状況・現状分析 | …), no markup, no sentences. */
function isHeaderRow(cells: string[]): boolean {
  const texts = headerTexts(cells);
  return !cells.some((c) => /<[a-z]/i.test(c)) && texts.filter(Boolean).length >= 2 && texts.every((t) => visibleLength(t) <= 40 && !t.includes('。'));
}

const ITEM_START = new RegExp(`(?:^|(?<=[\\s\\u3000]))(?:[・•]|${CIRCLED_RE.source})`, 'g');

const MARKER_AT_START = new RegExp(`^(?:[・•○◯]|${CIRCLED_RE.source})`);

/** Splits one cell into items: each ・ bullet, each ① and each <p> is its own item. */
export function cellPieces(raw: string): CellItem[] {
  const pieces: CellItem[] = [];
  for (const seg of cellSegments(raw)) {
    const text = seg.text;
    const cuts = [...text.matchAll(ITEM_START)].map((m) => m.index);
    const cutSet = new Set(cuts);
    const starts = cuts[0] === 0 ? cuts : [0, ...cuts];
    starts.forEach((s, i) => {
      const chunk = text.slice(s, starts[i + 1] ?? text.length);
      let marker: string | null = null;
      let body = chunk;
      const m = MARKER_AT_START.exec(chunk);
      if (m && (cutSet.has(s) || /^[○◯]/.test(chunk))) {
        marker = m[0];
        body = chunk.slice(m[0].length);
      }
      const gap = /^[\s\u3000]+/.exec(body)?.[0] ? ' ' : '';
      const t = trimAll(body);
      if (t) pieces.push({ marker, gap: marker ? gap : '', text: t });
    });
  }
  return pieces;
}

/** A cell item while the table is read: its fragments are joined once, at the end (linear time). */
interface OpenItem extends CellItem {
  parts: string[];
}

/** Appends a cell fragment, rejoining a sentence the page break cut (`…とするとも` + `に、…`). */
function appendPieces(items: OpenItem[], pieces: CellItem[]): void {
  for (const p of pieces) {
    const last = items[items.length - 1];
    const isTag = /^【[^】]*】$/.test(p.text);
    const tail = last?.parts[last.parts.length - 1] ?? '';
    if (last && p.marker === null && (isTag || !endsSentence(tail))) {
      last.parts.push(fragmentJoiner(tail, p.text), p.text);
    } else {
      items.push({ ...p, parts: [p.text] });
    }
  }
}

function closeItems(items: OpenItem[]): CellItem[] {
  return items.map(({ parts, marker, gap }) => ({ marker, gap, text: parts.join('') }));
}

/** Parses the table starting at `start` (a line for which startsTable is true). */
export function parseTable(lines: readonly string[], start: number): ParsedTable {
  let header: string[] | null = null;
  const rows: { cells: OpenItem[][]; line: number }[] = [];
  const notes: (FootnoteLine & { line: number })[] = [];
  let lastWasNote = false;
  let i = start;
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (isBlank(line) || isSeparatorLine(line)) continue;
    const note = parseFootnoteLine(line);
    if (note && !line.includes('\t')) {
      notes.push({ ...note, text: trimAll(stripMarkup(note.text)), line: i });
      lastWasNote = true;
      continue;
    }
    if (isUrlOnly(line) && lastWasNote) {
      const n = notes[notes.length - 1];
      const url = trimAll(line).replace(/^<|>$/g, '');
      n.text = `${n.text} ${url}`;
      continue;
    }
    if (!isRowLine(line)) break;
    lastWasNote = false;
    const raw = splitRow(line);
    if (i === start && isHeaderRow(raw)) {
      header = headerTexts(raw);
      continue;
    }
    if (header && isHeaderRow(raw) && headerTexts(raw).join('\t') === header.join('\t')) continue; // header repeated on a new page
    const cells = raw.map((c) => cellPieces(c));
    const prev = rows[rows.length - 1];
    const firstCell = cells[0] ?? [];
    const prevFirst = prev?.cells[0] ?? [];
    // Only running text is cut by a page end; short labels in a plain table never continue.
    const lastParts = prevFirst[prevFirst.length - 1]?.parts;
    const prevLast = lastParts ? lastParts[lastParts.length - 1] : '';
    const prevOpen = prevLast !== '' && !endsSentence(prevLast) && (visibleLength(prevLast) >= 30 || startsMidSentence(firstCell[0]?.text ?? ''));
    const continues = prev !== undefined && (firstCell.length === 0 || (firstCell[0].marker === null && prevOpen));
    if (continues) {
      cells.forEach((pieces, col) => {
        while (prev.cells.length <= col) prev.cells.push([]);
        appendPieces(prev.cells[col], pieces);
      });
    } else {
      const row: { cells: OpenItem[][]; line: number } = { cells: [], line: i };
      cells.forEach((pieces, col) => {
        row.cells[col] = [];
        appendPieces(row.cells[col], pieces);
      });
      rows.push(row);
    }
  }
  // Trailing blank lines belong to the text after the table.
  let end = i;
  while (end > start && isBlank(lines[end - 1])) end--;
  return { header, rows: rows.map((r) => ({ cells: r.cells.map(closeItems), line: r.line })), notes, end: Math.max(end, start + 1) };
}
