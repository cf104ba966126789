// Groups lines into blocks (a paragraph, an item, a footnote, a table) and rejoins blocks that
// are one sentence broken by a PDF line or page end (`…リサイクル、衛` / `星による…`).
import { parseFootnoteLine } from './footnotes';
import { stripMarkup } from './html-fragments';
import {
  endsSentence, endsWithStop, endsWithUrl, fragmentJoiner, isBlank, isSeparatorLine, isUrlOnly, lineJoiner,
  startsMidSentence, startsWithOpeningBracket, trimAll, visibleLength, visibleLengthAtMost,
} from './lines';
import { parseLineMarker, type LineMarker } from './markers';
import { parseTable, startsTable, type ParsedTable } from './table';

/** `line`: index of the block's first source line (a statement's page is where it starts). */
export type Block =
  | { type: 'text'; marker: LineMarker | null; lines: string[]; text: string; lastLine: string; hasStop: boolean; line: number }
  | { type: 'note'; marker: string; lead: string; text: string; line: number }
  | { type: 'table'; table: ParsedTable; line: number }
  /** A bare page number (`1`): kept in the reader's text, never a statement. */
  | { type: 'page'; text: string; line: number };

/** Cleans one source line: markup out, `**bold**` unwrapped, `<https://…>` unwrapped. */
function cleanLine(line: string): string {
  const plain = stripMarkup(line);
  return trimAll(plain.includes('**') ? plain.replace(/\*\*(.+?)\*\*/g, '$1') : plain);
}

function textBlock(marker: LineMarker | null, first: string, line: number): Block & { type: 'text' } {
  return { type: 'text', marker, lines: [first], text: first, lastLine: first, hasStop: first.includes('。'), line };
}

/** Lines → blocks. A blank line ends a block; a marker, footnote or table line starts one. */
export function toBlocks(lines: readonly string[]): Block[] {
  const blocks: Block[] = [];
  let current: (Block & { type: 'text' }) | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (isBlank(line) || isSeparatorLine(line)) {
      current = null;
      continue;
    }
    if (startsTable(line)) {
      const table = parseTable(lines, i);
      blocks.push({ type: 'table', table, line: i });
      i = table.end - 1;
      current = null;
      continue;
    }
    if (/^[\s\u3000]*[-‐－―]?[\s\u3000]*[0-9０-９]{1,3}[\s\u3000]*[-‐－―]?[\s\u3000]*$/.test(line)) {
      blocks.push({ type: 'page', text: trimAll(line), line: i });
      current = null;
      continue;
    }
    const note = parseFootnoteLine(line);
    if (note) {
      blocks.push({ type: 'note', marker: note.marker, lead: note.lead, text: cleanLine(note.text), line: i });
      current = null;
      continue;
    }
    const prev = blocks[blocks.length - 1];
    if (!current && prev?.type === 'note' && isUrlOnly(line)) {
      // A URL printed on its own line under a footnote is that footnote's source.
      prev.text = `${prev.text} ${cleanLine(line)}`;
      continue;
    }
    const spaced = line.includes('\t') ? line.replace(/\t/g, ' ') : line;
    const marker = parseLineMarker(spaced);
    const body = cleanLine(marker ? marker.body : spaced);
    if (!body) {
      current = null;
      continue;
    }
    if (marker || !current) {
      const fresh = textBlock(marker, body, i);
      blocks.push(fresh);
      current = fresh;
      continue;
    }
    current.text = current.text + lineJoiner(current.lastLine, body) + body;
    current.lines.push(body);
    current.lastLine = body;
    current.hasStop ||= body.includes('。');
  }
  return blocks;
}

/**
 * Documents hard-wrapped at a fixed width with blank lines between every line (file 002): most
 * long unmarked lines end mid-sentence at nearly the same width. Returns that width, or null.
 */
export function hardWrapWidth(blocks: readonly Block[]): number | null {
  const lengths: number[] = [];
  let long = 0;
  for (const b of blocks) {
    if (b.type !== 'text') continue;
    for (const l of b.lines) {
      const n = visibleLength(l);
      if (n < 20 || isUrlOnly(l)) continue;
      long++;
      if (!endsSentence(l)) lengths.push(n);
    }
  }
  if (lengths.length < 6 || lengths.length < long * 0.5) return null;
  // Whole numbers: a typed array sorts them natively, in the order the comparator gave.
  const sorted = Int32Array.from(lengths).sort();
  const median = sorted[Math.floor(sorted.length / 2)];
  const near = lengths.filter((n) => Math.abs(n - median) <= median * 0.15).length;
  return median >= 30 && near >= lengths.length * 0.6 ? median : null;
}

function isPlainContinuation(b: Block | undefined): b is Block & { type: 'text' } {
  return b?.type === 'text' && b.marker === null && !startsWithOpeningBracket(b.text) && !isUrlOnly(b.lines[0]);
}

/** Whether `b` is the rest of the sentence `a` leaves open across a page or line break. */
function continues(a: Block & { type: 'text' }, b: Block & { type: 'text' }, wrap: number | null): boolean {
  if (endsWithStop(a.lastLine) || endsWithUrl(a.lastLine)) return false;
  const style = a.marker?.style;
  if (style === 'markdown') return false;
  // A numbered title line (`⑥ …取組`, `(1) …について`) is a heading, not a sentence cut short.
  if (style && style !== 'bullet' && style !== 'circle' && a.lines.length === 1 && visibleLengthAtMost(a.text, 40) && !a.hasStop) return false;
  const aLen = visibleLength(a.lastLine);
  const full = wrap !== null && aLen >= wrap * 0.8;
  // `…（プラットフォーム）` + `の設置を推進`: a closing bracket at a full line's end, then a particle.
  if (endsSentence(a.lastLine)) return (full || aLen >= 30) && startsMidSentence(b.text);
  if (full) return true;
  if (aLen < 30 && !a.hasStop) return false;
  return endsSentence(b.lastLine) || startsMidSentence(b.text);
}

/**
 * Rejoins broken sentences. Footnotes printed between the two halves (page foot) move after the
 * rejoined block, so reading order stays text, then its notes.
 */
export function rejoinBrokenBlocks(blocks: readonly Block[]): Block[] {
  const wrap = hardWrapWidth(blocks);
  const out: Block[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const a = blocks[i];
    if (a.type !== 'text') {
      out.push(a);
      continue;
    }
    // Most blocks continue nothing: they go out as they are, and only a block that absorbs the
    // next one is copied (the input blocks are never changed).
    let merged: Block & { type: 'text' } = a;
    const deferred: Block[] = [];
    let j = i + 1;
    for (;;) {
      let k = j;
      while (blocks[k]?.type === 'note') k++;
      const b = blocks[k];
      if (!isPlainContinuation(b) || !continues(merged, b, wrap)) break;
      if (merged === a) merged = { ...a, lines: [...a.lines] };
      merged.text = merged.text + fragmentJoiner(merged.lastLine, b.text) + b.text;
      for (const l of b.lines) merged.lines.push(l);
      merged.lastLine = b.lastLine;
      merged.hasStop ||= b.hasStop;
      for (let n = j; n < k; n++) deferred.push(blocks[n]);
      j = k + 1;
    }
    out.push(merged, ...deferred);
    i = j - 1;
  }
  return out;
}
