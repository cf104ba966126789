// Reads back a DOCX the analyst exported and a director reviewed in Word: the reviewer's comments
// (author, date, text, the words they are anchored on), tracked insertions and deletions, and the
// paragraphs as they now read. The package goes through the same checks as any imported Word
// file (zip bombs, paths, DTDs refused) and must carry our briefing-id property.
import type { Parser as XmlParser } from 'htmlparser2';
import { strFromU8, unzipSync } from 'fflate';
import { EXPORTED_AT_PROPERTY, REVIEW_ID_PROPERTY, type ReviewComment, type ReviewEdit, type ReviewParagraphChange } from '../../shared/briefing';
import { AppError } from '../../shared/errors';
import { checkDocxPackage } from './docx';


/** Paragraphs compared for untracked edits; beyond this a review is not a note but a book. */
export const MAX_REVIEW_PARAGRAPHS = 5000;

export interface ReviewedDocx {
  briefingId: string;
  exportedAt: string | null;
  comments: Omit<ReviewComment, 'fromExport'>[];
  edits: ReviewEdit[];
  /** Every paragraph of the body as it reads with all tracked changes accepted. */
  paragraphs: string[];
}

function refuse(fileName: string, ja: string, en: string): AppError {
  return new AppError('bad-input', { ja: `${fileName}: ${ja}`, en: `${fileName}: ${en}` }, { subject: fileName });
}

/** Runs a SAX pass over one XML part (entities decoded by the parser; DTDs were refused before). */
function walk(xml: string, on: { open?: (name: string, attrs: Record<string, string>) => void; text?: (t: string) => void; close?: (name: string) => void }): void {
  // Loaded on first use, as in ./html.ts: reading a reviewed note is rare beside starting up.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Parser: typeof XmlParser = (require('htmlparser2') as typeof import('htmlparser2')).Parser;
  const p = new Parser({ onopentag: on.open, ontext: on.text, onclosetag: on.close }, { xmlMode: true, decodeEntities: true });
  p.write(xml);
  p.end();
}

function customProperties(xml: string | undefined): Map<string, string> {
  const props = new Map<string, string>();
  if (!xml) return props;
  let name: string | null = null;
  let value = '';
  walk(xml, {
    open: (tag, a) => {
      if (tag === 'property') {
        name = a.name ?? null;
        value = '';
      }
    },
    text: (t) => {
      if (name !== null) value += t;
    },
    close: (tag) => {
      if (tag === 'property' && name !== null) props.set(name, value);
      if (tag === 'property') name = null;
    },
  });
  return props;
}

function commentsOf(xml: string | undefined): Map<string, { author: string; date: string | null; text: string }> {
  const out = new Map<string, { author: string; date: string | null; text: string }>();
  if (!xml) return out;
  let current: { id: string; author: string; date: string | null; paras: string[] } | null = null;
  let inText = false;
  walk(xml, {
    open: (tag, a) => {
      if (tag === 'w:comment') current = { id: a['w:id'] ?? '', author: a['w:author'] ?? '', date: a['w:date'] ?? null, paras: [] };
      else if (tag === 'w:p' && current) current.paras.push('');
      else if (tag === 'w:t') inText = true;
    },
    text: (t) => {
      if (inText && current && current.paras.length) current.paras[current.paras.length - 1] += t;
    },
    close: (tag) => {
      if (tag === 'w:t') inText = false;
      if (tag === 'w:comment' && current) {
        out.set(current.id, { author: current.author, date: current.date, text: current.paras.join('\n').trim() });
        current = null;
      }
    },
  });
  return out;
}

interface BodyRead {
  paragraphs: string[];
  edits: ReviewEdit[];
  anchors: Map<string, string>;
}

/** One pass over the body: paragraphs (changes accepted), tracked changes, comment anchors. */
function readBody(xml: string): BodyRead {
  const paragraphs: string[] = [];
  const edits: (ReviewEdit & { at: number })[] = [];
  const anchors = new Map<string, string>();
  const open = new Set<string>();
  let para: string | null = null;
  let change: { kind: 'insert' | 'delete'; author: string; date: string | null; text: string } | null = null;
  let textTag: 'w:t' | 'w:delText' | null = null;
  walk(xml, {
    open: (tag, a) => {
      if (tag === 'w:p') para = '';
      else if (tag === 'w:ins' || tag === 'w:del') change = { kind: tag === 'w:ins' ? 'insert' : 'delete', author: a['w:author'] ?? '', date: a['w:date'] ?? null, text: '' };
      else if (tag === 'w:t' || tag === 'w:delText') textTag = tag;
      else if (tag === 'w:commentRangeStart' && a['w:id'] !== undefined) {
        open.add(a['w:id']);
        if (!anchors.has(a['w:id'])) anchors.set(a['w:id'], '');
      } else if (tag === 'w:commentRangeEnd' && a['w:id'] !== undefined) open.delete(a['w:id']);
      else if ((tag === 'w:br' || tag === 'w:cr') && para !== null) para += '\n';
    },
    text: (t) => {
      if (!textTag) return;
      if (change) change.text += t;
      if (textTag === 'w:t') {
        if (para !== null) para += t;
        for (const id of open) anchors.set(id, (anchors.get(id) ?? '') + t);
      }
    },
    close: (tag) => {
      if (tag === textTag) textTag = null;
      else if ((tag === 'w:ins' || tag === 'w:del') && change) {
        if (change.text) edits.push({ ...change, paragraph: '', at: paragraphs.length });
        change = null;
      } else if (tag === 'w:p' && para !== null) {
        paragraphs.push(para);
        para = null;
      }
    },
  });
  return { paragraphs, anchors, edits: edits.map(({ at, ...e }) => ({ ...e, paragraph: paragraphs[at] ?? '' })) };
}

/** Reads a reviewed DOCX, or refuses it (corrupt, not a Word file, not one of our exports) with the reason. */
export function readReviewedDocx(bytes: Uint8Array, fileName: string): ReviewedDocx {
  const parts = checkDocxPackage(bytes, fileName);
  const text = (name: string) => (parts[name] ? strFromU8(parts[name]) : undefined);
  const props = customProperties(text('docProps/custom.xml'));
  const briefingId = props.get(REVIEW_ID_PROPERTY)?.trim();
  if (!briefingId) {
    throw refuse(
      fileName,
      'このワークベンチが書き出した資料ではありません（文書プロパティ WorkbenchBriefingId がありません）。校閲結果として読み込めるのは、ここから DOCX で書き出した資料だけです。',
      'this is not a note this workbench exported (it has no WorkbenchBriefingId document property). Only a DOCX exported from here can be read back as a review.',
    );
  }
  let body: BodyRead;
  try {
    body = readBody(text('word/document.xml') ?? '');
  } catch (e) {
    throw refuse(fileName, `本文の XML を読めません（${(e as Error).message}）。`, `its body XML cannot be read (${(e as Error).message}).`);
  }
  if (body.paragraphs.length > MAX_REVIEW_PARAGRAPHS) {
    throw refuse(fileName, `段落が多すぎます（${body.paragraphs.length}、上限 ${MAX_REVIEW_PARAGRAPHS}）。`, `it has too many paragraphs (${body.paragraphs.length}; at most ${MAX_REVIEW_PARAGRAPHS}).`);
  }
  const comments = [...commentsOf(text('word/comments.xml')).entries()].map(([id, c]) => ({ id, ...c, anchor: body.anchors.get(id) ?? '' }));
  return { briefingId, exportedAt: props.get(EXPORTED_AT_PROPERTY) || null, comments, edits: body.edits, paragraphs: body.paragraphs };
}

/**
 * Paragraphs that differ between the note as exported now and as reviewed: a longest-common-
 * subsequence alignment, with a removed paragraph followed by an added one reported as one change.
 */
export function paragraphChanges(before: string[], after: string[]): ReviewParagraphChange[] {
  const n = before.length;
  const m = after.length;
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i][j] = before[i] === after[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const out: ReviewParagraphChange[] = [];
  let i = 0;
  let j = 0;
  const removed: string[] = [];
  const added: string[] = [];
  const flush = () => {
    const k = Math.max(removed.length, added.length);
    for (let x = 0; x < k; x++) out.push({ before: removed[x] ?? null, after: added[x] ?? null });
    removed.length = 0;
    added.length = 0;
  };
  while (i < n || j < m) {
    if (i < n && j < m && before[i] === after[j]) {
      flush();
      i++;
      j++;
    } else if (j < m && (i === n || lcs[i][j + 1] >= lcs[i + 1][j])) added.push(after[j++]);
    else removed.push(before[i++]);
  }
  flush();
  return out.filter((c) => (c.before ?? '').trim() || (c.after ?? '').trim());
}

/** The body paragraphs of a DOCX we just rendered ourselves (trusted bytes: no package checks). */
export function renderedParagraphs(bytes: Uint8Array): string[] {
  return readBody(strFromU8(unzipSync(bytes)['word/document.xml'])).paragraphs;
}
