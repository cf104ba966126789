// Splits a document's raw text into the statements an analyst cites, with the clean reader text
// they are offsets into; structure is read from the content, so imported sources work too.
import type { DocumentMeta, SegmentedDocument, Statement } from '../../../shared/model';
import { statementIdsOf } from '../statement-id';
import { rejoinBrokenBlocks, toBlocks } from './blocks';
import { findFootnoteRefs, resolveFootnote, type FootnoteTarget } from './footnotes';
import { normalizeInput } from './lines';
import { plainHeadingTexts, toUnits, type Unit } from './units';

interface Placed {
  unit: Unit;
  start: number;
  end: number;
}

/** Lays units out into the reader's text; statements keep their exact offsets into it. */
function layout(units: readonly Unit[]): { text: string; placed: Placed[] } {
  let text = '';
  const placed: Placed[] = [];
  for (const u of units) {
    if (!u.text) continue;
    if (text) text += u.gap;
    text += u.prefix;
    const start = text.length;
    text += u.text;
    if (u.kind) placed.push({ unit: u, start, end: text.length });
  }
  return { text, placed };
}

/**
 * For a paged source ('\f' between pages, as the PDF extractor writes), the 1-based page of a
 * source line; null for unpaged text, whose statements carry no page. normalizeInput turns each
 * '\f' into one line break, so page n starts after the (n-1)th '\f' counted in lines.
 */
function pageLocator(raw: string, paged: boolean): ((line: number) => number) | null {
  if (!raw.includes('\f')) return paged ? () => 1 : null;
  const starts: number[] = [0];
  let line = 0;
  for (const piece of raw.split('\f').slice(0, -1)) {
    line += normalizeInput(piece).split('\n').length;
    starts.push(line);
  }
  return (l) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= l) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/** A segmented document whose statements are handed over in reading order, a chunk at a time. */
export interface SegmentStream {
  /** The reader's text the statements are exact slices of. */
  readonly text: string;
  /** How many statements there are. */
  readonly count: number;
  /** The next statements in reading order, at most `max` of them; none once all were given. */
  next(max: number): Statement[];
}

/**
 * Statements of one document in reading order, and the reader's text they are exact slices of.
 *
 * - The reader text is the statements in order, separated by blank lines (table cells and lines
 *   of one item by single newlines), plus what a reader sees but nobody cites: list markers
 *   (`① `, `・`) before their statement, ○speaker lines, table header rows (`a ｜ b ｜ c`), page
 *   numbers and `(以上)`. Markup, `----` rules, markdown dashes and `**` are dropped.
 * - Footnotes stay where the page printed them: after the text they interrupt (a sentence rejoined
 *   across a page foot comes first, then the notes printed inside it); notes printed among a
 *   table's rows follow the table. Each superscript reference links to its note by marker.
 * - Ids come from the text (statement-id.ts), so re-ingesting unchanged text keeps them.
 * - Never throws and stays linear: any input yields a valid, possibly empty, document.
 *
 * What needs the whole document (blocks, units, the layout, every text's repeat count, the
 * footnotes' ids) is done here; what each statement needs of the ones before it (heading path,
 * table name, its id's hash, its footnote links) is done by `next`, so the import's writer can
 * insert the first statements while the rest are still being made (electron/import/prepare/).
 */
export function segmentStream(raw: string, meta: DocumentMeta, opts: { paged?: boolean } = {}): SegmentStream {
  const source = typeof raw === 'string' ? raw : '';
  const lines = normalizeInput(source).split('\n');
  // A one-page PDF has no '\f' in it, yet every statement is on its page 1.
  const pageOfLine = pageLocator(source, opts.paged === true);
  const blocks = rejoinBrokenBlocks(toBlocks(lines));
  // Second pass only when the first found unmarked titles (あるべき姿) whose repeats it must match.
  // The passes decide alike up to the first block whose role looked its text up in the known
  // titles and finds it there now: when no text the first pass looked up is a known title, the
  // second pass would repeat the first unit for unit, and is skipped.
  const asked = new Set<string>();
  const first = toUnits(blocks, new Set(), asked);
  const known = plainHeadingTexts(first);
  let rerun = false;
  for (const t of asked) if (known.has(t)) rerun = true;
  const units = rerun ? toUnits(blocks, known) : first;
  const { text, placed } = layout(units);
  const idAt = statementIdsOf(meta.id, placed.map((p) => p.unit.text));
  // A reference links to the first note with its marker after it, else the nearest before: notes
  // further on must have their ids before the statements that cite them are handed over.
  const notes: FootnoteTarget[] = [];
  placed.forEach((p, ordinal) => {
    if (p.unit.kind === 'footnote' && p.unit.marker) notes.push({ marker: p.unit.marker, id: idAt(ordinal), ordinal });
  });

  const stack: { rank: number; title: string; id: string }[] = [];
  const tableNames = new Map<number, string>();
  const usedNames = new Map<string, number>();
  let ordinal = 0;
  const next = (max: number): Statement[] => {
    const out: Statement[] = [];
    for (const end = Math.min(placed.length, ordinal + Math.max(0, max)); ordinal < end; ordinal++) {
      const p = placed[ordinal];
      const u = p.unit;
      const id = idAt(ordinal);
      if (u.kind === 'heading') while (stack.length && stack[stack.length - 1].rank >= (u.rank ?? 0)) stack.pop();
      const headingPath = stack.map((h) => h.title);
      const parentId = stack.length ? stack[stack.length - 1].id : null;
      let table: Statement['table'] = null;
      if (u.cell && u.tableIndex !== null) {
        let name = tableNames.get(u.tableIndex);
        if (name === undefined) {
          const base = stack.length ? stack[stack.length - 1].title : '表';
          const n = (usedNames.get(base) ?? 0) + 1;
          usedNames.set(base, n);
          name = n === 1 ? base : `${base} (${n})`;
          tableNames.set(u.tableIndex, name);
        }
        table = { ...u.cell, table: name };
      }
      const statement: Statement = {
        id, documentId: meta.id, ordinal, kind: u.kind!, level: null, text: u.text, start: p.start, end: p.end,
        headingPath, parentId, speaker: u.speaker, marker: u.marker, table, footnotes: [],
      };
      if (pageOfLine) statement.page = pageOfLine(u.line);
      if (u.kind === 'heading') {
        stack.push({ rank: u.rank ?? 0, title: u.text, id });
        statement.level = stack.length;
      }
      if (u.kind !== 'footnote') {
        const refs = findFootnoteRefs(u.text);
        if (refs.length) statement.footnotes = refs.map((r) => ({ ...r, footnoteId: resolveFootnote(r.marker, ordinal, notes) }));
      }
      out.push(statement);
    }
    return out;
  };
  return { text, count: placed.length, next };
}

/** The whole document at once: segmentStream's statements, all of them. */
export function segmentDocument(raw: string, meta: DocumentMeta, opts: { paged?: boolean } = {}): SegmentedDocument {
  const stream = segmentStream(raw, meta, opts);
  return { text: stream.text, statements: stream.next(stream.count) };
}
