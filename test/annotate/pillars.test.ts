// Pillar management: the seeded statutory four, and adding, renaming, recolouring, nesting,
// archiving and deleting pillars under the rules that protect the analyst's links.
import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api/client';
import type { AppContext } from '../../electron/app/context';
import { apiError, findStatement, withCorpusApi } from '../helpers/annotate';

let ctx: AppContext;
let api: ApiClient;
withCorpusApi((env) => ({ ctx, api } = env));


describe('pillars', () => {
  it('seeds the four pillars of the Economic Security Promotion Act', async () => {
    const { pillars } = await api.call('pillars.list', {});
    expect(pillars.map((p) => [p.id, p.nameJa, p.nameEn, p.isDefault, p.position])).toEqual([
      ['supply-chain', 'サプライチェーン強靱化', 'Supply chain resilience', true, 0],
      ['infrastructure', '基幹インフラの安全性・信頼性', 'Core infrastructure', true, 1],
      ['tech-protection', '先端重要技術の育成と技術流出防止', 'Technology protection', true, 2],
      ['patents', '特許出願の非公開', 'Patent non-disclosure', true, 3],
    ]);
    expect(new Set(pillars.map((p) => p.color)).size).toBe(4);
    for (const p of pillars) expect(p.color).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('adds a sub-pillar with a generated id and colour, and lists it under its parent', async () => {
    const { pillar } = await api.call('pillars.create', { nameJa: '重要鉱物', nameEn: 'Critical minerals', parentId: 'supply-chain' });
    expect(pillar).toMatchObject({ id: 'critical-minerals', parentId: 'supply-chain', isDefault: false, archived: false, position: 0 });
    const { pillar: twin } = await api.call('pillars.create', { nameJa: '重要鉱物2', nameEn: 'Critical minerals' });
    expect(twin.id).toBe('critical-minerals-2');
    const order = (await api.call('pillars.list', {})).pillars.map((p) => p.id);
    expect(order.indexOf('critical-minerals')).toBe(order.indexOf('supply-chain') + 1);
    expect((await apiError(api.call('pillars.create', { id: 'patents', nameJa: 'x' }))).data.code).toBe('conflict');
    expect((await apiError(api.call('pillars.create', { nameJa: '  ' }))).data.code).toBe('bad-input');
    expect((await apiError(api.call('pillars.create', { nameJa: 'x', parentId: 'nope' }))).data.code).toBe('not-found');
  });

  it('renames and recolours a default pillar', async () => {
    const { pillar } = await api.call('pillars.update', { id: 'patents', nameJa: '特許出願非公開制度', color: '#AA0000' });
    expect(pillar).toMatchObject({ id: 'patents', nameJa: '特許出願非公開制度', nameEn: 'Patent non-disclosure', color: '#aa0000', isDefault: true });
  });

  it('refuses to nest a pillar inside itself or its descendants', async () => {
    const { pillar: child } = await api.call('pillars.create', { nameJa: '子', nameEn: 'child', parentId: 'infrastructure' });
    const e = await apiError(api.call('pillars.update', { id: 'infrastructure', parentId: child.id }));
    expect(e.data.code).toBe('conflict');
    expect((await apiError(api.call('pillars.update', { id: 'infrastructure', parentId: 'infrastructure' }))).data.code).toBe('conflict');
  });

  it('does not delete a used default pillar, deletes it once unused, and archives keep links', async () => {
    const s = findStatement(ctx, '特許');
    const { annotation } = await api.call('annotations.create', { statementId: s.id, pillarIds: ['patents'] });
    expect((await api.call('pillars.list', {})).pillars.find((p) => p.id === 'patents')?.annotationCount).toBe(1);
    const e = await apiError(api.call('pillars.delete', { id: 'patents' }));
    expect(e.data.code).toBe('conflict');
    expect(e.data.message.en).toContain('used by 1 annotation');
    expect(e.data.hint?.en).toContain('Archive');

    const { pillar } = await api.call('pillars.archive', { id: 'patents' });
    expect(pillar.archived).toBe(true);
    expect((await api.call('annotations.get', { id: annotation.id })).annotation.pillarIds).toEqual(['patents']);
    expect((await api.call('pillars.list', { includeArchived: false })).pillars.map((p) => p.id)).not.toContain('patents');
    // An archived pillar is no longer suggested.
    const text = '特許出願の非公開制度について、基本指針を閣議決定した。';
    expect((await api.call('suggestions.forText', { text })).suggestions.map((x) => x.pillar)).not.toContain('patents');
    await api.call('pillars.archive', { id: 'patents', archived: false });

    await api.call('annotations.delete', { id: annotation.id });
    await api.call('pillars.delete', { id: 'patents' });
    expect((await api.call('pillars.list', {})).pillars.map((p) => p.id)).not.toContain('patents');
  });

  it('moves sub-pillars up when their parent is deleted', async () => {
    const { pillar: mid } = await api.call('pillars.create', { nameJa: '中', nameEn: 'mid', parentId: 'supply-chain' });
    const { pillar: leaf } = await api.call('pillars.create', { nameJa: '葉', nameEn: 'leaf', parentId: mid.id });
    await api.call('pillars.delete', { id: mid.id });
    expect((await api.call('pillars.list', {})).pillars.find((p) => p.id === leaf.id)?.parentId).toBe('supply-chain');
  });

  it('reorders siblings, requiring each exactly once', async () => {
    const ids = ['patents', 'tech-protection', 'infrastructure', 'supply-chain'];
    const { pillars } = await api.call('pillars.reorder', { parentId: null, ids });
    expect(pillars.map((p) => p.id)).toEqual(ids);
    expect((await apiError(api.call('pillars.reorder', { parentId: null, ids: ids.slice(1) }))).data.code).toBe('bad-input');
  });

  it("suggests the analyst's own pillar by its name and by terms they add", async () => {
    const { pillar } = await api.call('pillars.create', { nameJa: '防衛産業', nameEn: 'Defence industry' });
    const s = findStatement(ctx, '防衛産業');
    const byName = (await api.call('suggestions.forStatement', { statementId: s.id })).suggestions.find((x) => x.pillar === pillar.id);
    expect(byName?.evidence[0]).toMatchObject({ term: '防衛産業' });
    expect(s.text.slice(byName!.evidence[0].start, byName!.evidence[0].end)).toBe('防衛産業');
    await api.call('pillars.setTerm', { pillarId: pillar.id, term: '装備移転', weight: 2 });
    const terms = await api.call('pillars.terms', { pillarId: pillar.id });
    expect(terms.terms).toEqual([{ pillarId: pillar.id, term: '装備移転', weight: 2, source: 'analyst' }]);
    const t = findStatement(ctx, '装備移転');
    expect((await api.call('suggestions.forStatement', { statementId: t.id })).suggestions.map((x) => x.pillar)).toContain(pillar.id);
    await api.call('history.undo', {});
    expect((await api.call('pillars.terms', { pillarId: pillar.id })).terms.map((x) => x.source)).toEqual(['name', 'name']);
  });
});
