// pillar: filter and pillar facets, with annotations made through the real annotations API:
// a statement is under a pillar while it has a non-deleted annotation linked to it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AppContext } from '../../electron/app/context';
import type { ApiClient } from '../../shared/api/client';
import { apiFor } from '../helpers/api';
import { closeContext, corpusContext } from '../helpers/db';

let ctx: AppContext;
let api: ApiClient;
beforeAll(() => {
  ctx = corpusContext();
  api = apiFor(ctx);
});
afterAll(() => closeContext(ctx));

it('filters by pillar:ID and counts hits per pillar, following annotation deletes', async () => {
  const { pillars } = await api.call('pillars.list', {});
  expect(pillars.length).toBeGreaterThanOrEqual(2);
  const [p1, p2] = pillars;
  const china = await api.call('search.query', { query: '中国', limit: 500, expandVariants: false });
  expect(china.total).toBeGreaterThanOrEqual(3);
  expect(china.facets.pillars).toEqual([]);
  const [a, b, c] = china.hits;
  const ann1 = (await api.call('annotations.create', { statementId: a.statementId, pillarIds: [p1.id] })).annotation;
  await api.call('annotations.create', { statementId: b.statementId, pillarIds: [p1.id, p2.id] });
  await api.call('annotations.create', { statementId: c.statementId, pillarIds: [p2.id] });

  const filed = await api.call('search.query', { query: `中国 pillar:${p1.id}`, limit: 500, expandVariants: false });
  expect(new Set(filed.hits.map((h) => h.statementId))).toEqual(new Set([a.statementId, b.statementId]));
  const all = await api.call('search.query', { query: '中国', limit: 1, expandVariants: false });
  expect(all.facets.pillars.find((f) => f.id === p1.id)?.count).toBe(2);
  expect(all.facets.pillars.find((f) => f.id === p2.id)?.count).toBe(2);
  expect(all.facets.pillars.find((f) => f.id === p1.id)?.label).toBe(p1.nameJa);

  await api.call('annotations.delete', { id: ann1.id });
  const after = await api.call('search.query', { query: `中国 pillar:${p1.id}`, limit: 500, expandVariants: false });
  expect(after.hits.map((h) => h.statementId)).toEqual([b.statementId]);
  // A pillar filter alone lists everything filed under it, in reading order.
  const only = await api.call('search.query', { query: `pillar:${p2.id}`, limit: 500 });
  expect(new Set(only.hits.map((h) => h.statementId))).toEqual(new Set([b.statementId, c.statementId]));
  expect(only.ranking).toBe('document-order');
});

it('suggests pillar names and quick-opens them', async () => {
  const { pillars } = await api.call('pillars.list', {});
  const name = pillars[0].nameJa;
  const s = await api.call('search.suggest', { prefix: name.slice(0, 2) });
  expect(s.suggestions.some((x) => x.kind === 'pillar' && x.id === pillars[0].id && x.value === `pillar:${pillars[0].id}`)).toBe(true);
  const q = await api.call('search.quickOpen', { text: name });
  expect(q.items.some((i) => i.kind === 'pillar' && i.id === pillars[0].id)).toBe(true);
});

it('does not file an orphaned annotation under its pillar (its place is unknown)', async () => {
  const b64 = (t: string) => Buffer.from(t, 'utf8').toString('base64');
  const v1 = '半導体の供給網について、同志国との協力を深める必要がある。\n\n別の段落です。\n';
  await api.call('documents.import', { fileName: 'orphan-note.txt', contentBase64: b64(v1), id: 'orphan-note' });
  const hit = (await api.call('search.query', { query: '同志国との協力 doc:orphan-note' })).hits[0];
  await api.call('annotations.create', { statementId: hit.statementId, quote: '同志国との協力を深める必要がある', pillarIds: ['supply-chain'] });
  const filed = await api.call('search.query', { query: 'pillar:supply-chain doc:orphan-note' });
  expect(filed.total).toBe(1);
  const v2 = 'まったく違う内容に書き換えられた。\n\n別の段落です。\n';
  await api.call('documents.import', { fileName: 'orphan-note.txt', contentBase64: b64(v2), id: 'orphan-note', replace: true });
  const { annotations } = await api.call('annotations.list', { documentId: 'orphan-note', orphaned: true });
  expect(annotations).toHaveLength(1);
  const after = await api.call('search.query', { query: 'pillar:supply-chain doc:orphan-note' });
  expect(after.total).toBe(0);
});
