// The ministry form of a briefing (宛先, 発信 from the profile, 文書番号, 西暦/和暦, table of
// contents, headings kept with what follows) in every export format, evidence under two pillars
// printed once with a cross-reference, and the bad input the form refuses whole.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnnotation } from '../../electron/annotate/annotations';
import type { AppContext } from '../../electron/app/context';
import { exportBriefing } from '../../electron/export';
import { chromiumPdfRenderer } from '../../electron/export/pdf';
import type { ApiClient } from '../../shared/api/client';
import type { Briefing } from '../../shared/briefing';
import { formatNoteDate } from '../../shared/citation';
import { apiFor } from '../helpers/api';
import { apiError } from '../helpers/annotate';
import { runCli } from '../helpers/cli';
import { closeContext, corpusContext, tempDir } from '../helpers/db';
import { docxParagraphs, mdUnescape, parseHtml, pdfPages, squash, unzipDocx } from '../export/content';
import { allStatements, quoteAround } from './evidence-fixture';

let ctx: AppContext;
let api: ApiClient;
let dir: string;
beforeAll(async () => {
  ctx = corpusContext();
  api = apiFor(ctx);
  dir = tempDir('wb-form-');
  await api.call('profile.set', { name: '経済 太郎', affiliation: '経済産業省 貿易経済安全保障局', section: '経済安全保障政策課', contact: '内線 1234' });
});
afterAll(() => closeContext(ctx));

let n = 0;
async function exported(b: Briefing, format: 'md' | 'html' | 'docx' | 'pdf'): Promise<string> {
  const file = path.join(dir, `note-${n++}.${format}`);
  await exportBriefing(ctx.db, b.id, { format, path: file, author: ctx.author, pdfRenderer: format === 'pdf' ? chromiumPdfRenderer() : undefined });
  return file;
}
const docxText = (file: string) => docxParagraphs(unzipDocx(fs.readFileSync(file))['word/document.xml']).map((p) => p.text);
const htmlText = (file: string) => parseHtml(fs.readFileSync(file, 'utf8')).body.textContent ?? '';
const mdText = (file: string) => mdUnescape(fs.readFileSync(file, 'utf8'));

describe('the note date in 西暦 or 和暦', () => {
  it.each([
    ['2026-12-01', 'wareki', 'ja', '令和8年12月1日'],
    ['2019-05-01', 'wareki', 'ja', '令和元年5月1日'],
    ['2019-04-30', 'wareki', 'ja', '平成31年4月30日'],
    ['1989-01-08', 'wareki', 'ja', '平成元年1月8日'],
    ['2026-12-01', 'seireki', 'ja', '2026年12月1日'],
    ['2026-12-01', 'wareki', 'en', '1 December 2026'],
  ] as const)('%s as %s (%s) is %s', (iso, style, lang, expected) => {
    expect(formatNoteDate(iso, lang, style)).toBe(expected);
  });
});

describe('a 和暦 note with 宛先, 発信 from the profile and a document number', () => {
  let b: Briefing;
  beforeAll(async () => {
    ({ briefing: b } = await api.call('briefings.create', {
      title: '経済安全保障に関する論点整理',
      date: '2026-12-01',
      dateStyle: 'wareki',
      addressee: '経済安全保障推進室長',
      docNumber: '経安第123号',
      template: { from: 'annotations' },
    }));
  });

  it('stores the form, with 発信 taken from the profile', () => {
    expect(b).toMatchObject({ dateStyle: 'wareki', addressee: '経済安全保障推進室長', docNumber: '経安第123号', toc: false });
    expect(b.sender.split('\n')).toEqual(['経済産業省 貿易経済安全保障局', '経済安全保障政策課', '経済 太郎', '内線 1234']);
  });

  it('prints 令和8年12月1日, 宛先 殿, 発信 and 文書番号 in the DOCX, right-aligned where a ministry note puts them', async () => {
    const file = await exported(b, 'docx');
    const xml = unzipDocx(fs.readFileSync(file))['word/document.xml'];
    const paras = docxParagraphs(xml);
    const texts = paras.map((p) => p.text);
    expect(texts.slice(0, 3)).toEqual(['経安第123号', '令和8年12月1日', '経済安全保障推進室長　殿']);
    expect(texts).toContain('経済安全保障政策課');
    expect(texts.join('\n')).not.toContain('2026年12月1日');
    const docNumberPara = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => m[0]).find((p) => p.includes('経安第123号'))!;
    expect(docNumberPara).toContain('<w:jc w:val="right"/>');
  });

  it('prints the same in the PDF (pdftotext), the HTML and the Markdown', async () => {
    const pdf = squash(pdfPages(await exported(b, 'pdf')).join('\n'));
    for (const text of [pdf, squash(htmlText(await exported(b, 'html'))), squash(mdText(await exported(b, 'md')))]) {
      expect(text).toContain('令和8年12月1日');
      expect(text).toContain('経済安全保障推進室長殿');
      expect(text).toContain('経安第123号');
      expect(text).toContain('経済安全保障政策課');
      expect(text).not.toContain('2026年12月1日');
    }
  });

  it('prints no form block for a note without one, and 西暦 by default', async () => {
    await api.call('profile.set', { name: '経済 太郎' });
    const { briefing } = await api.call('briefings.create', { title: '素の資料', date: '2026-12-01', sender: '' });
    expect(briefing).toMatchObject({ dateStyle: 'seireki', sender: '', addressee: '', docNumber: '' });
    const text = docxText(await exported(briefing, 'docx'));
    expect(text[0]).toBe('素の資料');
    expect(text.join('\n')).toContain('2026年12月1日');
  });
});

describe('the table of contents', () => {
  async function withSections(count: number): Promise<Briefing> {
    const { briefing } = await api.call('briefings.create', { title: `節が${count}つの資料`, toc: true });
    for (let i = 1; i <= count; i++) await api.call('briefings.sections.add', { briefingId: briefing.id, heading: `論点その${i}` });
    return (await api.call('briefings.get', { id: briefing.id })).briefing;
  }

  it('is printed in every format for a note with four sections, each section listed once', async () => {
    const b = await withSections(4);
    const docx = docxText(await exported(b, 'docx'));
    const at = docx.indexOf('目次');
    expect(at, 'the contents heading').not.toBe(-1);
    expect(docx.slice(at + 1, at + 5)).toEqual(['1. 論点その1', '2. 論点その2', '3. 論点その3', '4. 論点その4']);
    const html = parseHtml(fs.readFileSync(await exported(b, 'html'), 'utf8'));
    const links = [...html.body.querySelectorAll('nav.toc a')].map((a) => [a.getAttribute('href'), a.textContent]);
    expect(links).toEqual([1, 2, 3, 4].map((i) => [`#section-${i}`, `${i}. 論点その${i}`]));
    for (const [href] of links) expect(html.body.querySelector(`section${href}`), `${href} is a section`).not.toBeNull();
    const md = mdText(await exported(b, 'md'));
    expect(md).toContain('## 目次\n\n- 1. 論点その1\n- 2. 論点その2\n- 3. 論点その3\n- 4. 論点その4\n');
    const pdf = pdfPages(await exported(b, 'pdf')).join('\n');
    expect(pdf).toContain('目次');
  });

  it('is left out of a note with three sections, even when asked for', async () => {
    const b = await withSections(3);
    expect(b.toc).toBe(true);
    expect(docxText(await exported(b, 'docx'))).not.toContain('目次');
    expect(htmlText(await exported(b, 'html'))).not.toContain('目次');
    expect(mdText(await exported(b, 'md'))).not.toContain('目次');
  });
});

describe('headings stay with what follows', () => {
  it('every heading paragraph in document.xml carries keepNext, and the print CSS avoids a break after headings', async () => {
    const { briefing } = await api.call('briefings.create', { title: '見出しの資料', summary: '要旨の本文。', template: { from: 'annotations' } });
    const file = await exported(briefing, 'docx');
    const xml = unzipDocx(fs.readFileSync(file))['word/document.xml'];
    const headings = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => m[0]).filter((p) => /<w:pStyle w:val="(Heading1|Title)"\/>/.test(p));
    expect(headings.length).toBe(briefing.sections.length + 3); // title, 要旨, sections, 出典一覧
    for (const h of headings) expect(h).toContain('<w:keepNext/>');
    const html = fs.readFileSync(await exported(briefing, 'html'), 'utf8');
    expect(html).toMatch(/h1, h2, h3, \.titleblock \{ break-after: avoid;/);
  });
});

describe('evidence under two pillars', () => {
  it('is quoted once, in the first section, and cross-referenced in the other in every format', async () => {
    const s = allStatements(ctx.db).find((x) => x.kind !== 'heading' && x.text.includes('サプライチェーン') && x.text.includes('インフラ'))!;
    expect(s, 'a statement about both supply chains and infrastructure').toBeDefined();
    const quote = quoteAround(s.text, 'サプライチェーン');
    const a = createAnnotation({ db: ctx.db, author: 'test-analyst' }, { statementId: s.id, quote, pillarIds: ['supply-chain', 'infrastructure'], comment: '二つの柱にまたがる根拠' });
    const { briefing } = await api.call('briefings.create', { title: '二つの柱', template: { from: 'annotations', pillars: ['supply-chain', 'infrastructure'] } });
    const where = briefing.sections.map((sec) => sec.items.filter((it) => it.annotationId === a.id).length);
    expect(where).toEqual([1, 1]);
    const { resolved } = await api.call('briefings.get', { id: briefing.id });
    const items = resolved.sections.map((sec) => sec.items.find((it) => it.refId === a.id)!);
    expect(items.map((it) => it.seeSection)).toEqual([null, 1]);
    expect(items[1].sourceNumber).toBeNull();
    expect(resolved.sources.reduce((t, e) => t + e.citedItems, 0)).toBe(resolved.sections.reduce((t, sec) => t + sec.items.filter((it) => !it.seeSection).length, 0));

    const count = (text: string, needle: string) => text.split(needle).length - 1;
    const md = mdText(await exported(briefing, 'md'));
    const docx = docxText(await exported(briefing, 'docx')).join('\n');
    const html = htmlText(await exported(briefing, 'html'));
    for (const text of [md, docx, html]) {
      expect(count(squash(text), squash(quote))).toBe(1);
      expect(count(text, '→ 第1節参照')).toBe(1);
    }
  });
});

describe('bad input is refused whole, with the field named', () => {
  it.each([
    ['title', { title: 'あ'.repeat(10_000) }],
    ['docNumber', { title: '資料', docNumber: '経安第1号\n追記' }],
    ['addressee', { title: '資料', addressee: '室長\u0007' }],
    ['sender', { title: '資料', sender: '課\t名' }],
    ['dateStyle', { title: '資料', dateStyle: 'koki' }],
  ])('a bad %s creates nothing', async (field, req) => {
    const before = (await api.call('briefings.list', {})).briefings.length;
    const e = await apiError(api.call('briefings.create', req as never));
    expect(e.data.code).toBe('invalid-request');
    expect(JSON.stringify(e.data)).toContain(field);
    expect((await api.call('briefings.list', {})).briefings.length).toBe(before);
  });

  it('a bad 宛先 in an edit leaves the stored one', async () => {
    const { briefing } = await api.call('briefings.create', { title: '宛先のある資料', addressee: '室長' });
    await apiError(api.call('briefings.update', { id: briefing.id, addressee: '室長\r\n殿' }));
    expect((await api.call('briefings.get', { id: briefing.id })).briefing.addressee).toBe('室長');
  });
});

describe('workbench briefing create with the form options', () => {
  it('stores 和暦, 宛先, 発信 lines, the document number and the contents flag', async () => {
    const db = path.join(tempDir(), 'cli.db');
    const r = await runCli(['briefing', 'create', '--title', '論点整理', '--date-style', 'wareki', '--to', '室長', '--from', '経済産業省\\n政策課', '--doc-number', '経安第9号', '--toc', '--db', db, '--json']);
    expect(r.stderr).toBe('');
    expect(r.json<Briefing>()).toMatchObject({ dateStyle: 'wareki', addressee: '室長', sender: '経済産業省\n政策課', docNumber: '経安第9号', toc: true });
  });

  it('refuses a document number with a control character, naming the option, and writes nothing', async () => {
    const db = path.join(tempDir(), 'cli.db');
    const r = await runCli(['briefing', 'create', '--title', '論点整理', '--doc-number', '経安\u001b第9号', '--db', db, '--json']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('--doc-number');
    const list = await runCli(['briefings', '--db', db, '--json']);
    expect(list.stdout).not.toContain('論点整理');
  });
});

describe('schema 14 on a database from before it', () => {
  it('keeps every briefing, which reads as before: 西暦, no form blocks, no contents', async () => {
    const { default: Database } = await import('better-sqlite3');
    const { migrate } = await import('../../electron/store/migrate');
    const { getBriefing } = await import('../../electron/briefing/repo');
    const { tempDbPath } = await import('../helpers/db');
    const db = new Database(tempDbPath());
    try {
      migrate(db, { target: 9 });
      db.prepare("INSERT INTO briefings (id, title, author, date, language, created_at, updated_at) VALUES ('brf_old', '旧い資料', 'a', '2025-04-01', 'ja', 't', 't')").run();
      db.prepare("INSERT INTO briefing_sections (id, briefing_id, position, heading) VALUES ('sec_old', 'brf_old', 0, '節')").run();
      expect(migrate(db)).toContain(14);
      expect(getBriefing(db, 'brf_old')).toMatchObject({ title: '旧い資料', dateStyle: 'seireki', addressee: '', sender: '', docNumber: '', toc: false, sections: [{ id: 'sec_old', heading: '節' }] });
      expect(() => db.prepare("UPDATE briefings SET date_style = 'koki' WHERE id = 'brf_old'").run()).toThrow(/CHECK/);
    } finally {
      db.close();
    }
  });
});
