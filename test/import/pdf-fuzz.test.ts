// Fuzzing the PDF path: damaged files (bytes flipped, cut, spliced) either import or are refused
// with a typed error naming the file, never a crash or a hang; the layout rules take any runs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractPdf } from '../../electron/import/pdf';
import { decodeFontName, fontTraits } from '../../electron/import/pdf/fonts';
import { layoutDocument, pageLines, type TextRun } from '../../electron/import/pdf/layout';
import { isAppError } from '../../shared/errors';
import { buildPdf, textAt } from './pdf-handmade';

const base = buildPdf({
  pages: [
    { content: textAt('F1', 16, 72, 760, '経済安全保障の手引') + textAt('F1', 10.5, 72, 720, '特定重要物資の供給を確保する。') },
    { content: textAt('F2', 12, 500, 760, '縦書きの本文です。') + textAt('F4', 10, 290, 40, '- 2 -') },
  ],
});

/** A small deterministic generator: the same damaged files on every run. */
function rng(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}

describe('damaged PDFs', () => {
  it('import or are refused with a typed error, each within its budget', async () => {
    const next = rng(20261201);
    const outcomes = { extracted: 0, refused: 0 };
    for (let n = 0; n < 16; n++) {
      const bytes = Buffer.from(base);
      const flips = 1 + Math.floor(next() * 24);
      // Damage the body, keep the frame (%PDF- and %%EOF), so pdfjs itself meets the damage.
      for (let k = 0; k < flips; k++) bytes[20 + Math.floor(next() * (bytes.length - 40))] = Math.floor(next() * 256);
      try {
        const x = await extractPdf(new Uint8Array(bytes), { fileName: `fuzz-${n}.pdf`, timeBudgetMs: 30_000 });
        expect(x.format).toBe('pdf');
        expect(x.pages!.count).toBeGreaterThan(0);
        outcomes.extracted++;
      } catch (e) {
        expect(isAppError(e), String(e)).toBe(true);
        expect((e as { subject?: string }).subject).toBe(`fuzz-${n}.pdf`);
        expect((e as Error).message).toContain(`fuzz-${n}.pdf`);
        outcomes.refused++;
      }
    }
    expect(outcomes.extracted + outcomes.refused).toBe(16);
  }, 240_000);
});

describe('layout of arbitrary runs', () => {
  const run = fc.record({
    str: fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('経', '済', '。', ' ', 'A', '-', '︒', '\t')),
    transform: fc.tuple(fc.double({ min: -40, max: 40, noNaN: true }), fc.double({ min: -40, max: 40, noNaN: true }), fc.double({ min: -40, max: 40, noNaN: true }), fc.double({ min: -40, max: 40, noNaN: true }), fc.double({ min: -100, max: 700, noNaN: true }), fc.double({ min: -100, max: 900, noNaN: true })),
    width: fc.double({ min: 0, max: 200, noNaN: true }),
    height: fc.double({ min: 0, max: 200, noNaN: true }),
    verticalFont: fc.boolean(),
    // Weight and typeface feed the heading-by-weight rule: any mix of them must lay out too.
    bold: fc.boolean(),
    face: fc.constantFrom('gothic' as const, 'mincho' as const, null),
  }) as fc.Arbitrary<TextRun>;

  it('never throws and only ever emits characters it was given (plus joins)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(run, { maxLength: 60 }), { minLength: 1, maxLength: 4 }), (pages) => {
        const laid = layoutDocument(pages.map((runs) => ({ height: 842, lines: pageLines({ height: 842, runs }) })));
        const given = new Set(pages.flat().flatMap((r) => [...r.str.normalize('NFKC'), ...r.str]));
        for (const ch of laid.text) expect(given.has(ch) || /[\s\f#]/.test(ch), JSON.stringify(ch)).toBe(true);
        expect(laid.text.split('\f')).toHaveLength(pages.length);
      }),
      { numRuns: 300 },
    );
  });
});

describe('font names of any bytes', () => {
  it('give a weight and a face (or none) without throwing; a name that decodes nowhere is kept as given', () => {
    const latin1Name = fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 40 }).map((bytes) => String.fromCharCode(...bytes));
    fc.assert(
      fc.property(fc.oneof(latin1Name, fc.string({ maxLength: 40 })), (name) => {
        const t = fontTraits(name);
        expect(typeof t.bold).toBe('boolean');
        expect([null, 'gothic', 'mincho']).toContain(t.face);
        const decoded = decodeFontName(name);
        if (!/[\u0080-\u00ff]/.test(name)) expect(decoded).toBe(name);
      }),
      { numRuns: 500 },
    );
  });
});
