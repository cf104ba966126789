// Headings set in the body size but bold: what font names say (fonts.ts), the layout rule on
// positioned runs, a hand-written PDF with non-embedded fonts (ＭＳ ゴシック,Bold named in Shift_JIS,
// GothicBBB-Medium over Ryumin-Light), and a committed Chromium-printed page (embedded fonts)
// imported end to end: headings in the reader's statements, in the heading path and in citations,
// while bold words inside a paragraph and a bold first phrase stay body text.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/app/context';
import { extractPdf } from '../../electron/import/pdf';
import { decodeFontName, fontTraits, type Face } from '../../electron/import/pdf/fonts';
import { foldRadicals, layoutDocument, numberingKind, pageLines, type HeadingCues, type TextRun } from '../../electron/import/pdf/layout';
import type { ApiClient } from '../../shared/api/client';
import { citationSource, formatCitation } from '../../shared/citation';
import { apiFor } from '../helpers/api';
import { closeContext, makeContext, REPO_ROOT } from '../helpers/db';
import { buildPdf, textAt } from './pdf-handmade';

describe('font names', () => {
  it.each([
    // Chromium's embedded subsets (Type 3 fonts named after the face)
    ['AAAAAA+NotoSansCJKjp-Bold', {}, { bold: true, face: 'gothic' }],
    ['BAAAAA+NotoSerifCJKjp-Regular', {}, { bold: false, face: 'mincho' }],
    ['CAAAAA+NotoSerifCJKjp-Bold', {}, { bold: true, face: 'mincho' }],
    ['DAAAAA+IPAGothic', {}, { bold: false, face: 'gothic' }],
    // older government PDFs: non-embedded Adobe-Japan1 fonts, the CMap in the name
    ['Ryumin-Light-UniJIS-UCS2-H', {}, { bold: false, face: 'mincho' }],
    ['GothicBBB-Medium-UniJIS-UCS2-H', {}, { bold: false, face: 'gothic' }],
    ['HeiseiKakuGo-W5-UniJIS-UCS2-V', {}, { bold: false, face: 'gothic' }],
    // Word: synthetic bold as ",Bold"; Japanese weight codes
    ['MS-Gothic,Bold', {}, { bold: true, face: 'gothic' }],
    ['MS-Mincho', {}, { bold: false, face: 'mincho' }],
    ['HiraKakuProN-W6', {}, { bold: true, face: 'gothic' }],
    ['HiraMinProN-W3', {}, { bold: false, face: 'mincho' }],
    ['HGSGothicE', {}, { bold: true, face: 'gothic' }],
    ['HGSGothicM', {}, { bold: false, face: 'gothic' }],
    ['A-OTF-ShinGoPro-B', {}, { bold: true, face: 'gothic' }],
    ['Meiryo', {}, { bold: false, face: 'gothic' }],
    ['Century', {}, { bold: false, face: 'mincho' }],
    // pdfjs's own flags count too
    ['F1', { bold: true }, { bold: true, face: null }],
    ['Arial-Black', { black: true }, { bold: true, face: 'gothic' }],
  ] as const)('%s %j → %j', (name, flags, traits) => {
    expect(fontTraits(name, flags)).toEqual(traits);
  });

  it('reads a name written in Shift_JIS or UTF-8 bytes (pdfjs hands them over as Latin-1), and leaves other names alone', () => {
    const asLatin1 = (bytes: Buffer) => String.fromCharCode(...bytes);
    // ＭＳ ゴシック,Bold in Shift_JIS, as Word writes it
    const sjis = asLatin1(Buffer.from([0x82, 0x6c, 0x82, 0x72, 0x20, 0x83, 0x53, 0x83, 0x56, 0x83, 0x62, 0x83, 0x4e, ...Buffer.from(',Bold')]));
    expect(decodeFontName(sjis)).toBe('ＭＳ ゴシック,Bold');
    expect(fontTraits(sjis)).toEqual({ bold: true, face: 'gothic' });
    // ＭＳ 明朝
    expect(fontTraits(asLatin1(Buffer.from([0x82, 0x6c, 0x82, 0x72, 0x20, 0x96, 0xbe, 0x92, 0xa9])))).toEqual({ bold: false, face: 'mincho' });
    expect(decodeFontName(asLatin1(Buffer.from('游ゴシック Bold', 'utf8')))).toBe('游ゴシック Bold');
    expect(decodeFontName('Ryumin-Light')).toBe('Ryumin-Light');
    expect(decodeFontName('ＭＳ ゴシック')).toBe('ＭＳ ゴシック');
  });
});

describe('glyphs a bold font’s ToUnicode table gets wrong', () => {
  it('folds CJK Radicals Supplement forms of whole ideographs and the hyphenation point, nothing else', () => {
    expect(foldRadicals('官⺠連携と⻑期的な交通‧物流')).toBe('官民連携と長期的な交通・物流');
    expect(foldRadicals('⺅⺡')).toBe('⺅⺡'); // components, not characters: left as printed
    expect(foldRadicals('﹁括弧﹂︒')).toBe('﹁括弧﹂︒');
  });
});

/** A line of `text` at (x, y), one glyph per character as browsers print CJK, in a font of the given weight and face. */
function line(text: string, x: number, y: number, font: { bold?: boolean; face?: Face | null } = {}, size = 10): TextRun[] {
  return [...text].map((c, i) => ({
    str: c, transform: [size, 0, 0, size, x + i * size, y], width: size, height: size, verticalFont: false,
    bold: font.bold ?? false, face: font.face ?? 'mincho',
  }));
}

const BODY = '経済安全保障推進法に基づき特定重要物資の安定的な供給の確保を図る';
const BOLD_GOTHIC = { bold: true, face: 'gothic' as const };

/** Runs printed one line under another from the top of an A4 page; returns the laid-out text. */
function laidOut(rows: TextRun[][][], cues?: HeadingCues): string {
  const runs = rows.flatMap((row, i) => row.flatMap((cells) => cells.map((r) => ({ ...r, transform: [...r.transform.slice(0, 5), 760 - i * 17] }))));
  return layoutDocument([{ height: 842, lines: pageLines({ height: 842, runs }) }], { headingCues: cues }).text.trim();
}

describe('the weight rule on positioned runs', () => {
  const full = (text: string, font?: { bold?: boolean; face?: Face | null }) => [line(text, 50, 0, font)];

  it('makes a bold body-size line standing alone a heading, and each line its own', () => {
    const text = laidOut([full('第1 基本的な考え方', BOLD_GOTHIC), full('1. 目的', BOLD_GOTHIC), full(`${BODY}。`), full('次の行の本文。')]);
    expect(text.split('\n\n')).toEqual(['# 第1 基本的な考え方', '## 1. 目的', `${BODY}。次の行の本文。`]);
  });

  it('gives numbering kinds levels in the order met, under the size headings', () => {
    const title = line('重要物資の報告', 50, 0, { bold: true, face: 'gothic' }, 16);
    const text = laidOut([[title], full('第1 総論', BOLD_GOTHIC), full(`${BODY}。`), full('(1) 目的', BOLD_GOTHIC), full(`${BODY}。`), full('第2 各論', BOLD_GOTHIC), full(`${BODY}。`)]);
    expect(text.split('\n\n').filter((p) => p.startsWith('#'))).toEqual(['# 重要物資の報告', '## 第1 総論', '### (1) 目的', '## 第2 各論']);
  });

  it('leaves bold words inside a paragraph, a bold first phrase and a bold sentence as body text', () => {
    const emphasis = [[...line('経済安全保障推進法に基づき', 50, 0), ...line('特定重要物資', 180, 0, BOLD_GOTHIC), ...line('の確保を図る', 240, 0)]];
    const lead = [[...line('基幹インフラについては、', 50, 0, BOLD_GOTHIC), ...line('事前審査を運用する。', 170, 0)]];
    const sentence = full('以上の点に留意する。', BOLD_GOTHIC);
    const clause = full('基幹インフラについては、', BOLD_GOTHIC);
    const text = laidOut([emphasis, full(`${BODY}。`), lead, sentence, clause]);
    expect(text).not.toMatch(/^#/m);
  });

  it('leaves a bold line that fills the column (a bold passage) and the short line that ends it', () => {
    const text = laidOut([full(BODY, BOLD_GOTHIC), full(BODY, BOLD_GOTHIC), full('重要物資の確保', BOLD_GOTHIC), full(`${BODY}。`)]);
    expect(text).not.toMatch(/^#/m);
  });

  it('leaves a bold table header whose cells sit far apart on one line', () => {
    // Cells 60 pt apart but bridged by a space run, as pdfjs reports a centred header row.
    const header = [[...line('区分', 50, 0, BOLD_GOTHIC), { ...line(' ', 70, 0, BOLD_GOTHIC)[0], width: 80 }, ...line('主な取組', 150, 0, BOLD_GOTHIC)]];
    const text = laidOut([header, full(`${BODY}。`)]);
    expect(text).not.toMatch(/^#/m);
    expect(text).toContain('区分');
  });

  it('takes a numbered Gothic line over a Mincho body as a heading (the weaker cue), not an unnumbered one', () => {
    const gothic = { bold: false, face: 'gothic' as const };
    const text = laidOut([full('１．制度の概要', gothic), full(`${BODY}。`), full('制度の概要', gothic), full(`${BODY}。`)]);
    expect(text.split('\n\n').filter((p) => p.startsWith('#'))).toEqual(['# １．制度の概要']);
  });

  it('finds no bold heading where the body itself is bold, and none with size cues only', () => {
    const allBold = laidOut([full('第1 総論', BOLD_GOTHIC), full(`${BODY}。`, BOLD_GOTHIC), full(`${BODY}。`, BOLD_GOTHIC)]);
    expect(allBold).not.toMatch(/^#/m);
    const sizeOnly = laidOut([full('第1 総論', BOLD_GOTHIC), full(`${BODY}。`)], 'size');
    expect(sizeOnly).not.toMatch(/^#/m);
    expect(laidOut([full('第1 総論', BOLD_GOTHIC), full(`${BODY}。`)])).toMatch(/^# 第1 総論$/m);
  });

  it('tells numbering kinds apart', () => {
    expect(['第1 総論', '第三章 各論', '1. 目的', '１．目的', '(1) 目的', '（１）目的', '①目的', 'Ⅱ．目的', '2022年度', '・目的', '目的'].map(numberingKind)).toEqual([
      'dai', 'dai', 'number', 'number', 'paren', 'paren', 'circled', 'roman', 'none', 'none', 'none',
    ]);
  });
});

describe('a hand-written PDF with non-embedded fonts', () => {
  it('finds the bold (ＭＳ ゴシック,Bold) and the numbered Gothic (GothicBBB-Medium) headings over Ryumin-Light, not the bold words', async () => {
    const size = 10.5;
    const bodyLine = '経済安全保障推進法に基づき、特定重要物資の安定的な供給の確保に関する基本指針を定め';
    let y = 760;
    const next = () => (y -= 18);
    const content = [
      textAt('F7', size, 60, y, '第1 基本的な考え方'),
      // body: a full line with bold words inside it, then the paragraph's last line
      textAt('F1', size, 60, next(), '経済安全保障推進法に基づき、') + textAt('F7', size, 60 + 14 * size, y, '特定重要物資') + textAt('F1', size, 60 + 20 * size, y, 'の安定的な供給の確保に関する基本指針を定め'),
      textAt('F1', size, 60, next(), 'る。'),
      textAt('F6', size, 60, next() - 8, '2. 制度の運用'),
      textAt('F1', size, 60, next() - 8, bodyLine),
      textAt('F1', size, 60, next() - 8, 'る。'),
      textAt('F7', size, 60, next() - 16, '以上の点に留意する。'),
    ].join('');
    const pdf = buildPdf({ pages: [{ content }] });
    const weighted = await extractPdf(pdf, { fileName: 'handmade-bold.pdf' });
    const headings = weighted.text.split('\n').filter((l) => l.startsWith('#'));
    expect(headings).toEqual(['# 第1 基本的な考え方', '## 2. 制度の運用']);
    expect(weighted.text).toContain('特定重要物資の安定的な供給');
    expect(weighted.text).toMatch(/^以上の点に留意する。$/m);
    // Size alone (before weight was read) finds none of them on this page.
    const sized = await extractPdf(pdf, { fileName: 'handmade-bold.pdf', headingCues: 'size' });
    expect(sized.text.split('\n').filter((l) => l.startsWith('#'))).toEqual([]);
  }, 60_000);
});

describe('a Chromium-printed page with bold Gothic headings over Mincho (test/fixtures/import/bold-heading.pdf)', () => {
  let ctx: AppContext;
  let api: ApiClient;
  const fixture = path.join(REPO_ROOT, 'test', 'fixtures', 'import', 'bold-heading.pdf');

  beforeAll(() => {
    ctx = makeContext({ corpus: false });
    api = apiFor(ctx);
  });
  afterAll(() => closeContext(ctx));

  it('imports the bold lines as headings the reader shows, in the heading path and citations; bold words stay in their paragraph', async () => {
    const r = await api.call('documents.import', { fileName: 'bold-heading.pdf', contentBase64: fs.readFileSync(fixture).toString('base64'), id: 'pdf-bold-heading' });
    const { statements } = await api.call('statements.list', { documentId: r.document.id });
    expect(statements.map((s) => [s.kind, s.text])).toEqual([
      ['heading', '経済安全保障推進法の概要'],
      ['heading', '第1 基本的な考え方'],
      ['paragraph', '経済安全保障推進法に基づき、特定重要物資の安定的な供給の確保に関する基本指針を定める。'],
      ['heading', '第2 制度の運用'],
      ['paragraph', '基幹インフラについては、重要設備の導入等に係る事前審査制度を着実に運用する。'],
    ]);
    // The bold heading sits one level under the size-detected title (the reader draws h2 then h3).
    expect([statements[0].level, statements[1].level, statements[3].level]).toEqual([1, 2, 2]);
    expect(statements[2].headingPath).toEqual(['経済安全保障推進法の概要', '第1 基本的な考え方']);
    expect(statements[4].headingPath).toEqual(['経済安全保障推進法の概要', '第2 制度の運用']);
    const { document } = await api.call('statements.get', { id: statements[2].id });
    expect(formatCitation(citationSource(document, statements[2]), 'ja')).toContain('「第1 基本的な考え方」、p. 1、文3');
    expect(formatCitation(citationSource(document, statements[4]), 'en')).toContain('§ 第2 制度の運用, p. 2, stmt. 5');
    // The heading is found by search like any statement.
    const hits = await api.call('search.query', { query: '基本的な考え方', limit: 10 });
    expect(hits.hits.map((h) => h.statementId)).toContain(statements[1].id);
  }, 60_000);
});
