// The PDF layout rules without a PDF (line joins, running matter, reading order of runs), the
// segmenter's page locators from '\f', the search folding of vertical presentation forms, and
// where pdfjs's CMaps and fonts are read from.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { segmentDocument } from '../../electron/corpus/segment';
import { pdfAssetDirs } from '../../electron/import/pdf';
import { detectRunningMatter, foldRadicals, isPageNumber, joinLines, layoutDocument, pageLines, type TextRun } from '../../electron/import/pdf/layout';
import type { DocumentMeta } from '../../shared/model';
import { normalizeKey } from '../../shared/text/normalize';
import { REPO_ROOT } from '../helpers/db';

const META: DocumentMeta = { id: 'paged', title: 't', date: null, issuer: null, kind: 'other', language: 'ja', source: 'x.pdf' };

/** A run of `text` at (x, y), one glyph per character as browsers print CJK. */
function glyphs(text: string, x: number, y: number, size = 10, vertical = false): TextRun[] {
  return [...text].map((c, i) => ({
    str: c,
    transform: [size, 0, 0, size, vertical ? x : x + i * size, vertical ? y - i * size : y],
    width: size,
    height: size,
    verticalFont: false,
  }));
}

describe('line joins', () => {
  it.each([
    ['経済安全保障の', '推進について', '経済安全保障の推進について'],
    ['supply chain', 'resilience', 'supply chain resilience'],
    ['critical infor-', 'mation', 'critical information'],
    ['i-', 'Construction', 'i-Construction'],
    ['半導体（', 'semiconductor）', '半導体（semiconductor）'],
    ['AI', 'の活用', 'AIの活用'],
  ])('%s + %s = %s', (a, b, joined) => {
    expect(joinLines(a, b)).toBe(joined);
  });

  it('folds Kangxi radicals a ToUnicode table gave for ideographs, nothing else', () => {
    expect(foldRadicals('左段の⽂章、⼈材')).toBe('左段の文章、人材');
    expect(foldRadicals('﹁括弧﹂︒')).toBe('﹁括弧﹂︒');
  });
});

describe('vertical presentation forms', () => {
  it('are stored as printed but fold to their horizontal forms for search (NFKC does it)', () => {
    const pairs: [string, string][] = [['︵', '('], ['︶', ')'], ['﹁', '「'], ['﹂', '」'], ['﹃', '『'], ['﹄', '』'], ['︑', '、'], ['︒', '。'], ['︙', '...'], ['︰', '..'], ['︱', 'ー']];
    for (const [vertical, horizontal] of pairs.slice(0, 8)) expect(normalizeKey(vertical), vertical).toBe(normalizeKey(horizontal));
    expect(normalizeKey('﹁重要技術﹂の流出︒')).toBe(normalizeKey('「重要技術」の流出。'));
  });
});

describe('reading order of positioned runs', () => {
  it('reads vertical columns right to left', () => {
    const runs = [...glyphs('一列目の文。', 300, 700, 10, true), ...glyphs('二列目の文。', 280, 700, 10, true)];
    const lines = pageLines({ height: 842, runs });
    expect(lines.map((l) => l.text)).toEqual(['一列目の文。', '二列目の文。']);
    expect(lines.every((l) => l.vertical)).toBe(true);
  });

  it('reads two columns left then right, whatever order the runs come in', () => {
    const left = Array.from({ length: 4 }, (_, i) => glyphs(`左段第${i + 1}行の文章です`, 50, 700 - i * 17));
    const right = Array.from({ length: 4 }, (_, i) => glyphs(`右段第${i + 1}行の文章です`, 320, 700 - i * 17));
    const interleaved = left.flatMap((l, i) => [...right[i], ...l]);
    const lines = pageLines({ height: 842, runs: interleaved });
    expect(lines.map((l) => l.text)).toEqual([...left.map((_, i) => `左段第${i + 1}行の文章です`), ...right.map((_, i) => `右段第${i + 1}行の文章です`)]);
  });

  it('turns aligned cells into a tab-separated table row', () => {
    const runs = [...glyphs('品目', 50, 700), ...glyphs('半導体', 200, 700), ...glyphs('二〇二四年', 400, 700)];
    expect(pageLines({ height: 842, runs }).map((l) => [l.text, l.row])).toEqual([['品目\t半導体\t二〇二四年', true]]);
  });
});

describe('running matter', () => {
  it('takes out lines repeated at the page edges and page numbers, not body lines', () => {
    const page = (n: number, body: string) => ({
      height: 842,
      lines: pageLines({ height: 842, runs: [...glyphs('経済産業省資料', 250, 800, 9), ...glyphs(body, 50, 700), ...glyphs(`- ${n} -`, 290, 30, 9)] }),
    });
    const pages = [page(1, '初めの頁の本文である。'), page(2, '次の頁の本文である。'), page(3, '最後の頁の本文である。')];
    const { matter, drop } = detectRunningMatter(pages);
    expect(matter).toEqual([1, 2, 3].map((n) => ({ page: n, header: ['経済産業省資料'], footer: [`- ${n} -`] })));
    expect(drop.map((d) => d.size)).toEqual([2, 2, 2]);
    const laid = layoutDocument(pages);
    expect(laid.text).toBe('\n初めの頁の本文である。\n\f\n次の頁の本文である。\n\f\n最後の頁の本文である。\n');
  });

  it.each([['12', true], ['- 3 -', true], ['p. 4', true], ['3 / 10', true], ['ⅳ', false], ['iv', true], ['第3章', false], ['2024年', false]])('page number %s: %s', (text, yes) => {
    expect(isPageNumber(text)).toBe(yes);
  });
});

describe('page locators in the segmenter', () => {
  it("records the page each statement starts on from '\\f', a rejoined sentence on its first page", () => {
    const raw = '\n# 表題\n\n一頁目の文。\n\f\n二頁目の最初の文は、\fここに続く。\n\n三頁目の文。\n\f\n\f\n五頁目の文。\n';
    const { statements } = segmentDocument(raw, META);
    expect(statements.map((s) => [s.text, s.page])).toEqual([
      ['表題', 1],
      ['一頁目の文。', 1],
      ['二頁目の最初の文は、ここに続く。', 2],
      ['三頁目の文。', 3],
      ['五頁目の文。', 5],
    ]);
  });

  it('gives unpaged text no page at all (the bundled corpus stays as it was)', () => {
    const { statements } = segmentDocument('# 表題\n\n本文である。\n', META);
    expect(statements.map((s) => 'page' in s)).toEqual([false, false]);
  });
});

describe('pdfjs assets', () => {
  it('come from the app’s resources/pdfjs (copied by the build), not from the network', () => {
    const dirs = pdfAssetDirs();
    expect(dirs.cMapDir).toBe(path.join(REPO_ROOT, 'resources', 'pdfjs', 'cmaps') + path.sep);
    expect(dirs.standardFontDir).toBe(path.join(REPO_ROOT, 'resources', 'pdfjs', 'standard_fonts') + path.sep);
  });
});
