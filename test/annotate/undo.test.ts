// Undo/redo for every annotation and pillar change, persisted in the database (it survives a
// restart), and the per-statement activity history.
import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api/client';
import { openContext, type AppContext } from '../../electron/app/context';
import { apiFor } from '../helpers/api';
import { closeContext, RESOURCES_DIR } from '../helpers/db';
import { findStatement, withCorpusApi } from '../helpers/annotate';

let ctx: AppContext;
let api: ApiClient;
withCorpusApi((env) => ({ ctx, api } = env), () => ctx);

async function live(): Promise<string[]> {
  return (await api.call('annotations.list', {})).annotations.map((a) => `${a.id}:${a.comment}:${a.pillarIds.join('+')}:${a.tags.join('+')}`);
}

describe('undo and redo', () => {
  it('undoes and redoes create, update and delete in order', async () => {
    const s = findStatement(ctx, '半導体');
    expect(await api.call('history.state', {})).toEqual({ undo: null, redo: null });
    const { annotation } = await api.call('annotations.create', { statementId: s.id, quote: '半導体', comment: 'one' });
    const afterCreate = await live();
    await api.call('annotations.update', { id: annotation.id, comment: 'two', tags: ['t'], pillarIds: ['supply-chain'] });
    const afterUpdate = await live();
    await api.call('annotations.delete', { id: annotation.id });
    expect(await live()).toEqual([]);

    const state = await api.call('history.state', {});
    expect(state.undo?.label.en).toMatch(/^Delete annotation "半導体"/);
    expect(state.undo?.label.ja).toContain('削除');
    expect(state.redo).toBeNull();

    const u1 = await api.call('history.undo', {});
    expect(u1).toMatchObject({ done: true, kind: 'annotation.delete', annotationIds: [annotation.id] });
    expect(await live()).toEqual(afterUpdate);
    await api.call('history.undo', {});
    expect(await live()).toEqual(afterCreate);
    await api.call('history.undo', {});
    expect(await live()).toEqual([]);
    expect((await api.call('history.undo', {})).done).toBe(false);

    expect((await api.call('history.state', {})).redo?.label.en).toMatch(/^Add annotation/);
    await api.call('history.redo', {});
    expect(await live()).toEqual(afterCreate);
    await api.call('history.redo', {});
    expect(await live()).toEqual(afterUpdate);
    await api.call('history.redo', {});
    expect(await live()).toEqual([]);
    expect((await api.call('history.redo', {})).done).toBe(false);
  });

  it('drops the redo branch when a new change is made', async () => {
    const s = findStatement(ctx, '半導体');
    await api.call('annotations.create', { statementId: s.id, comment: 'a' });
    await api.call('history.undo', {});
    expect((await api.call('history.state', {})).redo).not.toBeNull();
    await api.call('annotations.create', { statementId: s.id, comment: 'b' });
    expect((await api.call('history.state', {})).redo).toBeNull();
    expect((await api.call('history.redo', {})).done).toBe(false);
  });

  it('survives a restart: the journal lives in the database', async () => {
    const s = findStatement(ctx, '半導体');
    await api.call('annotations.create', { statementId: s.id, comment: 'persisted' });
    const dbPath = ctx.dbPath;
    closeContext(ctx);
    ctx = openContext({ dbPath, resourcesDir: RESOURCES_DIR, author: 'test-analyst' });
    api = apiFor(ctx);
    expect((await api.call('history.state', {})).undo?.label.en).toMatch(/^Add annotation/);
    await api.call('history.undo', {});
    expect(await live()).toEqual([]);
    closeContext(ctx);
    ctx = openContext({ dbPath, resourcesDir: RESOURCES_DIR, author: 'test-analyst' });
    api = apiFor(ctx);
    await api.call('history.redo', {});
    expect((await live())[0]).toContain(':persisted:');
  });

  it('undoes pillar changes: create, rename, recolour, nest, reorder, archive, delete', async () => {
    const snapshot = async () => JSON.stringify((await api.call('pillars.list', {})).pillars.map(({ updatedAt: _u, ...p }) => p));
    const states = [await snapshot()];
    const { pillar } = await api.call('pillars.create', { nameJa: '半導体', nameEn: 'Semiconductors', parentId: 'supply-chain' });
    states.push(await snapshot());
    await api.call('pillars.update', { id: pillar.id, nameJa: '先端半導体', color: '#112233' });
    states.push(await snapshot());
    await api.call('pillars.update', { id: pillar.id, parentId: 'tech-protection' });
    states.push(await snapshot());
    await api.call('pillars.reorder', { parentId: null, ids: ['patents', 'supply-chain', 'infrastructure', 'tech-protection'] });
    states.push(await snapshot());
    await api.call('pillars.archive', { id: pillar.id });
    states.push(await snapshot());
    await api.call('pillars.delete', { id: pillar.id });
    states.push(await snapshot());
    for (let i = states.length - 2; i >= 0; i--) {
      await api.call('history.undo', {});
      expect(await snapshot()).toEqual(states[i]);
    }
    for (let i = 1; i < states.length; i++) {
      await api.call('history.redo', {});
      expect(await snapshot()).toEqual(states[i]);
    }
  });

  it('undoes accepting and rejecting suggestions', async () => {
    const s = findStatement(ctx, (t) => t.includes('サプライチェーン') && t.includes('強靱化'));
    const { annotation, created } = await api.call('suggestions.accept', { statementId: s.id, pillarId: 'supply-chain' });
    expect(created).toBe(true);
    expect(annotation.pillarIds).toEqual(['supply-chain']);
    await api.call('history.undo', {});
    expect(await live()).toEqual([]);
    await api.call('suggestions.reject', { statementId: s.id, pillarId: 'supply-chain' });
    expect((await api.call('suggestions.forStatement', { statementId: s.id })).suggestions.map((x) => x.pillar)).not.toContain('supply-chain');
    await api.call('history.undo', {});
    expect((await api.call('suggestions.forStatement', { statementId: s.id })).suggestions.map((x) => x.pillar)).toContain('supply-chain');
  });
});

describe('activity history', () => {
  it("lists a statement's changes, undos and redos, newest first", async () => {
    const s = findStatement(ctx, '半導体');
    const other = findStatement(ctx, (t, d) => d !== s.documentId && t.length > 20);
    const { annotation } = await api.call('annotations.create', { statementId: s.id, quote: '半導体' });
    await api.call('annotations.update', { id: annotation.id, comment: 'c' });
    await api.call('annotations.create', { statementId: other.id });
    await api.call('history.undo', {});
    await api.call('history.undo', {});
    await api.call('history.redo', {});
    const { activity } = await api.call('history.forStatement', { statementId: s.id });
    expect(activity.map((a) => `${a.action}:${a.kind}`)).toEqual(['redo:annotation.update', 'undo:annotation.update', 'do:annotation.update', 'do:annotation.create']);
    expect(activity.every((a) => a.annotationId === annotation.id && a.author === 'test-analyst')).toBe(true);
    const all = await api.call('history.forStatement', { statementId: null });
    expect(all.activity).toHaveLength(6);
  });
});
