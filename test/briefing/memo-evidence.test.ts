// An analytic memo cited in a briefing (evidence kind "memo", schema 20): placed through the API and
// the CLI, printed as 分析メモ「題名」（日付） in every export (DOCX via its XML, PDF via pdftotext,
// Markdown, HTML) in 西暦 and 和暦 and in English; a later edit shows in the briefing with the new
// date; a deleted memo prints the text stored at placement with the no-source notice, as a deleted
// annotation does; undo takes the item back out.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/app/context';
import { exportBriefing } from '../../electron/export';
import { buildBundle, importBundle, readBundle } from '../../electron/exchange/bundle';
import { chromiumPdfRenderer } from '../../electron/export/pdf';
import type { ApiClient } from '../../shared/api/client';
import type { Briefing, ResolvedItem } from '../../shared/briefing';
import { formatMemoCitation, itemCitation, memoCitationOf } from '../../shared/citation';
import type { Memo } from '../../shared/retrieval';
import { apiFor } from '../helpers/api';
import { runCli } from '../helpers/cli';
import { closeContext, corpusContext, tempDir } from '../helpers/db';
import { docxParagraphs, mdUnescape, parseHtml, pdfPages, squash, unzipDocx } from '../export/content';

let ctx: AppContext;
let api: ApiClient;
let dir: string;
let memo: Memo;
let docMemo: Memo;
let docTitle: string;

/** Midday UTC: the same calendar day in every time zone from UTC-11 to UTC+11, so the expected dates hold wherever the test runs. */
const PLACED_AT = '2026-12-02T12:00:00.000Z';
const BODY = '半導体の供給網は特定国への依存が大きい。\n第二段落：重要鉱物も同様である。';

function stampMemo(id: string, at: string): void {
  ctx.db.prepare('UPDATE memos SET updated_at = ? WHERE id = ?').run(at, id);
}

beforeAll(async () => {
  ctx = corpusContext();
  api = apiFor(ctx);
  dir = tempDir('wb-memo-evidence-');
  memo = await api.call('memo.create', { title: '供給網の論点', body: BODY });
  stampMemo(memo.id, PLACED_AT);
  const docId = ctx.db.prepare('SELECT id FROM documents ORDER BY id LIMIT 1').pluck().get() as string;
  docTitle = ctx.db.prepare('SELECT title FROM documents WHERE id = ?').pluck().get(docId) as string;
  docMemo = await api.call('memo.create', { title: '文書についての所見', body: '文書メモの本文', documentId: docId });
  stampMemo(docMemo.id, PLACED_AT);
}, 120_000);
afterAll(() => closeContext(ctx));

async function briefingWithMemo(opts: { dateStyle: 'seireki' | 'wareki'; language: 'ja' | 'en' }): Promise<{ briefing: Briefing; itemId: string }> {
  const { briefing } = await api.call('briefings.create', { title: `メモ引用 ${opts.dateStyle} ${opts.language}`, date: '2026-12-05', ...opts, template: { from: 'empty' } });
  const { sectionId } = await api.call('briefings.sections.add', { briefingId: briefing.id, heading: '分析' });
  const added = await api.call('briefings.items.add', { sectionId, memoId: memo.id, comment: '所見として引用' });
  return { briefing: added.briefing, itemId: added.itemId };
}

async function resolvedItem(briefingId: string, itemId: string): Promise<ResolvedItem> {
  const { resolved } = await api.call('briefings.get', { id: briefingId });
  const it = resolved.sections.flatMap((s) => s.items).find((i) => i.id === itemId);
  if (!it) throw new Error(`item ${itemId} not in the resolved briefing`);
  return it;
}

let n = 0;
async function exported(id: string, format: 'md' | 'html' | 'docx' | 'pdf'): Promise<string> {
  const file = path.join(dir, `memo-${n++}.${format}`);
  await exportBriefing(ctx.db, id, { format, path: file, author: ctx.author, pdfRenderer: format === 'pdf' ? chromiumPdfRenderer() : undefined });
  return file;
}
const docxText = (file: string) => docxParagraphs(unzipDocx(fs.readFileSync(file))['word/document.xml']).map((p) => p.text);
const htmlText = (file: string) => parseHtml(fs.readFileSync(file, 'utf8')).body.textContent ?? '';
const mdText = (file: string) => mdUnescape(fs.readFileSync(file, 'utf8'));

describe('the memo citation (shared/citation)', () => {
  const m = { memoId: 'memo-1', title: '供給網の論点', date: '2026-12-02', documentTitle: null };
  it.each([
    ['ja', 'seireki', '分析メモ「供給網の論点」（2026年12月2日）'],
    ['ja', 'wareki', '分析メモ「供給網の論点」（令和8年12月2日）'],
    ['en', 'seireki', 'Analytic memo “供給網の論点” (2 December 2026)'],
    ['en', 'wareki', 'Analytic memo “供給網の論点” (2 December 2026)'],
  ] as const)('%s, %s: %s', (lang, style, expected) => {
    expect(formatMemoCitation(m, lang, style)).toBe(expected);
    expect(itemCitation({ citation: null, memo: m, sourceNumber: null }, lang, style)).toBe(expected);
  });
  it('names the document a document memo is about, and folds line breaks out of a title', () => {
    expect(formatMemoCitation({ ...m, title: '題\n名', documentTitle: '第1回 会議' }, 'ja', 'seireki')).toBe('分析メモ「題 名」（2026年12月2日）、『第1回 会議』について');
    expect(formatMemoCitation({ ...m, documentTitle: 'Minutes' }, 'en')).toBe('Analytic memo “供給網の論点” (2 December 2026), on “Minutes”');
  });
  it('dates a memo by the day of its last change on the analyst’s calendar', () => {
    expect(memoCitationOf({ id: 'x', title: 't', updatedAt: PLACED_AT, documentTitle: null }).date).toBe('2026-12-02');
  });
});

describe('a memo placed in a briefing section', () => {
  it('resolves as kind memo with the memo body as its text and no entry in the sources list', async () => {
    const { briefing, itemId } = await briefingWithMemo({ dateStyle: 'seireki', language: 'ja' });
    const stored = briefing.sections[0].items[0];
    expect(stored).toMatchObject({ id: itemId, memoId: memo.id, annotationId: null, statementId: null, quoteAtAdd: BODY });
    const it = await resolvedItem(briefing.id, itemId);
    expect(it).toMatchObject({ kind: 'memo', refId: memo.id, status: 'ok', quote: BODY, citation: null, sourceNumber: null });
    expect(it.memo).toEqual({ memoId: memo.id, title: '供給網の論点', date: '2026-12-02', documentTitle: null });
    expect((await api.call('briefings.get', { id: briefing.id })).resolved.sources).toEqual([]);
  });

  it('a document memo names its document in the citation', async () => {
    const { briefing } = await api.call('briefings.create', { title: '文書メモ', date: '2026-12-05', template: { from: 'empty' } });
    const { sectionId } = await api.call('briefings.sections.add', { briefingId: briefing.id, heading: '所見' });
    const { itemId } = await api.call('briefings.items.add', { sectionId, memoId: docMemo.id });
    const it = await resolvedItem(briefing.id, itemId);
    expect(itemCitation(it, 'ja')).toBe(`分析メモ「文書についての所見」（2026年12月2日）、『${docTitle.replace(/\s+/g, ' ').trim()}』について`);
  });

  it('refuses a deleted or unknown memo, and a request naming two kinds of evidence', async () => {
    const { briefing } = await api.call('briefings.create', { title: '拒否', template: { from: 'empty' } });
    const { sectionId } = await api.call('briefings.sections.add', { briefingId: briefing.id, heading: 'x' });
    await expect(api.call('briefings.items.add', { sectionId, memoId: 'memo-none' })).rejects.toMatchObject({ data: { code: 'not-found', subject: 'memo-none' } });
    const gone = await api.call('memo.create', { title: '消すメモ', body: '本文' });
    await api.call('memo.delete', { id: gone.id });
    await expect(api.call('briefings.items.add', { sectionId, memoId: gone.id })).rejects.toMatchObject({ data: { code: 'not-found', subject: gone.id } });
    const statementId = ctx.db.prepare('SELECT id FROM statements LIMIT 1').pluck().get() as string;
    await expect(api.call('briefings.items.add', { sectionId, memoId: memo.id, statementId })).rejects.toMatchObject({ data: { code: 'invalid-request' } });
    expect((await api.call('briefings.get', { id: briefing.id })).briefing.sections[0].items).toEqual([]);
  });

  it('the store refuses an item citing nothing or two things (the CHECK of schema 20)', () => {
    const sectionId = ctx.db.prepare('SELECT id FROM briefing_sections LIMIT 1').pluck().get() as string;
    const insert = ctx.db.prepare('INSERT INTO briefing_items (id, section_id, position, annotation_id, statement_id, memo_id) VALUES (?, ?, 99, ?, ?, ?)');
    expect(() => insert.run('itm-none', sectionId, null, null, null)).toThrow(/CHECK/);
    expect(() => insert.run('itm-two', sectionId, null, 'st-x', memo.id)).toThrow(/CHECK/);
  });

  it('one undo takes the placed memo back out, redo puts it back', async () => {
    const { briefing, itemId } = await briefingWithMemo({ dateStyle: 'seireki', language: 'ja' });
    await api.call('history.undo', {});
    expect((await api.call('briefings.get', { id: briefing.id })).briefing.sections[0].items).toEqual([]);
    await api.call('history.redo', {});
    expect((await api.call('briefings.get', { id: briefing.id })).briefing.sections[0].items.map((i) => [i.id, i.memoId])).toEqual([[itemId, memo.id]]);
  });
});

describe('a memo edited or deleted after it was placed', () => {
  it('an edit shows in the briefing: the current text, dated by the edit; the text at placement is kept for a deletion', async () => {
    const own = await api.call('memo.create', { title: '変わるメモ', body: '初版の本文' });
    stampMemo(own.id, PLACED_AT);
    const { briefing } = await api.call('briefings.create', { title: '編集後', date: '2026-12-05', template: { from: 'empty' } });
    const { sectionId } = await api.call('briefings.sections.add', { briefingId: briefing.id, heading: 'x' });
    const { itemId } = await api.call('briefings.items.add', { sectionId, memoId: own.id });

    await api.call('memo.update', { id: own.id, title: '変わったメモ', body: '改訂した本文' });
    stampMemo(own.id, '2027-01-15T12:00:00.000Z');
    const edited = await resolvedItem(briefing.id, itemId);
    expect(edited).toMatchObject({ status: 'ok', quote: '改訂した本文' });
    expect(itemCitation(edited, 'ja', 'wareki')).toBe('分析メモ「変わったメモ」（令和9年1月15日）');
    expect((await api.call('briefings.get', { id: briefing.id })).briefing.sections[0].items[0].quoteAtAdd).toBe('初版の本文');

    await api.call('memo.delete', { id: own.id });
    const deleted = await resolvedItem(briefing.id, itemId);
    expect(deleted).toMatchObject({ status: 'deleted', quote: '初版の本文', memo: null, citation: null });
    const md = mdText(await exported(briefing.id, 'md'));
    expect(md).toContain('> 初版の本文');
    expect(md).toContain('【出典なし】この分析メモは削除されています。');
    expect(md).not.toContain('分析メモ「');
    expect((await api.call('briefings.get', { id: briefing.id })).resolved.unresolved).toBe(1);

    await api.call('history.undo', {});
    expect(await resolvedItem(briefing.id, itemId)).toMatchObject({ status: 'ok', quote: '改訂した本文' });
  });

  it('a memo whose creation was undone is missing, printed from the text stored at placement', async () => {
    const brief = await api.call('memo.create', { title: '取り消すメモ', body: 'すぐ消える本文' });
    const { briefing } = await api.call('briefings.create', { title: '取消', template: { from: 'empty' } });
    const { sectionId } = await api.call('briefings.sections.add', { briefingId: briefing.id, heading: 'x' });
    const { itemId } = await api.call('briefings.items.add', { sectionId, memoId: brief.id });
    ctx.db.prepare('DELETE FROM memos WHERE id = ?').run(brief.id);
    const it = await resolvedItem(briefing.id, itemId);
    expect(it).toMatchObject({ status: 'missing', quote: 'すぐ消える本文', memo: null });
    expect(htmlText(await exported(briefing.id, 'html'))).toContain('【出典なし】この分析メモはデータベースに存在しません。');
  });
});

describe('every export prints the memo through the citation module', () => {
  const cases = [
    { dateStyle: 'seireki', language: 'ja', cite: '分析メモ「供給網の論点」（2026年12月2日）' },
    { dateStyle: 'wareki', language: 'ja', cite: '分析メモ「供給網の論点」（令和8年12月2日）' },
    { dateStyle: 'wareki', language: 'en', cite: 'Analytic memo “供給網の論点” (2 December 2026)' },
  ] as const;

  it.each(cases)('$language, $dateStyle: DOCX, Markdown and HTML', async ({ dateStyle, language, cite }) => {
    const { briefing } = await briefingWithMemo({ dateStyle, language });
    const docx = docxText(await exported(briefing.id, 'docx'));
    expect(docx).toContain(cite);
    expect(docx).toContain(BODY);
    const md = mdText(await exported(briefing.id, 'md'));
    expect(md).toContain(`— ${cite}`);
    expect(md).toContain('> 半導体の供給網は特定国への依存が大きい。\n> 第二段落：重要鉱物も同様である。');
    const html = parseHtml(fs.readFileSync(await exported(briefing.id, 'html'), 'utf8'));
    expect([...html.querySelectorAll('p.citation')].map((p) => p.textContent)).toContain(cite);
    expect([...html.querySelectorAll('blockquote')].map((b) => b.textContent)).toContain(BODY);
  });

  it.each(cases.filter((c) => c.language === 'ja'))('ja, $dateStyle: PDF (pdftotext)', async ({ dateStyle, language, cite }) => {
    const { briefing } = await briefingWithMemo({ dateStyle, language });
    const text = squash(pdfPages(await exported(briefing.id, 'pdf')).join(''));
    expect(text).toContain(squash(cite));
    expect(text).toContain(squash('第二段落：重要鉱物も同様である。'));
  }, 120_000);
});

describe('workbench briefing add --memo', () => {
  it('places a memo in the last section, one item per memo; refuses --memo on create', async () => {
    const { briefing } = await api.call('briefings.create', { title: 'CLI', date: '2026-12-05', template: { from: 'empty' } });
    await api.call('briefings.sections.add', { briefingId: briefing.id, heading: '一' });
    const { sectionId } = await api.call('briefings.sections.add', { briefingId: briefing.id, heading: '二' });
    const run = await runCli(['briefing', 'add', briefing.id, '--memo', memo.id, '--memo', docMemo.id, '--comment', 'CLIから', '--json', '--db', ctx.dbPath]);
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as { briefing: Briefing; itemIds: string[] };
    expect(out.itemIds).toHaveLength(2);
    const last = out.briefing.sections.find((s) => s.id === sectionId);
    expect(last?.items.map((i) => [i.memoId, i.comment])).toEqual([
      [memo.id, 'CLIから'],
      [docMemo.id, 'CLIから'],
    ]);
    const md = await runCli(['export', briefing.id, '--format', 'md', '--out', path.join(dir, 'cli.md'), '--db', ctx.dbPath]);
    expect(md.code, md.stderr).toBe(0);
    expect(mdText(path.join(dir, 'cli.md'))).toContain('分析メモ「供給網の論点」（2026年12月2日）');

    const bad = await runCli(['briefing', 'create', '--title', 'x', '--memo', memo.id, '--db', ctx.dbPath]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('workbench briefing add BRIEFING_ID --memo ID');
    const none = await runCli(['briefing', 'add', briefing.id, '--memo', 'memo-none', '--db', ctx.dbPath]);
    expect(none.code).not.toBe(0);
    expect(none.stderr).toContain('memo-none');
  }, 60_000);
});

describe('a workspace bundle carries memo items', () => {
  it('round-trips a memo item (bundles carry no memos: the item arrives missing, printed from the text stored at placement)', async () => {
    const { briefing, itemId } = await briefingWithMemo({ dateStyle: 'seireki', language: 'ja' });
    const { bytes } = buildBundle(ctx, 'test');
    const other = corpusContext();
    try {
      await importBundle(other, 'memo.wbbundle', readBundle('memo.wbbundle', bytes));
      const { briefing: copy, resolved } = await apiFor(other).call('briefings.get', { id: briefing.id });
      expect(copy.sections[0].items.map((i) => [i.id, i.memoId, i.quoteAtAdd])).toEqual([[itemId, memo.id, BODY]]);
      expect(resolved.sections[0].items[0]).toMatchObject({ kind: 'memo', status: 'missing', quote: BODY });
    } finally {
      closeContext(other);
    }
  }, 60_000);
});
