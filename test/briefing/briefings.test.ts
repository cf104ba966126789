// Briefings on the real corpus: create from every template, edit sections and items, duplicate,
// delete and undo, saved templates, and resolution of quotes and citations (incl. lost evidence).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteAnnotation } from '../../electron/annotate/annotations';
import { listPillars } from '../../electron/annotate/pillar-rows';
import { getDocument, getStatement } from '../../electron/corpus/repo';
import * as repo from '../../electron/briefing/repo';
import { resolveBriefing } from '../../electron/briefing/resolve';
import { buildDraft, deleteTemplate, listTemplates, saveTemplate } from '../../electron/briefing/templates';
import type { AppContext } from '../../electron/app/context';
import { apiFor, desktopApiFor, downloadBytes } from '../helpers/api';
import { renderBriefingMarkdown } from '../../electron/export/markdown';
import { closeContext, corpusContext, tempDir } from '../helpers/db';
import { allStatements, annotatePillars, type Fixture } from './evidence-fixture';

let ctx: AppContext;
let fx: Fixture;
beforeEach(() => {
  ctx = corpusContext();
  fx = annotatePillars(ctx.db, 2);
});
afterEach(() => closeContext(ctx));

const create = (source: Parameters<typeof buildDraft>[2], header: Partial<Parameters<typeof buildDraft>[1]> = {}) =>
  repo.createBriefing(ctx, buildDraft(ctx.db, { title: 'テスト', ...header }, source));

describe('templates', () => {
  it('groups all annotations by pillar, one section per pillar in taxonomy order, with every annotation once per pillar', () => {
    const b = create({ from: 'annotations', groupBy: 'pillar' });
    const pillars = listPillars(ctx.db).filter((p) => fx.byPillar[p.id]?.length);
    expect(b.sections.map((s) => s.heading)).toEqual(pillars.map((p) => p.nameJa));
    for (const [i, p] of pillars.entries()) {
      expect(b.sections[i].items.map((it) => it.annotationId).sort()).toEqual(fx.byPillar[p.id].map((a) => a.id).sort());
    }
    expect(b.sections.every((s) => s.items.every((it) => it.quoteAtAdd.length > 0))).toBe(true);
  });

  it('uses English pillar names for an English briefing and keeps a requested pillar even without evidence', () => {
    ctx.db.prepare('DELETE FROM annotation_pillars WHERE pillar_id = ?').run('patents');
    const b = create({ from: 'annotations', groupBy: 'pillar', pillars: ['patents', 'supply-chain'] }, { language: 'en' });
    expect(b.sections.map((s) => s.heading)).toEqual(['Supply chain resilience', 'Patent non-disclosure']);
    expect(b.sections[1].items).toEqual([]);
  });

  it('rejects an unknown pillar', () => {
    expect(() => create({ from: 'annotations', pillars: ['no-such-pillar'] })).toThrow(/no-such-pillar/);
  });

  it('groups by document in library (date) order and by speaker', () => {
    const byDoc = create({ from: 'annotations', groupBy: 'document' });
    const docTitles = [...new Set(fx.all.map((a) => getDocument(ctx.db, a.documentId).document.title))];
    expect(byDoc.sections.map((s) => s.heading).sort()).toEqual(docTitles.sort());
    expect(byDoc.sections.reduce((n, s) => n + s.items.length, 0)).toBe(fx.all.length);

    const bySpeaker = create({ from: 'annotations', groupBy: 'speaker' });
    const speakers = new Set(fx.all.map((a) => getStatement(ctx.db, a.statementId).speaker ?? '発言者の記載なし'));
    expect(new Set(bySpeaker.sections.map((s) => s.heading))).toEqual(speakers);
  });

  it('builds from a selection of annotations and statements in reading order, and refuses an empty one', () => {
    const st = allStatements(ctx.db).find((s) => s.speaker)!;
    const b = create({ from: 'selection', annotationIds: [fx.all[0].id], statementIds: [st.id] });
    expect(b.sections).toHaveLength(1);
    expect(b.sections[0].items.map((i) => i.annotationId ?? i.statementId).sort()).toEqual([fx.all[0].id, st.id].sort());
    expect(() => create({ from: 'selection' })).toThrow(/empty|空/);
  });

  it('saves a briefing as a template and creates a new one from it', () => {
    const b = create({ from: 'empty' }, { marking: '取扱注意', summary: '要旨', subtitle: '副題' });
    repo.addSection(ctx, b.id, { heading: '背景', body: '背景の説明' });
    const t = saveTemplate(ctx.db, b.id, '定例報告', { groupBy: 'pillar' });
    expect(listTemplates(ctx.db).map((x) => x.id)).toEqual(expect.arrayContaining(['builtin:empty', 'builtin:by-pillar', 'builtin:by-document', 'builtin:by-speaker', t.id]));
    const c = create({ from: 'template', templateId: t.id }, { title: '新しい報告' });
    expect(c.marking).toBe('取扱注意');
    expect(c.summary).toBe('要旨');
    expect(c.sections[0]).toMatchObject({ heading: '背景', body: '背景の説明', items: [] });
    expect(c.sections.length).toBeGreaterThan(1); // then the pillars, filled from annotations
  });

  it('refuses a template naming an unknown pillar, and deleting a built-in template, writing nothing', () => {
    const b = create({ from: 'empty' });
    const n = () => (ctx.db.prepare('SELECT COUNT(*) AS n FROM briefing_templates').get() as { n: number }).n;
    expect(() => saveTemplate(ctx.db, b.id, 'x', { groupBy: 'pillar', pillars: ['supply-chain', 'no-such-pillar'] })).toThrow(/no-such-pillar/);
    expect(n()).toBe(0);
    expect(() => deleteTemplate(ctx.db, 'builtin:by-pillar')).toThrow(expect.objectContaining({ code: 'conflict', message: expect.stringMatching(/built-in/) }));
    expect(listTemplates(ctx.db).map((t) => t.id)).toContain('builtin:by-pillar');
  });
});

describe('editing', () => {
  it('adds, updates, moves (within and across sections) and deletes sections and items', () => {
    const b = create({ from: 'empty' });
    const s1 = repo.addSection(ctx, b.id, { heading: 'A' }).sectionId;
    const s2 = repo.addSection(ctx, b.id, { heading: 'B' }).sectionId;
    const s0 = repo.addSection(ctx, b.id, { heading: 'first', position: 0 }).sectionId;
    expect(repo.getBriefing(ctx.db, b.id).sections.map((s) => s.heading)).toEqual(['first', 'A', 'B']);

    const [a1, a2, a3] = fx.all;
    const i1 = repo.addItem(ctx, s1, { annotationId: a1.id }, { comment: 'one' }).itemId;
    const i2 = repo.addItem(ctx, s1, { annotationId: a2.id }).itemId;
    const i3 = repo.addItem(ctx, s1, { statementId: a3.statementId }, { position: 0 }).itemId;
    let cur = repo.getBriefing(ctx.db, b.id);
    expect(cur.sections[1].items.map((i) => i.id)).toEqual([i3, i1, i2]);
    expect(cur.sections[1].items[0].quoteAtAdd).toBe(getStatement(ctx.db, a3.statementId).text);

    cur = repo.moveItem(ctx, i2, { position: 0 });
    expect(cur.sections[1].items.map((i) => i.id)).toEqual([i2, i3, i1]);
    cur = repo.moveItem(ctx, i3, { sectionId: s2, position: 5 });
    expect(cur.sections[1].items.map((i) => i.id)).toEqual([i2, i1]);
    expect(cur.sections[2].items.map((i) => i.id)).toEqual([i3]);
    cur = repo.updateItem(ctx, i1, { comment: '改訂' });
    expect(cur.sections[1].items[1].comment).toBe('改訂');
    cur = repo.deleteItem(ctx, i2);
    expect(cur.sections[1].items.map((i) => i.id)).toEqual([i1]);

    cur = repo.moveSection(ctx, s0, 2);
    expect(cur.sections.map((s) => s.heading)).toEqual(['A', 'B', 'first']);
    cur = repo.updateSection(ctx, s2, { heading: 'B2', body: '本文' });
    expect(cur.sections[1]).toMatchObject({ heading: 'B2', body: '本文' });
    cur = repo.deleteSection(ctx, s1);
    expect(cur.sections.map((s) => s.heading)).toEqual(['B2', 'first']);
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM briefing_items WHERE id = ?').get(i1)).toEqual({ n: 0 });
    const positions = ctx.db.prepare('SELECT position FROM briefing_sections WHERE briefing_id = ? ORDER BY position').all(b.id) as { position: number }[];
    expect(positions.map((p) => p.position)).toEqual([0, 1]);
  });

  it('refuses evidence that does not exist and moves into another briefing', () => {
    const b = create({ from: 'empty' });
    const s = repo.addSection(ctx, b.id, { heading: 'A' }).sectionId;
    expect(() => repo.addItem(ctx, s, { statementId: 'nope:000' })).toThrow(/nope:000/);
    deleteAnnotation({ db: ctx.db, author: 't' }, fx.all[0].id);
    expect(() => repo.addItem(ctx, s, { annotationId: fx.all[0].id })).toThrow(/annotation|注釈/);
    const other = create({ from: 'empty' });
    const os = repo.addSection(ctx, other.id, { heading: 'X' }).sectionId;
    const item = repo.addItem(ctx, s, { annotationId: fx.all[1].id }).itemId;
    expect(() => repo.moveItem(ctx, item, { sectionId: os, position: 0 })).toThrow(/another briefing/);
  });

  it('renames, duplicates (deep copy), deletes and undoes the delete', () => {
    const b = create({ from: 'annotations', groupBy: 'pillar' }, { marking: '取扱注意' });
    repo.updateBriefing(ctx, b.id, { title: '改題', language: 'en', summary: 'S' });
    const copy = repo.duplicateBriefing(ctx, b.id);
    expect(copy.id).not.toBe(b.id);
    expect(copy.title).toBe('改題 (copy)');
    expect(copy.sections.map((s) => s.items.map((i) => i.annotationId))).toEqual(repo.getBriefing(ctx.db, b.id).sections.map((s) => s.items.map((i) => i.annotationId)));
    expect(copy.sections[0].id).not.toBe(b.sections[0].id);
    repo.updateItem(ctx, copy.sections[0].items[0].id, { comment: 'only in the copy' });
    expect(repo.getBriefing(ctx.db, b.id).sections[0].items[0].comment).toBe('');

    expect(Object.keys(repo.listBriefings(ctx.db)[0]).sort()).toEqual(
      ['addressee', 'author', 'createdAt', 'date', 'dateStyle', 'docNumber', 'id', 'items', 'language', 'marking', 'sections', 'sender', 'subtitle', 'summary', 'title', 'toc', 'updatedAt'],
    );
    expect(Object.keys(repo.getBriefing(ctx.db, b.id)).sort()).toEqual(['addressee', 'author', 'createdAt', 'date', 'dateStyle', 'docNumber', 'id', 'language', 'marking', 'sections', 'sender', 'subtitle', 'summary', 'title', 'toc', 'updatedAt']);
    repo.deleteBriefing(ctx, b.id);
    expect(repo.listBriefings(ctx.db).map((x) => x.id)).toEqual([copy.id]);
    expect(() => repo.getBriefing(ctx.db, b.id)).toThrow(/briefing/);
    expect(repo.lastDeletedBriefingId(ctx.db)).toBe(b.id);
    const back = repo.undoDeleteBriefing(ctx, b.id);
    expect(back.title).toBe('改題');
    expect(repo.listBriefings(ctx.db).map((x) => x.id).sort()).toEqual([b.id, copy.id].sort());
    expect(() => repo.undoDeleteBriefing(ctx, b.id)).toThrow();
  });
});

describe('resolve', () => {
  it('quotes the stored text, cites document, issuer, date, speaker, heading path and statement number, and numbers sources', () => {
    const b = create({ from: 'annotations', groupBy: 'pillar' });
    const r = resolveBriefing(ctx.db, b);
    expect(r.unresolved).toBe(0);
    const items = r.sections.flatMap((s) => s.items);
    for (const it of items) {
      const a = fx.all.find((x) => x.id === it.refId)!;
      const st = getStatement(ctx.db, a.statementId);
      const doc = getDocument(ctx.db, st.documentId).document;
      expect(it.quote).toBe(a.target.quote.exact);
      expect(st.text).toContain(it.quote);
      expect(it.citation).toEqual({ documentId: doc.id, documentTitle: doc.title, issuer: doc.issuer, date: doc.date, statementId: st.id, locator: st.ordinal + 1, speaker: st.speaker, headingPath: st.headingPath, footnote: null, cell: null });
      expect(r.sources[it.sourceNumber! - 1].documentId).toBe(doc.id);
    }
    expect(r.sources.map((s) => s.number)).toEqual(r.sources.map((_, i) => i + 1));
    expect(r.sources.reduce((n, s) => n + s.citedItems, 0)).toBe(items.length);
  });

  it('marks deleted, orphaned and vanished evidence instead of citing it', () => {
    const b = create({ from: 'empty' });
    const s = repo.addSection(ctx, b.id, { heading: 'A' }).sectionId;
    const [a1, a2, a3] = fx.all;
    repo.addItem(ctx, s, { annotationId: a1.id });
    repo.addItem(ctx, s, { annotationId: a2.id });
    repo.addItem(ctx, s, { statementId: a3.statementId });
    deleteAnnotation({ db: ctx.db, author: 't' }, a1.id);
    // What re-anchoring does when a revised source no longer contains the quote.
    ctx.db.prepare("UPDATE annotations SET orphaned = 1, anchored_by = 'orphaned' WHERE id = ?").run(a2.id);
    // A statement that disappeared from its document (re-segmented or re-imported).
    ctx.db.prepare('DELETE FROM statements WHERE id = ?').run(a3.statementId);
    const r = resolveBriefing(ctx.db, repo.getBriefing(ctx.db, b.id));
    const [d, o, m] = r.sections[0].items;
    expect(d).toMatchObject({ status: 'deleted', citation: null, sourceNumber: null, quote: a1.target.quote.exact });
    expect(o).toMatchObject({ status: 'orphaned', citation: null, quote: a2.target.quote.exact });
    expect(m).toMatchObject({ status: 'missing', citation: null });
    expect(m.quote.length).toBeGreaterThan(0);
    expect(r.unresolved).toBe(3);
    expect(r.sources).toEqual([]);
  });
});

describe('API', () => {
  it('serves the whole briefing workflow with validation', async () => {
    const api = apiFor(ctx);
    const { briefing } = await api.call('briefings.create', { title: 'API', marking: 'FOR OFFICIAL USE ONLY', language: 'en', template: { from: 'annotations', groupBy: 'pillar' } });
    expect(briefing.sections.length).toBeGreaterThan(0);
    const got = await api.call('briefings.get', { id: briefing.id });
    expect(got.resolved.sections[0].items[0].citation).not.toBeNull();
    const { sectionId } = await api.call('briefings.sections.add', { briefingId: briefing.id, heading: 'Notes' });
    const added = await api.call('briefings.items.add', { sectionId, statementId: fx.all[0].statementId, comment: '<b>x</b>' });
    await api.call('briefings.items.move', { itemId: added.itemId, sectionId: briefing.sections[0].id, position: 0 });
    const { templates } = await api.call('briefings.templates.list', {});
    expect(templates.length).toBeGreaterThanOrEqual(4);
    const { html, csp } = await api.call('briefings.preview', { id: briefing.id });
    expect(html).toContain(`content="${csp}"`);
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt;');
    const { briefings } = await api.call('briefings.list', {});
    expect(briefings.map((b) => b.id)).toContain(briefing.id);
    await api.call('briefings.delete', { id: briefing.id });
    const restored = await api.call('briefings.undoDelete', {});
    expect(restored.briefing.id).toBe(briefing.id);

    const dir = tempDir('wb-api-export-');
    const target = path.join(dir, 'api.md');
    // The desktop app: the save dialog's handle; the file is written where the analyst chose.
    const desk = desktopApiFor(ctx);
    const exported = await desk.api.call('briefings.export', { id: briefing.id, format: 'md', target: desk.saveTo(target) });
    expect(exported).toMatchObject({ path: target, fileName: 'api.md', format: 'md', download: null, log: { briefingId: briefing.id, marking: 'FOR OFFICIAL USE ONLY' } });
    // A second choice of the same file replaces it (the dialog asked); the same handle twice is refused.
    const again = desk.saveTo(target);
    expect((await desk.api.call('briefings.export', { id: briefing.id, format: 'md', target: again })).bytes).toBe(fs.statSync(target).size);
    await expect(desk.api.call('briefings.export', { id: briefing.id, format: 'md', target: again })).rejects.toMatchObject({ data: { code: 'invalid-request', subject: 'handle' } });
    // The browser host: a download with the same bytes, and no path anywhere.
    const downloaded = await api.call('briefings.export', { id: briefing.id, format: 'md', target: { download: true } });
    expect(downloaded).toMatchObject({ path: null, fileName: `${briefing.title}.md`, download: { mime: 'text/markdown; charset=utf-8', size: downloaded.bytes } });
    expect((await downloadBytes(api, downloaded.download!)).toString('utf8')).toBe(renderBriefingMarkdown(resolveBriefing(ctx.db, repo.getBriefing(ctx.db, briefing.id))));
    await expect(api.call('briefings.export', { id: briefing.id, format: 'md', path: target, force: true } as never)).rejects.toMatchObject({ data: { code: 'invalid-request' } });
    const { entries } = await api.call('briefings.exportLog', { briefingId: briefing.id });
    expect(entries.map((e) => e.path)).toEqual([`${briefing.title}.md (download)`, target, target]);

    await expect(api.call('briefings.create', { title: '   ' })).rejects.toMatchObject({ data: { code: 'invalid-request' } });
    await expect(api.call('briefings.items.add', { sectionId, statementId: 'x', annotationId: 'y' })).rejects.toMatchObject({ data: { code: 'invalid-request' } });
    await expect(api.call('briefings.update', { id: briefing.id, date: '19 Nov' })).rejects.toMatchObject({ data: { code: 'invalid-request' } });
    await expect(api.call('briefings.get', { id: 'brf_missing' })).rejects.toMatchObject({ data: { code: 'not-found', subject: 'brf_missing' } });
  });
});
