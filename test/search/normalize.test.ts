// The search normalization, table-driven: every rule with the corpus's own spellings, and the
// offset map (each folded character points back at the original characters it came from).
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { findOccurrences, normalizeForSearch, normalizeKey } from '../../shared/text/normalize';
import { VARIANT_KANJI } from '../../shared/text/variants';

describe('normalizeKey', () => {
  it.each([
    ['full-width letters and digits', 'Ｗｅｂ１０', 'web10'],
    ['case', 'DARPA', 'darpa'],
    ['spaced acronym', 'S I P 4 D', 'sip4d'],
    ['ideographic space', 'D　I　A　S', 'dias'],
    ['digit + space + 年度', '2029 年度', '2029年度'],
    ['half-width katakana with voiced marks', 'ｶﾞｽ ﾊﾟｲﾌﾟ', 'ガスパイプ'],
    ['variant kanji 靭 → 靱', '強靭化', '強靱化'],
    ['variant kanji outside the BMP', '𠮟責', '叱責'],
    ['IBM extended kanji', '髙﨑', '高崎'],
    ['long vowel after katakana', 'コンピューター', 'コンピュタ'],
    ['long vowel, short spelling', 'コンピュータ', 'コンピュタ'],
    ['long vowel before a kanji', 'センサー類', 'センサ類'],
    ['long vowel after hiragana is kept', 'すごーい', 'すごーい'],
    ['footnote superscripts dropped before NFKC', 'ボット⁷¹の', 'ボットの'],
    ['circled numbers', '①㉟', '135'],
    ['era ligature', '㍻', '平成'],
    ['zero-width and control characters', 'a\u200bb\u0007c', 'abc'],
    ['ideographic variation selector', '葛\u{E0100}城', '葛城'],
    ['lone surrogate', 'a\ud800b', 'ab'],
  ])('%s', (_name, input, expected) => {
    expect(normalizeKey(input)).toBe(expected);
    expect(normalizeForSearch(input).norm).toBe(expected);
  });

  it('folds every variant in the table to its target, and targets to themselves', () => {
    for (const [from, to] of Object.entries(VARIANT_KANJI)) {
      expect(normalizeKey(from)).toBe(to);
      expect(normalizeKey(to)).toBe(to);
    }
  });

  it('is idempotent on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (s) => normalizeKey(normalizeKey(s)) === normalizeKey(s)), { numRuns: 2000 });
  });

  it('agrees with the offset-mapping form on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (s) => normalizeForSearch(s).norm === normalizeKey(s)), { numRuns: 500 });
  });
});

describe('normalizeForSearch offset map', () => {
  it('maps a folded match back to the original characters', () => {
    const text = 'これはＳ Ｉ Ｐ ４ Ｄ の強靭化、ｺﾝﾋﾟｭｰﾀｰ。';
    const n = normalizeForSearch(text);
    expect(findOccurrences(n, normalizeKey('SIP4D')).map(([s, e]) => text.slice(s, e))).toEqual(['Ｓ Ｉ Ｐ ４ Ｄ']);
    expect(findOccurrences(n, normalizeKey('強靱化')).map(([s, e]) => text.slice(s, e))).toEqual(['強靭化']);
    expect(findOccurrences(n, normalizeKey('コンピューター')).map(([s, e]) => text.slice(s, e))).toEqual(['ｺﾝﾋﾟｭｰﾀ']);
  });

  it('every occurrence found maps to original text that folds to the needle', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 4 }), (hay, needle) => {
        const k = normalizeKey(needle);
        const n = normalizeForSearch(`${hay}${needle}${hay}`);
        const found = findOccurrences(n, k);
        if (k.length === 0) return found.length === 0;
        const text = `${hay}${needle}${hay}`;
        return found.length > 0 && found.every(([s, e]) => normalizeKey(text.slice(s, e)) === k || normalizeKey(text.slice(s, e)).includes(k));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the per-unit fold table, filled lazily', () => {
  it('a fresh process folds a query after filling only the units it touched', async () => {
    vi.resetModules();
    const fresh = await import('../../shared/text/normalize');
    expect(fresh.filledFoldEntriesForTest()).toBe(0);
    expect(fresh.normalizeKey('経済安全保障 ｶﾞｽ')).toBe('経済安全保障ガス');
    // Each unit of the text, plus 0 (the "next unit" past the end): never the whole 65,536.
    expect(fresh.filledFoldEntriesForTest()).toBe(new Set('経済安全保障 ｶﾞｽ').size + 1);
  });

  it('gives, for every BMP unit, what the former eager build gave, whatever order units are first met in', async () => {
    vi.resetModules();
    const fresh = await import('../../shared/text/normalize');
    // First touches in a random order through both folding paths.
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
      expect(fresh.normalizeForSearch(s).norm).toBe(fresh.normalizeKey(s));
    }), { numRuns: 3000, seed: 20261202 });
    const { lazy, eager } = fresh.foldTableForTest();
    expect(lazy.length).toBe(0x10000);
    const differing = lazy.flatMap((e, c) => (e.fold !== eager[c].fold || e.mark !== eager[c].mark || e.identity !== eager[c].identity ? [c.toString(16)] : []));
    expect(differing).toEqual([]);
    // The table is not trivially all-identity: the eager build folds thousands of units.
    expect(eager.filter((e) => !e.identity).length).toBeGreaterThan(5000);
  });
});
