// Annotation export/import: a versioned JSON file that round-trips between databases (through a
// desktop dialog handle, or as a download and an upload), and bad files (malformed, newer format,
// unknown pillar, bad dates and ids, over-long fields) refused with nothing written and nothing quoted.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api/client';
import { ANNOTATIONS_FILE_FORMAT } from '../../shared/annotations';
import type { AppContext } from '../../electron/app/context';
import { createClient } from '../../shared/api/client';
import { createDispatcher } from '../../electron/api/dispatch';
import { handlers } from '../../electron/api/handlers';
import { fileHost } from '../../electron/files/handles';
import { apiFor, desktopApiFor, downloadBytes, uploadBytes, type DesktopApi } from '../helpers/api';
import { closeContext, corpusContext, tempDir } from '../helpers/db';
import { apiError, findStatement, withCorpusApi } from '../helpers/annotate';

let ctx: AppContext;
let api: ApiClient;
let desk: DesktopApi;
let dir: string;
withCorpusApi((env) => {
  ctx = env.ctx;
  // The desktop app's calls: files through handles the "dialogs" issue for paths the test picks.
  desk = desktopApiFor(ctx);
  api = desk.api;
  dir = tempDir('wb-exchange-');
});

/** annotations.import of a file on disk, as the desktop app does it (open dialog, then the call). */
function importFile(file: string, d: DesktopApi = desk) {
  return d.api.call('annotations.import', { source: d.openFrom(file) });
}


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
  const r = await api.call('annotations.export', { target: desk.saveTo(file) });
  expect(r).toMatchObject({ fileName: 'annotations.json', path: file, download: null });
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
      const otherDesk = desktopApiFor(other);
      const otherApi = otherDesk.api;
      const report = await importFile(file, otherDesk);
      expect(report).toMatchObject({ annotations: 2, created: 2, updated: 0, unchanged: 0, orphaned: 0, pillarsCreated: ['advanced-chips'] });
      const imported = (await otherApi.call('annotations.list', {})).annotations;
      expect(imported.map(({ anchoredBy: _a, ...a }) => a)).toEqual(original.map(({ anchoredBy: _a, ...a }) => a));
      const chips = (await otherApi.call('pillars.list', {})).pillars.find((p) => p.id === 'advanced-chips');
      expect(chips).toMatchObject({ parentId: 'supply-chain', color: '#123456', nameJa: '先端半導体' });
      // Importing the same file again changes nothing.
      expect(await importFile(file, otherDesk)).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
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
    expect(await importFile(file)).toMatchObject({ updated: 0, unchanged: 2 });
    expect((await api.call('annotations.get', { id: a.id })).annotation.comment).toBe('local, newer');
    const data = JSON.parse(fs.readFileSync(file, 'utf8'));
    data.annotations.find((x: { id: string }) => x.id === a.id).comment = 'from the other machine';
    data.annotations.find((x: { id: string }) => x.id === a.id).updatedAt = '2999-01-01T00:00:00.000Z';
    fs.writeFileSync(file, JSON.stringify(data));
    expect(await importFile(file)).toMatchObject({ updated: 1 });
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
    expect(await importFile(file)).toMatchObject({ created: 1, orphaned: 1 });
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
      const e = await apiError(importFile(p));
      expect(e.data.code, name).toBe('bad-input');
      expect(e.data.message.en, name).toMatch(message);
      expect(e.data.subject).toBe(p);
      expect(rows(ctx), name).toEqual(before);
    }
    const newer = await apiError(importFile(path.join(dir, 'newer.json')));
    expect(newer.data.hint?.en).toContain('Update the workbench');
    expect((await apiError(importFile(path.join(dir, 'missing.json')))).data.code).toBe('io');
  });

  it('writes where the save dialog pointed (the dialog asked about replacing), once per handle, leaving no debris', async () => {
    const file = await seed();
    fs.writeFileSync(file, 'older copy');
    const target = desk.saveTo(file);
    expect((await api.call('annotations.export', { target })).annotations).toBe(2);
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).annotations).toHaveLength(2);
    const again = await apiError(api.call('annotations.export', { target }));
    expect(again.data).toMatchObject({ code: 'invalid-request', subject: 'handle' });
    expect(again.data.message.en).toContain('already used');
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a handle its host minted without replace (the CLI without --force) never overwrites', async () => {
    const file = await seed();
    const before = fs.readFileSync(file, 'utf8');
    const host = fileHost(createDispatcher(handlers, ctx));
    const cli = createClient((m, p) => host.invoke(m, p));
    const e = await apiError(cli.call('annotations.export', { target: host.saveTo(file) }));
    expect(e.data).toMatchObject({ code: 'conflict', subject: file });
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
    expect((await cli.call('annotations.export', { target: host.saveTo(file, { replace: true }) })).path).toBe(file);
    // Relative paths are the shell's: resolved against the working directory by the host, not the back end.
    const rel = path.relative(process.cwd(), path.join(dir, 'relative.json'));
    expect((await cli.call('annotations.export', { target: host.saveTo(rel) })).path).toBe(path.join(dir, 'relative.json'));
  });

  it('exports as a download and imports an upload (the browser host), with the same bytes as a file', async () => {
    const file = await seed();
    const browser = apiFor(ctx);
    const r = await browser.call('annotations.export', { target: { download: true } });
    expect(r).toMatchObject({ path: null, annotations: 2, fileName: expect.stringMatching(/^annotations-\d{4}-\d{2}-\d{2}\.json$/) });
    expect(r.download).toMatchObject({ fileName: r.fileName, mime: 'application/json', size: r.bytes });
    const bytes = await downloadBytes(browser, r.download!);
    const fromDisk = JSON.parse(fs.readFileSync(file, 'utf8'));
    const downloaded = JSON.parse(bytes.toString('utf8'));
    expect({ ...downloaded, exportedAt: 0 }).toEqual({ ...fromDisk, exportedAt: 0 });
    // A download is fetched once: it is gone after its last chunk.
    expect((await apiError(browser.call('downloads.read', { id: r.download!.id, offset: 0 }))).data.code).toBe('not-found');

    const other = corpusContext();
    try {
      const otherBrowser = apiFor(other);
      // Small chunks, so the upload really arrives in pieces.
      const source = await uploadBytes(otherBrowser, 'annotations.json', bytes, 1000);
      expect(await otherBrowser.call('annotations.import', { source })).toMatchObject({ created: 2, pillarsCreated: ['advanced-chips'] });
      // An upload is imported once.
      expect((await apiError(otherBrowser.call('annotations.import', { source }))).data.code).toBe('not-found');
    } finally {
      closeContext(other);
    }
  });

  it('refuses the old path-taking requests and handles it did not issue, writing and reading nothing', async () => {
    const browser = apiFor(ctx);
    const outside = path.join(dir, 'evil.pth');
    fs.writeFileSync(path.join(dir, 'in.json'), '{}');
    const attempts = [
      browser.call('annotations.export', { path: outside, overwrite: true } as never),
      browser.call('annotations.export', { target: { path: outside } } as never),
      browser.call('annotations.import', { path: path.join(dir, 'in.json') } as never),
      browser.call('annotations.import', { source: { path: path.join(dir, 'in.json') } } as never),
      browser.call('annotations.import', { source: { upload: 'AAAAAAAAAAAAAAAAAAAA', fileName: '../../etc/passwd' } }),
    ];
    for (const call of attempts) expect((await apiError(call)).data.code).toBe('invalid-request');
    // A well-formed handle the host never issued: refused by the handler, whatever it looks like.
    const forged = await apiError(browser.call('annotations.export', { target: { handle: 'AAAAAAAAAAAAAAAAAAAAAAAA' } }));
    expect(forged.data).toMatchObject({ code: 'invalid-request', subject: 'handle' });
    // A read handle cannot be used to write, nor a write handle to read.
    expect((await apiError(api.call('annotations.export', { target: desk.openFrom(outside) }))).data.message.en).toContain('chosen for reading');
    expect((await apiError(api.call('annotations.import', { source: desk.saveTo(path.join(dir, 'in.json')) }))).data.message.en).toContain('chosen for saving');
    expect(fs.existsSync(outside)).toBe(false);
  });

  it('refuses dates that are not ISO times, path-like ids and over-long fields, as the API would', async () => {
    const file = await seed();
    const good = JSON.parse(fs.readFileSync(file, 'utf8'));
    const a0 = good.annotations[0];
    const before = rows(ctx);
    const cases: [string, unknown, RegExp][] = [
      ['far-future', { ...good, annotations: [{ ...a0, updatedAt: '+275760-09-13T00:00:00.000Z' }] }, /annotations\.0\.updatedAt: an ISO 8601 time/],
      ['no-such-day', { ...good, annotations: [{ ...a0, createdAt: '2021-02-30T00:00:00Z' }] }, /annotations\.0\.createdAt/],
      ['words', { ...good, exportedAt: 'yesterday' }, /exportedAt/],
      ['path-id', { ...good, annotations: [{ ...a0, id: '../../etc/passwd' }] }, /annotations\.0\.id/],
      ['path-doc', { ...good, annotations: [{ ...a0, documentId: '/etc/shadow' }] }, /annotations\.0\.documentId/],
      ['pillar-id', { ...good, pillars: [{ ...good.pillars[0], id: 'A/B' }] }, /pillars\.0\.id/],
      ['long-comment', { ...good, annotations: [{ ...a0, comment: 'あ'.repeat(20_001) }] }, /annotations\.0\.comment: too long/],
      ['long-tag', { ...good, annotations: [{ ...a0, tags: ['x'.repeat(65)] }] }, /annotations\.0\.tags\.0/],
      ['many-tags', { ...good, annotations: [{ ...a0, tags: Array.from({ length: 51 }, (_, i) => `t${i}`) }] }, /annotations\.0\.tags: too long/],
      ['long-name', { ...good, pillars: [{ ...good.pillars[0], nameJa: '柱'.repeat(121) }] }, /pillars\.0\.nameJa/],
    ];
    for (const [name, data, message] of cases) {
      const p = path.join(dir, `${name}.json`);
      fs.writeFileSync(p, JSON.stringify(data));
      const e = await apiError(importFile(p));
      expect(e.data.code, name).toBe('bad-input');
      expect(e.data.message.en, name).toMatch(message);
      expect(rows(ctx), name).toEqual(before);
    }
  });

  it('names the file and the line and column of a fault, never the file’s contents', async () => {
    const good = JSON.parse(fs.readFileSync(await seed(), 'utf8'));
    const a0 = good.annotations[0];
    const secret = 'root:$6$Zq9SECRETHASHxyz:19000:0:99999:7:::';
    const cases: [string, string, RegExp][] = [
      ['shadow', `${secret}\ndaemon:*:19000:0:99999:7:::\n`, /not valid JSON \(line 1, column 1\)/],
      ['second-line', `{"format": "keizai-anpo-workbench/annotations",\n  "version": 1, ${secret}}`, /line 2, column 17/],
      ['enum', JSON.stringify({ ...good, annotations: [{ ...a0, target: { ...a0.target, scope: secret } }] }), /annotations\.0\.target\.scope: not one of the allowed values/],
      ['pattern', JSON.stringify({ ...good, annotations: [{ ...a0, id: secret }] }), /annotations\.0\.id: not in the expected format/],
      ['date', JSON.stringify({ ...good, annotations: [{ ...a0, createdAt: secret }] }), /annotations\.0\.createdAt: an ISO 8601 time/],
      ['wrong-type', JSON.stringify({ format: 'keizai-anpo-workbench/annotations', version: secret }), /version/],
    ];
    for (const [name, text, message] of cases) {
      const p = path.join(dir, `${name}.json`);
      fs.writeFileSync(p, text, { mode: 0o600 });
      const e = await apiError(importFile(p));
      expect(e.data.message.en, name).toMatch(message);
      const everything = JSON.stringify(e.data);
      for (const piece of ['SECRET', 'root:', '99999', 'daemon']) expect(everything, `${name}: ${piece}`).not.toContain(piece);
    }
  });
});
