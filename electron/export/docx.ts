// The Word export: real heading styles, a title block, the marking in header and footer, quotes
// as block-quote paragraphs, page numbers, and Japanese fonts declared with Noto fallbacks.
import {
  AlignmentType,
  BorderStyle,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  Document,
  Footer,
  Header,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
  type ICommentOptions,
  type IParagraphStyleOptions,
} from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { EXPORTED_AT_PROPERTY, REVIEW_ID_PROPERTY, type ResolvedBriefing, type ResolvedItem } from '../../shared/briefing';
import { formatSourceEntry, itemCitation, labelsFor, paragraphs, printable, statusNotice } from '../../shared/citation';
import { crossReference, noteForm, sectionHeading } from './form';


/** The Word comments of one export: each annotation's own note, anchored on its quote. */
class CommentBook {
  readonly comments: ICommentOptions[] = [];
  constructor(
    private readonly author: string,
    private readonly at: Date,
  ) {}

  /** The quote's runs inside a comment range, or the runs alone when there is nothing to say. */
  anchor(quoteRuns: TextRun[], text: string | null): (TextRun | CommentRangeStart | CommentRangeEnd)[] {
    if (!text?.trim()) return quoteRuns;
    const id = this.comments.length;
    this.comments.push({ id, author: this.author, initials: initialsOf(this.author), date: this.at, children: paragraphs(text).map((p) => new Paragraph({ children: runs(p) })) });
    return [new CommentRangeStart(id), ...quoteRuns, new CommentRangeEnd(id), new TextRun({ children: [new CommentReference(id)] })];
  }
}

function initialsOf(name: string): string {
  const words = printable(name).trim().split(/\s+/).filter(Boolean);
  return words.map((w) => [...w][0]).join('').slice(0, 4);
}

/** Windows fonts named first (Word resolves them there); fontTable.xml gives Noto as altName for Linux. */
export const DOCX_FONTS = {
  serifJa: 'Yu Mincho',
  sansJa: 'Yu Gothic',
  serifFallback: 'Noto Serif CJK JP',
  sansFallback: 'Noto Sans CJK JP',
  serifLatin: 'Times New Roman',
  sansLatin: 'Arial',
} as const;

const NAVY = '1F3A5F';
const RED = 'A30000';
const MM = 56.7; // twips per millimetre

function fonts(kind: 'serif' | 'sans', lang: 'ja' | 'en') {
  const ja = kind === 'serif' ? DOCX_FONTS.serifJa : DOCX_FONTS.sansJa;
  const latin = lang === 'ja' ? ja : kind === 'serif' ? DOCX_FONTS.serifLatin : DOCX_FONTS.sansLatin;
  return { ascii: latin, hAnsi: latin, eastAsia: ja, cs: latin };
}

/** Text as runs, newlines turned into line breaks (a TextRun cannot hold a newline). */
function runs(text: string, opts: { bold?: boolean; color?: string; size?: number; italics?: boolean } = {}): TextRun[] {
  return printable(text)
    .split('\n')
    .map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined, ...opts }));
}

function styles(lang: 'ja' | 'en'): IParagraphStyleOptions[] {
  const sans = fonts('sans', lang);
  return [
    {
      id: 'Subtitle',
      name: 'Subtitle',
      basedOn: 'Normal',
      next: 'Normal',
      quickFormat: true,
      run: { font: sans, size: 24, color: '333333' },
      paragraph: { spacing: { after: 120 } },
    },
    {
      id: 'BlockQuote',
      name: 'Block Quote',
      basedOn: 'Normal',
      next: 'Normal',
      quickFormat: true,
      run: { size: 20, color: '222222' },
      paragraph: {
        indent: { left: Math.round(8 * MM), right: Math.round(4 * MM) },
        spacing: { before: 60, after: 40 },
        keepNext: true, // a quote never ends a page apart from its citation
        border: { left: { style: BorderStyle.SINGLE, size: 18, color: '8A9BB0', space: 8 } },
        shading: { fill: 'FAFAFA' },
      },
    },
    {
      id: 'Citation',
      name: 'Citation',
      basedOn: 'Normal',
      next: 'Normal',
      quickFormat: true,
      run: { font: sans, size: 16, color: '4A4A4A' },
      paragraph: { indent: { left: Math.round(8 * MM) }, spacing: { after: 60 } },
    },
    {
      id: 'EvidenceNotice',
      name: 'Evidence Notice',
      basedOn: 'Citation',
      next: 'Normal',
      run: { font: sans, size: 16, color: RED, bold: true },
      paragraph: { indent: { left: Math.round(8 * MM) }, spacing: { after: 60 } },
    },
    {
      id: 'AnalystComment',
      name: 'Analyst Comment',
      basedOn: 'Normal',
      next: 'Normal',
      run: { size: 20 },
      paragraph: { indent: { left: Math.round(8 * MM) }, spacing: { after: 200 } },
    },
    {
      id: 'ExecutiveSummary',
      name: 'Executive Summary',
      basedOn: 'Normal',
      next: 'Normal',
      paragraph: {
        spacing: { after: 80 },
        indent: { left: Math.round(3 * MM), right: Math.round(3 * MM) },
        shading: { fill: 'F3F5F8' },
        border: { left: { style: BorderStyle.SINGLE, size: 24, color: NAVY, space: 6 } },
      },
    },
    {
      id: 'SourceEntry',
      name: 'Source Entry',
      basedOn: 'Normal',
      next: 'SourceEntry',
      run: { font: sans, size: 18 },
      paragraph: { indent: { left: Math.round(8 * MM), hanging: Math.round(8 * MM) }, spacing: { after: 80 } },
    },
    {
      id: 'Marking',
      name: 'Handling Marking',
      basedOn: 'Normal',
      next: 'Normal',
      run: { font: sans, size: 18, bold: true, color: RED },
      paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 0, after: 0 } },
    },
    {
      id: 'NoteForm',
      name: 'Note Form',
      basedOn: 'Normal',
      next: 'Normal',
      run: { font: sans, size: 21 },
      paragraph: { spacing: { before: 0, after: 0, line: 300 } },
    },
    {
      id: 'ContentsEntry',
      name: 'Contents Entry',
      basedOn: 'Normal',
      next: 'ContentsEntry',
      run: { font: sans, size: 20 },
      paragraph: { indent: { left: Math.round(4 * MM) }, spacing: { after: 40 } },
    },
    {
      id: 'TitleMeta',
      name: 'Title Meta',
      basedOn: 'Normal',
      next: 'Normal',
      run: { font: sans, size: 18, color: '444444' },
      paragraph: { spacing: { after: 240 }, border: { bottom: { style: BorderStyle.SINGLE, size: 8, color: NAVY, space: 6 } } },
    },
  ];
}

function markingParagraph(marking: string): Paragraph {
  return new Paragraph({
    style: 'Marking',
    children: runs(marking.trim()),
  });
}

function itemParagraphs(it: ResolvedItem, doc: ResolvedBriefing, book: CommentBook): Paragraph[] {
  const L = labelsFor(doc.language);
  const see = crossReference(it, doc.language);
  if (see) {
    const out = [new Paragraph({ style: 'Citation', children: runs(see) })];
    if (it.comment.trim()) out.push(new Paragraph({ style: 'AnalystComment', children: [new TextRun({ text: `${L.comment}: `, bold: true, color: NAVY }), ...runs(it.comment)] }));
    return out;
  }
  const out = [new Paragraph({ style: 'BlockQuote', children: book.anchor(runs(it.quote), it.annotationComment) })];
  const cited = itemCitation(it, doc.language, doc.dateStyle);
  if (cited) out.push(new Paragraph({ style: 'Citation', children: runs(cited) }));
  const notice = statusNotice(it.status, it.kind, doc.language, it.lastKnown);
  if (notice) out.push(new Paragraph({ style: 'EvidenceNotice', children: runs(notice) }));
  if (it.annotationComment) {
    out.push(new Paragraph({ style: 'Citation', children: [new TextRun({ text: `${L.annotationComment}: `, bold: true }), ...runs(it.annotationComment)] }));
  }
  if (it.comment.trim()) {
    out.push(new Paragraph({ style: 'AnalystComment', children: [new TextRun({ text: `${L.comment}: `, bold: true, color: NAVY }), ...runs(it.comment)] }));
  } else {
    out.push(new Paragraph({ spacing: { after: 120 }, children: [] }));
  }
  return out;
}

/** 文書番号 and date at the right, 宛先 at the left, 発信 at the right, as a ministry note opens. */
function formParagraphs(doc: ResolvedBriefing): Paragraph[] {
  const form = noteForm(doc);
  if (!form.docNumber && !form.addressee && !form.sender.length) return [];
  const right = (text: string) => new Paragraph({ style: 'NoteForm', alignment: AlignmentType.RIGHT, children: runs(text) });
  const out: Paragraph[] = [];
  if (form.docNumber) out.push(right(form.docNumber));
  out.push(right(form.date));
  if (form.addressee) out.push(new Paragraph({ style: 'NoteForm', spacing: { before: 240, after: 240 }, children: runs(form.addressee) }));
  for (const line of form.sender) out.push(right(line));
  return out;
}

function body(doc: ResolvedBriefing, book: CommentBook): Paragraph[] {
  const L = labelsFor(doc.language);
  const form = noteForm(doc);
  const out: Paragraph[] = [...formParagraphs(doc)];
  out.push(new Paragraph({ heading: HeadingLevel.TITLE, keepNext: true, children: runs(doc.title) }));
  if (doc.subtitle.trim()) out.push(new Paragraph({ style: 'Subtitle', children: runs(doc.subtitle) }));
  out.push(
    new Paragraph({
      style: 'TitleMeta',
      children: [
        new TextRun({ text: `${L.author}: `, bold: true }),
        ...runs(doc.author),
        new TextRun({ text: '　　' }),
        new TextRun({ text: `${L.date}: `, bold: true }),
        ...runs(form.date),
      ],
    }),
  );
  // A generated list rather than a TOC field: a field shows nothing until Word updates it, and
  // the note is read (and signed) as printed. Page numbers are left to the reader's Word.
  if (form.contents) {
    out.push(new Paragraph({ heading: HeadingLevel.HEADING_1, keepNext: true, children: runs(L.contents) }));
    for (const line of form.contents) out.push(new Paragraph({ style: 'ContentsEntry', children: runs(line) }));
  }
  if (doc.unresolved) out.push(new Paragraph({ style: 'EvidenceNotice', indent: { left: 0 }, children: runs(L.unresolvedWarning(doc.unresolved)) }));
  if (doc.summary.trim()) {
    out.push(new Paragraph({ heading: HeadingLevel.HEADING_1, keepNext: true, children: runs(L.summary) }));
    for (const p of paragraphs(doc.summary)) out.push(new Paragraph({ style: 'ExecutiveSummary', children: runs(p) }));
  }
  if (!doc.sections.length) out.push(new Paragraph({ children: runs(L.emptyBriefing) }));
  doc.sections.forEach((s, i) => {
    // keepNext on the paragraph itself (not only in the style) so any reader honours it.
    out.push(new Paragraph({ heading: HeadingLevel.HEADING_1, keepNext: true, keepLines: true, children: runs(sectionHeading(i, s.heading)) }));
    for (const p of paragraphs(s.body)) out.push(new Paragraph({ indent: doc.language === 'ja' ? { firstLine: 210 } : undefined, spacing: { after: 120 }, children: runs(p) }));
    if (!s.items.length) out.push(new Paragraph({ children: runs(L.noItems, { color: '666666' }) }));
    for (const it of s.items) out.push(...itemParagraphs(it, doc, book));
  });
  out.push(new Paragraph({ heading: HeadingLevel.HEADING_1, keepNext: true, children: runs(L.sources) }));
  if (!doc.sources.length) out.push(new Paragraph({ children: runs(L.noSources) }));
  for (const s of doc.sources) out.push(new Paragraph({ style: 'SourceEntry', children: runs(formatSourceEntry(s, doc.language)) }));
  return out;
}

function pageNumberRuns(doc: ResolvedBriefing): TextRun[] {
  const [before, rest] = labelsFor(doc.language).pageOf.split('{page}');
  const [middle, after] = rest.split('{pages}');
  const o = { size: 16, color: '444444' };
  return [
    new TextRun({ text: before, ...o }),
    new TextRun({ children: [PageNumber.CURRENT], ...o }),
    new TextRun({ text: middle, ...o }),
    new TextRun({ children: [PageNumber.TOTAL_PAGES], ...o }),
    new TextRun({ text: after, ...o }),
  ];
}

/** Declares each font with its family and a Noto alternative, so LibreOffice on Linux finds a face. */
function fontTableXml(): string {
  const font = (name: string, alt: string | null, family: 'roman' | 'swiss', charset: string) =>
    `<w:font w:name="${name}">${alt ? `<w:altName w:val="${alt}"/>` : ''}<w:charset w:val="${charset}"/><w:family w:val="${family}"/><w:pitch w:val="variable"/></w:font>`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    font(DOCX_FONTS.serifJa, DOCX_FONTS.serifFallback, 'roman', '80') +
    font(DOCX_FONTS.sansJa, DOCX_FONTS.sansFallback, 'swiss', '80') +
    font(DOCX_FONTS.serifFallback, null, 'roman', '80') +
    font(DOCX_FONTS.sansFallback, null, 'swiss', '80') +
    font(DOCX_FONTS.serifLatin, null, 'roman', '00') +
    font(DOCX_FONTS.sansLatin, null, 'swiss', '00') +
    '</w:fonts>'
  );
}

function withFontTable(buf: Uint8Array): Uint8Array {
  const files = unzipSync(buf);
  files['word/fontTable.xml'] = strToU8(fontTableXml());
  // The docx package's font table has no embedded fonts, so its relationships file has no entries we need.
  if (files['word/_rels/fontTable.xml.rels'] && !strFromU8(files['word/_rels/fontTable.xml.rels']).includes('Target=')) delete files['word/_rels/fontTable.xml.rels'];
  return zipSync(files, { level: 6 });
}

export async function renderBriefingDocx(doc: ResolvedBriefing, opts: { now?: Date } = {}): Promise<Uint8Array> {
  const now = opts.now ?? new Date();
  const book = new CommentBook(printable(doc.author) || 'Workbench', now);
  const children = body(doc, book);
  const lang = doc.language;
  const serif = fonts('serif', lang);
  const sans = fonts('sans', lang);
  const marking = doc.marking.trim();
  const language = { value: lang === 'ja' ? 'ja-JP' : 'en-GB', eastAsia: 'ja-JP' };
  const headerChildren = marking ? [markingParagraph(marking)] : [new Paragraph({ alignment: AlignmentType.CENTER, children: runs(doc.title, { size: 16, color: '666666' }) })];
  const footerChildren = [
    ...(marking ? [markingParagraph(marking)] : []),
    new Paragraph({ alignment: AlignmentType.CENTER, children: pageNumberRuns(doc) }),
  ];
  const document = new Document({
    creator: printable(doc.author),
    lastModifiedBy: printable(doc.author),
    title: printable(doc.title),
    subject: printable(doc.subtitle),
    description: marking ? printable(marking) : undefined,
    customProperties: [
      { name: REVIEW_ID_PROPERTY, value: doc.id ?? '' },
      { name: EXPORTED_AT_PROPERTY, value: now.toISOString() },
    ],
    comments: { children: book.comments },
    styles: {
      default: {
        document: { run: { font: serif, size: 21, language }, paragraph: { spacing: { line: 360, after: 80 } } },
        title: { run: { font: sans, size: 40, bold: true, color: NAVY }, paragraph: { spacing: { before: 240, after: 120 }, border: { top: { style: BorderStyle.SINGLE, size: 24, color: NAVY, space: 8 } } } },
        heading1: { run: { font: sans, size: 27, bold: true, color: NAVY }, paragraph: { spacing: { before: 360, after: 120 }, keepNext: true, border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: 'B9C3D0', space: 2 } } } },
        heading2: { run: { font: sans, size: 23, bold: true, color: NAVY }, paragraph: { spacing: { before: 240, after: 80 }, keepNext: true } },
      },
      paragraphStyles: styles(lang),
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 }, // A4 in twips
            margin: { top: Math.round(25 * MM), bottom: Math.round(22 * MM), left: Math.round(22 * MM), right: Math.round(22 * MM), header: Math.round(10 * MM), footer: Math.round(10 * MM) },
          },
        },
        headers: { default: new Header({ children: headerChildren }) },
        footers: { default: new Footer({ children: footerChildren }) },
        children,
      },
    ],
  });
  const buf = await Packer.toBuffer(document);
  return withFontTable(new Uint8Array(buf));
}
