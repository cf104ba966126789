// What an import keeps and how a source evolves: the original bytes by hash (0600 in 0700
// folders, verified on read), duplicates recognised by content, a changed file of the same name
// as a new version whose annotations are re-anchored with a report, metadata edits that survive
// new versions, re-extraction from the stored original, and cancelling an import.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/app/context';
import { listStatements } from '../../electron/corpus/repo';
import { importDocument } from '../../electron/import/import';
import { originalsDirOf, readOriginal, sha256Hex } from '../../electron/import/originals';
import { apiFor } from '../helpers/api';
import { runCli } from '../helpers/cli';
import { closeContext, corpusContext, tempDir } from '../helpers/db';

let ctx: AppContext;
beforeAll(() => {
  ctx = corpusContext();
});
afterAll(() => closeContext(ctx));

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');

const V1 = ['供給網の点検について', '', '半導体の在庫を三か月分確保する。', '', '重要鉱物の調達先を多様化する。', '', '蓄電池の国内生産を拡大する。', ''].join('\n');
const V2 = ['供給網の点検について', '', '新たに追加された冒頭の段落である。', '', '半導体の在庫を三か月分確保する。', '', '蓄電池の国内生産を拡大する。', ''].join('\n');

describe('originals and versions', () => {
  it('keeps the original by hash, owner-only, verified on read', async () => {
    const bytes = Buffer.from(V1);
    const r = await importDocument(ctx.db, { fileName: 'tenken.txt', bytes });
    const dir = originalsDirOf(ctx.db);
    const file = path.join(dir, r.sha256.slice(0, 2), r.sha256);
    expect(r.sha256).toBe(sha256Hex(bytes));
    expect(fs.readFileSync(file)).toEqual(bytes);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(fs.readdirSync(path.dirname(file))).toEqual([r.sha256]); // no temp file left behind
    expect(readOriginal(dir, r.sha256)).toEqual(bytes);
    // A damaged copy is detected on read, never handed on as the source.
    fs.chmodSync(file, 0o600);
    const damaged = Buffer.from(bytes);
    damaged[0] ^= 0xff;
    fs.writeFileSync(file, damaged);
    expect(() => readOriginal(dir, r.sha256)).toThrowError(expect.objectContaining({ code: 'io', message: expect.stringMatching(/damaged/) }));
    // The same bytes imported again (under another name) repair the copy and write nothing else.
    const dup = await importDocument(ctx.db, { fileName: 'tenken-copy.txt', bytes });
    expect(dup).toMatchObject({ status: 'duplicate', documentId: r.documentId });
    fs.writeFileSync(file, bytes);
  });

  it('a changed file of the same name is a new version; annotations are re-anchored with a report', async () => {
    const api = apiFor(ctx);
    const id = 'import-tenken';
    const statements = listStatements(ctx.db, id);
    const inventory = statements.find((s) => s.text === '半導体の在庫を三か月分確保する。')!;
    const minerals = statements.find((s) => s.text === '重要鉱物の調達先を多様化する。')!;
    const batteries = statements.find((s) => s.text === '蓄電池の国内生産を拡大する。')!;
    const a1 = (await api.call('annotations.create', { statementId: inventory.id, quote: '在庫を三か月分' })).annotation;
    const a2 = (await api.call('annotations.create', { statementId: minerals.id, quote: '調達先を多様化' })).annotation;
    const a3 = (await api.call('annotations.create', { statementId: batteries.id })).annotation;

    const r = await api.call('documents.import', { fileName: 'tenken.txt', contentBase64: b64(V2) });
    expect(r).toMatchObject({ status: 'new-version', version: 2, replaced: true, document: { id } });
    const report = r.reanchor!;
    expect(report).toMatchObject({ total: 3, orphaned: 1 });
    expect(report.orphans).toEqual([{ annotationId: a2.id, quote: '調達先を多様化', from: 3 }]);
    // The inventory statement moved from 2nd to 3rd; the batteries one stayed 4th but its offsets moved.
    expect(report.moved).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ annotationId: a1.id, from: 2, to: 3 }),
        expect.objectContaining({ annotationId: a3.id, from: 4, to: 4 }),
      ]),
    );
    expect(report.moved).toHaveLength(2);
    const after = (await api.call('annotations.list', { documentId: id })).annotations;
    expect(after.find((a) => a.id === a1.id)).toMatchObject({ orphaned: false, target: expect.objectContaining({ quote: expect.objectContaining({ exact: '在庫を三か月分' }) }) });
    expect(after.find((a) => a.id === a2.id)?.orphaned).toBe(true);

    const records = (await api.call('documents.importRecords', { id })).records;
    expect(records.map((x) => [x.version, x.fileName, x.format, x.encoding])).toEqual([
      [1, 'tenken.txt', 'text', 'utf-8'],
      [2, 'tenken.txt', 'text', 'utf-8'],
    ]);
    expect(records[1].reanchor).toEqual(report);
  });

  it('metadata edits stick, also over a later version; bundled documents are refused', async () => {
    const api = apiFor(ctx);
    const id = 'import-tenken';
    const title = async () => (await api.call('documents.list', {})).documents.find((d) => d.id === id)!.title;
    const imported = await title();
    const edited = await api.call('documents.updateMeta', { id, title: '供給網点検メモ（改）', date: '2024-03-29', issuer: '経済産業省', kind: 'report' });
    expect(edited.document).toMatchObject({ title: '供給網点検メモ（改）', date: '2024-03-29', issuer: '経済産業省', kind: 'report' });
    // The correction is one step of the journal: undo restores the imported title, redo the correction.
    expect((await api.call('history.state', {})).undo?.label.en).toBe('Corrected the metadata of "供給網点検メモ（改）"');
    await api.call('history.undo', {});
    expect(imported).not.toBe('供給網点検メモ（改）');
    expect(await title()).toBe(imported);
    await api.call('history.redo', {});
    expect(await title()).toBe('供給網点検メモ（改）');
    const v3 = await api.call('documents.import', { fileName: 'tenken.txt', contentBase64: b64(`${V2}\n追記の段落である。\n`) });
    expect(v3).toMatchObject({ status: 'new-version', version: 3 });
    expect(v3.document).toMatchObject({ title: '供給網点検メモ（改）', date: '2024-03-29', issuer: '経済産業省', kind: 'report' });
    await expect(api.call('documents.updateMeta', { id, date: '令和6年' })).rejects.toMatchObject({ data: { code: 'invalid-request' } });
    const bundled = (await api.call('documents.list', {})).documents.find((d) => d.origin === 'bundled')!;
    await expect(api.call('documents.updateMeta', { id: bundled.id, title: 'x' })).rejects.toMatchObject({ data: { code: 'conflict' } });
  });

  it('removing an imported document is one undoable step: undo brings it back with its ids, versions and corrections', async () => {
    const api = apiFor(ctx);
    const bytes = Buffer.from(`${V1}\n削除して戻す文書の段落。\n`);
    const r = await api.call('documents.import', { fileName: 'sakujo.txt', contentBase64: b64(bytes) });
    const id = r.document.id;
    await api.call('documents.updateMeta', { id, title: '削除される覚書', issuer: '内閣府' });
    const ids = listStatements(ctx.db, id).map((s) => s.id);
    const records = (await api.call('documents.importRecords', { id })).records;
    const hits = async () => (await api.call('search.query', { query: '削除して戻す' })).hits.filter((h) => h.documentId === id).length;
    expect(await hits()).toBe(1);

    await api.call('documents.remove', { id });
    expect((await api.call('documents.list', {})).documents.some((d) => d.id === id)).toBe(false);
    expect(await hits()).toBe(0);
    expect(ctx.db.prepare('SELECT COUNT(*) FROM document_edits WHERE document_id = ?').pluck().get(id)).toBe(0);
    expect((await api.call('history.state', {})).undo?.label).toEqual({ ja: '文書を削除（削除される覚書）', en: 'Removed "削除される覚書"' });

    const undone = await api.call('history.undo', {});
    expect(undone).toMatchObject({ done: true, kind: 'document.remove' });
    const back = (await api.call('documents.list', {})).documents.find((d) => d.id === id);
    expect(back).toMatchObject({ title: '削除される覚書', issuer: '内閣府', origin: 'imported' });
    expect(listStatements(ctx.db, id).map((s) => s.id)).toEqual(ids);
    expect((await api.call('documents.importRecords', { id })).records).toEqual(records);
    expect(await hits()).toBe(1);

    await api.call('history.redo', {});
    expect((await api.call('documents.list', {})).documents.some((d) => d.id === id)).toBe(false);
    expect(ctx.db.prepare('SELECT COUNT(*) FROM import_records WHERE document_id = ?').pluck().get(id)).toBe(0);
    expect(ctx.db.prepare('SELECT COUNT(*) FROM document_edits WHERE document_id = ?').pluck().get(id)).toBe(0);
    expect(await hits()).toBe(0);
    // The same bytes again are a new import (nothing left of the removed one claims them).
    expect((await api.call('documents.import', { fileName: 'sakujo.txt', contentBase64: b64(bytes) })).status).toBe('imported');
  });

  it('re-extracts from the stored original (unchanged text: no new statements)', async () => {
    const api = apiFor(ctx);
    const before = listStatements(ctx.db, 'import-tenken').map((s) => s.id);
    const r = await api.call('documents.reextract', { id: 'import-tenken' });
    expect(r).toMatchObject({ status: 'new-version', version: 4, format: 'text' });
    expect(listStatements(ctx.db, 'import-tenken').map((s) => s.id)).toEqual(before);
    // A lost original is reported as such.
    const dir = originalsDirOf(ctx.db);
    fs.rmSync(path.join(dir, r.sha256.slice(0, 2), r.sha256));
    await expect(api.call('documents.reextract', { id: 'import-tenken' })).rejects.toMatchObject({ data: { code: 'not-found' } });
  });

  it('a cancelled import writes nothing', async () => {
    const api = apiFor(ctx);
    const docs = (await api.call('documents.list', {})).documents.length;
    const running = api.call('documents.import', { fileName: 'slow.txt', contentBase64: b64('取り消される文書です。'), job: 'job-1' });
    expect(await api.call('documents.importCancel', { job: 'job-1' })).toEqual({ cancelled: true });
    await expect(running).rejects.toMatchObject({ data: { code: 'cancelled', subject: 'slow.txt' } });
    expect((await api.call('documents.list', {})).documents.length).toBe(docs);
    expect(await api.call('documents.importCancel', { job: 'job-1' })).toEqual({ cancelled: false });
  });

  it('two files of one name in one batch (two folders) are two documents, not two versions', async () => {
    const dir = tempDir();
    for (const [folder, text] of [['2023', '二〇二三年度の覚書。'], ['2024', '二〇二四年度の覚書。']]) {
      fs.mkdirSync(path.join(dir, folder));
      fs.writeFileSync(path.join(dir, folder, 'memo.txt'), text);
    }
    const r = await runCli(['import', dir, '--db', path.join(dir, 'w.db'), '--json']);
    expect(r.code).toBe(0);
    const out = r.json<{ imported: { documentId: string; status: string; version: number }[] }>();
    expect(out.imported.map((d) => [d.documentId, d.status, d.version])).toEqual([
      ['import-memo', 'imported', 1],
      ['import-memo-2', 'imported', 1],
    ]);
  });
});
