// Importing PDFs end to end: Chromium-printed Japanese pages (running header, page-number footer,
// vertical writing, two columns), hand-written PDFs with a non-embedded CID font, page labels,
// a password, scans, damaged files and a 1,000-page file. Each is checked against an oracle
// that does not share the extractor's code: pdftotext per page, or the text the test wrote.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/app/context';
import { listDocumentPages, listDocuments, listStatements } from '../../electron/corpus/repo';
import { extractPdf } from '../../electron/import/pdf';
import { formatCitation, citationSource } from '../../shared/citation';
import type { ApiClient } from '../../shared/api/client';
import { normalizeKey } from '../../shared/text/normalize';
import { apiFor } from '../helpers/api';
import { runCli } from '../helpers/cli';
import { closeContext, makeContext, REPO_ROOT, tempDir } from '../helpers/db';
import { buildPdf, cidsAt, textAt } from './pdf-handmade';
import { htmlPage, PAGE_FOOTER, printPdfs, RUNNING_HEADER } from './pdf-fixtures';

const HEADER_TEXT = '経済安全保障政策資料（取扱注意）';
const LONG = '経済安全保障推進法に基づき、特定重要物資の安定的な供給の確保に関する基本指針を定め、半導体や蓄電池などのサプライチェーンの強靱化を図るとともに、基幹インフラ役務の安定的な提供の確保に向けた事前審査制度を着実に運用する。';
/** Phrases that mark where each printed page's text is; pdftotext tells which page they landed on. */
const MARKS = ['第一の目印として重要鉱物の備蓄を記す。', '第二の目印として先端技術の育成を記す。', '第三の目印として特許出願の非公開を記す。'];

let ctx: AppContext;
let api: ApiClient;
let report: Uint8Array;
let vertical: Uint8Array;
let columns: Uint8Array;
const dir = tempDir('wb-pdf-');

function write(name: string, bytes: Uint8Array): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

/** pdftotext's text of one page (poppler: an independent PDF reader). */
function popplerPage(file: string, page: number): string {
  return execFileSync('pdftotext', ['-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' });
}

async function importPdf(name: string, bytes: Uint8Array, extra: { password?: string; id?: string } = {}) {
  return api.call('documents.import', { fileName: name, contentBase64: Buffer.from(bytes).toString('base64'), ...extra });
}

async function searchTexts(query: string): Promise<{ documentId: string; statementId: string }[]> {
  const r = await api.call('search.query', { query, limit: 100 });
  return r.hits.map((h) => ({ documentId: h.documentId, statementId: h.statementId }));
}

beforeAll(async () => {
  ctx = makeContext({ corpus: false });
  api = apiFor(ctx);
  const paragraphs = Array.from({ length: 26 }, (_, i) => `<p>${i === 8 ? MARKS[0] : i === 17 ? MARKS[1] : i === 25 ? MARKS[2] : ''}${LONG}</p>`).join('');
  [report, vertical, columns] = await printPdfs([
    {
      html: htmlPage(`<h1>重要物資の供給確保に関する報告</h1><h2>1. 現状</h2>${paragraphs}<ol><li>半導体の安定供給を図る。</li><li>蓄電池の国内生産を支援する。</li></ol>`),
      header: RUNNING_HEADER,
      footer: PAGE_FOOTER,
    },
    {
      html: htmlPage(`<div style="writing-mode: vertical-rl; height: 240mm;"><h1>縦書きの答申</h1><p>一、${LONG}「重要技術」の流出を防ぐ。</p><p>二、人材の育成に努める。</p></div>`),
    },
    {
      html: htmlPage(`<h1>二段組の解説</h1><div style="column-count: 2; column-gap: 12mm;"><p>左段の冒頭。${LONG}</p><p>${LONG}${LONG}</p><p>右段の結び。${LONG}</p></div>`),
    },
  ]);
}, 120_000);

afterAll(() => closeContext(ctx));

describe('a Japanese report printed by Chromium, with a running header and page numbers', () => {
  let documentId: string;
  let file: string;
  beforeAll(async () => {
    file = write('report.pdf', report);
    const r = await importPdf('report.pdf', report, { id: 'pdf-report' });
    documentId = r.document.id;
  });

  it('is what the test thinks it is: several pages, each with the header and its number', () => {
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
    expect(pages).toBeGreaterThanOrEqual(3);
    for (let p = 1; p <= pages; p++) {
      const text = popplerPage(file, p);
      expect(text).toContain(HEADER_TEXT);
      expect(text).toMatch(new RegExp(`^\\s*${p}\\s*$`, 'm'));
    }
  });

  it('keeps running matter out of the statements and records it per page', async () => {
    const statements = listStatements(ctx.db, documentId);
    expect(statements.some((s) => s.text.includes('取扱注意'))).toBe(false);
    expect(statements.some((s) => /^\d+$/.test(s.text))).toBe(false);
    const pages = listDocumentPages(ctx.db, documentId);
    const doc = listDocuments(ctx.db).find((d) => d.id === documentId)!;
    expect(doc.pages).toBe(pages.length);
    pages.forEach((p, i) => {
      expect(p.page).toBe(i + 1);
      expect(p.header).toEqual([HEADER_TEXT]);
      expect(p.footer).toEqual([String(i + 1)]);
    });
    // The header is searchable nowhere: not once per page, not once at all.
    expect(await searchTexts('取扱注意')).toEqual([]);
  });

  it('gives each statement the page it starts on (pdftotext says where each mark is printed)', () => {
    const statements = listStatements(ctx.db, documentId);
    const pageCount = listDocumentPages(ctx.db, documentId).length;
    for (const mark of MARKS) {
      const printedOn = Array.from({ length: pageCount }, (_, i) => i + 1).filter((p) => popplerPage(file, p).replace(/\s/g, '').includes(mark.slice(0, 12)));
      expect(printedOn).toHaveLength(1);
      const s = statements.find((st) => st.text.startsWith(mark))!;
      expect(s, mark).toBeDefined();
      expect(s.page).toBe(printedOn[0]);
      expect(s.pageLabel).toBeUndefined();
    }
    // Every statement has a page, in reading order.
    const pages = statements.map((s) => s.page!);
    expect(pages.every((p) => p >= 1 && p <= pageCount)).toBe(true);
    expect([...pages].sort((a, b) => a - b)).toEqual(pages);
  });

  it('reads structure: the title and section as headings, the list as items, paragraphs whole', () => {
    const statements = listStatements(ctx.db, documentId);
    expect(statements[0]).toMatchObject({ kind: 'heading', text: '重要物資の供給確保に関する報告', page: 1 });
    expect(statements.find((s) => s.text.endsWith('現状'))).toMatchObject({ kind: 'heading', page: 1 });
    expect(statements.filter((s) => s.kind === 'item').map((s) => s.text)).toEqual(['半導体の安定供給を図る。', '蓄電池の国内生産を支援する。']);
    // 26 paragraphs of one long sentence each: each is one statement, never split at a line end.
    expect(statements.filter((s) => s.kind === 'paragraph' && s.text.endsWith(LONG))).toHaveLength(26);
  });

  it('finds a phrase that wraps across a printed line break', async () => {
    // Take a line break inside a paragraph as poppler prints it: end of one line + start of the next.
    const lines = popplerPage(file, 1).split('\n').map((l) => l.trim());
    const i = lines.findIndex((l, k) => k + 1 < lines.length && LONG.includes(l.slice(-4)) && LONG.includes(lines[k + 1].slice(0, 4)) && l.length > 20 && lines[k + 1].length > 4);
    expect(i, 'a paragraph line break in the printed page').not.toBe(-1);
    const phrase = lines[i].slice(-4) + lines[i + 1].slice(0, 4);
    expect(LONG).toContain(phrase);
    const hits = await searchTexts(`"${phrase}"`);
    expect(hits.filter((h) => h.documentId === documentId).length).toBe(26);
  });

  it('cites the page in every citation and in `workbench show --json`', async () => {
    const s = listStatements(ctx.db, documentId).find((st) => st.text.startsWith(MARKS[1]))!;
    const doc = listDocuments(ctx.db).find((d) => d.id === documentId)!;
    expect(formatCitation(citationSource(doc, s), 'ja')).toContain(`、p. ${s.page}、文${s.ordinal + 1}`);
    expect(formatCitation(citationSource(doc, s), 'en')).toContain(`, p. ${s.page}, stmt. ${s.ordinal + 1}`);
    const out = await runCli(['show', s.id, '--db', ctx.dbPath, '--json']);
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ id: s.id, page: s.page });
  });
});

describe('vertical writing and two columns', () => {
  it('reads vertical columns right to left, top to bottom, keeping the printed vertical forms', async () => {
    const r = await importPdf('tategaki.pdf', vertical, { id: 'pdf-vertical' });
    const statements = listStatements(ctx.db, r.document.id);
    expect(statements.map((s) => s.kind)).toEqual(['heading', 'paragraph', 'paragraph']);
    expect(statements[0].text).toBe('縦書きの答申');
    // Chromium maps vertical punctuation to presentation forms (︑ ︒ ﹁ ﹂): stored as printed …
    const folded = (t: string) => normalizeKey(t);
    expect(folded(statements[1].text)).toBe(folded(`一、${LONG}「重要技術」の流出を防ぐ。`));
    expect(statements[1].text).toMatch(/[︑︒﹁﹂]/);
    // … and found by the horizontal forms a user types.
    const hits = await searchTexts('「重要技術」の流出');
    expect(hits.map((h) => h.statementId)).toEqual([statements[1].id]);
    expect(folded(statements[2].text)).toBe(folded('二、人材の育成に努める。'));
  });

  it('reads the left column before the right one and rejoins a paragraph cut by the column end', async () => {
    const r = await importPdf('columns.pdf', columns, { id: 'pdf-columns' });
    const texts = listStatements(ctx.db, r.document.id).map((s) => s.text);
    expect(texts).toEqual(['二段組の解説', `左段の冒頭。${LONG}`, `${LONG}${LONG}`, `右段の結び。${LONG}`]);
  });
});

describe('hand-written PDFs: non-embedded CID fonts, page labels, passwords', () => {
  const handmade = buildPdf({
    pages: [
      { content: textAt('F1', 18, 72, 760, '経済安全保障の手引') + textAt('F1', 10.5, 72, 720, '特定重要物資の供給を確保する。') + cidsAt(10.5, 72, 700, [843, 845, 847, 849, 851]) },
      { content: textAt('F2', 12, 500, 760, '縦書きの本文です。「括弧」') + textAt('F2', 12, 480, 760, '二行目に続く。') },
      { content: textAt('F1', 10.5, 72, 760, '本編の最初の文である。') + cidsAt(12, 500, 700, [852, 854, 856], 'F5') + cidsAt(12, 480, 700, [843, 845], 'F5') },
    ],
    pageLabels: '0 << /S /r >> 2 << /S /D /St 1 >>',
  });

  it('maps CIDs of Ryumin-Light (Adobe-Japan1, Identity-H/V and UniJIS-UCS2-H/V) to text with the bundled CMaps', async () => {
    const x = await extractPdf(handmade, { fileName: 'tebiki.pdf' });
    expect(x.format).toBe('pdf');
    expect(x.text.split('\f').map((p) => p.trim())).toEqual([
      '# 経済安全保障の手引\n\n特定重要物資の供給を確保する。あいうえお',
      '縦書きの本文です︒﹁括弧﹂二行目に続く︒',
      '本編の最初の文である。\n\nかきくあい',
    ]);
    expect(x.pages).toEqual({ count: 3, labels: ['i', 'ii', '1'], runningMatter: [] });
  });

  it('stores page labels and cites them: p. ii', async () => {
    const r = await importPdf('tebiki.pdf', handmade, { id: 'pdf-tebiki' });
    const statements = listStatements(ctx.db, r.document.id);
    const onII = statements.find((s) => s.text.startsWith('縦書き'))!;
    expect(onII).toMatchObject({ page: 2, pageLabel: 'ii' });
    expect(statements.find((s) => s.text.startsWith('本編'))).toMatchObject({ page: 3, pageLabel: '1' });
    expect(formatCitation(citationSource(r.document, onII), 'ja')).toMatch(/、p\. ii、文\d+$/);
    expect(listDocumentPages(ctx.db, r.document.id).map((p) => p.label)).toEqual(['i', 'ii', '1']);
  });

  it('refuses an encrypted PDF without its password, opens it with the password (CLI --password)', async () => {
    const locked = buildPdf({ pages: [{ content: textAt('F1', 12, 72, 760, '暗号化された文書の本文です。') }], userPassword: 'himitsu' });
    const before = listDocuments(ctx.db).length;
    await expect(importPdf('locked.pdf', locked)).rejects.toMatchObject({ data: { code: 'bad-input', subject: 'locked.pdf', message: { en: expect.stringContaining('encrypted') } } });
    await expect(importPdf('locked.pdf', locked, { password: 'wrong' })).rejects.toMatchObject({ data: { message: { en: expect.stringContaining('password given does not open it') } } });
    expect(listDocuments(ctx.db).length).toBe(before);
    const file = write('locked.pdf', locked);
    const out = await runCli(['import', file, '--password', 'himitsu', '--id', 'pdf-locked', '--db', ctx.dbPath, '--json']);
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ imported: [{ documentId: 'pdf-locked', format: 'pdf', pages: 1, encoding: null }], duplicates: [], failed: [] });
  });
});

describe('refused with a clear reason, nothing written', () => {
  async function refused(name: string, bytes: Uint8Array, en: RegExp) {
    const before = listDocuments(ctx.db).length;
    const err = await importPdf(name, bytes).then(() => null, (e: { data: { code: string; subject: string; message: { ja: string; en: string } } }) => e.data);
    expect(err, name).not.toBeNull();
    expect(err!.code).toBe('bad-input');
    expect(err!.subject).toBe(name);
    expect(err!.message.en).toMatch(en);
    expect(err!.message.ja).toContain(name);
    expect(listDocuments(ctx.db).length).toBe(before);
  }

  it('a scanned PDF (images only)', async () => {
    await refused('scan.pdf', buildPdf({ pages: [{ content: '', image: true }, { content: '', image: true }] }), /no text layer.*OCR is not available/);
  });

  it('a truncated PDF: says where it ends', async () => {
    const cut = report.subarray(0, Math.floor(report.length / 2));
    await refused('cut.pdf', cut, new RegExp(`truncated: it ends at byte ${cut.length} without the closing %%EOF \\(\\d+ objects are complete, the last ending at byte \\d+\\)`));
  });

  it('a PDF of one %PDF-1.7 line', async () => {
    await refused('one-line.pdf', Buffer.from('%PDF-1.7\n'), /only a PDF header \("%PDF-1.7"\) and no objects \(9 bytes\)/);
  });

  it('a binary renamed .pdf', async () => {
    await refused('program.pdf', fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'import', 'binary.bin')), /program\.pdf cannot be read as text/);
  });

  it('a PDF whose page content is garbage: the damaged page is named', async () => {
    const good = buildPdf({ pages: [{ content: textAt('F1', 12, 72, 760, '正常な頁。') }] });
    // Break the page tree: the /Kids entry points at an object that does not exist.
    const broken = Buffer.from(Buffer.from(good).toString('latin1').replace(/\/Kids \[\d+ 0 R\]/, '/Kids [999 0 R]'), 'latin1');
    await refused('damaged.pdf', broken, /page 1 cannot be read|PDF structure is damaged/);
  });

  it('a cancelled extraction stops and says so', async () => {
    const controller = new AbortController();
    const running = extractPdf(report, { fileName: 'report.pdf', signal: controller.signal });
    controller.abort();
    await expect(running).rejects.toMatchObject({ code: 'cancelled', subject: 'report.pdf' });
  });
});

describe('a one-page PDF', () => {
  it('puts every statement on page 1 and cites 「p. 1」 (no page break to count from)', async () => {
    const one = buildPdf({ pages: [{ content: textAt('F1', 12, 72, 760, '一頁だけの通知である。') + textAt('F1', 12, 72, 730, '特定重要物資の備蓄を求める。') }] });
    const r = await importPdf('tsuchi.pdf', one, { id: 'pdf-one-page' });
    const statements = listStatements(ctx.db, r.document.id);
    expect(statements.map((s) => s.text).join('')).toContain('特定重要物資の備蓄を求める。');
    expect(statements.length).toBeGreaterThan(0);
    expect(statements.map((s) => s.page)).toEqual(statements.map(() => 1));
    const doc = listDocuments(ctx.db).find((d) => d.id === r.document.id)!;
    const last = statements[statements.length - 1];
    expect(formatCitation(citationSource(doc, last), 'ja')).toMatch(/p\. 1/);
  });
});

describe('a 1,000-page PDF', () => {
  it('is imported page by page in bounded time, every statement on its page, page numbers as running matter', async () => {
    const topics = ['重要鉱物の備蓄', '先端技術の育成', '基幹インフラの審査', '特許出願の非公開', '半導体の供給', '蓄電池の生産', '人材の確保'];
    const body = (i: number) => `記述${i + 1}：${topics[i % topics.length]}について定める。`;
    const pages = Array.from({ length: 1000 }, (_, i) => ({
      content: textAt('F1', 10.5, 72, 700, body(i)) + textAt('F4', 10, 290, 40, `- ${i + 1} -`),
    }));
    const big = buildPdf({ pages });
    let progress = 0;
    const x = await extractPdf(big, { fileName: 'thousand.pdf', onPage: (done, total) => { progress = done; expect(total).toBe(1000); } });
    expect(progress).toBe(1000);
    expect(x.pages!.count).toBe(1000);
    expect(x.pages!.runningMatter).toHaveLength(1000);
    expect(x.pages!.runningMatter[776]).toEqual({ page: 777, header: [], footer: ['- 777 -'] });
    // Over the API, the pages read so far are there to ask for by job id while the import runs.
    const seen: { done: number; total: number }[] = [];
    const poller = setInterval(() => {
      void api.call('documents.importProgress', { job: 'thousand' }).then((p) => {
        if (p.pages) seen.push(p.pages);
      });
    }, 20);
    const r = await api.call('documents.import', { fileName: 'thousand.pdf', contentBase64: Buffer.from(big).toString('base64'), id: 'pdf-thousand', job: 'thousand' }).finally(() => clearInterval(poller));
    expect(seen.length).toBeGreaterThan(0);
    for (const p of seen) {
      expect(p.total).toBe(1000);
      expect(p.done).toBeGreaterThan(0);
      expect(p.done).toBeLessThanOrEqual(1000);
    }
    expect(seen.map((p) => p.done)).toEqual([...seen.map((p) => p.done)].sort((a, b) => a - b));
    expect(await api.call('documents.importProgress', { job: 'thousand' })).toEqual({ running: false, pages: null });
    const statements = listStatements(ctx.db, r.document.id);
    expect(statements).toHaveLength(1000);
    statements.forEach((s, i) => {
      expect(s.text).toBe(body(i));
      expect(s.page).toBe(i + 1);
    });
  }, 300_000);
});
