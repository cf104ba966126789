// One validation for every path in: the CLI, the API and the annotation importers accept exactly
// the same tags and text. Before, 10,000 tags went in through the CLI and the file holding them
// was refused on import; a quote with a lone surrogate was stored and made its export unreadable.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api/client';
import type { AppContext } from '../../electron/app/context';
import { desktopApiFor, type DesktopApi } from '../helpers/api';
import { runCli } from '../helpers/cli';
import { closeContext, corpusContext, tempDir } from '../helpers/db';
import { apiError, findStatement, withCorpusApi } from '../helpers/annotate';

let ctx: AppContext;
let api: ApiClient;
let desk: DesktopApi;
withCorpusApi((env) => {
  ctx = env.ctx;
  desk = desktopApiFor(ctx);
  api = desk.api;
});

const LONE = '\uD842'; // the high half of 𠮷 without its low half

function count(table: string, c: AppContext = ctx): number {
  return (c.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
}

describe('one tag limit everywhere', () => {
  it('the CLI refuses 51 tags (the API limit) and writes nothing, and 50 distinct tags export and import back', async () => {
    const s = findStatement(ctx, '半導体');
    const before = count('annotations');
    const many = Array.from({ length: 51 }, (_, i) => ['--tag', `t${i}`]).flat();
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    const refused = await runCli(['annotate', s.id, '--quote', '半導体', ...many, '--db', ctx.dbPath, '--json']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/tags/);
    expect(count('annotations')).toBe(before);

    const fifty = Array.from({ length: 50 }, (_, i) => `tag-${i}`);
    const made = await api.call('annotations.create', { statementId: s.id, quote: '半導体', tags: fifty });
    expect(made.annotation.tags).toHaveLength(50);
    const file = path.join(tempDir('wb-validate-'), 'a.json');
    await api.call('annotations.export', { target: desk.saveTo(file) });
    const other = corpusContext();
    try {
      const otherDesk = desktopApiFor(other);
      const r = await otherDesk.api.call('annotations.import', { source: otherDesk.openFrom(file) });
      expect(r.created).toBe(1);
      expect((await otherDesk.api.call('annotations.get', { id: made.annotation.id })).annotation.tags).toEqual([...fifty].sort());
    } finally {
      closeContext(other);
    }
  });

  it('an exchange file with 51 tags on one annotation is refused naming the field', async () => {
    const s = findStatement(ctx, '半導体');
    const made = await api.call('annotations.create', { statementId: s.id, quote: '半導体', tags: ['a'] });
    const file = path.join(tempDir('wb-validate-'), 'a.json');
    await api.call('annotations.export', { target: desk.saveTo(file) });
    const data = JSON.parse(fs.readFileSync(file, 'utf8'));
    data.annotations[0].tags = Array.from({ length: 51 }, (_, i) => `x${i}`);
    data.annotations[0].id = `${made.annotation.id}-copy`;
    fs.writeFileSync(file, JSON.stringify(data));
    const before = count('annotations');
    const e = await apiError(api.call('annotations.import', { source: desk.openFrom(file) }));
    expect(e.message).toContain('annotations.0.tags');
    expect(count('annotations')).toBe(before);
  });
});

describe('well-formed Unicode at the API boundary', () => {
  it.each([
    ['quote', (id: string) => ({ statementId: id, quote: `半導体${LONE}` })],
    ['comment', (id: string) => ({ statementId: id, quote: '半導体', comment: `注目${LONE}` })],
    ['tags', (id: string) => ({ statementId: id, quote: '半導体', tags: [`ok`, `bad${LONE}`] })],
    ['author', (id: string) => ({ statementId: id, quote: '半導体', author: `${LONE}` })],
  ])('annotations.create refuses a lone surrogate in %s, naming the field', async (field, req) => {
    const s = findStatement(ctx, '半導体');
    const before = count('annotations');
    const e = await apiError(api.call('annotations.create', req(s.id)));
    expect(e.data.code).toBe('invalid-request');
    expect(e.message).toContain(field);
    expect(e.message).toContain('lone surrogate');
    expect(count('annotations')).toBe(before);
  });

  it('a pair of surrogates (𠮷, 𩸽) and a flag (🇯🇵) are well-formed and accepted', async () => {
    const s = findStatement(ctx, '半導体');
    const r = await api.call('annotations.create', { statementId: s.id, quote: '半導体', comment: '𠮷野家の𩸽 🇯🇵', tags: ['𠮷'] });
    expect(r.annotation.comment).toBe('𠮷野家の𩸽 🇯🇵');
    expect(r.annotation.tags).toEqual(['𠮷']);
  });

  it('pillars.update and the CLI refuse a lone surrogate in a name', async () => {
    const e = await apiError(api.call('pillars.update', { id: 'patents', nameJa: `特許${LONE}` }));
    expect(e.message).toContain('nameJa');
    const s = findStatement(ctx, '半導体');
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    const r = await runCli(['annotate', s.id, '--quote', '半導体', '--comment', `x${LONE}`, '--db', ctx.dbPath]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('comment');
  });

  it('an exchange file whose comment holds a lone surrogate (escaped in JSON) is refused naming the field', async () => {
    const s = findStatement(ctx, '半導体');
    await api.call('annotations.create', { statementId: s.id, quote: '半導体', comment: 'ok' });
    const file = path.join(tempDir('wb-validate-'), 'a.json');
    await api.call('annotations.export', { target: desk.saveTo(file) });
    const data = JSON.parse(fs.readFileSync(file, 'utf8'));
    data.annotations[0].comment = `bad${LONE}`;
    data.annotations[0].id = 'another-id';
    fs.writeFileSync(file, JSON.stringify(data));
    const before = count('annotations');
    const e = await apiError(api.call('annotations.import', { source: desk.openFrom(file) }));
    expect(e.message).toContain('annotations.0.comment');
    expect(e.message).toContain('lone surrogate');
    expect(count('annotations')).toBe(before);
  });
});
