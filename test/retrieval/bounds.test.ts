// Retrieval stays bounded when the coding is large or odd: 10,000 distinct tags give a tag matrix
// of the 300 most used (saying how many were left out), a co-occurrence of at most 300 codes and
// segments paged as usual; a 5,000-character tag and a malformed filter get messages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api/client';
import type { AppContext } from '../../electron/app/context';
import { MAX_TAG_AXIS } from '../../electron/retrieval/matrix';
import { closeContext, corpusContext } from '../helpers/db';
import { apiFor } from '../helpers/api';

let ctx: AppContext;
let api: ApiClient;
let annotationIds: string[];
const DISTINCT = 10_000;

beforeAll(async () => {
  ctx = corpusContext();
  api = apiFor(ctx);
  const statements = ctx.db.prepare('SELECT id FROM statements ORDER BY rowid LIMIT 40').pluck().all() as string[];
  const { pillars } = await api.call('pillars.list', {});
  annotationIds = [];
  // 'common' on every annotation, 'often' on half: they must survive the cap.
  for (const [i, statementId] of statements.entries()) {
    const { annotation } = await api.call('annotations.create', { statementId, pillarIds: [pillars[i % pillars.length].id], tags: ['common', ...(i % 2 ? ['often'] : [])] });
    annotationIds.push(annotation.id);
  }
  // 10,000 more distinct tags, each on one annotation (written as rows: the annotate service
  // caps what one request may carry, not what a library may grow to).
  const ins = ctx.db.prepare('INSERT INTO annotation_tags (annotation_id, tag) VALUES (?, ?)');
  ctx.db.transaction(() => {
    for (let t = 0; t < DISTINCT; t++) ins.run(annotationIds[t % annotationIds.length], `tag-${String(t).padStart(5, '0')}`);
  })();
}, 120_000);
afterAll(() => closeContext(ctx));

describe('10,000 distinct tags', () => {
  it('the tag matrix keeps the most used 300 and says how many it left out', async () => {
    const m = await api.call('retrieval.matrix', { rows: 'tag', cols: 'document' });
    expect(m.rows.length).toBe(MAX_TAG_AXIS);
    expect(m.omitted).toEqual({ rows: DISTINCT + 2 - MAX_TAG_AXIS, cols: 0 });
    const ids = m.rows.map((r) => r.id);
    expect(ids).toContain('common');
    expect(ids).toContain('often');
    expect(m.rowTotals[ids.indexOf('common')]).toBe(annotationIds.length);
    const tt = await api.call('retrieval.matrix', { rows: 'tag', cols: 'tag' });
    expect(tt.cols.length).toBe(MAX_TAG_AXIS);
    expect(tt.omitted).toEqual({ rows: DISTINCT + 2 - MAX_TAG_AXIS, cols: DISTINCT + 2 - MAX_TAG_AXIS });
    const pillarRows = await api.call('retrieval.matrix', { rows: 'pillar', cols: 'document' });
    expect(pillarRows.omitted).toBeUndefined();
  });

  it('co-occurrence stays at 300 codes', async () => {
    const c = await api.call('retrieval.cooccurrence', {});
    expect(c.codes.length).toBe(300);
    expect(c.counts.length).toBe(300);
    expect(c.codes.map((x) => x.id)).toContain('tag:common');
  });

  it('segments page as usual, each with all its tags', async () => {
    const page = await api.call('retrieval.segments', { filter: { tags: ['tag-09999'] }, limit: 10 });
    expect(page.total).toBe(1);
    expect(page.items[0].tags).toContain('tag-09999');
    expect(page.items[0].tags.length).toBe(2 + DISTINCT / annotationIds.length - (annotationIds.indexOf(page.items[0].annotationId) % 2 ? 0 : 1));
    const all = await api.call('retrieval.segments', { limit: 500 });
    expect(all.total).toBe(annotationIds.length);
  });

  it('a 5,000-character tag, an empty tag and importance 9 get messages', async () => {
    const long = await api.call('retrieval.segments', { filter: { tags: ['長'.repeat(5000)] } }).catch((e: { data: { code: string; message: { en: string } } }) => e.data);
    expect(long).toMatchObject({ code: 'invalid-request' });
    expect((long as { message: { en: string } }).message.en).toContain('at most 200 characters');
    const search = await api.call('search.query', { query: 'tag: importance:9' });
    expect(search.messages.map((m) => m.code)).toEqual(expect.arrayContaining(['empty-filter', 'bad-filter-value']));
  });
});
