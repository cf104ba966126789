// Annotations through the typed API on the real corpus: creation (span, whole statement,
// overlap), validation that writes nothing, filters, tags, soft delete and the journal.
import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api/client';
import type { AppContext } from '../../electron/app/context';
import { apiError, findStatement, withCorpusApi } from '../helpers/annotate';

let ctx: AppContext;
let api: ApiClient;
withCorpusApi((env) => ({ ctx, api } = env));

function count(table: string): number {
  return (ctx.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
}


describe('annotations', () => {
  it('annotates a quoted span with comment, tags, pillars, importance and author', async () => {
    const s = findStatement(ctx, '半導体');
    const at = s.text.indexOf('半導体');
    const { annotation } = await api.call('annotations.create', { statementId: s.id, quote: '半導体', comment: '供給の要', tags: ['半導体', ' 重要 '], pillarIds: ['supply-chain'], importance: 3 });
    expect(annotation.id).toMatch(/^a-/);
    expect(annotation.statementId).toBe(s.id);
    expect(annotation.documentId).toBe(s.documentId);
    expect(annotation.target.scope).toBe('span');
    expect(annotation.target.position).toEqual({ start: at, end: at + 3 });
    expect(annotation.target.quote.exact).toBe('半導体');
    expect(s.text.slice(0, at).endsWith(annotation.target.quote.prefix)).toBe(true);
    expect(s.text.slice(at + 3).startsWith(annotation.target.quote.suffix)).toBe(true);
    const { text } = await api.call('documents.get', { id: s.documentId });
    expect(text.slice(annotation.target.docStart, annotation.target.docEnd)).toBe('半導体');
    expect(annotation.tags).toEqual(['半導体', '重要']);
    expect(annotation.pillarIds).toEqual(['supply-chain']);
    expect(annotation.importance).toBe(3);
    expect(annotation.author).toBe('test-analyst');
    expect(annotation.orphaned).toBe(false);
    expect(annotation.createdAt).toBe(annotation.updatedAt);
    const again = await api.call('annotations.get', { id: annotation.id });
    expect(again.annotation).toEqual(annotation);
  });

  it('links a whole statement to a pillar without a comment, and counts it for the document', async () => {
    const s = findStatement(ctx, 'サプライチェーン');
    const { annotation } = await api.call('annotations.create', { statementId: s.id, pillarIds: ['supply-chain'] });
    expect(annotation.target.scope).toBe('statement');
    expect(annotation.target.position).toEqual({ start: 0, end: s.text.length });
    expect(annotation.target.quote.exact).toBe(s.text);
    expect(annotation.comment).toBe('');
    const { document } = await api.call('documents.get', { id: s.documentId });
    expect(document.annotations).toBe(1);
  });

  it('keeps many overlapping annotations on one statement, in order', async () => {
    const s = findStatement(ctx, 'サプライチェーン');
    const i = s.text.indexOf('サプライチェーン');
    const a = await api.call('annotations.create', { statementId: s.id, quote: s.text.slice(i, i + 8) });
    const b = await api.call('annotations.create', { statementId: s.id, start: i + 2, end: Math.min(s.text.length, i + 14) });
    const c = await api.call('annotations.create', { statementId: s.id });
    const { annotations } = await api.call('annotations.list', { statementId: s.id });
    expect(new Set(annotations.map((x) => x.id))).toEqual(new Set([a.annotation.id, b.annotation.id, c.annotation.id]));
    // Reading order: by where the span starts, then by creation.
    const keys = annotations.map((x) => [x.target.position.start, x.createdAt] as const);
    expect([...keys].sort((p, q) => p[0] - q[0] || p[1].localeCompare(q[1]))).toEqual(keys);
    expect(annotations).toHaveLength(3);
    expect(b.annotation.target.position.start).toBeLessThan(a.annotation.target.position.end);
  });

  it('uses the start offset to pick one occurrence of a repeated quote', async () => {
    const s = findStatement(ctx, (t) => {
      const i = t.indexOf('経済安全保障');
      return i >= 0 && t.indexOf('経済安全保障', i + 1) > 0;
    });
    const second = s.text.indexOf('経済安全保障', s.text.indexOf('経済安全保障') + 1);
    const { annotation } = await api.call('annotations.create', { statementId: s.id, quote: '経済安全保障', start: second });
    expect(annotation.target.position.start).toBe(second);
    const wrong = await apiError(api.call('annotations.create', { statementId: s.id, quote: '経済安全保障', start: second + 1 }));
    expect(wrong.data.code).toBe('bad-input');
    const badEnd = await apiError(api.call('annotations.create', { statementId: s.id, quote: '経済安全保障', start: second, end: second + 2 }));
    expect(badEnd.data.subject).toBe('end');
    const { annotation: exact } = await api.call('annotations.create', { statementId: s.id, quote: '経済安全保障', start: second, end: second + 6 });
    expect(exact.target.position).toEqual({ start: second, end: second + 6 });
  });

  it('refuses bad input with a clear error and writes nothing', async () => {
    const s = findStatement(ctx, '半導体');
    const before = [count('annotations'), count('change_groups'), count('annotation_pillars')];
    const absent = await apiError(api.call('annotations.create', { statementId: s.id, quote: 'この引用は文にない' }));
    expect(absent.data.code).toBe('bad-input');
    expect(absent.data.message.en).toContain('does not occur');
    expect(absent.data.message.ja).toContain('この引用は文にない');
    const pillar = await apiError(api.call('annotations.create', { statementId: s.id, pillarIds: ['supply-chain', 'no-such-pillar'] }));
    expect(pillar.data.code).toBe('not-found');
    expect(pillar.data.subject).toBe('no-such-pillar');
    const statement = await apiError(api.call('annotations.create', { statementId: 'no-such-statement' }));
    expect(statement.data.code).toBe('not-found');
    const range = await apiError(api.call('annotations.create', { statementId: s.id, start: 5, end: 5 }));
    expect(range.data.code).toBe('bad-input');
    const importance = await apiError(api.call('annotations.create', { statementId: s.id, importance: 4 }));
    expect(importance.data.code).toBe('invalid-request');
    expect([count('annotations'), count('change_groups'), count('annotation_pillars')]).toEqual(before);
  });

  it('filters by statement, document, pillar, tag and orphaned', async () => {
    const s1 = findStatement(ctx, '半導体');
    const s2 = findStatement(ctx, (t, d) => d !== s1.documentId && t.includes('技術'));
    await api.call('annotations.create', { statementId: s1.id, pillarIds: ['supply-chain'], tags: ['x'] });
    await api.call('annotations.create', { statementId: s2.id, pillarIds: ['tech-protection'], tags: ['x', 'y'] });
    await api.call('annotations.create', { statementId: s2.id, quote: '技術' });
    expect((await api.call('annotations.list', {})).annotations).toHaveLength(3);
    expect((await api.call('annotations.list', { documentId: s2.documentId })).annotations).toHaveLength(2);
    expect((await api.call('annotations.list', { pillarId: 'supply-chain' })).annotations.map((a) => a.statementId)).toEqual([s1.id]);
    expect((await api.call('annotations.list', { tag: 'y' })).annotations).toHaveLength(1);
    expect((await api.call('annotations.list', { tag: 'x', pillarId: 'tech-protection' })).annotations).toHaveLength(1);
    expect((await api.call('annotations.list', { orphaned: true })).annotations).toHaveLength(0);
    expect((await api.call('tags.list', {})).tags).toEqual([
      { tag: 'x', count: 2 },
      { tag: 'y', count: 1 },
    ]);
  });

  it('lists many annotations exactly as it gets each one', async () => {
    const s = findStatement(ctx, '半導体');
    for (let i = 0; i < 30; i++) {
      await api.call('annotations.create', { statementId: s.id, start: i % 3, end: 3 + (i % 3), tags: i % 2 ? ['odd', `t${i}`] : [], pillarIds: i % 3 ? ['patents', 'supply-chain'] : [] });
    }
    const { annotations } = await api.call('annotations.list', {});
    expect(annotations).toHaveLength(30);
    for (const a of annotations) expect((await api.call('annotations.get', { id: a.id })).annotation).toEqual(a);
  });

  it('updates comment, tags, pillars, importance and span; deletes softly', async () => {
    const s = findStatement(ctx, '半導体');
    const { annotation } = await api.call('annotations.create', { statementId: s.id, quote: '半導体' });
    const { annotation: edited } = await api.call('annotations.update', { id: annotation.id, comment: 'なぜ重要か', tags: ['t'], pillarIds: ['supply-chain', 'tech-protection'], importance: 2 });
    expect(edited).toMatchObject({ comment: 'なぜ重要か', tags: ['t'], importance: 2 });
    expect(edited.pillarIds.sort()).toEqual(['supply-chain', 'tech-protection']);
    const { annotation: whole } = await api.call('annotations.update', { id: annotation.id, wholeStatement: true });
    expect(whole.target.scope).toBe('statement');
    await api.call('annotations.delete', { id: annotation.id });
    expect((await api.call('annotations.list', {})).annotations).toHaveLength(0);
    expect((await apiError(api.call('annotations.get', { id: annotation.id }))).data.code).toBe('not-found');
    // Soft delete: the row is still there for undo.
    expect(count('annotations')).toBe(1);
  });
});
