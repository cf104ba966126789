// The query language (docs/search.md): what each construct parses to, and a fuzz test that throws
// thousands of hostile strings at the parser and at the whole search without an exception.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/app/context';
import { termExpression } from '../../electron/search/fts';
import { termIds } from '../../electron/search/postings';
import { runSearch } from '../../electron/search/query';
import { compiledDictionary } from '../../electron/search/variants';
import { SearchResultSchema } from '../../shared/api/search';
import { compileDictionary, expandClauses } from '../../shared/query/expand';
import { isEmptyQuery, parseQuery } from '../../shared/query/parse';
import { normalizeKey } from '../../shared/text/normalize';
import { closeContext, corpusContext } from '../helpers/db';

const terms = (q: string) => parseQuery(q).clauses.map((c) => c.anyOf.map((t) => t.norm));

describe('parseQuery', () => {
  it('spaces are AND, OR joins its neighbours, -term excludes', () => {
    expect(terms('中国 技術')).toEqual([['中国'], ['技術']]);
    expect(terms('特許 OR 発明 防衛')).toEqual([['特許', '発明'], ['防衛']]);
    expect(terms('a OR b OR c')).toEqual([['a', 'b', 'c']]);
    const p = parseQuery('技術 -中国 -"米 国"');
    expect(p.exclude.map((t) => t.norm)).toEqual(['中国', '米国']);
  });

  it('a quoted phrase is one term; full-width space separates terms', () => {
    expect(terms('"経済 安全保障" 推進')).toEqual([['経済安全保障'], ['推進']]);
    expect(terms('中国　技術')).toEqual([['中国'], ['技術']]);
  });

  it('reads the filters', () => {
    const p = parseQuery('技術 doc:espc-2021 pillar:supply-chain speaker:"外務 大臣" after:2021-01-01 before:2022-12-31');
    expect(p.filters).toEqual({ docs: ['espc-2021'], pillars: ['supply-chain'], speakers: ['外務大臣'], after: '2021-01-01', before: '2022-12-31', tags: [], comments: [], authors: [], importance: [], annotated: null });
    expect(terms('技術 doc:espc-2021')).toEqual([['技術']]);
  });

  it('reads the coding filters', () => {
    const p = parseQuery('tag:半導体 tag:"供給 網" comment:要確認 author:鈴木 importance:2+ annotated:yes');
    expect(p.filters).toMatchObject({ tags: ['半導体', '供給網'], comments: ['要確認'], authors: ['鈴木'], importance: [2, 3], annotated: true });
    expect(p.messages).toEqual([]);
    expect(parseQuery('importance:３').filters.importance).toEqual([3]);
    expect(parseQuery('annotated:NO').filters.annotated).toBe(false);
  });

  it.each([
    ['', []],
    ['-', ['lone-minus']],
    ['"unclosed 中国', ['unbalanced-quote']],
    ['OR OR', ['dangling-or']],
    ['中国 OR', ['dangling-or']],
    ['after:2021-02-30', ['bad-date']],
    ['before:yesterday', ['bad-date']],
    ['doc:', ['empty-filter']],
    ['-doc:x', ['negated-filter']],
    ['"　"', ['empty-term']],
    ['⁶⁹', ['empty-term']],
  ])('%j reads with messages %j', (q, codes) => {
    expect(parseQuery(q).messages.map((m) => m.code)).toEqual(codes);
  });

  it('keeps FTS5 and SQL syntax as literal text', () => {
    expect(terms('NEAR(a b) title:x "a"*')).toEqual([['near(a'], ['b)'], ['title:x'], ['a'], ['*']]);
    const p = parseQuery("'; DROP TABLE statements; --");
    expect(p.clauses.map((c) => c.anyOf[0].raw)).toEqual(["';", 'DROP', 'TABLE', 'statements;']);
    expect(p.exclude.map((t) => t.raw)).toEqual(['-']);
  });

  it('caps a paste at MAX_TERMS terms with a message', () => {
    const p = parseQuery(Array.from({ length: 100 }, (_, i) => `語${i}`).join(' '));
    expect(p.clauses.length).toBe(32);
    expect(p.messages.map((m) => m.code)).toEqual(['too-many-terms']);
  });
});

describe('FTS5 expressions', () => {
  // The lookup the search runs for every term (postings.termIds → termExpression): one quoted
  // phrase of bigrams, or one quoted prefix for a single character, whatever the analyst typed.
  it('quote every token; user text never becomes FTS5 syntax', () => {
    const p = parseQuery('a"b NEAR(x) c* -d:e ( ) OR: ^中 "国"*');
    const terms = [...p.clauses.flatMap((c) => c.anyOf), ...p.exclude];
    expect(terms.length).toBeGreaterThan(5);
    for (const t of terms) expect(termExpression(t.norm).expr).toMatch(/^"[^"]+"\*?$/);
    expect(termExpression('(').expr).toBe('"（"*');
    expect(termExpression('near(x)').expr).toBe('"ne ea ar r（ （x x）"');
  });
});

describe('variant expansion', () => {
  const dict = compileDictionary({ groups: [{ terms: ['経済安保', '経済安全保障'] }, { terms: ['AI', '人工知能'] }] });
  it('expands whole terms and Japanese parts of terms, not ASCII inside words', () => {
    const { clauses, expansions } = expandClauses(parseQuery('経済安保推進法 AI email').clauses, dict);
    expect(clauses[0].anyOf.map((t) => t.norm)).toEqual(['経済安保推進法', '経済安全保障推進法']);
    expect(clauses[1].anyOf.map((t) => t.norm)).toEqual(['ai', '人工知能']);
    expect(clauses[2].anyOf.map((t) => t.norm)).toEqual(['email']);
    expect(expansions).toEqual([
      { term: '経済安保推進法', variants: ['経済安全保障推進法'] },
      { term: 'AI', variants: ['人工知能'] },
    ]);
  });
});

describe('fuzz: any string is a query', () => {
  let ctx: AppContext;
  beforeAll(() => {
    ctx = corpusContext();
  });
  afterAll(() => closeContext(ctx));

  const hostile = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.array(fc.constantFrom('OR', 'AND', 'NOT', 'NEAR(', ')', '(', '"', '*', '-', '^', ':', 'doc:', 'pillar:', 'speaker:', 'after:', 'before:', "'", ';', '--', 'DROP TABLE statements', '%', '_', '\\', '\u0000', '\u3000', '😀', '👩‍👩‍👧', '中国', '技術', '強靭', 'ｶﾞ', '⁶⁹', '\ud800', '{', '}', '[', ']', 'rowid', 'MATCH'), { maxLength: 20 }).map((xs) => xs.join(' ')),
    fc.array(fc.constantFrom('"', '-', '*', 'OR', '中', '国', ' ', 'a', ':'), { maxLength: 30 }).map((xs) => xs.join('')),
  );

  it('the parser never throws', () => {
    fc.assert(fc.property(hostile, (q) => {
      parseQuery(q);
    }), { numRuns: 5000 });
  });

  it('the search never throws and always answers with results or a message', () => {
    const dictionary = compiledDictionary(ctx.db, ctx.resourcesDir);
    fc.assert(
      fc.property(hostile, (q) => {
        const r = runSearch(ctx.db, { query: q, limit: 5 }, { dictionary });
        // A well-formed answer (the API contract's own schema): results, or zero hits with its messages.
        expect(SearchResultSchema.safeParse(r).success).toBe(true);
        expect(r.hits.length).toBeLessThanOrEqual(Math.min(5, r.total));
        for (const h of r.hits) for (const [s, e] of h.matches) expect(0 <= s && s < e && e <= h.text.length).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('syntax-like terms find exactly the statements that contain them (the lookup the search runs)', () => {
    const rows = ctx.db.prepare('SELECT rowid AS r, text FROM statements').all() as { r: number; text: string }[];
    // Present in the corpus (the first five), then FTS5 operators that occur nowhere.
    const queries = ['※', '・', '1.', '「', ':', '(', 'NEAR', '*', '"(2)"', 'AND'];
    queries.forEach((q, i) => {
      const norm = parseQuery(q).clauses[0].anyOf[0].norm;
      const expected = rows.filter((s) => normalizeKey(s.text).includes(norm)).map((s) => s.r);
      if (i < 5) expect(expected.length, q).toBeGreaterThan(0);
      expect(Array.from(termIds(ctx.db, norm)), q).toEqual(expected.sort((a, b) => a - b));
    });
  });

  it('a 10,000-character paste returns exactly the statements a scan finds', () => {
    const keys = (ctx.db.prepare('SELECT text FROM statements').pluck().all() as string[]).map(normalizeKey);
    /** The definition of a match: every clause has a term in the folded text, no excluded term does. */
    const scan = (q: string) => {
      const p = parseQuery(q);
      if (isEmptyQuery(p)) return 0;
      return keys.filter((k) => p.clauses.every((c) => c.anyOf.some((t) => k.includes(t.norm))) && !p.exclude.some((t) => k.includes(t.norm))).length;
    };
    const text = (ctx.db.prepare('SELECT group_concat(text, \'\') FROM statements').pluck().get() as string).slice(0, 10_000);
    const totals: number[] = [];
    for (const q of [text, `"${text}"`, text.replace(/\s/g, ''), '中'.repeat(10_000), '"'.repeat(10_000), '-'.repeat(10_000), 'OR '.repeat(3000)]) {
      const r = runSearch(ctx.db, { query: q, limit: 5, expandVariants: false }, { dictionary: compiledDictionary(ctx.db, ctx.resourcesDir) });
      expect(r.total, q.slice(0, 20)).toBe(scan(q));
      expect(r.hits.length).toBe(Math.min(5, r.total));
      totals.push(r.total);
    }
    // Only the lone exclusion ("-" repeated: every statement without a hyphen) selects anything.
    expect(totals.map((n) => n > 0)).toEqual([false, false, false, false, false, true, false]);
    // The quoted paste of real text finds the statements it came from (verified on text).
    const first = ctx.db.prepare('SELECT text FROM statements WHERE length(text) > 120 LIMIT 1').pluck().get() as string;
    const r = runSearch(ctx.db, { query: `"${first}"`, limit: 5, expandVariants: false }, { dictionary: compiledDictionary(ctx.db, ctx.resourcesDir) });
    expect(r.total).toBeGreaterThanOrEqual(1);
    expect(r.hits.map((h) => h.text)).toContain(first);
  });
});
