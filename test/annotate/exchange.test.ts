// Annotation export/import: a versioned JSON file that round-trips between databases, and bad
// files (malformed, newer format, unknown pillar) that are refused with nothing written.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api/client';
import { ANNOTATIONS_FILE_FORMAT } from '../../shared/annotations';
import type { AppContext } from '../../electron/app/context';
import { apiFor } from '../helpers/api';
import { closeContext, corpusContext, tempDir } from '../helpers/db';
import { apiError, findStatement, withCorpusApi } from '../helpers/annotate';

let ctx: AppContext;
let api: ApiClient;
let dir: string;
withCorpusApi((env) => {
  ({ ctx, api } = env);
  dir = tempDir('wb-exchange-');
});


function rows(c: AppContext): number[] {
  return ['annotations', 'annotation_pillars', 'annotation_tags', 'pillars', 'change_groups'].map((t) => (c.db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n);
}

async function seed(): Promise<string> {
  const { pillar } = await api.call('pillars.create', { nameJa: '先端半導体', nameEn: 'Advanced chips', parentId: 'supply-chain', color: '#123456' });
  const s = findStatement(ctx, '半導体');
  await api.call('annotations.create', { statementId: s.id, quote: '半導体', comment: '注目\n二行目', tags: ['chips'], pillarIds: [pillar.id], importance: 3 });
  const t = findStatement(ctx, '特許');
  await api.call('annotations.create', { statementId: t.id, pillarIds: ['patents'] });
  const file = path.join(dir, 'annotations.json');
  const r = await api.call('annotations.export', { path: file });
  expect(r.annotations).toBe(2);
  return file;
}

describe('annotation exchange files', () => {
  it('round-trips annotations and the pillars they use into another database, undoably', async () => {
    const file = await seed();
    const data = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(data).toMatchObject({ format: ANNOTATIONS_FILE_FORMAT, version: 1, exportedBy: 'test-analyst' });
    const original = (await api.call('annotations.list', {})).annotations;

    const other = corpusContext();
    try {
      const otherApi = apiFor(other);
      const report = await otherApi.call('annotations.import', { path: file });
      expect(report).toMatchObject({ annotations: 2, created: 2, updated: 0, unchanged: 0, orphaned: 0, pillarsCreated: ['advanced-chips'] });
      const imported = (await otherApi.call('annotations.list', {})).annotations;
      expect(imported.map(({ anchoredBy: _a, ...a }) => a)).toEqual(original.map(({ anchoredBy: _a, ...a }) => a));
      const chips = (await otherApi.call('pillars.list', {})).pillars.find((p) => p.id === 'advanced-chips');
      expect(chips).toMatchObject({ parentId: 'supply-chain', color: '#123456', nameJa: '先端半導体' });
      // Importing the same file again changes nothing.
      expect(await otherApi.call('annotations.import', { path: file })).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
      // The import is one undoable change.
      await otherApi.call('history.undo', {});
      expect((await otherApi.call('annotations.list', {})).annotations).toHaveLength(0);
    } finally {
      closeContext(other);
    }
  });

  it('takes the newer edit of an annotation both sides have', async () => {
    const file = await seed();
    const [a] = (await api.call('annotations.list', { tag: 'chips' })).annotations;
    await api.call('annotations.update', { id: a.id, comment: 'local, newer' });
    expect(await api.call('annotations.import', { path: file })).toMatchObject({ updated: 0, unchanged: 2 });
    expect((await api.call('annotations.get', { id: a.id })).annotation.comment).toBe('local, newer');
    const data = JSON.parse(fs.readFileSync(file, 'utf8'));
    data.annotations.find((x: { id: string }) => x.id === a.id).comment = 'from the other machine';
    data.annotations.find((x: { id: string }) => x.id === a.id).updatedAt = '2999-01-01T00:00:00.000Z';
    fs.writeFileSync(file, JSON.stringify(data));
    expect(await api.call('annotations.import', { path: file })).toMatchObject({ updated: 1 });
    expect((await api.call('annotations.get', { id: a.id })).annotation.comment).toBe('from the other machine');
  });

  it('imports annotations of a passage this corpus lacks as orphans, not dropped', async () => {
    const file = await seed();
    const data = JSON.parse(fs.readFileSync(file, 'utf8'));
    const a = data.annotations[0];
    a.id = 'a-from-elsewhere';
    a.statementId = `${a.documentId}:zzzzzzzzzzzz`;
    a.target = { scope: 'span', quote: { exact: 'この文はこのコーパスにない', prefix: '', suffix: '' }, position: { start: 0, end: 13 }, docStart: 0, docEnd: 13 };
    data.annotations = [a];
    fs.writeFileSync(file, JSON.stringify(data));
    expect(await api.call('annotations.import', { path: file })).toMatchObject({ created: 1, orphaned: 1 });
    expect((await api.call('annotations.list', { orphaned: true })).annotations.map((x) => x.id)).toEqual(['a-from-elsewhere']);
  });

  it('refuses bad files with a clear error and writes nothing', async () => {
    const file = await seed();
    const good = JSON.parse(fs.readFileSync(file, 'utf8'));
    const before = rows(ctx);
    const cases: [string, string, RegExp][] = [
      ['malformed.json', '{"format": "keizai-anpo-workbench/annotations", "version": 1, ', /not valid JSON/],
      ['foreign.json', JSON.stringify({ hello: 'world' }), /not a workbench annotations file/],
      ['newer.json', JSON.stringify({ ...good, version: 2 }), /newer format \(version 2\)/],
      ['bad-field.json', JSON.stringify({ ...good, annotations: [{ ...good.annotations[0], importance: 7 }] }), /annotations\.0\.importance/],
      ['unknown-pillar.json', JSON.stringify({ ...good, pillars: [], annotations: [{ ...good.annotations[0], id: 'a-new', pillarIds: ['nowhere'] }] }), /pillar nowhere/],
      ['bad-position.json', JSON.stringify({ ...good, annotations: [{ ...good.annotations[0], target: { ...good.annotations[0].target, docEnd: 1 } }] }), /does not fit its quote/],
      [
        'bad-span.json',
        JSON.stringify({ ...good, annotations: [{ ...good.annotations[0], target: { ...good.annotations[0].target, position: { ...good.annotations[0].target.position, end: good.annotations[0].target.position.end + 5 } } }] }),
        /does not fit its quote/,
      ],
    ];
    for (const [name, text, message] of cases) {
      const p = path.join(dir, name);
      fs.writeFileSync(p, text);
      const e = await apiError(api.call('annotations.import', { path: p }));
      expect(e.data.code, name).toBe('bad-input');
      expect(e.data.message.en, name).toMatch(message);
      expect(e.data.subject).toBe(p);
      expect(rows(ctx), name).toEqual(before);
    }
    const newer = await apiError(api.call('annotations.import', { path: path.join(dir, 'newer.json') }));
    expect(newer.data.hint?.en).toContain('Update the workbench');
    expect((await apiError(api.call('annotations.import', { path: path.join(dir, 'missing.json') }))).data.code).toBe('io');
  });

  it('does not overwrite an existing file unless asked', async () => {
    const file = await seed();
    const e = await apiError(api.call('annotations.export', { path: file }));
    expect(e.data.code).toBe('conflict');
    expect((await api.call('annotations.export', { path: file, overwrite: true })).annotations).toBe(2);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses a relative path over the API (the back end has its own working directory), writing nothing', async () => {
    const name = `wb-relative-${process.pid}.json`;
    for (const call of [api.call('annotations.export', { path: name }), api.call('annotations.import', { path: name })]) {
      const e = await apiError(call);
      expect(e.data.code).toBe('invalid-request');
      expect(e.message).toContain('absolute');
    }
    expect(fs.existsSync(path.resolve(name))).toBe(false);
  });
});
