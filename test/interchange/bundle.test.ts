// Workspace bundles: a round trip into an empty workspace (pillars, annotations, briefings,
// templates, imported originals), a merge of two workspaces that edited the same sources with one
// real conflict (both versions kept, visibly; the rest merged; one undo), and bad bundles (newer
// format, checksum mismatch, truncated, path traversal, zip bomb, unlisted entry) refused with
// nothing written; the reader fuzzed.
import fs from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api/client';
import type { Annotation } from '../../shared/annotations';
import { AppError } from '../../shared/errors';
import type { AppContext } from '../../electron/app/context';
import { readBundle } from '../../electron/exchange/bundle';
import { readZipAll } from '../../electron/files/zip';
import { sha256Hex } from '../../electron/import/originals';
import { desktopApiFor, type DesktopApi } from '../helpers/api';
import { runCli } from '../helpers/cli';
import { closeContext, corpusContext, tempDir } from '../helpers/db';
import { apiError, findStatement, withCorpusApi } from '../helpers/annotate';
import { importAstralSource, rowCounts, seeded, statementWith } from './helpers';

let ctx: AppContext;
let api: ApiClient;
let desk: DesktopApi;
let dir: string;
let others: AppContext[] = [];
withCorpusApi((env) => {
  ctx = env.ctx;
  desk = desktopApiFor(ctx);
  api = desk.api;
  dir = tempDir('wb-bundle-');
  for (const o of others) closeContext(o);
  others = [];
});

function workspace(): DesktopApi & { ctx: AppContext } {
  const c = corpusContext();
  others.push(c);
  return { ...desktopApiFor(c), ctx: c };
}

async function exportBundle(d: DesktopApi, name = 'w.wbbundle'): Promise<string> {
  const file = path.join(dir, name);
  await d.api.call('bundle.export', { target: d.saveTo(file) });
  return file;
}

function comparable(a: Annotation) {
  return { id: a.id, documentId: a.documentId, statementId: a.statementId, target: a.target, comment: a.comment, tags: a.tags, pillarIds: a.pillarIds, importance: a.importance, author: a.author, orphaned: a.orphaned, createdAt: a.createdAt };
}

async function seed(): Promise<{ documentId: string }> {
  const { pillar } = await api.call('pillars.create', { nameJa: '先端半導体', nameEn: 'Advanced chips', parentId: 'supply-chain', color: '#123456' });
  const s = findStatement(ctx, '半導体');
  const a = await api.call('annotations.create', { statementId: s.id, quote: '半導体', comment: '注目', tags: ['chips'], pillarIds: [pillar.id], importance: 3 });
  const documentId = await importAstralSource(api);
  await api.call('annotations.create', { statementId: statementWith(ctx, documentId, '𩸽を食べた').id, quote: '𩸽を食べた', comment: '𩸽' });
  const { briefing } = await api.call('briefings.create', { title: '半導体の週報', template: { from: 'selection', annotationIds: [a.annotation.id] } });
  await api.call('briefings.templates.save', { briefingId: briefing.id, name: '週報の型' });
  return { documentId };
}

describe('bundle round trip', () => {
  it('export, preview and import into an empty workspace, compare everything; undo takes it back', async () => {
    const { documentId } = await seed();
    const file = await exportBundle(desk);
    const parts = readZipAll(fs.readFileSync(file), file);
    const manifest = JSON.parse(Buffer.from(parts['manifest.json']).toString('utf8'));
    expect(manifest).toMatchObject({ format: 'keizai-anpo-workbench/bundle', formatVersion: 1, counts: { annotations: 2, briefings: 1, templates: 1, documents: 1, originals: 1 } });
    for (const [name, sha] of Object.entries(manifest.entries as Record<string, string>)) expect(sha256Hex(parts[name])).toBe(sha);
    expect(manifest.workspace.id).toBe((ctx.db.prepare('SELECT workspace_id AS id FROM workspace_identity').get() as { id: string }).id);
    const original = (await api.call('annotations.list', {})).annotations;

    const b = workspace();
    const before = rowCounts(b.ctx);
    const preview = await b.api.call('bundle.import', { source: b.openFrom(file), dryRun: true });
    expect(preview).toMatchObject({ dryRun: true, documents: { added: 1 }, annotations: { added: 2, conflicts: 0 }, briefings: { added: 1 }, templates: { added: 1 }, pillars: { added: 1 } });
    expect(rowCounts(b.ctx)).toEqual(before);

    const r = await b.api.call('bundle.import', { source: b.openFrom(file) });
    expect(r).toMatchObject({ dryRun: false, annotations: { added: 2, updated: 0, unchanged: 0, conflicts: 0 }, skipped: [] });
    expect((await b.api.call('annotations.list', {})).annotations.map(comparable)).toEqual(original.map(comparable));
    const docA = ctx.db.prepare('SELECT title, text FROM documents WHERE id = ?').get(documentId);
    expect(b.ctx.db.prepare('SELECT title, text FROM documents WHERE id = ?').get(documentId)).toEqual(docA);
    const [brief] = (await api.call('briefings.list', {})).briefings;
    const got = await b.api.call('briefings.get', { id: brief.id });
    const want = await api.call('briefings.get', { id: brief.id });
    expect(got.briefing.sections).toEqual(want.briefing.sections);
    expect((await b.api.call('briefings.templates.list', {})).templates.map((t) => t.name)).toContain('週報の型');
    expect((await b.api.call('pillars.list', {})).pillars.map((p) => p.nameJa)).toContain('先端半導体');

    // Importing the same bundle again changes nothing, and journals nothing.
    const groups = rowCounts(b.ctx).change_groups;
    const again = await b.api.call('bundle.import', { source: b.openFrom(file) });
    expect(again.annotations).toEqual({ added: 0, updated: 0, unchanged: 2, conflicts: 0 });
    expect(rowCounts(b.ctx).change_groups).toBe(groups);

    // One undo takes the merge back (the imported source stays: document imports are versions, not edits).
    expect((await b.api.call('history.undo', {})).done).toBe(true);
    expect((await b.api.call('annotations.list', {})).annotations).toEqual([]);
    expect((await b.api.call('briefings.list', {})).briefings).toEqual([]);
  });

  it('the CLI exports a bundle and previews and imports it with counts', async () => {
    await seed();
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    const out = path.join(dir, 'cli.wbbundle');
    const exp = await runCli(['bundle', 'export', '--out', out, '--db', ctx.dbPath, '--json']);
    expect(exp.code).toBe(0);
    expect(exp.json<{ counts: { annotations: number } }>().counts.annotations).toBe(2);
    const other = corpusContext();
    const otherDb = other.dbPath;
    closeContext(other);
    const dry = await runCli(['bundle', 'import', out, '--dry-run', '--db', otherDb]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('bundle (dry run: nothing written): 2 added, 0 updated, 0 unchanged, 0 conflicts, 0 skipped');
    const viaDetect = await runCli(['annotations-import', out, '--db', otherDb, '--json']);
    expect(viaDetect.code).toBe(0);
    expect(viaDetect.json<{ format: string; added: number }>()).toMatchObject({ format: 'bundle', added: 2 });
    expect((await runCli(['bundle', 'frobnicate', '--db', otherDb])).code).toBe(2);
  });
});

describe('merging two workspaces that edited the same sources', () => {
  it('keeps both versions of the one real conflict, visibly, and merges the rest; one undo', async () => {
    const s = findStatement(ctx, '半導体');
    const t = findStatement(ctx, '特許');
    const u = findStatement(ctx, (x) => x.includes('基幹インフラ'));
    const both = (await api.call('annotations.create', { statementId: s.id, quote: '半導体', comment: 'base' })).annotation;
    const onlyA = (await api.call('annotations.create', { statementId: t.id, comment: 'base' })).annotation;
    const onlyB = (await api.call('annotations.create', { statementId: u.id, comment: 'base' })).annotation;
    // A hands the workspace to B.
    const b = workspace();
    await b.api.call('bundle.import', { source: b.openFrom(await exportBundle(desk, 'a1.wbbundle')) });
    // Both edit the same annotation differently; each also edits one the other left alone; B adds one.
    await api.call('annotations.update', { id: both.id, comment: 'A の見解' });
    await api.call('annotations.update', { id: onlyA.id, tags: ['a-only'] });
    await b.api.call('annotations.update', { id: both.id, comment: 'B の見解', importance: 2 });
    await b.api.call('annotations.update', { id: onlyB.id, pillarIds: ['infrastructure'] });
    const added = (await b.api.call('annotations.create', { statementId: t.id, quote: '特許', comment: 'B の新規' })).annotation;
    // B hands it back; A previews, then merges.
    const fromB = await exportBundle(b, 'b1.wbbundle');
    const preview = await api.call('bundle.import', { source: desk.openFrom(fromB), dryRun: true });
    expect(preview.annotations).toEqual({ added: 1, updated: 1, unchanged: 1, conflicts: 1 });
    expect(preview.conflictIds).toEqual([both.id]);
    const r = await api.call('bundle.import', { source: desk.openFrom(fromB) });
    expect(r.annotations).toEqual({ added: 1, updated: 1, unchanged: 1, conflicts: 1 });

    const get = async (id: string) => (await api.call('annotations.get', { id })).annotation;
    expect((await get(both.id)).comment).toBe('A の見解'); // ours, untouched
    const siblings = (await api.call('annotations.list', { tag: `conflict-of:${both.id}` })).annotations;
    expect(siblings).toHaveLength(1); // theirs, beside it, tagged for the UI
    expect(siblings[0]).toMatchObject({ comment: 'B の見解', importance: 2, statementId: both.statementId, target: both.target });
    expect((await get(onlyA.id)).tags).toEqual(['a-only']); // A's own edit stays
    expect((await get(onlyB.id)).pillarIds).toEqual(['infrastructure']); // B's edit arrives
    expect((await get(added.id)).comment).toBe('B の新規');

    // The same bundle again: the conflict is already shown, nothing new.
    const again = await api.call('bundle.import', { source: desk.openFrom(fromB) });
    expect(again.annotations.conflicts).toBe(0);
    expect((await api.call('annotations.list', { tag: `conflict-of:${both.id}` })).annotations).toHaveLength(1);

    // A sends its merge back to B: B takes A's edit of onlyA, keeps its own view of the conflicted
    // annotation, and now holds A's view beside it (and the pair A made, which it did not have).
    const back = await b.api.call('bundle.import', { source: b.openFrom(await exportBundle(desk, 'a2.wbbundle')) });
    expect(back.annotations).toEqual({ added: 1, updated: 1, unchanged: 2, conflicts: 1 });
    expect((await b.api.call('annotations.get', { id: onlyA.id })).annotation.tags).toEqual(['a-only']);
    expect((await b.api.call('annotations.get', { id: both.id })).annotation.comment).toBe('B の見解');
    expect((await b.api.call('annotations.list', { tag: `conflict-of:${both.id}` })).annotations.map((x) => x.comment).sort()).toEqual(['A の見解', 'B の見解']);

    // On A, undoing the merge (the second import wrote nothing) brings back A's state before it.
    await api.call('history.undo', {});
    expect(await api.call('annotations.list', { tag: `conflict-of:${both.id}` })).toEqual({ annotations: [] });
    expect((await get(onlyB.id)).pillarIds).toEqual([]);
    await expect(api.call('annotations.get', { id: added.id })).rejects.toThrow();
  });
});

describe('bad bundles', () => {
  async function validBundle(): Promise<{ file: string; parts: Record<string, Uint8Array> }> {
    await seed();
    const file = await exportBundle(desk);
    return { file, parts: readZipAll(fs.readFileSync(file), file) };
  }

  async function refused(bytes: Uint8Array, expected: RegExp): Promise<void> {
    const b = workspace();
    const file = path.join(dir, `bad-${Math.random().toString(36).slice(2)}.wbbundle`);
    fs.writeFileSync(file, bytes);
    const before = rowCounts(b.ctx);
    for (const dryRun of [true, false]) {
      const e = await apiError(b.api.call('bundle.import', { source: b.openFrom(file), dryRun }));
      expect(e.data.code).toBe('bad-input');
      expect(e.message).toMatch(expected);
    }
    expect(rowCounts(b.ctx)).toEqual(before);
  }

  const manifestOf = (parts: Record<string, Uint8Array>) => JSON.parse(Buffer.from(parts['manifest.json']).toString('utf8'));
  const withManifest = (parts: Record<string, Uint8Array>, m: unknown) => ({ ...parts, 'manifest.json': Buffer.from(JSON.stringify(m)) });

  it('refuses a bundle from a newer format version, with the hint to update', async () => {
    const { parts } = await validBundle();
    const m = manifestOf(parts);
    m.formatVersion = 2;
    await refused(zipSync(withManifest(parts, m)), /newer format \(version 2\); this app reads up to version 1/);
  });

  it('refuses a checksum mismatch, a missing entry and an unlisted entry', async () => {
    const { parts } = await validBundle();
    const altered = { ...parts, 'workspace/annotations.json': Buffer.from(Buffer.from(parts['workspace/annotations.json']).toString('utf8').replace('注目', '改変')) };
    await refused(zipSync(altered), /the checksum of "workspace\/annotations\.json" does not match/);
    const missing = { ...parts };
    delete missing['workspace/templates.json'];
    await refused(zipSync(missing), /"workspace\/templates\.json" is listed in the manifest but missing/);
    await refused(zipSync({ ...parts, 'extra.txt': Buffer.from('x') }), /an entry the manifest does not list \("extra\.txt"\)/);
  });

  it('refuses a truncated zip, path traversal entries and a zip bomb', async () => {
    const { file, parts } = await validBundle();
    const whole = fs.readFileSync(file);
    await refused(whole.subarray(0, Math.floor(whole.length * 0.6)), /truncated|damaged/);
    for (const name of ['../evil.json', '/etc/evil.json', 'C:/evil.json']) {
      await refused(zipSync({ ...parts, [name]: Buffer.from('{}') }), /unsafe path/);
    }
    const bomb = zipSync({ ...parts, 'originals/bomb': new Uint8Array(8 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    await refused(bomb, /zip bomb/);
  });

  it('refuses a field the API would refuse (a lone surrogate in a comment), naming where', async () => {
    const { parts } = await validBundle();
    const list = JSON.parse(Buffer.from(parts['workspace/annotations.json']).toString('utf8'));
    list[0].annotation.comment = 'x\uD842';
    const part = Buffer.from(JSON.stringify(list));
    const m = manifestOf(parts);
    m.entries['workspace/annotations.json'] = sha256Hex(part);
    await refused(zipSync(withManifest({ ...parts, 'workspace/annotations.json': part }, m)), /workspace\/annotations\.json:0\.annotation\.comment is invalid \(not well-formed Unicode/);
  });

  it('fuzz: 300 bundles with flipped bytes are read or refused as bad input, never a crash', async () => {
    const { file } = await validBundle();
    const whole = new Uint8Array(fs.readFileSync(file));
    const rand = seeded(12);
    let refusedCount = 0;
    for (let i = 0; i < 300; i++) {
      const bytes = whole.slice();
      const flips = 1 + Math.floor(rand() * 4);
      for (let k = 0; k < flips; k++) bytes[Math.floor(rand() * bytes.length)] = Math.floor(rand() * 256);
      try {
        readBundle('fuzz.wbbundle', bytes);
      } catch (e) {
        expect(e).toBeInstanceOf(AppError);
        expect((e as AppError).code).toBe('bad-input');
        refusedCount++;
      }
    }
    expect(refusedCount).toBeGreaterThan(200);
  });
});
