// Decides which blocks are headings, at what rank, and which ○ lines name a speaker; ranks
// follow the usual Japanese outline (Ⅰ > 1 > (1) > ① > 【…】) so nesting works on any import.
import type { Block } from './blocks';
import { endsWithUrl, visibleLengthAtMost } from './lines';
import { circledMarkerValue, type LineMarker } from './markers';

/** Outline rank: smaller is higher. The document title is 0; unmarked lead lines are deepest. */
export const RANK = { title: 0, subtitle: 1, roman: 2, number: 3, paren: 4, circled: 5, bracket: 6, plain: 7 } as const;

export function markdownRank(depth: number): number {
  return depth * 0.5; // # … ###### sit above the Japanese numbering styles
}

const BRACKET_HEADING = /^【[^】]{1,40}】(?:[（(][^）)]{0,30}[）)])?$/;

export interface HeadingSplit {
  label: string;
  /** Text after the colon, e.g. the body of `（１）趣 旨：本文…`; empty for `3 議事の概要：`. */
  rest: string;
  colon: string;
}

/** `趣 旨：本文` → label + body: a numbered line that names its topic, then states it. */
export function splitLabel(body: string): HeadingSplit | null {
  const m = /^([^：:。、「」()（）]{1,15}?)[\s\u3000]*([：:])[\s\u3000]*/.exec(body);
  if (!m || !m[1].trim()) return null;
  return { label: m[1].trim(), rest: body.slice(m[0].length), colon: m[2] };
}

function isShortTitle(text: string, max = 40): boolean {
  return visibleLengthAtMost(text, max) && !/[。．]/.test(text) && !/[、,，.!?！？]$/.test(text.trim()) && !endsWithUrl(text);
}

export function isBracketHeading(text: string): boolean {
  return BRACKET_HEADING.test(text.trim());
}

/** `(3) 内閣総理大臣発言` → 内閣総理大臣: the section's items are that person's words. */
export function speakerOfHeading(title: string): string | null {
  const m = /^(.{2,30}?)(?:の)?(?:発言|挨拶|あいさつ|御発言)(?:要旨)?$/.exec(title.trim());
  return m ? m[1].trim() : null;
}

/** An unmarked line that can title what follows: not a parenthesised note or date, not a URL. */
function isLeadLine(text: string): boolean {
  const t = text.trim();
  if (/^[(（[［〔<＜]/.test(t)) return false;
  if (/^[0-9０-９\s./／年月日:：~〜～-]+$/.test(t)) return false;
  return true;
}

export type BlockRole =
  | { role: 'heading'; rank: number; split: HeadingSplit | null }
  | { role: 'speaker'; name: string }
  | { role: 'item' }
  | { role: 'paragraph' };

/** The roles without details, one object each (read only): most blocks are one of these. */
const ITEM: BlockRole = Object.freeze({ role: 'item' });
const PARAGRAPH: BlockRole = Object.freeze({ role: 'paragraph' });

type TextBlock = Block & { type: 'text' };

function isTextItem(b: Block | undefined): boolean {
  return b?.type === 'text' && b.marker !== null && !['paren', 'number', 'roman', 'markdown'].includes(b.marker.style);
}

function isLongParagraph(b: Block | undefined): boolean {
  return b?.type === 'text' && b.marker === null && (!visibleLengthAtMost(b.text, 39) || b.text.includes('。'));
}

export interface RoleContext {
  /** No heading or content seen yet: the first short line is the document's title. */
  atStart: boolean;
  /** Only the title seen so far: a second short line is its subtitle (議事要旨). */
  afterTitle: boolean;
  /** Unmarked lines already taken as headings elsewhere in the document (あるべき姿 on every slide). */
  knownHeadings: ReadonlySet<string>;
  /** When set, every text looked up in knownHeadings is added here (see segmentDocument). */
  askedKnown?: Set<string>;
  /** Value of the last circled marker that was a heading (① … ⑥ as section titles). */
  lastCircledHeading: number | null;
  inRemarks: boolean;
}

function isKnownHeading(ctx: RoleContext, text: string): boolean {
  ctx.askedKnown?.add(text);
  return ctx.knownHeadings.has(text);
}

/** The role of a text block, looking at the block after it (a ○ name followed by a paragraph is a speaker). */
export function classifyBlock(b: TextBlock, next: Block | undefined, ctx: RoleContext): BlockRole {
  const m: LineMarker | null = b.marker;
  const single = b.lines.length === 1;
  if (m) {
    switch (m.style) {
      case 'markdown':
        return { role: 'heading', rank: markdownRank(m.depth ?? 1), split: null };
      case 'roman':
        return single && isShortTitle(b.text, 60) ? { role: 'heading', rank: RANK.roman, split: null } : ITEM;
      case 'number':
      case 'paren': {
        const rank = m.style === 'number' ? RANK.number : RANK.paren;
        const split = splitLabel(b.text);
        if (split) return { role: 'heading', rank, split };
        return single && isShortTitle(b.text) ? { role: 'heading', rank, split: null } : ITEM;
      }
      case 'circled': {
        const value = circledMarkerValue(m.marker);
        const series = value !== null && ctx.lastCircledHeading !== null && value === ctx.lastCircledHeading + 1;
        if (single && isShortTitle(b.text) && (next?.type === 'table' || series)) return { role: 'heading', rank: RANK.circled, split: null };
        return ITEM;
      }
      case 'circle':
        if (single && isShortTitle(b.text) && !/[：:]/.test(b.text) && next?.type === 'text' && next.marker === null) {
          return { role: 'speaker', name: b.text.trim() };
        }
        return ITEM;
      default:
        return ITEM;
    }
  }
  if (single && isBracketHeading(b.text)) return { role: 'heading', rank: RANK.bracket, split: null };
  if (single && ctx.atStart && isShortTitle(b.text)) return { role: 'heading', rank: RANK.title, split: null };
  if (single && ctx.afterTitle && isShortTitle(b.text, 20) && next?.type === 'text' && next.marker !== null) {
    return { role: 'heading', rank: RANK.subtitle, split: null };
  }
  if (single && !ctx.inRemarks && isLeadLine(b.text)) {
    const max = isTextItem(next) || next?.type === 'table' ? 40 : 30;
    const content = isTextItem(next) || next?.type === 'table' || isLongParagraph(next)
      || (isKnownHeading(ctx, b.text) && next?.type === 'text' && next.marker === null);
    if (content && isShortTitle(b.text, max)) return { role: 'heading', rank: RANK.plain, split: null };
  }
  return PARAGRAPH;
}
