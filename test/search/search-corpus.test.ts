// Search over the real bundled corpus: each normalization case, 2-character words against a
// brute-force scan, facets, snippets mapping back to original offsets, variants and the CLI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api/client';
import type { SearchResult } from '../../shared/search';
import { normalizeKey } from '../../shared/text/normalize';
import type { AppContext } from '../../electron/app/context';
import { closeContext, corpusContext } from '../helpers/db';
import { apiFor } from '../helpers/api';
import { runCli } from '../helpers/cli';

let ctx: AppContext;
let api: ApiClient;
let all: { id: string; text: string; document_id: string; speaker: string | null }[];

beforeAll(() => {
  ctx = corpusContext();
  api = apiFor(ctx);
  all = ctx.db.prepare('SELECT id, text, document_id, speaker FROM statements').all() as typeof all;
});
afterAll(() => closeContext(ctx));

const search = (query: string, extra: { limit?: number; offset?: number; expandVariants?: boolean } = {}): Promise<SearchResult> =>
  api.call('search.query', { query, limit: 500, ...extra });

/** Statements whose folded text contains the folded term: the definition of a match. */
function bruteForce(term: string): Set<string> {
  const k = normalizeKey(term);
  return new Set(all.filter((s) => normalizeKey(s.text).includes(k)).map((s) => s.id));
}

function rawContains(sub: string): string[] {
  return all.filter((s) => s.text.includes(sub)).map((s) => s.id);
}

async function idsOf(query: string, expandVariants = false): Promise<Set<string>> {
  const r = await search(query, { expandVariants });
  expect(r.total).toBeLessThanOrEqual(500);
  return new Set(r.hits.map((h) => h.statementId));
}

describe('normalization cases on real statements', () => {
  it('finds 強靱 and 強靭 with either spelling', async () => {
    const withA = rawContains('強靱');
    const withB = rawContains('強靭');
    expect(withA.length).toBeGreaterThan(0);
    expect(withB.length).toBeGreaterThan(0);
    for (const q of ['強靭化', '強靱化', '強靭', '強靱']) {
      const got = await idsOf(q);
      for (const id of [...withA, ...withB].filter((id) => normalizeKey(all.find((s) => s.id === id)!.text).includes(normalizeKey(q)))) expect(got.has(id)).toBe(true);
      expect(got).toEqual(bruteForce(q));
    }
  });

  it('finds full-width letters with half-width queries and back', async () => {
    const fw = all.filter((s) => /[Ａ-Ｚａ-ｚ]{2,}/.test(s.text));
    expect(fw.length).toBeGreaterThan(0);
    const word = /[Ａ-Ｚａ-ｚ]{2,}/.exec(fw[0].text)![0];
    const half = word.normalize('NFKC');
    for (const q of [word, half, half.toUpperCase(), half.toLowerCase()]) expect((await idsOf(q)).has(fw[0].id)).toBe(true);
  });

  it('finds spaced acronyms (S I P 4 D, D I A S) with the compact spelling', async () => {
    for (const [spaced, compact] of [[/S\s+I\s+P\s*4\s*D/, 'SIP4D'], [/D\s+I\s+A\s+S/, 'DIAS']] as const) {
      const spacedIds = all.filter((s) => spaced.test(s.text)).map((s) => s.id);
      expect(spacedIds.length).toBeGreaterThan(0);
      const got = await idsOf(compact);
      for (const id of spacedIds) expect(got.has(id)).toBe(true);
      expect(got).toEqual(bruteForce(compact));
    }
  });

  it('finds digit + space + 年度 with the compact spelling', async () => {
    const m = all.map((s) => /(\d{4})\s+年度/.exec(s.text)).find((x) => x);
    expect(m).toBeTruthy();
    const compact = `${m![1]}年度`;
    const got = await idsOf(compact);
    expect(got).toEqual(bruteForce(compact));
    expect(all.filter((s) => new RegExp(`${m![1]}\\s+年度`).test(s.text)).every((s) => got.has(s.id))).toBe(true);
  });

  it('folds the katakana long vowel both ways', async () => {
    for (const [a, b] of [['コンピュータ', 'コンピューター'], ['センサ', 'センサー'], ['セキュリティ', 'セキュリティー']]) {
      const ga = await idsOf(a);
      const gb = await idsOf(b);
      expect(ga.size).toBeGreaterThan(0);
      expect(ga).toEqual(gb);
      expect(all.filter((s) => s.text.includes(b)).every((s) => ga.has(s.id))).toBe(true);
      expect(all.filter((s) => s.text.includes(a)).every((s) => gb.has(s.id))).toBe(true);
    }
  });

  it('2-character words: no false negatives against a brute-force scan of every statement', async () => {
    for (const q of ['中国', '特許', '技術', '防衛', '経済', '供給']) {
      const expected = bruteForce(q);
      const r = await search(q, { expandVariants: false, limit: 500 });
      expect(r.total).toBe(expected.size);
      expect(new Set(r.hits.map((h) => h.statementId))).toEqual(expected);
      // Raw substring hits are a subset (folding only adds matches).
      for (const id of rawContains(q)) expect(expected.has(id)).toBe(true);
    }
  });

  it('1-character queries match every statement containing the character', async () => {
    for (const q of ['靱', '米', 'Ａ']) {
      const expected = bruteForce(q);
      const r = await search(q, { expandVariants: false });
      expect(r.total).toBe(expected.size);
    }
  });
});

describe('results', () => {
  it('maps match offsets back to the original text', async () => {
    for (const q of ['中国', '強靭化', 'SIP4D', 'コンピューター', '経済安全保障']) {
      const r = await search(q, { expandVariants: false });
      expect(r.hits.length).toBeGreaterThan(0);
      for (const h of r.hits) {
        expect(h.matches.length).toBeGreaterThan(0);
        for (const [s, e] of h.matches) expect(normalizeKey(h.text.slice(s, e))).toBe(normalizeKey(q));
        const marked = h.snippet.filter((s) => s.mark).map((s) => normalizeKey(s.text));
        expect(marked.length).toBeGreaterThan(0);
        for (const m of marked) expect(normalizeKey(q).includes(m) || m === normalizeKey(q)).toBe(true);
      }
    }
  });

  it('counts facets over the whole result set', async () => {
    const r = await search('中国', { limit: 1, expandVariants: false });
    const expected = bruteForce('中国');
    const byDoc = new Map<string, number>();
    for (const s of all) if (expected.has(s.id)) byDoc.set(s.document_id, (byDoc.get(s.document_id) ?? 0) + 1);
    expect(r.hits.length).toBe(1);
    expect(r.facets.documents.reduce((n, d) => n + d.count, 0)).toBe(r.total);
    for (const d of r.facets.documents) expect(d.count).toBe(byDoc.get(d.id));
    expect(r.facets.pillars).toEqual([]);
  });

  it('ranks by bm25 with reading order breaking ties, and pages with offset', async () => {
    const r = await search('技術', { limit: 500, expandVariants: false });
    for (let i = 1; i < r.hits.length; i++) expect(r.hits[i - 1].score).toBeGreaterThanOrEqual(r.hits[i].score);
    const page2 = await search('技術', { limit: 5, offset: 5, expandVariants: false });
    expect(page2.hits.map((h) => h.statementId)).toEqual(r.hits.slice(5, 10).map((h) => h.statementId));
  });

  it('breaks score ties by reading order (document date, then statement ordinal)', async () => {
    const { documents } = await api.call('documents.list', {});
    const docRank = new Map(documents.map((d, i) => [d.id, i]));
    const ordinal = ctx.db.prepare('SELECT ordinal FROM statements WHERE id = ?').pluck();
    let ties = 0;
    for (const q of ['技術', '経済', '中国', 'の']) {
      const r = await search(q, { limit: 500, expandVariants: false });
      for (let i = 1; i < r.hits.length; i++) {
        const a = r.hits[i - 1];
        const b = r.hits[i];
        if (a.score !== b.score) continue;
        ties++;
        const ka = [docRank.get(a.documentId)!, ordinal.get(a.statementId) as number];
        const kb = [docRank.get(b.documentId)!, ordinal.get(b.statementId) as number];
        expect(ka[0] < kb[0] || (ka[0] === kb[0] && ka[1] < kb[1])).toBe(true);
      }
    }
    expect(ties).toBeGreaterThan(0);
  });

  it('query language: AND, OR, exclusion, phrase, doc: filter', async () => {
    const china = bruteForce('中国');
    const tech = bruteForce('技術');
    const and = await idsOf('中国 技術');
    expect(and).toEqual(new Set([...china].filter((id) => tech.has(id))));
    const or = await idsOf('中国 OR 技術');
    expect(or.size).toBe(new Set([...china, ...tech]).size);
    const not = await idsOf('中国 -技術');
    expect(not).toEqual(new Set([...china].filter((id) => !tech.has(id))));
    const phrase = await idsOf('"経済 安全保障"');
    expect(phrase).toEqual(bruteForce('経済安全保障'));
    const doc = all.find((s) => china.has(s.id))!.document_id;
    const inDoc = await idsOf(`中国 doc:${doc}`);
    expect(inDoc).toEqual(new Set([...china].filter((id) => all.find((s) => s.id === id)!.document_id === doc)));
  });

  it('names filter values that match nothing', async () => {
    const r = await search('中国 doc:no-such-doc pillar:no-such-pillar speaker:誰もいない');
    expect(r.total).toBe(0);
    expect(r.messages.filter((m) => m.code === 'unknown-filter').map((m) => m.subject)).toEqual(['no-such-doc', 'no-such-pillar', '誰もいない']);
    const speaker = all.find((s) => s.speaker)!.speaker!;
    const ok = await search(`speaker:${speaker}`);
    expect(ok.messages.some((m) => m.code === 'unknown-filter')).toBe(false);
    expect(ok.total).toBe(all.filter((s) => s.speaker && normalizeKey(s.speaker).includes(normalizeKey(speaker))).length);
  });

  it('expands variants by default, shows them, and can switch them off', async () => {
    const on = await search('経済安保');
    expect(on.expansions).toEqual([{ term: '経済安保', variants: ['経済安全保障'] }]);
    const off = await search('経済安保', { expandVariants: false });
    expect(off.expansions).toEqual([]);
    expect(on.total).toBe(new Set([...bruteForce('経済安保'), ...bruteForce('経済安全保障')]).size);
    expect(off.total).toBe(bruteForce('経済安保').size);
  });

  it('odd queries return a message, not an error', async () => {
    for (const q of ['', '-', '"', 'OR OR', '*', 'after:2021-13-45', '"unclosed 中国']) {
      const r = await search(q);
      expect(Array.isArray(r.hits)).toBe(true);
      if (q !== '*') expect(r.messages.length).toBeGreaterThan(0);
    }
  });
});

describe('variant dictionary API', () => {
  it('reads the bundled dictionary, saves the analyst copy, and restores', async () => {
    const before = await api.call('search.variants.get', {});
    expect(before.source).toBe('bundled');
    const saved = await api.call('search.variants.set', { dictionary: { groups: [{ terms: ['中国', '中華人民共和国'] }] } });
    expect(saved.source).toBe('user');
    const r = await search('中国');
    expect(r.expansions).toEqual([{ term: '中国', variants: ['中華人民共和国'] }]);
    await expect(api.call('search.variants.set', { dictionary: { groups: [{ terms: ['ひとつ'] }] } })).rejects.toThrow(/two different spellings/);
    const restored = await api.call('search.variants.set', { dictionary: null });
    expect(restored.source).toBe('bundled');
  });
});

describe('suggestions and quick open', () => {
  it('suggests corpus words by prefix and documents by title words', async () => {
    const s = await api.call('search.suggest', { prefix: '経済' });
    expect(s.suggestions.length).toBeGreaterThan(0);
    expect(s.suggestions.every((x) => normalizeKey(x.label).includes('経済') || x.kind !== 'term')).toBe(true);
    const title = (ctx.db.prepare('SELECT title FROM documents LIMIT 1').pluck().get() as string);
    const q = await api.call('search.quickOpen', { text: title });
    expect(q.items.some((i) => i.kind === 'document' && i.label === title)).toBe(true);
  });
});

describe('CLI', () => {
  it('workbench search 強靭化 --json returns statements with 強靱 and with 強靭', async () => {
    const run = await runCli(['search', '強靭化', '--json', '--limit', '500', '--db', ctx.dbPath]);
    expect(run.code).toBe(0);
    const out = run.json<SearchResult>();
    const texts = out.hits.map((h) => h.text);
    expect(texts.some((t) => t.includes('強靱'))).toBe(true);
    expect(texts.some((t) => t.includes('強靭'))).toBe(true);
    expect(Object.keys(out)).toEqual(expect.arrayContaining(['query', 'total', 'tookMs', 'facets', 'hits']));
    expect(Object.keys(out.hits[0])).toEqual(expect.arrayContaining(['statementId', 'documentId', 'documentTitle', 'headingPath', 'speaker', 'text', 'snippet', 'score', 'matches']));
  });

  it('workbench search 中国 --json returns every statement containing 中国', async () => {
    const run = await runCli(['search', '中国', '--json', '--limit', '500', '--db', ctx.dbPath]);
    const out = run.json<SearchResult>();
    const got = new Set(out.hits.map((h) => h.statementId));
    for (const id of rawContains('中国')) expect(got.has(id)).toBe(true);
    expect(out.total).toBe(got.size);
  });

  it('prints human output without --json and usage errors with exit 2', async () => {
    const run = await runCli(['search', '中国', '--db', ctx.dbPath]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/statements/);
    expect((await runCli(['search', '--db', ctx.dbPath])).code).toBe(2);
    expect((await runCli(['search', '中国', '--limit', 'x', '--db', ctx.dbPath])).code).toBe(2);
  });

  it('--no-variants switches expansion off and --offset pages', async () => {
    const on = (await runCli(['search', '経済安保', '--json', '--db', ctx.dbPath])).json<SearchResult>();
    const off = (await runCli(['search', '経済安保', '--json', '--no-variants', '--db', ctx.dbPath])).json<SearchResult>();
    expect(on.expansions.length).toBe(1);
    expect(off.expansions).toEqual([]);
    expect(off.total).toBeLessThan(on.total);
    const page = (await runCli(['search', '技術', '--json', '--limit', '3', '--offset', '3', '--db', ctx.dbPath])).json<SearchResult>();
    const first = (await runCli(['search', '技術', '--json', '--limit', '6', '--db', ctx.dbPath])).json<SearchResult>();
    expect(page.hits.map((h) => h.statementId)).toEqual(first.hits.slice(3, 6).map((h) => h.statementId));
  });
});

describe('index kept in step', () => {
  it('follows statement deletes and re-inserts, and corrected document titles', async () => {
    const c = corpusContext();
    try {
      const a = apiFor(c);
      const before = await a.call('search.query', { query: '中国', limit: 500, expandVariants: false });
      const victim = before.hits[0];
      c.db.prepare('DELETE FROM statements WHERE id = ?').run(victim.statementId);
      const after = await a.call('search.query', { query: '中国', limit: 500, expandVariants: false });
      expect(after.total).toBe(before.total - 1);
      expect(after.hits.some((h) => h.statementId === victim.statementId)).toBe(false);
      // A writer that bypasses the ingest hook is caught up by the next search.
      c.db.prepare(
        `INSERT INTO statements (id, document_id, ordinal, kind, level, text, start_offset, end_offset, heading_path, parent_id, speaker, marker, table_cell, footnotes)
         VALUES ('test:new', ?, 100000, 'paragraph', NULL, 'ＳＩＰ４Ｄと中国の強靭化', 0, 14, '[]', NULL, NULL, NULL, NULL, '[]')`,
      ).run(victim.documentId);
      const again = await a.call('search.query', { query: 'sip4d 強靱化', limit: 500, expandVariants: false });
      expect(again.hits.map((h) => h.statementId)).toContain('test:new');
      c.db.prepare('UPDATE documents SET title = ? WHERE id = ?').run('訂正後の題名', victim.documentId);
      const renamed = await a.call('search.query', { query: 'sip4d 強靱化', limit: 500, expandVariants: false });
      expect(renamed.hits.find((h) => h.statementId === 'test:new')!.documentTitle).toBe('訂正後の題名');
    } finally {
      closeContext(c);
    }
  });
});

describe('statement metadata snapshot', () => {
  it('a new connection reads the stored snapshot and answers exactly as the builder did', async () => {
    const c = corpusContext();
    const path = c.dbPath;
    const first = await apiFor(c).call('search.query', { query: '技術 OR 中国', limit: 500, expandVariants: false });
    const gen = c.db.prepare('SELECT generation FROM search_state').pluck().get();
    expect(c.db.prepare('SELECT generation FROM search_meta_snapshot WHERE id = 1').pluck().get()).toBe(gen);
    closeContext(c);
    const { openContext } = await import('../../electron/app/context');
    const d = openContext({ dbPath: path, resourcesDir: ctx.resourcesDir, author: 'test' });
    try {
      const second = await apiFor(d).call('search.query', { query: '技術 OR 中国', limit: 500, expandVariants: false });
      expect({ ...second, tookMs: 0 }).toEqual({ ...first, tookMs: 0 });
    } finally {
      closeContext(d);
    }
  });
});
