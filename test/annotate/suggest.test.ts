// Pillar suggestions: score and evidence offsets into the original text, normalization
// (強靭/強靱, full-width letters), negative terms, rejection memory, and the rules file checks.
import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api/client';
import { compileRules, scorePillars, suggestPillars } from '../../shared/suggest';
import type { AppContext } from '../../electron/app/context';
import { parseTermsFile } from '../../electron/annotate/terms';
import { findStatement, withCorpusApi } from '../helpers/annotate';

let ctx: AppContext;
let api: ApiClient;
withCorpusApi((env) => ({ ctx, api } = env));

describe('suggestion scoring (pure)', () => {
  const rules = compileRules({
    threshold: 0.5,
    saturation: 2,
    terms: [
      { pillarId: 'supply-chain', term: 'サプライチェーン強靱化', weight: 3, source: 'bundled' },
      { pillarId: 'supply-chain', term: 'サプライチェーン', weight: 2, source: 'bundled' },
      { pillarId: 'infrastructure', term: '国土強靱化', weight: -1, source: 'bundled' },
      { pillarId: 'infrastructure', term: '強靱化', weight: 1, source: 'bundled' },
      { pillarId: 'tech-protection', term: 'AI', weight: 1, source: 'bundled' },
    ],
  });

  it('reports evidence at original offsets, across variant kanji and spacing', () => {
    const text = '経済安保では、サプライチェーン強靭化が重要。';
    const [s] = suggestPillars(text, rules);
    expect(s.pillar).toBe('supply-chain');
    expect(s.evidence).toEqual([{ term: 'サプライチェーン強靱化', start: 7, end: 18 }]);
    expect(text.slice(7, 18)).toBe('サプライチェーン強靭化');
    expect(s.score).toBe(0.6); // 3 / (3 + 2)
    const spaced = scorePillars('Ａ Ｉ と量子', rules).find((x) => x.pillar === 'tech-protection')!;
    expect(spaced.evidence).toEqual([{ term: 'AI', start: 0, end: 3 }]);
  });

  it('counts a phrase once, not again for the words inside it', () => {
    const [s] = scorePillars('サプライチェーン強靱化とサプライチェーン', rules);
    expect(s.score).toBe(Math.round((5 / 7) * 1000) / 1000);
    expect(s.evidence.map((e) => e.term)).toEqual(['サプライチェーン強靱化', 'サプライチェーン']);
  });

  it('lets a negative term claim a misleading phrase', () => {
    expect(scorePillars('国土強靱化を進める', rules).find((s) => s.pillar === 'infrastructure')).toBeUndefined();
    expect(scorePillars('通信網の強靱化', rules).find((s) => s.pillar === 'infrastructure')?.score).toBe(0.333);
  });
});

describe('suggestions through the API and CLI data', () => {
  it('suggests patents for the issue example, with its evidence', async () => {
    const text = '特許出願の非公開制度について、基本指針を閣議決定した。';
    const { suggestions } = await api.call('suggestions.forText', { text });
    expect(suggestions.map((s) => s.pillar)).toEqual(['patents']);
    const [p] = suggestions;
    expect(p.score).toBeGreaterThanOrEqual(0.5);
    expect(p.evidence[0]).toEqual({ term: '特許出願の非公開', start: 0, end: 8 });
    for (const e of p.evidence) expect(text.slice(e.start, e.end).length).toBeGreaterThan(0);
  });

  it('suggests for a corpus statement with evidence pointing into its text, flagging links', async () => {
    const s = findStatement(ctx, (t) => t.includes('サプライチェーン') && t.includes('基幹インフラ'));
    const { suggestions } = await api.call('suggestions.forStatement', { statementId: s.id });
    const pillars = suggestions.map((x) => x.pillar);
    expect(pillars).toEqual(expect.arrayContaining(['supply-chain', 'infrastructure']));
    for (const sug of suggestions) {
      expect(sug.linked).toBe(false);
      for (const e of sug.evidence) expect(e.end).toBeGreaterThan(e.start);
    }
    await api.call('suggestions.accept', { statementId: s.id, pillarId: 'infrastructure' });
    const again = await api.call('suggestions.accept', { statementId: s.id, pillarId: 'infrastructure' });
    expect(again.created).toBe(false);
    const after = await api.call('suggestions.forStatement', { statementId: s.id });
    expect(after.suggestions.find((x) => x.pillar === 'infrastructure')?.linked).toBe(true);
    expect((await api.call('annotations.list', { pillarId: 'infrastructure' })).annotations).toHaveLength(1);
  });

  it('remembers a rejection for that statement only', async () => {
    const statements = [findStatement(ctx, 'サプライチェーン強靱化の第一歩'), findStatement(ctx, (t) => t.includes('サプライチェーンの強靱化に向けた'))];
    await api.call('suggestions.reject', { statementId: statements[0].id, pillarId: 'supply-chain' });
    expect((await api.call('suggestions.forStatement', { statementId: statements[0].id })).suggestions.map((x) => x.pillar)).not.toContain('supply-chain');
    const shown = await api.call('suggestions.forStatement', { statementId: statements[0].id, includeRejected: true });
    expect(shown.suggestions.find((x) => x.pillar === 'supply-chain')?.rejected).toBe(true);
    expect((await api.call('suggestions.forStatement', { statementId: statements[1].id })).suggestions.map((x) => x.pillar)).toContain('supply-chain');
    // Accepting later wins over the earlier rejection.
    await api.call('suggestions.accept', { statementId: statements[0].id, pillarId: 'supply-chain' });
    const now = await api.call('suggestions.forStatement', { statementId: statements[0].id });
    expect(now.suggestions.find((x) => x.pillar === 'supply-chain')).toMatchObject({ linked: true, rejected: false });
  });

  it('suggests for a whole document at once, and lists unfiled statements page by page', async () => {
    const s = findStatement(ctx, (t) => t.includes('サプライチェーン') && t.includes('基幹インフラ'));
    const { statements } = await api.call('suggestions.forDocument', { documentId: s.documentId });
    const one = (await api.call('suggestions.forStatement', { statementId: s.id })).suggestions;
    expect(statements.find((x) => x.statementId === s.id)?.suggestions).toEqual(one);

    const first = await api.call('suggestions.unfiled', { limit: 5 });
    expect(first.statements).toHaveLength(5);
    expect(first.next).toBe(first.statements[4].statementId);
    const second = await api.call('suggestions.unfiled', { limit: 5, after: first.next! });
    expect(second.statements.map((x) => x.statementId)).not.toContain(first.statements[0].statementId);
    // Filing a statement under any pillar takes it off the unfiled list.
    const target = first.statements[0];
    await api.call('suggestions.accept', { statementId: target.statementId, pillarId: target.suggestions[0].pillar });
    expect((await api.call('suggestions.unfiled', { limit: 5 })).statements.map((x) => x.statementId)).not.toContain(target.statementId);
    const patents = await api.call('suggestions.unfiled', { pillarId: 'patents', limit: 100 });
    expect(patents.statements.length).toBeGreaterThan(0);
    for (const x of patents.statements) expect(x.suggestions.map((y) => y.pillar)).toEqual(['patents']);
  });

  it('names the field at fault in a broken rules file', () => {
    expect(() => parseTermsFile('{', 'terms.json')).toThrow(/terms\.json is invalid/);
    const base = { format: 'keizai-anpo-workbench/pillar-terms', version: 1, threshold: 0.5, saturation: 2, pillars: { patents: { 特許: 'x' } } };
    expect(() => parseTermsFile(JSON.stringify(base), 'terms.json')).toThrow(/pillars\.patents\.特許 must be a number/);
    expect(() => parseTermsFile(JSON.stringify({ ...base, version: 2 }), 'terms.json')).toThrow(/unsupported version 2/);
  });
});
