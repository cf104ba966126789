// The one write path for the analyst's work (electron/journal): one author model and clock for
// annotations, pillars and briefings, the one no-op rule, all-or-nothing changes, every journaled
// entity replayable, and no write function outside the journal opening its own journal transaction.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAnnotation, updateAnnotation } from '../../electron/annotate/annotations';
import { archivePillar, createPillar, reorderPillars, updatePillar } from '../../electron/annotate/pillars';
import { listPillars } from '../../electron/annotate/pillar-rows';
import { rejectSuggestion } from '../../electron/annotate/suggestions';
import type { AppContext } from '../../electron/app/context';
import * as repo from '../../electron/briefing/repo';
import { listStatements } from '../../electron/corpus/repo';
import type { Actor } from '../../electron/journal/actor';
import { journaledChange } from '../../electron/journal/change';
import { registeredEntities } from '../../electron/journal/entities';
import { undo, undoRedoState } from '../../electron/journal/undo';
import { closeContext, corpusContext, REPO_ROOT, RESOURCES_DIR } from '../helpers/db';

let ctx: AppContext;
let actor: Actor;
let tick = 0;
beforeEach(() => {
  ctx = corpusContext();
  tick = 0;
  // A clock that moves one second per reading: a timestamp that changes proves a write happened.
  actor = { db: ctx.db, author: '分析官A', now: () => new Date(Date.UTC(2030, 0, 1, 0, 0, tick++)).toISOString() };
});
afterEach(() => closeContext(ctx));

const groups = () => (ctx.db.prepare('SELECT COUNT(*) AS n FROM change_groups').get() as { n: number }).n;
const lastGroup = () => ctx.db.prepare('SELECT kind, author, at FROM change_groups ORDER BY id DESC LIMIT 1').get() as { kind: string; author: string; at: string };
const firstStatement = () => listStatements(ctx.db, (ctx.db.prepare('SELECT id FROM documents ORDER BY id LIMIT 1').get() as { id: string }).id)[0];

describe('one author model and one clock', () => {
  it('journals briefings with the actor and its clock, like annotations, and stamps the briefing with them', () => {
    const b = repo.createBriefing(actor, { title: '論点整理', sections: [] });
    expect(b.author).toBe('分析官A');
    expect(b.createdAt).toBe('2030-01-01T00:00:00.000Z');
    expect(b.date).toMatch(/^2030-01-01$|^2029-12-31$/); // the local calendar day of the actor's instant
    expect(lastGroup()).toEqual({ kind: 'briefing.create', author: '分析官A', at: '2030-01-01T00:00:00.000Z' });
    const { sectionId } = repo.addSection({ ...actor, author: '分析官B' }, b.id, { heading: '背景' });
    expect(lastGroup()).toEqual({ kind: 'briefing.section.add', author: '分析官B', at: '2030-01-01T00:00:01.000Z' });
    expect(repo.getBriefing(ctx.db, b.id).updatedAt).toBe('2030-01-01T00:00:01.000Z');
    repo.updateSection(actor, sectionId, { body: '本文' });
    expect(lastGroup().at).toBe('2030-01-01T00:00:02.000Z');

    const a = createAnnotation(actor, { statementId: firstStatement().id, comment: 'メモ' });
    expect(a.author).toBe('分析官A');
    expect(lastGroup()).toEqual({ kind: 'annotation.create', author: '分析官A', at: a.createdAt });
  });
});

describe('the no-op rule: an edit that changes nothing is neither written nor journaled', () => {
  it('annotations', () => {
    const a = createAnnotation(actor, { statementId: firstStatement().id, comment: 'メモ', tags: ['半導体'] });
    const n = groups();
    const same = updateAnnotation(actor, a.id, { comment: 'メモ', tags: ['半導体'] });
    expect(groups()).toBe(n);
    expect(same.updatedAt).toBe(a.updatedAt);
    expect(undoRedoState(actor).undo?.label.en).toMatch(/^Add annotation/);
    // A real edit still is one change.
    const edited = updateAnnotation(actor, a.id, { comment: '改訂' });
    expect(groups()).toBe(n + 1);
    expect(edited.updatedAt).not.toBe(a.updatedAt);
  });

  it('pillars (update, archive, reorder) and suggestion answers', () => {
    const p = createPillar(actor, { nameJa: '宇宙', nameEn: 'Space' });
    const n = groups();
    expect(updatePillar(actor, p.id, { nameJa: '宇宙', color: p.color }).updatedAt).toBe(p.updatedAt);
    expect(archivePillar(actor, p.id, false).updatedAt).toBe(p.updatedAt);
    const top = listPillars(ctx.db).filter((x) => x.parentId === null).map((x) => x.id);
    reorderPillars(actor, null, top);
    expect(groups()).toBe(n);
    const s = firstStatement();
    const suggester = { ...actor, resourcesDir: RESOURCES_DIR };
    rejectSuggestion(suggester, s.id, p.id);
    expect(groups()).toBe(n + 1);
    rejectSuggestion(suggester, s.id, p.id);
    expect(groups()).toBe(n + 1);
  });

  it('briefings (header, section, item)', () => {
    const b = repo.createBriefing(actor, { title: '論点整理', sections: [{ heading: '背景', items: [{ ref: { statementId: firstStatement().id }, comment: 'c' }] }] });
    const section = b.sections[0];
    const n = groups();
    repo.updateBriefing(actor, b.id, { title: '論点整理' });
    repo.updateSection(actor, section.id, { heading: '背景', body: '' });
    repo.updateItem(actor, section.items[0].id, { comment: 'c' });
    repo.moveSection(actor, section.id, 0);
    expect(groups()).toBe(n);
    // Nothing was written either: the briefing's updatedAt did not move.
    expect(repo.getBriefing(ctx.db, b.id).updatedAt).toBe(b.updatedAt);
    repo.updateItem(actor, section.items[0].id, { comment: 'd' });
    expect(groups()).toBe(n + 1);
    expect(repo.getBriefing(ctx.db, b.id).updatedAt).not.toBe(b.updatedAt);
  });
});

describe('journaledChange', () => {
  it('writes nothing and journals nothing when the write fails half-way', () => {
    const b = repo.createBriefing(actor, { title: '論点整理', sections: [] });
    const n = groups();
    expect(() =>
      journaledChange(actor, 'briefing.update', { ja: '失敗', en: 'Fails' }, () => {
        ctx.db.prepare("UPDATE briefings SET title = 'half' WHERE id = ?").run(b.id);
        throw new Error('disk went away');
      }),
    ).toThrow('disk went away');
    expect(groups()).toBe(n);
    expect(repo.getBriefing(ctx.db, b.id).title).toBe('論点整理');
  });

  it('refuses to run inside another transaction (one analyst action, one change group)', () => {
    const nested = ctx.db.transaction(() => journaledChange(actor, 'annotation.update', { ja: 'x', en: 'x' }, () => 1));
    expect(() => nested()).toThrow(/inside another transaction/);
  });

  it('undoes a briefing change through the appliers the briefing service registered', () => {
    const b = repo.createBriefing(actor, { title: '論点整理', sections: [] });
    repo.updateBriefing(actor, b.id, { title: '改題' });
    const r = undo(actor);
    expect(r?.briefingIds).toEqual([b.id]);
    expect(repo.getBriefing(ctx.db, b.id).title).toBe('論点整理');
  });
});

describe('the journal layer', () => {
  it('has every entity the services write registered once the API handlers are loaded', async () => {
    await import('../../electron/api/handlers');
    expect(registeredEntities()).toEqual(['annotation', 'annotation-sync-base', 'briefing', 'briefing-item', 'briefing-live-dismissal', 'briefing-section', 'briefing-template', 'document-meta', 'imported-document', 'memo', 'pillar', 'rejection', 'term']);
  });

  it('is the only code that writes journal rows or opens a write transaction for the analyst', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.ts')) {
          const rel = path.relative(REPO_ROOT, p);
          const text = fs.readFileSync(p, 'utf8');
          // Migrations reshape the journal's tables; they are schema, not the analyst's writes.
          if (!rel.startsWith(path.join('electron', 'journal')) && !rel.startsWith(path.join('electron', 'store', 'migrations')) && /\brecordChange\(|INSERT INTO change_(groups|entries)/.test(text)) offenders.push(`${rel}: writes the journal`);
          if (/^electron\/(annotate|briefing|exchange)\//.test(rel.split(path.sep).join('/')) && /\.transaction\(/.test(text)) offenders.push(`${rel}: opens its own transaction`);
        }
      }
    };
    walk(path.join(REPO_ROOT, 'electron'));
    expect(offenders).toEqual([]);
  });
});
