// `node dist/test/bench/segment-golden.js --write DIR | --check DIR` (after `npm run build:node`):
// the golden check of the speed work on segmenting, index tokens and HTML cleaning. It runs
// segmentDocument, the index tokens of every statement (normalizeKey → indexTokens/indexTokensUtf8),
// statement ids and htmlToText over a large, varied set of inputs (the bundled corpus with its real
// metadata, every fixture the import extracts, the 20 MB benchmark page, paged text, generated
// Word files and a few thousand seeded fuzz inputs) and records a sha256 per input. `--write`
// stores them from the code as it is; `--check` compares and names every input whose output changed.
// Statement ids are stored and annotations point at them, so an optimisation must keep every hash.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Document, EndnoteReferenceRun, FootnoteReferenceRun, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { loadBundledCorpus } from '../../electron/corpus/manifest';
import { segmentDocument } from '../../electron/corpus/segment';
import { assignStatementIds, identityText, statementId } from '../../electron/corpus/statement-id';
import { extractSource } from '../../electron/import/extract';
import { htmlToText } from '../../electron/import/html';
import { indexTokens, indexTokensUtf8 } from '../../electron/search/fts';
import { defaultResourcesDir } from '../../electron/store/paths';
import type { DocumentMeta } from '../../shared/model';
import { normalizeKey } from '../../shared/text/normalize';
import { adversarialHtml, bigProseHtml, escapeHtml } from './import-set';
import { generateBenchPdf } from './pdf-set';
import { mulberry32 } from './prng';

/** Seeded fuzz documents for the segmenter; each is small, so thousands run in seconds. */
const FUZZ_DOCUMENTS = 3000;
/** Seeded fuzz strings for folding, tokens and identity text (outside any document). */
const FUZZ_STRINGS = 4000;
/** Seeded fuzz HTML fragments. */
const FUZZ_HTML = 1500;

type Golden = Record<string, string>;

const sha = (s: string | Uint8Array): string => crypto.createHash('sha256').update(s).digest('hex');

function meta(id: string): DocumentMeta {
  return { id, title: id, date: null, issuer: null, kind: 'other', language: 'ja', source: `${id}.txt` };
}

/** Records the segmentation of one input and the index tokens of every statement it yields. */
function recordDocument(out: Golden, name: string, raw: string, m: DocumentMeta, paged: boolean): void {
  const seg = segmentDocument(raw, m, { paged });
  out[`seg ${name}`] = sha(JSON.stringify(seg));
  const tokens = crypto.createHash('sha256');
  const strings = crypto.createHash('sha256');
  for (const s of seg.statements) {
    const norm = normalizeKey(s.text);
    tokens.update(indexTokensUtf8(norm));
    tokens.update('\u0000');
    strings.update(`${norm}\u0000${indexTokens(norm)}\u0000${identityText(s.text)}\u0000`);
  }
  out[`tokens ${name}`] = tokens.digest('hex');
  out[`fold ${name}`] = strings.digest('hex');
}

function recordHtml(out: Golden, name: string, html: string): string {
  const plain = htmlToText(html);
  out[`html ${name}`] = sha(JSON.stringify(plain));
  out[`html+notes ${name}`] = sha(JSON.stringify(htmlToText(html, { notes: true })));
  return plain.text;
}

/** Pieces that exercise the segmenter's and the folding's special cases. */
const PIECES = [
  '\n', '\n\n', '\t', ' ', '\u3000', '\u00a0', '○', '◯', '○外務大臣', '○山田委員', '①', '⑳', '㉑', '㊿', '②4 ', '・', '•', '■', '▽', '- ・', '- ', '* ', '+ ',
  '(1) ', '（１）', '（ア）', '(a)', '（十二）', '1. ', '１．', '12 ', '１ 意見交換', '５ 年加速化', '12 月', '3 日時：', 'Ⅰ ', 'Ⅱ', 'IV. ', 'X. ', '第1条', '第２章',
  '【目標】', '【', '】', '「', '」', '『', '（', '）', '〔', '〕', '趣 旨：', '：', ':', '。', '、', '，', '．', '！', '？', '…',
  '⁶⁹', '⁶⁹ 注記', '¹', '²', '³', '⁰', '※1', '※', '*1', 'm²',
  '<p>', '</p>', '<ul style="list-style-type: none">', '</ul>', '<li>', '<u>', '</u>', '<br>', '<br/>', '<b>', '<span class="x">', '<ul style="list-sty',
  '&nbsp;', '&amp;', '&lt;p&gt;', '&amp;lt;p&amp;gt;', '&#12354;', '&#x3042;', '&hellip;', '&bogus;',
  '----', '--\t--\t---', '| --- |', '***', '═══', '<https://example.jp/a>', 'https://example.jp/path?q=1', '貼り付け元 <https://x.jp>',
  '**太字**', '# ', '## 見出し', '###### ', '(以上)', '以上', '｜', '表1', 'ｶﾞ', 'ｺﾝﾋﾟｭｰﾀｰ', 'コンピューター', 'ー', '靭', '強靭化', 'SIP 4D',
  'e\u0301', '\u0301', '\u3099', 'ﾞ', '\u200b', '\ufe0f', '\u{e0100}', '👍🏽', '𠮷', '\ud800', '\udc00', '😀', '\u2028', '\v', '\f', '\r\n', '\r', '\uFEFF', '\u0000', '\u0007',
  '令和元年１２月１７日', '平成二十四年', 'i-', 'Construction', 'abc', 'ABC', 'Ａ', '衛', '星による', 'の', 'を', 'テキスト', '経済安全保障',
];

function randomCodePoint(random: () => number): string {
  const r = random();
  if (r < 0.5) return String.fromCharCode(0x3041 + Math.floor(random() * 0x60)); // kana
  if (r < 0.7) return String.fromCharCode(0x4e00 + Math.floor(random() * 0x5200)); // kanji
  if (r < 0.8) return String.fromCharCode(0x20 + Math.floor(random() * 0x5f)); // ASCII
  if (r < 0.9) return String.fromCharCode(Math.floor(random() * 0x10000)); // any BMP unit, lone surrogates too
  return String.fromCodePoint(0x10000 + Math.floor(random() * (0x110000 - 0x10000)));
}

function fuzzLine(random: () => number, lines: readonly string[]): string {
  const r = random();
  if (r < 0.3) return lines[Math.floor(random() * lines.length)];
  if (r < 0.4) {
    // A corpus line behind a marker or inside markup.
    return PIECES[Math.floor(random() * PIECES.length)] + lines[Math.floor(random() * lines.length)];
  }
  if (r < 0.45) return Array.from({ length: 2 + Math.floor(random() * 4) }, () => lines[Math.floor(random() * lines.length)].slice(0, 30)).join('\t');
  if (r < 0.47) return 'あ'.repeat(2000 + Math.floor(random() * 4000)); // very long line
  let s = '';
  const n = Math.floor(random() * 10);
  for (let i = 0; i < n; i++) s += random() < 0.7 ? PIECES[Math.floor(random() * PIECES.length)] : randomCodePoint(random);
  return s;
}

function fuzzDocument(random: () => number, lines: readonly string[]): string {
  if (random() < 0.01) return '';
  const n = Math.floor(random() * (random() < 0.9 ? 40 : 300));
  const seps = ['\n', '\n', '\n\n', '\r\n', '\n\f'];
  let s = '';
  for (let i = 0; i < n; i++) s += fuzzLine(random, lines) + seps[Math.floor(random() * seps.length)];
  return s;
}

function fuzzHtml(random: () => number, lines: readonly string[]): string {
  const tags = ['p', 'div', 'span', 'br', 'h1', 'h3', 'ul', 'ol', 'li', 'table', 'tr', 'td', 'th', 'pre', 'script', 'style', 'title', 'head', 'body', 'a', 'b', 'meta', 'caption', 'svg', 'noscript'];
  const attrs = ['', ' class="x"', ' id="footnote-1"', ' id="endnote-2"', ' href="#footnote-1"', ' href="#endnote-ref-2"', ' start="3"', ' name="author" content="内閣府"', ' name="date" content="2024-03-29"', ' href="https://x.jp"'];
  const n = Math.floor(random() * 60);
  let s = random() < 0.3 ? '<!DOCTYPE html><html><head><title>題 名</title></head><body>' : '';
  for (let i = 0; i < n; i++) {
    const r = random();
    const t = tags[Math.floor(random() * tags.length)];
    if (r < 0.3) s += `<${t}${attrs[Math.floor(random() * attrs.length)]}>`;
    else if (r < 0.5) s += `</${t}>`;
    else if (r < 0.7) s += escapeHtml(lines[Math.floor(random() * lines.length)]);
    else if (r < 0.75) s += ['&nbsp;', '&amp;', '&#12354;', '&#0;', '&#x110000;', '&lt;', '&bogus', '\u0000'][Math.floor(random() * 8)];
    else if (r < 0.85) s += [' ', '\n', '\r\n', '\t', '  \n  ', '\u3000'][Math.floor(random() * 6)];
    else s += fuzzLine(random, lines);
  }
  return s;
}

async function wordFiles(): Promise<[string, Buffer][]> {
  const doc = new Document({
    title: '重要技術の育成に関する検討メモ',
    creator: 'analyst',
    footnotes: { 1: { children: [new Paragraph('経済安全保障推進法第61条に基づく。')] }, 2: { children: [new Paragraph('令和5年度の調査による。')] } },
    endnotes: { 1: { children: [new Paragraph('詳細は別紙を参照。')] } },
    sections: [{
      children: [
        new Paragraph({ text: '重要技術の育成', heading: HeadingLevel.HEADING_1 }),
        new Paragraph({ children: [new TextRun('特定重要技術の研究開発を支援する'), new FootnoteReferenceRun(1), new TextRun('。')] }),
        new Paragraph({ children: [new TextRun('官民協議会を設置して情報を共有する'), new FootnoteReferenceRun(2), new TextRun('。'), new EndnoteReferenceRun(1)] }),
        new Paragraph({ text: '支援の対象', heading: HeadingLevel.HEADING_2 }),
        new Paragraph({ text: '宇宙・海洋分野の技術', bullet: { level: 0 } }),
        new Paragraph({ text: '量子・人工知能分野の技術', bullet: { level: 1 } }),
        new Table({
          rows: [['分野', '予算額'], ['宇宙', '120億円を計上した。'], ['海洋', '80億円を計上した。']].map((r) => new TableRow({ children: r.map((c) => new TableCell({ children: [new Paragraph(c)] })) })),
        }),
        new Paragraph('以上の取組により技術流出を防ぐ。'),
      ],
    }],
  });
  return [['word-notes.docx', await Packer.toBuffer(doc)]];
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

async function compute(): Promise<Golden> {
  const out: Golden = {};
  const corpus = loadBundledCorpus(defaultResourcesDir());
  // 1. The bundled corpus with its real metadata.
  for (const d of corpus.documents) recordDocument(out, `corpus/${d.meta.id}`, d.raw, d.meta, false);
  const lines = corpus.documents.flatMap((d) => d.raw.split('\n').filter((l) => l.trim() !== ''));

  // 2. Every fixture the import reads (and what it says when it refuses one), Word and PDF included.
  const root = path.resolve(__dirname, '..', '..', '..');
  const fixtures = path.join(root, 'test', 'fixtures');
  const files: [string, Uint8Array][] = listFiles(fixtures).map((f) => [path.relative(root, f), fs.readFileSync(f)]);
  for (const [name, bytes] of await wordFiles()) files.push([`generated/${name}`, bytes]);
  files.push(['generated/bench-30-pages.pdf', generateBenchPdf(30)]);
  for (const [name, bytes] of files) {
    try {
      const x = await extractSource(bytes, path.basename(name));
      out[`extract ${name}`] = sha(JSON.stringify({ ...x, text: undefined }));
      recordDocument(out, name, x.text, meta(`fx-${Object.keys(out).length}`), x.pages !== undefined);
      if (/\.x?html?$/i.test(name)) recordHtml(out, name, Buffer.from(bytes).toString('utf8'));
    } catch (e) {
      out[`refused ${name}`] = sha(String((e as Error).message));
    }
  }

  // 3. Generated import files (text and HTML as bench:import makes them), paged text, the 20 MB page.
  const random = mulberry32(20261203);
  const pick = () => lines[Math.floor(random() * lines.length)];
  for (let i = 0; i < 40; i++) {
    const paragraphs = Array.from({ length: 40 + Math.floor(random() * 160) }, pick);
    const text = `取込ベンチ文書 ${i}\n\n令和6年3月29日\n\n${paragraphs.map((p, j) => (j % 12 === 0 ? `${j / 12 + 1} ${p.slice(0, 20)}` : p)).join(i % 2 ? '\n' : '\n\n')}\n`;
    recordDocument(out, `gen/text-${i}`, text, meta(`gen-text-${i}`), false);
    const body = paragraphs.map((p, j) => (j % 15 === 0 ? `<h2>${escapeHtml(p.slice(0, 20))}</h2>` : j % 7 === 0 ? `<ul><li>${escapeHtml(p)}</li></ul>` : `<p>${escapeHtml(p)}</p>`)).join('\n');
    const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>取込ベンチ文書 ${i}</title><style>p{margin:0}</style></head><body><div class="main">${body}</div><script>var x=1;</script></body></html>`;
    recordDocument(out, `gen/html-${i}`, recordHtml(out, `gen/html-${i}`, html), meta(`gen-html-${i}`), false);
    const pages = Array.from({ length: 5 + i }, (_, p) => `経済安全保障政策資料\n${Array.from({ length: 8 }, pick).join(i % 3 ? '\n' : '\n\n')}\n- ${p + 1} -`);
    recordDocument(out, `gen/paged-${i}`, pages.join('\f'), meta(`gen-paged-${i}`), true);
  }
  recordDocument(out, 'gen/one-page-paged', lines.slice(0, 50).join('\n'), meta('gen-one-page'), true);
  const big = bigProseHtml(corpus, 20 * 1024 * 1024 - 1024);
  recordDocument(out, 'gen/big-20MB.html', recordHtml(out, 'gen/big-20MB.html', big), meta('big'), false);
  for (const [name, html] of adversarialHtml(2 * 1024 * 1024)) recordDocument(out, `gen/${name}`, recordHtml(out, `gen/${name}`, html), meta('adv'), false);

  // 4. Seeded fuzz: documents (some paged), HTML fragments, loose strings for folding and ids.
  const fuzz = mulberry32(1201);
  for (let i = 0; i < FUZZ_DOCUMENTS; i++) {
    const doc = fuzzDocument(fuzz, lines);
    recordDocument(out, `fuzz/doc-${i}`, doc, meta(`fz${i}`), fuzz() < 0.2);
  }
  for (let i = 0; i < FUZZ_HTML; i++) {
    const html = fuzzHtml(fuzz, lines);
    recordDocument(out, `fuzz/html-${i}`, recordHtml(out, `fuzz/html-${i}`, html), meta(`fh${i}`), false);
  }
  const strings: string[] = [];
  for (let i = 0; i < FUZZ_STRINGS; i++) strings.push(fuzzLine(fuzz, lines));
  for (let g = 0; g < FUZZ_STRINGS; g += 100) {
    const h = crypto.createHash('sha256');
    const group = strings.slice(g, g + 100);
    for (const s of group) {
      const norm = normalizeKey(s);
      h.update(`${norm}\u0000${indexTokens(norm)}\u0000${identityText(s)}\u0000${statementId('doc', s, g % 3)}\u0000`);
      h.update(indexTokensUtf8(norm));
      // Tokens of unfolded text too: indexTokens* are total over any string.
      h.update(`\u0000${indexTokens(s)}\u0000`);
      h.update(indexTokensUtf8(s));
    }
    h.update(assignStatementIds('doc', [...group, ...group.slice(0, 10)]).join(','));
    out[`strings ${g}`] = h.digest('hex');
  }
  return out;
}

async function main(): Promise<void> {
  const [mode, dir] = process.argv.slice(2);
  if ((mode !== '--write' && mode !== '--check') || !dir) {
    console.error('usage: node dist/test/bench/segment-golden.js --write DIR | --check DIR');
    process.exitCode = 2;
    return;
  }
  const t = performance.now();
  const now = await compute();
  const file = path.join(dir, 'segment-golden.json');
  const seconds = ((performance.now() - t) / 1000).toFixed(1);
  if (mode === '--write') {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify(now, null, 1)}\n`);
    console.log(`wrote ${Object.keys(now).length} hashes to ${file} (${seconds} s)`);
    return;
  }
  const want = JSON.parse(fs.readFileSync(file, 'utf8')) as Golden;
  const changed = Object.keys(want).filter((k) => want[k] !== now[k]);
  const added = Object.keys(now).filter((k) => !(k in want));
  for (const k of changed.slice(0, 50)) console.log(`CHANGED ${k}`);
  for (const k of added.slice(0, 20)) console.log(`NEW ${k}`);
  if (changed.length || added.length) {
    console.log(`${changed.length} of ${Object.keys(want).length} outputs changed, ${added.length} new (${seconds} s)`);
    process.exitCode = 1;
  } else console.log(`all ${Object.keys(want).length} outputs identical (${seconds} s)`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
