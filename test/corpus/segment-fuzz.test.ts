// Property tests: any string (random, spliced from the real corpus, hostile) segments without
// throwing, and the result always satisfies the invariants (exact slices, ids, order, no markup).
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { segmentDocument } from '../../electron/corpus/segment';
import { CORPUS_DIR, invariantProblems, manifest, TEST_META } from './segment-helpers';

/** More runs on demand: FUZZ_RUNS=20000 npx vitest run test/corpus/segment-fuzz.test.ts */
const RUNS = Number(process.env.FUZZ_RUNS) || 400;

const corpus = manifest().documents.map((d) => fs.readFileSync(path.join(CORPUS_DIR, d.source), 'utf8'));

/** Pieces that exercise the segmenter's special cases. */
const TOKENS = [
  '\n', '\n\n', '\t', ' ', '\u3000', '○', '○外務大臣', '①', '②4 ', '・', '- ・', '- ', '(1) ', '（１）', '1. ', 'Ⅰ ', '【目標】',
  '⁶⁹', '⁶⁹ 注記', '<p>', '</p>', '<ul style="list-style-type: none">', '<u>', '</u>', '<br>', '&nbsp;', '&amp;lt;p&amp;gt;', '&#12354;',
  '----', '--\t--', '<https://example.jp/a>', 'https://example.jp', '。', '、', 'テキスト', '衛', '星による', '\r\n', '\uFEFF', '\u0000',
  '**', '# ', '(以上)', '１ 意見交換', '趣 旨：', 'abc', '\ud800', '😀',
];

const tokenText = fc.array(fc.constantFrom(...TOKENS), { maxLength: 80 }).map((a) => a.join(''));
const anyText = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }), tokenText);

/** A random run of lines cut out of one real document and pasted into another place of another. */
const splice = fc.tuple(fc.nat(corpus.length - 1), fc.nat(), fc.nat(400), fc.nat(corpus.length - 1), fc.nat()).map(([a, at, len, b, to]) => {
  const src = corpus[a];
  const start = at % Math.max(1, src.length);
  const piece = src.slice(start, start + len * 10);
  const dst = corpus[b];
  const pos = to % Math.max(1, dst.length);
  return dst.slice(0, pos) + piece + dst.slice(pos, pos + 3000);
});

function check(text: string): void {
  const seg = segmentDocument(text, TEST_META);
  const problems = invariantProblems(seg, TEST_META);
  if (problems.length) throw new Error(`${problems.slice(0, 5).join('; ')} for input ${JSON.stringify(text.slice(0, 200))}`);
}

describe('segmenter robustness', () => {
  it('any random or token-built string yields a valid document', () => {
    fc.assert(fc.property(anyText, (t) => check(t)), { numRuns: RUNS });
  });

  it('random splices of the real documents yield valid documents', () => {
    fc.assert(fc.property(splice, (t) => check(t)), { numRuns: Math.ceil(RUNS / 3) });
  });

  it('handles empty, whitespace-only and control-character input', () => {
    for (const t of ['', ' ', '\n\n\n', '\t\t', '\u3000', '\uFEFF', '\u0000\u0001', '\r\n\r\n']) {
      const seg = segmentDocument(t, TEST_META);
      expect(seg.statements).toEqual([]);
      expect(invariantProblems(seg, TEST_META)).toEqual([]);
    }
  });

  it('treats CRLF, BOM and NUL like the clean text', () => {
    const clean = segmentDocument('○外務大臣\n\n同志国間の連携が不可欠。\n', TEST_META);
    const dirty = segmentDocument('\uFEFF○外務大臣\r\n\r\n同志国間の\u0000連携が不可欠。\r\n', TEST_META);
    expect(dirty.statements.map((s) => [s.id, s.text, s.speaker])).toEqual(clean.statements.map((s) => [s.id, s.text, s.speaker]));
  });

  it('leaves no markup from unbalanced or nested HTML and entities', () => {
    const seg = segmentDocument('<p>開いたまま <ul style="x"> ・項目&nbsp;一 <u>下線\n&amp;lt;p&amp;gt;本文&lt;/p&gt;\n<ul style="list-sty', TEST_META);
    expect(invariantProblems(seg, TEST_META)).toEqual([]);
    expect(seg.text).toContain('項目');
    expect(seg.text).toContain('本文');
  });

  it('segments a megabyte of real text in one pass (linear-ish: finishes, all invariants hold)', () => {
    const big = Array.from({ length: Math.ceil(1_000_000 / corpus.join('\n').length) }, () => corpus.join('\n')).join('\n');
    expect(big.length).toBeGreaterThan(1_000_000);
    const seg = segmentDocument(big, TEST_META);
    expect(seg.statements.length).toBeGreaterThan(3000);
    expect(invariantProblems(seg, TEST_META)).toEqual([]);
  });

  // No timing assertion: a quadratic path here (e.g. re-scanning a growing cell) runs past the test timeout.
  it('survives pathological input (a megabyte without a break, endless bullets, tags, continued cells)', () => {
    const continuedCell = `見出し\t状況\n${'\t<p>続き</p>\n'.repeat(100_000)}`;
    for (const t of ['あ'.repeat(1_000_000), ' ・'.repeat(300_000), '<p>'.repeat(200_000), `a\t${'<ul> ・x'.repeat(50_000)}\tb`, `${'衛\n\n'.repeat(50_000)}。`, continuedCell]) {
      const seg = segmentDocument(t, TEST_META);
      expect(invariantProblems(seg, TEST_META)).toEqual([]);
    }
  });
});
