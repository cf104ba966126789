// Opens every export of a hostile briefing and checks what a reader sees: headings, stored quotes,
// citations, sources, the marking (header/footer, every PDF page), escaping, lost-evidence notices.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/app/context';
import { listExports } from '../../electron/briefing/export-log';
import { resolveBriefing } from '../../electron/briefing/resolve';
import { exportBriefing } from '../../electron/export';
import { cssString, PAGE } from '../../electron/export/html';
import { chromiumPdfRenderer, findChromium } from '../../electron/export/pdf';
import type { ResolvedBriefing } from '../../shared/briefing';
import { formatCitation, formatSourceEntry, printable, statusNotice } from '../../shared/citation';
import { getDocument } from '../../electron/corpus/repo';
import { closeContext, corpusContext, tempDir } from '../helpers/db';
import { docxParagraphs, mdUnescape, parseHtml, pdfPages, squash, unzipDocx, xmlParseError, type DomElement } from './content';
import { buildHostileBriefing, CONTROL_COMMENT, HOSTILE_TITLE, MARKING, SCRIPT_COMMENT, type Hostile } from './hostile-briefing';

let ctx: AppContext;
let h: Hostile;
let r: ResolvedBriefing;
let dir: string;
const file = (ext: string) => path.join(dir, `briefing.${ext}`);

beforeAll(() => {
  ctx = corpusContext();
  h = buildHostileBriefing(ctx.db);
  r = resolveBriefing(ctx.db, h.briefing);
  dir = tempDir('wb-export-');
});
afterAll(() => closeContext(ctx));

const exp = (format: 'md' | 'html' | 'docx' | 'pdf') => exportBriefing(ctx.db, h.briefing.id, { format, path: file(format), author: 'test-analyst' });

/** The orphan's notice, checked to name its last document and statement number as unconfirmed. */
function orphanNotice(): string {
  const o = r.sections.flatMap((x) => x.items).find((i) => i.status === 'orphaned')!;
  const n = statusNotice(o.status, o.kind, 'ja', o.lastKnown)!;
  const doc = getDocument(ctx.db, h.fx.byPillar['tech-protection'][0].documentId).document;
  expect(n).toContain(`『${doc.title}』`);
  expect(n).toContain(`文${o.lastKnown!.locator}`);
  expect(n).toMatch(/^【出典未確認】/);
  expect(n).toContain('確認できません');
  return n;
}

describe('the resolved model under the exports', () => {
  it('has the statuses the hostile briefing was built for', () => {
    expect(r.sections.map((s) => s.items.map((i) => i.status))).toEqual([['ok', 'ok', 'ok'], ['deleted', 'orphaned'], []]);
    expect(r.unresolved).toBe(2);
    expect(r.sections[0].items[2].quote.length).toBeGreaterThanOrEqual(10_000);
  });

  it('keeps where the orphan was last found, without citing it', () => {
    const o = r.sections[1].items[1];
    const a = h.fx.byPillar['tech-protection'][0];
    const { ordinal } = ctx.db.prepare('SELECT ordinal FROM statements WHERE id = ?').get(a.statementId) as { ordinal: number };
    expect(o).toMatchObject({ status: 'orphaned', citation: null, sourceNumber: null, lastKnown: { documentId: a.documentId, locator: ordinal + 1 } });
    expect(r.sections.flatMap((s) => s.items).filter((i) => i.status !== 'orphaned').every((i) => i.lastKnown === null)).toBe(true);
  });
});

describe('Markdown', () => {
  let md: string;
  beforeAll(async () => {
    const res = await exp('md');
    md = fs.readFileSync(res.path, 'utf8');
  });

  it('has the title, numbered section headings, the summary, sources and the marking at top and bottom', () => {
    const lines = md.split('\n');
    const headings = lines.filter((l) => /^#{1,6} /.test(l));
    expect(headings.map((l) => mdUnescape(l))).toEqual([`# ${HOSTILE_TITLE}`, '## 要旨', '## 1. サプライチェーン <h1>', '## 2. 失われた根拠', '## 3. 空の節', '## 出典一覧']);
    expect(mdUnescape(lines[0])).toBe(`**${MARKING}**`);
    expect(mdUnescape(lines.filter(Boolean).at(-1)!)).toBe(`**${MARKING}**`);
    for (const s of r.sources) expect(md).toContain(`- ${mdUnescape(formatSourceEntry(s, 'ja')) === formatSourceEntry(s, 'ja') ? formatSourceEntry(s, 'ja') : ''}`.trimEnd());
  });

  it('quotes every item exactly as stored, as block quotes, with its citation or its notice', () => {
    const quotes = md.split(/\n\n/).filter((b) => b.startsWith('> ')).map((b) => mdUnescape(b.split('\n').map((l) => l.replace(/^> ?/, '')).join('\n')));
    expect(quotes).toEqual(r.sections.flatMap((s) => s.items.map((i) => i.quote)));
    for (const it of r.sections.flatMap((s) => s.items)) {
      if (it.citation) expect(mdUnescape(md)).toContain(`— ${formatCitation(it.citation, 'ja', it.sourceNumber)}`);
      else expect(mdUnescape(md)).toContain(statusNotice(it.status, it.kind, 'ja', it.lastKnown)!);
    }
    expect(mdUnescape(md)).toContain(orphanNotice());
  });

  it('escapes markup so no comment can become HTML, a link or a heading, and drops control characters', () => {
    expect(md).not.toMatch(/<[a-z/!]/i);
    expect(md).not.toMatch(/(?<!\\)\]\(/);
    expect(md).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/);
    expect(mdUnescape(md)).toContain(SCRIPT_COMMENT);
    expect(mdUnescape(md)).toContain(printable(CONTROL_COMMENT).replace('\n', '\\\n'));
  });
});

describe('HTML', () => {
  let html: string;
  let doc: ReturnType<typeof parseHtml>;
  beforeAll(async () => {
    html = fs.readFileSync((await exp('html')).path, 'utf8');
    // Scripts enabled on purpose: if anything executable survived, it would run here.
    doc = parseHtml(html, { runScripts: true });
  });

  it('is self-contained and inert: a CSP, no scripts, no handlers, no external resources', () => {
    const csp = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('script-src');
    expect(doc.querySelectorAll('script, iframe, object, embed, link, img, form, base').length).toBe(0);
    for (const el of doc.querySelectorAll('*')) for (const a of el.getAttributeNames()) expect(a).not.toMatch(/^on/i);
    for (const el of doc.querySelectorAll('*')) expect(el.getAttributeNames().filter((a) => /^(src|href|srcset|action|data|poster)$/i.test(a))).toEqual([]);
    expect([...doc.querySelectorAll('style')].map((s: DomElement) => s.textContent).join('')).not.toMatch(/url\(|@import|https?:/i);
    expect(doc.body.textContent).not.toContain('EXECUTED!');
    expect(doc.title).toBe(HOSTILE_TITLE);
  });

  it('puts the marking into the print stylesheet only as an escaped CSS string', () => {
    expect(cssString('取扱注意 A1')).toBe('"取扱注意 A1"');
    const hostile = cssString('x"; } body { display: none } </style><script>alert(1)</script>');
    expect(hostile.slice(1, -1)).not.toMatch(/["<>{};]/);
    expect(html).toContain(`content: ${cssString(MARKING)}`);
    expect(html.match(/<\/style>/g)?.length).toBe(2);
  });

  it('shows title, headings, stored quotes, citations, notices, comments and sources as text', () => {
    expect(doc.querySelector('h1')?.textContent).toBe(HOSTILE_TITLE);
    expect([...doc.querySelectorAll('section:not(.summary):not(.sources) > h2')].map((e) => e.textContent)).toEqual(['1.サプライチェーン <h1>', '2.失われた根拠', '3.空の節']);
    expect([...doc.querySelectorAll('blockquote')].map((e) => e.textContent)).toEqual(r.sections.flatMap((s) => s.items.map((i) => i.quote)));
    const items = r.sections.flatMap((s) => s.items);
    expect([...doc.querySelectorAll('.citation')].map((e) => e.textContent)).toEqual(items.filter((i) => i.citation).map((i) => formatCitation(i.citation!, 'ja', i.sourceNumber)));
    expect([...doc.querySelectorAll('.notice')].map((e) => e.textContent)).toEqual(items.filter((i) => !i.citation).map((i) => statusNotice(i.status, i.kind, 'ja', i.lastKnown)));
    expect([...doc.querySelectorAll('.notice')].map((e) => e.textContent)).toContain(orphanNotice());
    expect([...doc.querySelectorAll('.comment')].map((e) => e.textContent?.replace(/^分析者コメント/, ''))).toContain(SCRIPT_COMMENT);
    expect(doc.body.textContent).toContain(printable(CONTROL_COMMENT).split('\n')[0]);
    expect([...doc.querySelectorAll('.sources li')].map((e) => e.textContent)).toEqual(r.sources.map((s) => formatSourceEntry(s, 'ja')));
    expect([...doc.querySelectorAll('.banner')].map((e) => e.textContent)).toEqual([MARKING, MARKING]);
    expect(doc.querySelector('.warning')?.textContent).toMatch(/2 件/);
  });
});

describe('DOCX', () => {
  let parts: Record<string, string>;
  let paras: ReturnType<typeof docxParagraphs>;
  beforeAll(async () => {
    parts = unzipDocx(fs.readFileSync((await exp('docx')).path));
    paras = docxParagraphs(parts['word/document.xml']);
  });

  it('is a well-formed package: every XML part parses', () => {
    const xmlParts = Object.keys(parts).filter((k) => k.endsWith('.xml') || k.endsWith('.rels'));
    expect(xmlParts).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'word/styles.xml', 'word/fontTable.xml', 'word/_rels/document.xml.rels']));
    for (const k of xmlParts) expect(xmlParseError(parts[k]), k).toBeNull();
    expect(xmlParseError('<w:p><w:t>broken</w:p>')).not.toBeNull();
  });

  it('uses real Word headings and a title block', () => {
    expect(paras.filter((p) => p.style === 'Title').map((p) => p.text)).toEqual([HOSTILE_TITLE]);
    expect(paras.filter((p) => p.style === 'Heading1').map((p) => p.text)).toEqual(['要旨', '1. サプライチェーン <h1>', '2. 失われた根拠', '3. 空の節', '出典一覧']);
    expect(paras.find((p) => p.style === 'TitleMeta')?.text).toContain('2026年1月15日');
    expect(parts['word/styles.xml']).toMatch(/w:styleId="Heading1"/);
  });

  it('sets quotes as block quotes with citations or notices, and lists the sources', () => {
    const items = r.sections.flatMap((s) => s.items);
    expect(paras.filter((p) => p.style === 'BlockQuote').map((p) => p.text)).toEqual(items.map((i) => i.quote));
    const citations = paras.filter((p) => p.style === 'Citation').map((p) => p.text);
    for (const i of items.filter((x) => x.citation)) expect(citations).toContain(formatCitation(i.citation!, 'ja', i.sourceNumber));
    const notices = paras.filter((p) => p.style === 'EvidenceNotice').map((p) => p.text);
    for (const i of items.filter((x) => !x.citation)) expect(notices).toContain(statusNotice(i.status, i.kind, 'ja', i.lastKnown));
    expect(notices).toContain(orphanNotice());
    expect(paras.filter((p) => p.style === 'SourceEntry').map((p) => p.text)).toEqual(r.sources.map((s) => formatSourceEntry(s, 'ja')));
    expect(paras.some((p) => p.style === 'AnalystComment' && p.text.endsWith(SCRIPT_COMMENT))).toBe(true);
  });

  it('puts the marking in header and footer with page numbers, declares Japanese fonts, and holds no control characters', () => {
    const header = Object.keys(parts).find((k) => /^word\/header\d*\.xml$/.test(k))!;
    const footer = Object.keys(parts).find((k) => /^word\/footer\d*\.xml$/.test(k))!;
    expect(docxParagraphs(parts[header]).map((p) => p.text)).toContain(MARKING);
    expect(docxParagraphs(parts[footer]).map((p) => p.text)).toContain(MARKING);
    expect(parts[footer]).toMatch(/PAGE/);
    expect(parts[footer]).toMatch(/NUMPAGES/);
    expect(parts['word/styles.xml']).toMatch(/w:eastAsia="Yu Mincho"/);
    expect(parts['word/styles.xml']).toMatch(/w:eastAsia="Yu Gothic"/);
    expect(parts['word/fontTable.xml']).toMatch(/<w:font w:name="Yu Mincho"><w:altName w:val="Noto Serif CJK JP"\/>/);
    expect(parts['word/fontTable.xml']).toMatch(/<w:font w:name="Yu Gothic"><w:altName w:val="Noto Sans CJK JP"\/>/);
    expect(parts['word/document.xml']).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    expect(parts['word/document.xml']).not.toContain('<script>');
    expect(parts['word/document.xml']).toContain('&lt;script&gt;');
  });
});

const chromium = findChromium();
if (!chromium) console.warn('\n*** NOTICE: no Chromium found: the PDF export tests are SKIPPED (install chromium or set WORKBENCH_CHROMIUM). ***\n');

describe.skipIf(!chromium)('PDF (headless Chromium)', () => {
  let pages: string[];
  beforeAll(async () => {
    const res = await exp('pdf');
    expect(fs.readFileSync(res.path).subarray(0, 5).toString()).toBe('%PDF-');
    pages = pdfPages(res.path);
  }, 120_000);

  it('is A4 with the marking and the page number on every page', () => {
    const info = execFileSync('pdfinfo', [file('pdf')], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+|Page size:\s+595\.\d+ x 842\.\d+/);
    expect(pages.length).toBeGreaterThan(2); // the 10,000-character quote alone takes pages
    pages.forEach((p, i) => {
      expect(p, `page ${i + 1}`).toContain('取扱注意 <i>');
      expect(squash(p), `page ${i + 1}`).toContain(squash(`${i + 1} / ${pages.length} ページ`));
    });
  });

  it('embeds real CID TrueType fonts, no Type 3, and is tagged (needs fonts-ipafont, which scripts/setup-test-deps installs)', () => {
    const fonts = execFileSync('pdffonts', [file('pdf')], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(fonts.filter((l) => l.includes('Type 3'))).toEqual([]);
    expect(fonts.some((l) => /\+IPA(ex)?(Mincho|Gothic)\s+CID TrueType/.test(l))).toBe(true);
    expect(execFileSync('pdfinfo', [file('pdf')], { encoding: 'utf8' })).toMatch(/Tagged:\s+yes/);
  });

  it('renders the Japanese text, quotes, citations and sources, and prints script as text without running it', () => {
    // The body text alone: header and footer lines (title, marking, page numbers) interrupt a quote across pages.
    // (The header's title, cut with an ellipsis, may come out on a line of its own.)
    const headerTitle = (l: string) => l.trim().endsWith('…') && HOSTILE_TITLE.startsWith(l.trim().slice(0, -1));
    const body = pages.map((p) => p.split('\n').filter((l) => !l.includes(MARKING) && !headerTitle(l) && !/^\s*\d+ \/ \d+ ページ\s*$/.test(l)).join('\n'));
    const all = squash(body.join('\n'));
    expect(all).toContain(squash(HOSTILE_TITLE));
    for (const it of r.sections.flatMap((s) => s.items)) {
      expect(all).toContain(squash(it.quote).slice(0, 200));
      if (it.citation) expect(all).toContain(squash(formatCitation(it.citation, 'ja', it.sourceNumber)));
    }
    expect(all).toContain(squash(h.longStatement.text));
    for (const s of r.sources) expect(all).toContain(squash(formatSourceEntry(s, 'ja')));
    expect(all).toContain(squash(SCRIPT_COMMENT));
    expect(all).not.toContain('EXECUTED!');
    expect(all).toContain(squash(orphanNotice()));
  });

  it('the HTML export, printed from a browser without any header or footer, still carries the marking and page numbers on every page', async () => {
    const html = fs.readFileSync(file('html'), 'utf8');
    const blank = '<span></span>';
    const pdf = await chromiumPdfRenderer()({ html, headerTemplate: blank, footerTemplate: blank, pageSize: 'A4', marginsMm: PAGE.marginsMm });
    const printed = path.join(dir, 'html-printed.pdf');
    fs.writeFileSync(printed, pdf);
    const htmlPages = pdfPages(printed);
    expect(htmlPages.length).toBeGreaterThan(2);
    htmlPages.forEach((p, i) => {
      expect(p, `page ${i + 1}`).toContain(MARKING);
      expect(squash(p), `page ${i + 1}`).toContain(squash(`${i + 1} / ${htmlPages.length} ページ`));
    });
  }, 120_000);

  it('embeds its fonts', () => {
    const fonts = execFileSync('pdffonts', [file('pdf')], { encoding: 'utf8' });
    const rows = fonts.split('\n').slice(2).filter(Boolean);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatch(/\byes\b/);
  });
});

describe('export log', () => {
  it('recorded each export with format, path and marking', () => {
    const log = listExports(ctx.db, { briefingId: h.briefing.id });
    const formats = log.map((e) => e.format).sort();
    expect(formats).toEqual((chromium ? ['docx', 'html', 'md', 'pdf'] : ['docx', 'html', 'md']).sort());
    for (const e of log) {
      expect(e).toMatchObject({ briefingTitle: HOSTILE_TITLE, marking: MARKING, author: 'test-analyst', path: file(e.format) });
      expect(e.bytes).toBe(fs.statSync(e.path).size);
    }
  });
});

describe('an empty briefing', () => {
  it('exports in every format with the "no sections" and "no sources" notices and the marking', async () => {
    const { createBriefing } = await import('../../electron/briefing/repo');
    const empty = createBriefing({ db: ctx.db, author: 'analyst' }, { title: 'Empty note', language: 'en', marking: 'FOR OFFICIAL USE ONLY', sections: [] });
    const formats = chromium ? (['md', 'html', 'docx', 'pdf'] as const) : (['md', 'html', 'docx'] as const);
    for (const format of formats) {
      const res = await exportBriefing(ctx.db, empty.id, { format, path: path.join(dir, `empty.${format}`), author: 'a' });
      let text: string;
      if (format === 'docx') text = docxParagraphs(unzipDocx(fs.readFileSync(res.path))['word/document.xml']).map((p) => p.text).join('\n') + docxParagraphs(unzipDocx(fs.readFileSync(res.path))['word/header1.xml'] ?? '').map((p) => p.text).join('');
      else if (format === 'pdf') text = pdfPages(res.path).join('\n');
      else if (format === 'html') text = parseHtml(fs.readFileSync(res.path, 'utf8')).body.textContent ?? '';
      else text = mdUnescape(fs.readFileSync(res.path, 'utf8'));
      expect(text, format).toContain('(This briefing has no sections yet.)');
      expect(text, format).toContain('(No sources cited.)');
      expect(text, format).toContain('FOR OFFICIAL USE ONLY');
    }
  }, 120_000);
});
