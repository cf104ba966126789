// Undo/redo of every briefing change through the one persisted journal (history.undo/redo):
// each step taken back restores exactly the state before it, redo replays it, and it survives a restart.
import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api/client';
import { openContext, type AppContext } from '../../electron/app/context';
import * as repo from '../../electron/briefing/repo';
import { apiFor } from '../helpers/api';
import { withCorpusApi } from '../helpers/annotate';
import { closeContext, RESOURCES_DIR } from '../helpers/db';
import { annotatePillars, type Fixture } from './evidence-fixture';

let ctx: AppContext;
let api: ApiClient;
let fx: Fixture;
withCorpusApi(
  (env) => {
    ({ ctx, api } = env);
    fx = annotatePillars(ctx.db, 2);
  },
  () => ctx,
);

/** Everything the analyst can see of the briefings (times aside): live briefings in full. */
function state(): unknown {
  const ids = (ctx.db.prepare('SELECT id FROM briefings WHERE deleted_at IS NULL ORDER BY id').all() as { id: string }[]).map((r) => r.id);
  return ids.map((id) => {
    const { updatedAt: _u, createdAt: _c, ...b } = repo.getBriefing(ctx.db, id);
    return b;
  });
}

/** Dense positions 0..n-1 everywhere, whatever was undone. */
function positionsAreDense(): void {
  const groups = ctx.db
    .prepare(
      `SELECT briefing_id AS parent, group_concat(position) AS ps FROM (SELECT briefing_id, position FROM briefing_sections ORDER BY position) GROUP BY briefing_id
       UNION ALL SELECT section_id, group_concat(position) FROM (SELECT section_id, position FROM briefing_items ORDER BY position) GROUP BY section_id`,
    )
    .all() as { parent: string; ps: string }[];
  for (const g of groups) expect(g.ps.split(',').map(Number)).toEqual([...Array(g.ps.split(',').length).keys()]);
}

describe('briefing undo and redo', () => {
  it('takes back every kind of briefing change, one step at a time, and redoes them all', async () => {
    const [a1, a2, a3, a4] = fx.all;
    const steps: { name: string; run: () => Promise<unknown> }[] = [];
    let id = '';
    let s1 = '';
    let s2 = '';
    let i1 = '';
    let i2 = '';
    let i3 = '';
    steps.push({ name: 'create', run: async () => (id = (await api.call('briefings.create', { title: '四本柱', marking: '取扱注意' })).briefing.id) });
    steps.push({ name: 'rename', run: () => api.call('briefings.update', { id, title: '改題', summary: '要旨', language: 'en' }) });
    steps.push({ name: 'add section A', run: async () => (s1 = (await api.call('briefings.sections.add', { briefingId: id, heading: 'A', body: '本文A' })).sectionId) });
    steps.push({ name: 'add section B first', run: async () => (s2 = (await api.call('briefings.sections.add', { briefingId: id, heading: 'B', position: 0 })).sectionId) });
    steps.push({ name: 'add item 1', run: async () => (i1 = (await api.call('briefings.items.add', { sectionId: s1, annotationId: a1.id, comment: 'c1' })).itemId) });
    steps.push({ name: 'add item 2', run: async () => (i2 = (await api.call('briefings.items.add', { sectionId: s1, statementId: a2.statementId })).itemId) });
    steps.push({ name: 'add item 3 first', run: async () => (i3 = (await api.call('briefings.items.add', { sectionId: s1, annotationId: a3.id, position: 0 })).itemId) });
    steps.push({ name: 'add item to B', run: () => api.call('briefings.items.add', { sectionId: s2, annotationId: a4.id }) });
    steps.push({ name: 'edit item', run: () => api.call('briefings.items.update', { itemId: i1, comment: '改訂したコメント' }) });
    steps.push({ name: 'move item within', run: () => api.call('briefings.items.move', { itemId: i2, position: 0 }) });
    steps.push({ name: 'move item across', run: () => api.call('briefings.items.move', { itemId: i3, sectionId: s2, position: 0 }) });
    steps.push({ name: 'edit section', run: () => api.call('briefings.sections.update', { sectionId: s1, heading: 'A2', body: '' }) });
    steps.push({ name: 'move section', run: () => api.call('briefings.sections.move', { sectionId: s2, position: 1 }) });
    steps.push({ name: 'delete item', run: () => api.call('briefings.items.delete', { itemId: i1 }) });
    steps.push({ name: 'delete section with items', run: () => api.call('briefings.sections.delete', { sectionId: s2 }) });
    steps.push({ name: 'duplicate', run: () => api.call('briefings.duplicate', { id }) });
    steps.push({ name: 'delete briefing', run: () => api.call('briefings.delete', { id }) });

    const before: unknown[] = [];
    for (const step of steps) {
      before.push(state());
      await step.run();
      positionsAreDense();
    }
    const final = state();
    expect(final).not.toEqual(before[before.length - 1]);

    for (let i = steps.length - 1; i >= 0; i--) {
      const r = await api.call('history.undo', {});
      expect(r.done, steps[i].name).toBe(true);
      expect(r.kind, steps[i].name).toMatch(/^briefing\./);
      expect(r.briefingIds?.length, steps[i].name).toBeGreaterThan(0);
      expect(state(), `after undoing "${steps[i].name}"`).toEqual(before[i]);
      positionsAreDense();
    }
    expect(state()).toEqual([]);
    // The annotations the fixture made are older: the next undo is theirs, not a briefing's.
    expect((await api.call('history.state', {})).undo?.label.en).toMatch(/annotation/i);

    for (let i = 0; i < steps.length; i++) {
      const r = await api.call('history.redo', {});
      expect(r.done, steps[i].name).toBe(true);
      expect(state(), `after redoing "${steps[i].name}"`).toEqual(i + 1 < steps.length ? before[i + 1] : final);
    }
  });

  it('labels the steps for the undo button and the history, and skips edits that change nothing', async () => {
    const { briefing } = await api.call('briefings.create', { title: '経済安全保障の概観' });
    const { sectionId } = await api.call('briefings.sections.add', { briefingId: briefing.id, heading: '背景' });
    const { itemId } = await api.call('briefings.items.add', { sectionId, annotationId: fx.all[0].id });
    await api.call('briefings.items.delete', { itemId });
    const st = await api.call('history.state', {});
    expect(st.undo?.label.ja).toContain('削除');
    expect(st.undo?.label.ja).toContain('経済安全保障の概観');
    expect(st.undo?.label.en).toMatch(/^Delete item ".+" \(経済安全保障の概観\)$/);

    const groups = () => (ctx.db.prepare("SELECT COUNT(*) AS n FROM change_groups WHERE kind LIKE 'briefing.%'").get() as { n: number }).n;
    const n = groups();
    await api.call('briefings.sections.update', { sectionId, heading: '背景' });
    await api.call('briefings.sections.move', { sectionId, position: 0 });
    await api.call('briefings.update', { id: briefing.id, title: '経済安全保障の概観' });
    expect(groups()).toBe(n);

    const all = await api.call('history.forStatement', { statementId: null });
    expect(all.activity.slice(0, 4).map((a) => a.kind)).toEqual(['briefing.item.delete', 'briefing.item.add', 'briefing.section.add', 'briefing.create']);
    expect(all.activity[0].author).toBe('test-analyst');
    // The statement quoted by the item shows it in its own history too.
    const own = await api.call('history.forStatement', { statementId: fx.all[0].statementId });
    expect(own.activity.slice(0, 2).map((a) => [a.kind, a.annotationId])).toEqual([
      ['briefing.item.delete', fx.all[0].id],
      ['briefing.item.add', fx.all[0].id],
    ]);
  });

  it('undoes a briefing change after a restart, interleaved with annotation changes', async () => {
    const { briefing } = await api.call('briefings.create', { title: 'T' });
    const { sectionId } = await api.call('briefings.sections.add', { briefingId: briefing.id, heading: 'A' });
    await api.call('briefings.items.add', { sectionId, annotationId: fx.all[0].id });
    await api.call('annotations.update', { id: fx.all[0].id, comment: 'edited' });
    await api.call('briefings.sections.delete', { sectionId });
    const path = ctx.dbPath;
    closeContext(ctx);
    ctx = openContext({ dbPath: path, resourcesDir: RESOURCES_DIR, author: 'test-analyst' });
    api = apiFor(ctx);

    expect((await api.call('history.undo', {})).kind).toBe('briefing.section.delete');
    const back = repo.getBriefing(ctx.db, briefing.id);
    expect(back.sections.map((s) => [s.id, s.heading, s.items.map((i) => i.annotationId)])).toEqual([[sectionId, 'A', [fx.all[0].id]]]);
    expect((await api.call('history.undo', {})).kind).toBe('annotation.update');
    expect((await api.call('annotations.get', { id: fx.all[0].id })).annotation.comment).not.toBe('edited');
    expect((await api.call('history.undo', {})).kind).toBe('briefing.item.add');
    expect(repo.getBriefing(ctx.db, briefing.id).sections[0].items).toEqual([]);
  });

  it('undoDelete: right after the delete it is the delete undone (redo deletes again); later it is a restore of its own', async () => {
    const { briefing: a } = await api.call('briefings.create', { title: 'A' });
    const { briefing: b } = await api.call('briefings.create', { title: 'B' });
    await api.call('briefings.delete', { id: a.id });
    expect((await api.call('briefings.undoDelete', {})).briefing.id).toBe(a.id);
    expect((await api.call('history.state', {})).redo?.label.en).toBe('Delete briefing "A"');
    await api.call('history.redo', {});
    expect((await api.call('briefings.list', {})).briefings.map((x) => x.id)).toEqual([b.id]);

    // Something else happened since the delete: bringing A back is a change in its own right.
    await api.call('briefings.update', { id: b.id, subtitle: 'sub' });
    expect((await api.call('briefings.undoDelete', { id: a.id })).briefing.title).toBe('A');
    expect((await api.call('history.state', {})).undo?.label.en).toBe('Restore briefing "A"');
    await api.call('history.undo', {});
    expect((await api.call('briefings.list', {})).briefings.map((x) => x.id)).toEqual([b.id]);
    await expect(api.call('briefings.undoDelete', { id: b.id })).rejects.toMatchObject({ data: { code: 'not-found' } });
  });

  it('a refused change writes nothing to the journal', async () => {
    const { briefing } = await api.call('briefings.create', { title: 'T' });
    const { sectionId } = await api.call('briefings.sections.add', { briefingId: briefing.id, heading: 'A' });
    const { briefing: other } = await api.call('briefings.create', { title: 'U' });
    const { sectionId: foreign } = await api.call('briefings.sections.add', { briefingId: other.id, heading: 'X' });
    const { itemId } = await api.call('briefings.items.add', { sectionId, annotationId: fx.all[0].id });
    const groups = () => (ctx.db.prepare('SELECT COUNT(*) AS n FROM change_groups').get() as { n: number }).n;
    const n = groups();
    await expect(api.call('briefings.items.move', { itemId, sectionId: foreign, position: 0 })).rejects.toMatchObject({ data: { code: 'conflict' } });
    await expect(api.call('briefings.items.add', { sectionId, statementId: 'nope:000' })).rejects.toMatchObject({ data: { code: 'not-found' } });
    await expect(api.call('briefings.sections.delete', { sectionId: 'sec_missing' })).rejects.toMatchObject({ data: { code: 'not-found' } });
    expect(groups()).toBe(n);
    expect(repo.getBriefing(ctx.db, briefing.id).sections[0].items.map((i) => i.id)).toEqual([itemId]);
  });
});
