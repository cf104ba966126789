// Turns the positioned text runs of PDF pages into the raw text the segmenter reads: reading
// order (horizontal, vertical right-to-left, two columns), line joins, headings by font size and
// by weight (a bold body-size line standing alone), table rows as tab-separated cells, and running
// headers/footers lifted out as page metadata.
// Pure functions over plain numbers, so the rules are tested without a PDF.
import { parseLineMarker } from '../../corpus/segment/markers';
import type { Face } from './fonts';

/** One text run as pdfjs reports it (getTextContent item), in PDF user space (y grows upwards). */
export interface TextRun {
  str: string;
  /** The run's text matrix [a b c d e f]. */
  transform: number[];
  width: number;
  height: number;
  /** The font is a vertical-writing CID font (Identity-V and friends). */
  verticalFont: boolean;
  /** The font is bold by its name or pdfjs's flags (fonts.ts); absent = regular. */
  bold?: boolean;
  /** The font's typeface class, when its name says. */
  face?: Face | null;
}

export interface PageRuns {
  /** Page height in PDF units, for the top/bottom zones where running matter sits. */
  height: number;
  runs: TextRun[];
}

/** A line of one page in reading order, before paragraphs are formed. */
export interface PageLine {
  text: string;
  size: number;
  /** Start and end along the reading direction, and position across it (reading coordinates). */
  start: number;
  end: number;
  across: number;
  /** Physical vertical extent on the page, for the running-matter zones. */
  top: number;
  bottom: number;
  /** Table row (cells joined by tabs) rather than running text. */
  row: boolean;
  /** First line of a column or band: a paragraph always starts here. */
  blockStart: boolean;
  /** The right (horizontal) or bottom (vertical) edge of the column the line sits in. */
  blockEnd: number;
  vertical: boolean;
  /** Share of the line's non-space characters printed in a bold font (0–1). */
  boldShare: number;
  /** The typeface of (nearly) all its characters; null when mixed or unknown. */
  face: Face | null;
  /** The widest blank between two printed characters inside the line, in font sizes (cells of a row apart). */
  widestGap: number;
}

/** A run between two glyphs wider than this many font sizes splits a line (columns, table cells). */
const SEGMENT_GAP = 1.8;
/** Glyphs whose baselines differ by less than this share a line (sub/superscripts stay in it). */
const SAME_LINE = 0.45;
/** A gap between lines beyond this many times the usual pitch starts a new paragraph. */
const PARAGRAPH_GAP = 1.45;
/** Text at least this much larger than the body text is a heading. */
const HEADING_RATIO = 1.15;
/*
 * Headings by weight: a line in the body size set in bold (or, a weaker cue, in Gothic over a Mincho
 * body and numbered) that stands alone. The values below were chosen on the tuning set
 * (test/fixtures/pdf-headings/tuning.json) only; docs/benchmarks.md, "PDF headings", has the figures.
 */
/** A line is bold when this share of its characters is (a digit or bracket in a regular Latin font aside). */
const BOLD_SHARE = 0.9;
/** A heading by weight is short; a longer bold line is emphasis that happens to fill a line. */
const WEIGHT_HEADING_MAX_CHARS = 40;
/** Smaller bold text (footnotes, captions) is not a heading of the body. */
const WEIGHT_HEADING_MIN_SIZE = 0.9;
/**
 * A blank wider than this (in font sizes) inside a line parts the cells of a row (a bold table
 * header whose cells the line finder kept together); a heading's widest blank is a full-width
 * space (1) after its number.
 */
const WEIGHT_HEADING_MAX_GAP = 1.5;
/** A document whose body-size text is mostly bold has no bold headings to find. */
const BOLD_BODY_SHARE = 0.5;
/** Headings do not end a sentence or a clause: a bold line that does is emphasis. */
const NOT_A_HEADING_END = /[。．！？!?、，,：:]$/;

/** Which cues make a heading: `size` is the rule before weight was read, kept for the evaluation. */
export type HeadingCues = 'size' | 'size+weight';
/** Running matter lives in the top and bottom of the page: this fraction of its height each. */
const EDGE_ZONE = 0.12;
/** A top/bottom line repeating on at least this share of pages (and on two) is running matter. */
const RUNNING_SHARE = 0.5;
/**
 * Running matter stands apart from the body: the nearest line above or below it is at least this
 * many font sizes away (the body's own lines, even double-spaced, are closer).
 */
const ISOLATION = 1.2;
/** Longer lines are matched exactly; shorter ones also with their numbers folded (第3章 / 第4章). */
const FOLDED_MATCH_MAX = 40;

const CJK = /[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef\ufe30-\ufe4f]/;

interface Glyph {
  str: string;
  bold: boolean;
  face: Face | null;
  /** Reading coordinates: `along` grows in reading direction, `across` shrinks line by line. */
  along: number;
  len: number;
  across: number;
  size: number;
  top: number;
  bottom: number;
}

interface Segment {
  glyphs: Glyph[];
  /** The widest blank between two non-space glyphs, in font sizes. */
  widestGap: number;
  start: number;
  end: number;
  across: number;
  size: number;
  top: number;
  bottom: number;
}

function sizeOf(t: number[]): number {
  return Math.max(Math.hypot(t[0], t[1]), Math.hypot(t[2], t[3])) || 1;
}

function isRotated(t: number[]): boolean {
  return Math.abs(t[1]) > Math.abs(t[0]);
}

/**
 * Which runs flow vertically. Upright CJK glyphs in a vertical column carry no mark of it in a
 * browser-printed PDF: their neighbours in content order decide (same x, next one lower down).
 */
function verticalFlags(runs: readonly TextRun[]): boolean[] {
  const flags = runs.map((r) => r.verticalFont || isRotated(r.transform));
  const links = (i: number, j: number): 'h' | 'v' | null => {
    const a = runs[i];
    const b = runs[j];
    if (!a || !b || !a.str.trim() || !b.str.trim()) return null;
    const s = sizeOf(a.transform);
    const dx = b.transform[4] - a.transform[4];
    const dy = b.transform[5] - a.transform[5];
    if (Math.abs(dy) < 0.3 * s && dx > 0 && dx < 3 * s + a.width) return 'h';
    if (Math.abs(dx) < 0.3 * s && dy < 0 && -dy < 3 * s) return 'v';
    return null;
  };
  let verticalCount = 0;
  let horizontalCount = 0;
  const votes: ('h' | 'v' | null)[] = runs.map((r, i) => {
    if (r.verticalFont || isRotated(r.transform)) return 'v';
    if ([...r.str.trim()].length > 1) return 'h';
    let prev = i - 1;
    while (prev >= 0 && !runs[prev].str.trim()) prev--;
    let next = i + 1;
    while (next < runs.length && !runs[next].str.trim()) next++;
    const l = links(i, next) ?? (prev >= 0 ? links(prev, i) : null);
    if (l === 'v') verticalCount++;
    if (l === 'h') horizontalCount++;
    return l;
  });
  const majority = verticalCount > horizontalCount ? 'v' : 'h';
  return votes.map((v, i) => flags[i] || (v ?? majority) === 'v');
}

/**
 * CJK Radicals Supplement forms that are whole ideographs (⺠ U+2EA0 for 民, ⻑ for 長): a bold
 * CJK font's ToUnicode table (Noto Sans CJK Bold as Chromium prints it) gives these for the
 * ideograph, and NFKC folds only two of them. The equivalents are Unicode's
 * EquivalentUnifiedIdeograph.txt, limited to the forms that stand for a whole character.
 */
const RADICAL_IDEOGRAPHS: Record<string, string> = {
  '\u2e9c': '日', '\u2e9d': '月', '\u2e9f': '母', '\u2ea0': '民', '\u2ea7': '牛', '\u2ea9': '王', '\u2eac': '示',
  '\u2ebc': '肉', '\u2ec1': '虎', '\u2ec4': '西', '\u2ec6': '角', '\u2eca': '足', '\u2ed1': '長', '\u2ed7': '雨',
  '\u2ed8': '青', '\u2edd': '食', '\u2ee3': '骨', '\u2ee4': '鬼', '\u2ee8': '麦', '\u2ee9': '黄', '\u2eeb': '斉',
  '\u2eed': '歯', '\u2eef': '竜', '\u2ef2': '亀', '\u2ef3': '龟',
};

/**
 * Kangxi radicals (⽂ U+2F42) where the font meant the ideograph (文): a font's ToUnicode table
 * often maps a glyph shared by both to the radical. Nobody prints a radical in running text.
 * The same tables give the hyphenation point ‧ (U+2027) for the 中黒 ・, which is what these
 * documents print (a hyphenation point is a dictionary's mark, not a policy paper's).
 */
export function foldRadicals(s: string): string {
  return s
    .replace(/[\u2e80-\u2eff]/g, (c) => RADICAL_IDEOGRAPHS[c] ?? c)
    .replace(/[\u2f00-\u2fdf]/g, (c) => c.normalize('NFKC'))
    .replace(/\u2027/g, '・');
}

function glyphOf(run: TextRun, vertical: boolean): Glyph {
  const r = { ...run, str: foldRadicals(run.str) };
  const t = r.transform;
  const size = sizeOf(t);
  const x = t[4];
  const y = t[5];
  const font = { bold: !!r.bold, face: r.face ?? null };
  if (!vertical) return { str: r.str, ...font, along: x, len: r.width, across: y, size, top: y + size, bottom: y };
  if (isRotated(t)) {
    // A Latin run turned 90° clockwise in a vertical column: it reads downwards from (x, y).
    const len = r.width;
    return { str: r.str, ...font, along: -y, len, across: x + size / 2, size, top: y, bottom: y - len };
  }
  if (r.verticalFont) {
    // pdfjs places a vertical font's run at its top; the run's height is its advance.
    const len = r.height || size * [...r.str].length;
    return { str: r.str, ...font, along: -y, len, across: x + size / 2, size, top: y, bottom: y - len };
  }
  // An upright glyph printed by a browser: the glyph box is [y, y + size], the column centre x + size/2.
  const len = size * [...r.str].length;
  return { str: r.str, ...font, along: -(y + size), len, across: x + size / 2, size, top: y + size, bottom: y + size - len };
}

/** A line's typeface is the one this share of its characters is printed in (digits set in a Latin font aside). */
const FACE_SHARE = 0.9;

/** How much of a line is bold, and its typeface, counted in non-space characters. */
function lineFont(glyphs: readonly Glyph[]): { boldShare: number; face: Face | null } {
  let chars = 0;
  let bold = 0;
  const faces = new Map<Face | null, number>();
  for (const g of glyphs) {
    const n = [...g.str.replace(/[\s\u3000]/g, '')].length;
    chars += n;
    if (g.bold) bold += n;
    faces.set(g.face, (faces.get(g.face) ?? 0) + n);
  }
  if (!chars) return { boldShare: 0, face: null };
  let face: Face | null = null;
  for (const [f, n] of faces) if (f && n >= FACE_SHARE * chars) face = f;
  return { boldShare: bold / chars, face };
}

/** Glyphs → segments: same line (across), in reading order, split at wide gaps. */
function segmentsOf(glyphs: Glyph[]): Segment[] {
  const sorted = [...glyphs].sort((a, b) => b.across - a.across || a.along - b.along);
  const lines: Glyph[][] = [];
  for (const g of sorted) {
    const line = lines[lines.length - 1];
    if (line && Math.abs(line[0].across - g.across) < SAME_LINE * Math.max(line[0].size, g.size)) line.push(g);
    else lines.push([g]);
  }
  const segments: Segment[] = [];
  for (const line of lines) {
    line.sort((a, b) => a.along - b.along);
    let current: Glyph[] = [];
    let end = -Infinity;
    const flush = () => {
      if (!current.length) return;
      const size = Math.max(...current.map((g) => g.size));
      let widestGap = 0;
      let inkEnd: number | null = null;
      for (const g of current) {
        if (isSpace(g.str)) continue;
        if (inkEnd !== null) widestGap = Math.max(widestGap, (g.along - inkEnd) / g.size);
        inkEnd = Math.max(inkEnd ?? -Infinity, g.along + g.len);
      }
      segments.push({
        glyphs: current, widestGap, start: current[0].along, end, across: current[0].across, size,
        top: Math.max(...current.map((g) => g.top)), bottom: Math.min(...current.map((g) => g.bottom)),
      });
      current = [];
    };
    for (const g of line) {
      if (current.length && g.along - end > SEGMENT_GAP * Math.max(g.size, current[current.length - 1].size)) flush();
      current.push(g);
      end = Math.max(end === -Infinity ? g.along : end, g.along + g.len);
    }
    flush();
  }
  return segments;
}

function isSpace(s: string): boolean {
  return /^[\s\u3000]*$/.test(s);
}

/** The text of one segment: glyphs concatenated, a space where a gap separates Latin words. */
function segmentText(seg: Segment): string {
  let out = '';
  let prevEnd: number | null = null;
  for (const g of seg.glyphs) {
    if (prevEnd !== null && out && !/\s$/.test(out) && !isSpace(g.str)) {
      const gap = g.along - prevEnd;
      const a = out.slice(-1);
      const b = g.str.trimStart().slice(0, 1);
      if (gap > 0.2 * g.size && !(CJK.test(a) || CJK.test(b))) out += ' ';
    }
    out += g.str;
    prevEnd = Math.max(prevEnd ?? -Infinity, g.along + g.len);
  }
  return out.replace(/[ \t\u00a0]+/g, ' ').trim();
}

/**
 * The gutter of a two-column band: an `along` position in the middle of the content that few
 * segments cross while several sit wholly on each side. Null when the band is one column.
 */
function findGutter(segs: readonly Segment[]): number | null {
  if (segs.length < 6) return null;
  const lo = Math.min(...segs.map((s) => s.start));
  const hi = Math.max(...segs.map((s) => s.end));
  const width = hi - lo;
  if (width <= 0) return null;
  let best: { at: number; crossing: number } | null = null;
  const steps = 40;
  for (let k = Math.round(steps * 0.3); k <= Math.round(steps * 0.7); k++) {
    const at = lo + (width * k) / steps;
    const crossing = segs.filter((s) => s.start < at && s.end > at).length;
    if (!best || crossing < best.crossing) best = { at, crossing };
  }
  if (!best) return null;
  const left = segs.filter((s) => s.end <= best.at).length;
  const right = segs.filter((s) => s.start >= best.at).length;
  return best.crossing <= segs.length * 0.15 && left >= 3 && right >= 3 ? best.at : null;
}

/** Segments of one flow direction → lines in reading order (columns, then bands). */
function orderSegments(segs: Segment[], vertical: boolean): PageLine[] {
  const out: PageLine[] = [];
  const gutter = findGutter(segs);
  const byLine = (a: Segment, b: Segment) => b.across - a.across || a.start - b.start;
  const emitColumn = (col: Segment[]) => {
    col.sort(byLine);
    const blockEnd = col.length ? Math.max(...col.map((s) => s.end)) : 0;
    let first = true;
    for (let i = 0; i < col.length; ) {
      // Segments on one line within a column are table cells.
      let j = i + 1;
      while (j < col.length && Math.abs(col[j].across - col[i].across) < SAME_LINE * col[i].size) j++;
      const cells = col.slice(i, j);
      const texts = cells.map(segmentText).filter((t) => t !== '');
      if (texts.length) {
        out.push({
          text: texts.join('\t'), size: Math.max(...cells.map((c) => c.size)), start: cells[0].start, end: cells[cells.length - 1].end,
          across: cells[0].across, top: Math.max(...cells.map((c) => c.top)), bottom: Math.min(...cells.map((c) => c.bottom)),
          row: texts.length > 1, blockStart: first, blockEnd, vertical,
          ...lineFont(cells.flatMap((c) => c.glyphs)),
          widestGap: Math.max(...cells.map((c) => c.widestGap)),
        });
        first = false;
      }
      i = j;
    }
  };
  if (gutter === null) {
    emitColumn(segs);
    return out;
  }
  // Top to bottom: a segment crossing the gutter (a title over both columns) closes the band
  // above it, whose left column is read before its right one.
  const sorted = [...segs].sort(byLine);
  let left: Segment[] = [];
  let right: Segment[] = [];
  const flush = () => {
    emitColumn(left);
    emitColumn(right);
    left = [];
    right = [];
  };
  for (const s of sorted) {
    if (s.end <= gutter) left.push(s);
    else if (s.start >= gutter) right.push(s);
    else {
      flush();
      emitColumn([s]);
    }
  }
  flush();
  return out;
}

/** One page's runs → its lines in reading order (horizontal and vertical flows kept apart). */
export function pageLines(page: PageRuns): PageLine[] {
  const runs = page.runs.filter((r) => r.str !== '' && r.transform.length === 6 && r.transform.every(Number.isFinite));
  const flags = verticalFlags(runs);
  const horizontal: Glyph[] = [];
  const vertical: Glyph[] = [];
  // A space run joins the horizontal flow: it only tells where Latin words part.
  runs.forEach((r, i) => (flags[i] && !isSpace(r.str) ? vertical : horizontal).push(glyphOf(r, flags[i] && !isSpace(r.str))));
  const h = orderSegments(segmentsOf(horizontal), false).filter((l) => l.text !== '');
  const v = orderSegments(segmentsOf(vertical), true).filter((l) => l.text !== '');
  if (!v.length) return h;
  if (!h.length) return v;
  // Horizontal lines above the vertical text (a title) come first, the rest after it.
  const vTop = Math.max(...v.map((l) => l.top));
  return [...h.filter((l) => l.bottom >= vTop), ...v, ...h.filter((l) => l.bottom < vTop)];
}

const PAGE_NUMBER = /^[-–—‐ー－−(（\s]*(?:p\.?\s*|ページ\s*)?(?:[0-9０-９]{1,4}|[ivxlcdm]{1,6})(?:\s*[/／]\s*[0-9０-９]{1,4})?(?:\s*ページ)?[-–—‐ー－−)）\s]*$/i;

export function isPageNumber(text: string): boolean {
  return PAGE_NUMBER.test(text.trim());
}

function matterKey(text: string): string {
  const t = text.replace(/\s+/g, '');
  return [...t].length <= FOLDED_MATCH_MAX ? t.replace(/[0-9０-９]+/g, '#') : t;
}

export interface RunningMatter {
  page: number;
  header: string[];
  footer: string[];
}

/**
 * Marks the lines that repeat at the top or bottom of pages (running headers, footers, page
 * numbers). Returns per page the indexes of those lines and the matter itself.
 */
export function detectRunningMatter(pages: readonly { height: number; lines: readonly PageLine[] }[]): { drop: Set<number>[]; matter: RunningMatter[] } {
  const isolated = (lines: readonly PageLine[], l: PageLine): boolean =>
    lines.every((m) => {
      if (m === l) return true;
      const gap = Math.max(m.bottom - l.top, l.bottom - m.top);
      return gap < 0 || gap >= ISOLATION * Math.max(l.size, m.size);
    });
  const edgeLines = pages.map((p) => {
    const top: number[] = [];
    const bottom: number[] = [];
    p.lines.forEach((l, i) => {
      const zone = l.bottom >= p.height * (1 - EDGE_ZONE) ? top : l.top <= p.height * EDGE_ZONE ? bottom : null;
      if (zone && isolated(p.lines, l)) zone.push(i);
    });
    return { top, bottom };
  });
  const counts = new Map<string, number>();
  pages.forEach((p, n) => {
    const seen = new Set<string>();
    for (const i of [...edgeLines[n].top, ...edgeLines[n].bottom]) seen.add(matterKey(p.lines[i].text));
    for (const k of seen) counts.set(k, (counts.get(k) ?? 0) + 1);
  });
  const needed = Math.max(2, Math.ceil(pages.length * RUNNING_SHARE));
  const drop: Set<number>[] = [];
  const matter: RunningMatter[] = [];
  pages.forEach((p, n) => {
    const d = new Set<number>();
    const header: string[] = [];
    const footer: string[] = [];
    const take = (i: number, into: string[]) => {
      const text = p.lines[i].text;
      const repeated = (counts.get(matterKey(text)) ?? 0) >= needed;
      if (repeated || (pages.length >= 2 && isPageNumber(text))) {
        d.add(i);
        into.push(text);
      }
    };
    for (const i of edgeLines[n].top) take(i, header);
    for (const i of edgeLines[n].bottom) take(i, footer);
    drop.push(d);
    if (header.length || footer.length) matter.push({ page: n + 1, header, footer });
  });
  return { drop, matter };
}

/** The body text size: the size most characters are printed in. */
export function bodySize(pages: readonly (readonly PageLine[])[]): number {
  const weight = new Map<number, number>();
  for (const lines of pages) for (const l of lines) {
    const k = Math.round(l.size * 2) / 2;
    weight.set(k, (weight.get(k) ?? 0) + [...l.text].length);
  }
  let best = 0;
  let bestWeight = -1;
  for (const [k, w] of weight) if (w > bestWeight) [best, bestWeight] = [k, w];
  return best || 10;
}

const LIST_START = /^(?:[・•●○◯■□◆◇▽▼※]|[①-⑳㉑-㉟]|[（(][0-9０-９一二三四五六七八九十]+[)）]|[0-9０-９]{1,3}[.．)）]|[ア-ン][.．)）]|[一二三四五六七八九十]+[、.．]|第[0-9０-９一二三四五六七八九十百]+[章節条項])/;

/** Sentence ends, including their vertical presentation forms (︒ ︶ ﹂ ﹄) as vertical text prints them. */
const SENTENCE_END = /[。．.！？!?」』）)︒︶﹂﹄]$/;

/**
 * What goes between two lines of one paragraph: nothing between Japanese characters, a space
 * between Latin words, and nothing where a word was hyphenated at the line end (the hyphen goes).
 */
export function joinLines(before: string, after: string): string {
  if (/[A-Za-z]-$/.test(before) && /^[a-z]/.test(after)) return before.slice(0, -1) + after;
  if (before.endsWith('-')) return before + after; // i- + Construction: a real hyphen, kept
  const a = before.slice(-1);
  const b = after.slice(0, 1);
  const space = !CJK.test(a) && !CJK.test(b) && !/[\s(（「『]$/.test(before) && !/^[\s,.;:)）」』、。]/.test(after);
  return before + (space ? ' ' : '') + after;
}

interface PageParagraphs {
  paragraphs: string[];
  /** The last paragraph runs to the end of a full line without a sentence end: it continues overleaf. */
  openEnd: boolean;
  /** The first paragraph is running body text (not a heading, item or table row). */
  bodyStart: boolean;
}

/** A full line without a sentence end: the paragraph goes on in the next column or page. */
function runsOn(line: PageLine, text: string): boolean {
  return line.end >= line.blockEnd - 1.5 * line.size && !SENTENCE_END.test(text);
}

/** What the whole document says about its headings, shared by its pages. */
export interface DocumentStyle {
  /** Body text size, and the larger sizes that are headings (largest first). */
  body: number;
  headingSizes: readonly number[];
  /** Headings by weight are looked for (cues `size+weight`, and the body is not itself bold). */
  weight: boolean;
  /** The body's typeface, for the Gothic-over-Mincho cue. */
  bodyFace: Face | null;
  /** Numbering kinds of weight headings in the order first met (第1 → 1. → (1)): a later kind is a deeper level. Filled as pages are read, in order. */
  numbering: string[];
}

/** The kind of numbering a heading starts with (第1, 1., (1), ①, Ⅰ …), or 'none'. */
export function numberingKind(text: string): string {
  if (/^第[0-9０-９一二三四五六七八九十百]+/.test(text)) return 'dai';
  const marker = parseLineMarker(text);
  return marker && marker.style !== 'bullet' && marker.style !== 'circle' ? marker.style : 'none';
}

/** A bold (or Gothic-over-Mincho, numbered) body-size line: a heading if it also stands alone. */
function weightCue(line: PageLine, style: DocumentStyle): boolean {
  if (!style.weight || line.row || line.size < style.body * WEIGHT_HEADING_MIN_SIZE) return false;
  const text = line.text.trim();
  if ([...text].length > WEIGHT_HEADING_MAX_CHARS || NOT_A_HEADING_END.test(text) || line.widestGap > WEIGHT_HEADING_MAX_GAP) return false;
  // A line that fills its column is running text (a bold passage), not a heading.
  if (line.end >= line.blockEnd - 1.5 * line.size) return false;
  if (line.boldShare >= BOLD_SHARE) return true;
  return line.face === 'gothic' && style.bodyFace === 'mincho' && numberingKind(text) !== 'none';
}

/** A page's lines (running matter removed) → paragraphs, headings as `#` lines, rows as rows. */
export function pageParagraphs(lines: readonly PageLine[], style: DocumentStyle): PageParagraphs {
  const { body, headingSizes } = style;
  const paragraphs: string[] = [];
  let current: { text: string; last: PageLine; heading: number; byWeight: boolean } | null = null;
  const pitches = new Map<number, number[]>();
  for (let i = 1; i < lines.length; i++) {
    const a = lines[i - 1];
    const b = lines[i];
    if (!b.blockStart && a.vertical === b.vertical && Math.abs(a.size - b.size) < 0.5) {
      const k = Math.round(a.size * 2) / 2;
      let list = pitches.get(k);
      if (!list) pitches.set(k, (list = []));
      list.push(Math.abs(a.across - b.across));
    }
  }
  const pitchOf = (size: number): number => {
    const list = pitches.get(Math.round(size * 2) / 2);
    if (!list?.length) return size * 1.7;
    const sorted = [...list].sort((x, y) => x - y);
    return sorted[Math.floor(sorted.length / 2)];
  };
  const headingRank = (size: number): number => {
    if (size < body * HEADING_RATIO) return 0;
    const i = headingSizes.findIndex((s) => Math.abs(s - size) < 0.5);
    return Math.min(3, (i < 0 ? headingSizes.length : i) + 1);
  };
  let lastLine: PageLine | null = null;
  let lastOpen = false;
  const close = () => {
    if (current) {
      paragraphs.push(current.heading ? `${'#'.repeat(current.heading)} ${current.text}` : current.text);
      lastOpen = !current.heading && runsOn(current.last, current.text);
    }
    current = null;
  };
  /** A weight heading's rank: below every size heading, one deeper per numbering kind met before it. */
  const weightRank = (text: string): number => {
    const kind = numberingKind(text.trim());
    let level = style.numbering.indexOf(kind);
    if (level < 0) level = style.numbering.push(kind) - 1;
    return Math.min(3, headingSizes.length + 1 + level);
  };
  let bodyStart = false;
  for (const line of lines) {
    let heading = line.row ? 0 : headingRank(line.size);
    let byWeight = false;
    if (!heading && weightCue(line, style)) {
      // Not the rest of a paragraph the line above left open (the last line of a bold passage).
      const continues = current !== null && !current.heading && !current.last.row && !line.blockStart && runsOn(current.last, current.text) &&
        Math.abs(current.last.across - line.across) <= PARAGRAPH_GAP * pitchOf(line.size);
      if (!continues) {
        heading = weightRank(line.text);
        byWeight = true;
      }
    }
    if (lastLine === null) bodyStart = !line.row && !heading && !LIST_START.test(line.text);
    lastLine = line;
    // A heading by weight is one line: it never takes in the next one.
    if (current && !byWeight && !current.byWeight && !line.row && !current.last.row && current.heading === heading) {
      const prev: PageLine = current.last;
      let newParagraph: boolean;
      if (line.blockStart) {
        // The top of the next column continues a paragraph the previous column's foot left open.
        newParagraph = heading > 0 || !runsOn(prev, current.text) || LIST_START.test(line.text);
      } else {
        const gap = Math.abs(prev.across - line.across);
        const indented = line.start - prev.start > 0.8 * line.size && !heading;
        const shortLast = prev.end < prev.blockEnd - 1.5 * prev.size && SENTENCE_END.test(current.text);
        newParagraph = gap > PARAGRAPH_GAP * pitchOf(line.size) || LIST_START.test(line.text) || indented || (shortLast && !heading) || prev.vertical !== line.vertical;
      }
      if (!newParagraph) {
        current.text = joinLines(current.text, line.text);
        current.last = line;
        continue;
      }
    }
    close();
    if (line.row) {
      paragraphs.push(line.text);
      lastOpen = false;
      continue;
    }
    current = { text: line.text, last: line, heading, byWeight };
  }
  close();
  return { paragraphs, openEnd: paragraphs.length > 0 && lastOpen, bodyStart };
}

/** Paragraphs → page text: table rows on consecutive lines (one table), paragraphs apart. */
function joinParagraphs(paragraphs: readonly string[]): string {
  let text = '';
  paragraphs.forEach((p, i) => {
    if (i > 0) text += p.includes('\t') && paragraphs[i - 1].includes('\t') ? '\n' : '\n\n';
    text += p;
  });
  return text;
}

/** The distinct heading sizes of a document, largest first (rank 1 = `#`). */
export function headingSizes(pages: readonly (readonly PageLine[])[], body: number): number[] {
  const sizes: number[] = [];
  for (const lines of pages) for (const l of lines) {
    if (l.row || l.size < body * HEADING_RATIO) continue;
    if (!sizes.some((s) => Math.abs(s - l.size) < 0.5)) sizes.push(l.size);
  }
  return sizes.sort((a, b) => b - a);
}

export interface LaidOutDocument {
  /** Pages separated by '\f'; each page opens and closes with a blank line (a page end ends a paragraph). */
  text: string;
  runningMatter: RunningMatter[];
  /** Non-space characters of text found on all pages, running matter included (0 = scanned). */
  characters: number;
}

/** The body's weight and typeface: how much of the body-size text is bold, and its usual face. */
function bodyFont(pages: readonly (readonly PageLine[])[], body: number): { boldShare: number; face: Face | null } {
  let chars = 0;
  let bold = 0;
  const faces = new Map<Face, number>();
  for (const lines of pages) for (const l of lines) {
    if (Math.abs(l.size - body) >= 0.5) continue;
    const n = [...l.text.replace(/[\s\u3000]/g, '')].length;
    chars += n;
    bold += n * l.boldShare;
    if (l.face && l.boldShare < BOLD_SHARE) faces.set(l.face, (faces.get(l.face) ?? 0) + n);
  }
  let face: Face | null = null;
  let most = 0;
  for (const [f, n] of faces) if (n > most) [face, most] = [f, n];
  return { boldShare: chars ? bold / chars : 0, face };
}

export interface LayoutOptions {
  /** Default `size+weight`. */
  headingCues?: HeadingCues;
}

/** All pages' lines → the segmenter's raw text and the running matter taken out of it. */
export function layoutDocument(pages: readonly { height: number; lines: PageLine[] }[], opts: LayoutOptions = {}): LaidOutDocument {
  let characters = 0;
  for (const p of pages) for (const l of p.lines) characters += l.text.replace(/\s/g, '').length;
  const { drop, matter } = detectRunningMatter(pages);
  const bodyLines = pages.map((p, n) => p.lines.filter((_, i) => !drop[n].has(i)));
  const body = bodySize(bodyLines);
  const font = bodyFont(bodyLines, body);
  const style: DocumentStyle = {
    body,
    headingSizes: headingSizes(bodyLines, body),
    weight: (opts.headingCues ?? 'size+weight') === 'size+weight' && font.boldShare < BOLD_BODY_SHARE,
    bodyFace: font.face,
    numbering: [],
  };
  const pages2 = bodyLines.map((lines) => pageParagraphs(lines, style));
  // A paragraph cut by the page end is finished on its own page: a statement's page is where it starts.
  for (let n = 0; n + 1 < pages2.length; n++) {
    const here = pages2[n];
    const next = pages2[n + 1];
    if (here.openEnd && next.bodyStart && next.paragraphs.length) {
      const carried = next.paragraphs.shift()!;
      here.paragraphs[here.paragraphs.length - 1] = joinLines(here.paragraphs[here.paragraphs.length - 1], carried);
      next.bodyStart = false;
      // A page that held only the carried end has nothing left to continue.
      if (!next.paragraphs.length) next.openEnd = false;
    }
  }
  const text = pages2.map((p) => `\n${joinParagraphs(p.paragraphs)}\n`).join('\f');
  return { text, runningMatter: matter, characters };
}
