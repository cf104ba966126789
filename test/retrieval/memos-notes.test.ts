// Memos (CRUD through the journal, undo and redo, bad input named), the "my notes" search scope
// (annotation comments, memos, briefing text, each hit saying what it is and where it opens),
// coded segments exported as CSV and XLSX (read back with exceljs) and sent into a briefing
// section as one undoable change, and the CLI commands over all of it.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api/client';
import type { AppContext } from '../../electron/app/context';
import { guardCell } from '../../electron/export/segments';
import { closeContext, corpusContext, tempDir } from '../helpers/db';
import { apiFor, desktopApiFor, downloadBytes, type DesktopApi } from '../helpers/api';
import { runCli } from '../helpers/cli';

let ctx: AppContext;
let api: ApiClient;
let desktop: DesktopApi;
let docId: string;
let statementIds: string[];
let annotationIds: string[];

beforeAll(async () => {
  ctx = corpusContext();
  api = apiFor(ctx);
  desktop = desktopApiFor(ctx);
  docId = (ctx.db.prepare('SELECT id FROM documents ORDER BY id LIMIT 1').pluck().get() as string);
  statementIds = ctx.db.prepare("SELECT id FROM statements WHERE document_id = ? AND length(text) > 20 ORDER BY ordinal LIMIT 6").pluck().all(docId) as string[];
  const { pillars } = await api.call('pillars.list', {});
  annotationIds = [];
  const comments = ['=SUM(A1:A9) は数式ではない', '供給網の脆弱性を指摘', '+81 の電話番号', '@mention と "引用符", カンマ', '-負の数ではない', '改行\nを含む'];
  for (const [i, statementId] of statementIds.entries()) {
    const { annotation } = await api.call('annotations.create', { statementId, pillarIds: [pillars[i % pillars.length].id], tags: ['半導体'], comment: comments[i] });
    annotationIds.push(annotation.id);
  }
}, 120_000);
afterAll(() => closeContext(ctx));

describe('memos', () => {
  it('create, read, update and delete, each undoable', async () => {
    const ws = await api.call('memo.create', { title: '全体の分析メモ', body: '半導体と重要鉱物の論点を整理する。' });
    expect(ws.documentId).toBeNull();
    const onDoc = await api.call('memo.create', { title: '文書メモ', body: '第2回会議の要点', documentId: docId });
    expect(onDoc.documentTitle).toBe(ctx.db.prepare('SELECT title FROM documents WHERE id = ?').pluck().get(docId));
    expect((await api.call('memo.list', {})).memos.map((m) => m.id).sort()).toEqual([ws.id, onDoc.id].sort());
    expect((await api.call('memo.list', { documentId: null })).memos.map((m) => m.id)).toEqual([ws.id]);
    expect((await api.call('memo.list', { documentId: docId })).memos.map((m) => m.id)).toEqual([onDoc.id]);

    const edited = await api.call('memo.update', { id: ws.id, body: '改訂した本文' });
    expect(edited.body).toBe('改訂した本文');
    expect(edited.title).toBe('全体の分析メモ');
    await api.call('history.undo', {});
    expect((await api.call('memo.get', { id: ws.id })).body).toBe('半導体と重要鉱物の論点を整理する。');
    await api.call('history.redo', {});
    expect((await api.call('memo.get', { id: ws.id })).body).toBe('改訂した本文');

    await api.call('memo.delete', { id: onDoc.id });
    await expect(api.call('memo.get', { id: onDoc.id })).rejects.toMatchObject({ data: { code: 'not-found', subject: onDoc.id } });
    await api.call('history.undo', {});
    expect((await api.call('memo.get', { id: onDoc.id })).body).toBe('第2回会議の要点');

    // Undoing the creation hides the memo; redo brings it back.
    const third = await api.call('memo.create', { title: '一時メモ' });
    await api.call('history.undo', {});
    expect((await api.call('memo.list', {})).memos.map((m) => m.id)).not.toContain(third.id);
    await api.call('history.redo', {});
    expect((await api.call('memo.list', {})).memos.map((m) => m.id)).toContain(third.id);
    await api.call('memo.delete', { id: third.id });
  });

  it('refuses bad input, naming the field, and writes nothing', async () => {
    const before = (await api.call('memo.list', {})).memos.length;
    await expect(api.call('memo.create', { title: '   ' })).rejects.toMatchObject({ data: { code: 'invalid-request' } });
    await expect(api.call('memo.create', { title: 'x'.repeat(501) })).rejects.toMatchObject({ data: { code: 'invalid-request' } });
    await expect(api.call('memo.create', { title: 'ok', body: 'bad\u0007bell' })).rejects.toMatchObject({ data: { code: 'bad-input', subject: 'body' } });
    await expect(api.call('memo.create', { title: 'ok', documentId: 'no-such-doc' })).rejects.toMatchObject({ data: { code: 'not-found', subject: 'no-such-doc' } });
    await expect(api.call('memo.update', { id: 'memo-none', title: 'x' })).rejects.toMatchObject({ data: { code: 'not-found', subject: 'memo-none' } });
    expect((await api.call('memo.list', {})).memos.length).toBe(before);
  });
});

describe('the "my notes" search scope', () => {
  it('finds annotation comments, memos and briefing text, saying what each is and where it opens', async () => {
    const memo = await api.call('memo.create', { title: '脆弱性の整理', body: '供給網の脆弱性は三点ある', documentId: docId });
    const { briefing } = await api.call('briefings.create', { title: '脆弱性ブリーフィング' });
    const { sectionId } = await api.call('briefings.sections.add', { briefingId: briefing.id, heading: '供給網', body: '脆弱性への対応' });
    const r = await api.call('search.query', { query: '脆弱性', scope: 'notes' });
    expect(r.hits).toEqual([]);
    const notes = r.notes!;
    const kinds = new Map(notes.map((n) => [`${n.kind}:${n.id}`, n]));
    expect(kinds.get(`annotation:${annotationIds[1]}`)).toMatchObject({ documentId: docId, statementId: statementIds[1] });
    expect(kinds.get(`memo:${memo.id}`)).toMatchObject({ documentId: docId, briefingId: null });
    expect(kinds.get(`briefing:${briefing.id}`)).toMatchObject({ briefingId: briefing.id });
    expect(kinds.get(`briefing-section:${sectionId}`)).toMatchObject({ briefingId: briefing.id });
    for (const n of notes) {
      expect(n.matches.length).toBeGreaterThan(0);
      for (const m of n.matches) expect(n.snippet.slice(m.start, m.end)).toBe('脆弱性');
    }
    // Every note hit really holds the word; an annotation without it is not found.
    expect(notes.map((n) => n.id)).not.toContain(annotationIds[0]);
  });

  it('sources keep today\'s shape; all has both; exclusion and OR work on notes', async () => {
    const sources = await api.call('search.query', { query: '脆弱性' });
    expect(sources.notes).toBeUndefined();
    const all = await api.call('search.query', { query: '脆弱性', scope: 'all' });
    expect(all.total).toBe(sources.total);
    expect(all.notes!.length).toBeGreaterThan(0);
    const minus = await api.call('search.query', { query: '脆弱性 -ブリーフィング', scope: 'notes' });
    expect(minus.notes!.some((n) => n.kind === 'briefing')).toBe(false);
    const or = await api.call('search.query', { query: '数式 OR 電話番号', scope: 'notes' });
    expect(new Set(or.notes!.map((n) => n.id))).toEqual(new Set([annotationIds[0], annotationIds[2]]));
  });

  it('workbench search --scope notes --json', async () => {
    const run = await runCli(['search', '電話番号', '--scope', 'notes', '--json', '--db', ctx.dbPath]);
    expect(run.code).toBe(0);
    const out = run.json<{ notes: { kind: string; id: string }[] }>();
    expect(out.notes).toEqual([expect.objectContaining({ kind: 'annotation', id: annotationIds[2] })]);
    const bad = await runCli(['search', 'x', '--scope', 'mine', '--db', ctx.dbPath]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--scope');
  });
});

describe('segments out to Excel and into a briefing', () => {
  it('CSV: UTF-8 with BOM, RFC 4180 quoting, formulas neutralised', async () => {
    const r = await api.call('retrieval.segments.export', { filter: { documents: [docId] }, format: 'csv', target: { download: true } });
    expect(r.segments).toBe(annotationIds.length);
    const bytes = await downloadBytes(api, r.download!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text).toContain("'=SUM(A1:A9) は数式ではない");
    expect(text).toContain("'+81 の電話番号");
    expect(text).toContain('"\'@mention と ""引用符"", カンマ"');
    expect(text).toContain("'-負の数ではない");
    expect(text).toContain('"改行\nを含む"');
    expect(text).not.toMatch(/(^|,)=SUM/m);
  });

  it('XLSX read back with exceljs: one row per segment, guarded cells', async () => {
    const file = path.join(tempDir(), 'segments.xlsx');
    const r = await desktop.api.call('retrieval.segments.export', { filter: { documents: [docId] }, format: 'xlsx', target: desktop.saveTo(file) });
    expect(r.path).toBe(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(file));
    const ws = wb.worksheets[0];
    expect(ws.rowCount).toBe(annotationIds.length + 1);
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    const col = (name: string) => header.findIndex((h) => String(h).startsWith(name)) + 1;
    const comments = [];
    const ids = [];
    for (let i = 2; i <= ws.rowCount; i++) {
      comments.push(String(ws.getRow(i).getCell(col('コメント')).value));
      ids.push(String(ws.getRow(i).getCell(col('注釈ID')).value));
    }
    expect(new Set(ids)).toEqual(new Set(annotationIds));
    expect(comments).toContain("'=SUM(A1:A9) は数式ではない");
    expect(comments).toContain('供給網の脆弱性を指摘');
    for (let i = 2; i <= ws.rowCount; i++) expect(ws.getRow(i).getCell(col('引用')).formula).toBeUndefined();
  });

  it('guards every formula start', () => {
    for (const c of ['=1', '+1', '-1', '@a', '\tx', '\rx']) expect(guardCell(c)).toBe(`'${c}`);
    expect(guardCell('普通の文')).toBe('普通の文');
    expect(guardCell(3)).toBe(3);
  });

  it('into a briefing section as one undoable change', async () => {
    const { briefing } = await api.call('briefings.create', { title: '区間から' });
    const { sectionId } = await api.call('briefings.sections.add', { briefingId: briefing.id, heading: '半導体' });
    const picked = annotationIds.slice(0, 3);
    const r = await api.call('retrieval.segments.toBriefing', { sectionId, annotationIds: picked });
    const section = r.briefing.sections.find((s) => s.id === sectionId)!;
    expect(section.items.map((i) => i.annotationId)).toEqual(picked);
    expect(r.itemIds).toEqual(section.items.map((i) => i.id));
    await api.call('history.undo', {});
    expect((await api.call('briefings.get', { id: briefing.id })).briefing.sections.find((s) => s.id === sectionId)!.items).toEqual([]);
    await expect(api.call('retrieval.segments.toBriefing', { sectionId, annotationIds: [picked[0], 'ann-none'] })).rejects.toMatchObject({ data: { code: 'not-found' } });
    // All or nothing: the good one was not added either.
    expect((await api.call('briefings.get', { id: briefing.id })).briefing.sections.find((s) => s.id === sectionId)!.items).toEqual([]);
  });
});

describe('CLI', () => {
  it('workbench memo add, list, show, edit, delete', async () => {
    const add = await runCli(['memo', 'add', '--title', 'CLIメモ', '--body', '本文', '--doc', docId, '--json', '--db', ctx.dbPath]);
    expect(add.code).toBe(0);
    const memo = add.json<{ id: string; documentId: string }>();
    expect(memo.documentId).toBe(docId);
    const list = await runCli(['memo', 'list', '--doc', docId, '--json', '--db', ctx.dbPath]);
    expect(list.json<{ memos: { id: string }[] }>().memos.map((m) => m.id)).toContain(memo.id);
    const edit = await runCli(['memo', 'edit', memo.id, '--body', '新しい本文', '--json', '--db', ctx.dbPath]);
    expect(edit.json<{ body: string }>().body).toBe('新しい本文');
    const show = await runCli(['memo', 'show', memo.id, '--db', ctx.dbPath]);
    expect(show.stdout).toContain('新しい本文');
    expect((await runCli(['memo', 'delete', memo.id, '--db', ctx.dbPath])).code).toBe(0);
    const gone = await runCli(['memo', 'show', memo.id, '--db', ctx.dbPath]);
    expect(gone.code).not.toBe(0);
    expect(gone.stderr).toContain(memo.id);
    const usage = await runCli(['memo', 'add', '--db', ctx.dbPath]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--title');
  });

  it('workbench segments --format json|csv|xlsx', async () => {
    const json = await runCli(['segments', '--doc', docId, '--tag', '半導体', '--format', 'json', '--db', ctx.dbPath]);
    expect(json.code).toBe(0);
    const out = json.json<{ total: number; items: { annotationId: string }[] }>();
    expect(out.total).toBe(annotationIds.length);
    expect(new Set(out.items.map((s) => s.annotationId))).toEqual(new Set(annotationIds));
    const csv = await runCli(['segments', '--doc', docId, '--format', 'csv', '--db', ctx.dbPath]);
    expect(csv.stdout.split('\r\n').filter(Boolean).length).toBe(annotationIds.length + 1);
    const file = path.join(tempDir(), 'out.xlsx');
    const x = await runCli(['segments', '--doc', docId, '--format', 'xlsx', '--out', file, '--db', ctx.dbPath]);
    expect(x.code).toBe(0);
    expect(fs.readFileSync(file).subarray(0, 2).toString()).toBe('PK');
    const bad = await runCli(['segments', '--importance', '9', '--db', ctx.dbPath]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--importance');
    const emptyTag = await runCli(['segments', '--tag', '', '--json', '--db', ctx.dbPath]);
    expect(emptyTag.code).not.toBe(0);
    expect(emptyTag.stderr).toContain('tag');
  });
});
