// The print-styled HTML of a briefing: the PDF (headless Chromium from the CLI, printToPDF in the
// app), the self-contained HTML export and the live preview all come from this one generator.
import type { ResolvedBriefing, ResolvedItem } from '../../shared/briefing';
import { formatSourceEntry, itemCitation, labelsFor, paragraphs, printable, statusNotice } from '../../shared/citation';
import { escapeHtml as esc } from './escape';
import { crossReference, noteForm, type NoteForm } from './form';

/** No script, no network, no frames: the document can only show its own inline styles. */
export const HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'";

// TrueType-outline Japanese fonts (IPAex/IPA) come first: Chromium's PDF backend embeds them as
// real CID TrueType fonts, while CFF-outline fonts in a collection (Noto CJK .ttc, Hiragino)
// come out as Type 3 bitmaps-of-outlines that copy-paste and screen readers handle badly
// (evidence in docs/briefings.md). Where they are not installed the next font is used.
const SERIF_JA = `"IPAexMincho", "IPAMincho", "Noto Serif CJK JP", "Source Han Serif JP", "Yu Mincho", "YuMincho", "Hiragino Mincho ProN", "MS PMincho", serif`;
const SANS_JA = `"IPAexGothic", "IPAGothic", "Noto Sans CJK JP", "Source Han Sans JP", "Yu Gothic", "YuGothic", "Hiragino Sans", "Meiryo", sans-serif`;
const SERIF_EN = `"Noto Serif", "Liberation Serif", "Times New Roman", ${SERIF_JA}`;
const SANS_EN = `"Noto Sans", "Liberation Sans", Arial, ${SANS_JA}`;

/** Page geometry shared by both PDF paths (Chromium via Playwright, Electron printToPDF). */
export const PAGE = { size: 'A4', marginsMm: { top: 22, bottom: 20, left: 22, right: 22 } } as const;

/** Spaced-out kana/kanji read as a stamp; spaced Latin letters would copy (and extract) as "F O R". */
function markingSpacing(marking: string): string {
  return /[A-Za-z0-9]/.test(marking) ? '0.02em' : '0.12em';
}

/** A CSS string literal: every character outside letters, digits and CJK as a hex escape, so no
 *  marking can close the string or the <style> element. */
export function cssString(text: string): string {
  return `"${[...text].map((ch) => (/[\p{L}\p{N} ]/u.test(ch) ? ch : `\\${ch.codePointAt(0)!.toString(16)} `)).join('')}"`;
}

/**
 * For the HTML export printed from a browser: page margin boxes repeat the marking at the top and
 * bottom of every page and number the pages (Chromium 131+; elsewhere the in-page banners remain).
 */
function printMarginBoxes(doc: ResolvedBriefing): string {
  const L = labelsFor(doc.language);
  const [before, rest] = L.pageOf.split('{page}');
  const [middle, after] = rest.split('{pages}');
  const pageNumbers = `@bottom-right { content: ${cssString(before)} counter(page) ${cssString(middle)} counter(pages) ${cssString(after)}; font: 8pt ${doc.language === 'ja' ? SANS_JA : SANS_EN}; color: #444; }`;
  const marking = doc.marking.trim()
    ? ['top-center', 'bottom-center']
        .map((box) => `@${box} { content: ${cssString(printable(doc.marking.trim()))}; font: 700 9pt ${doc.language === 'ja' ? SANS_JA : SANS_EN}; color: #a30000; }`)
        .join('\n  ')
    : '';
  return `@page {\n  ${marking}\n  ${pageNumbers}\n}`;
}

function css(doc: ResolvedBriefing): string {
  const serif = doc.language === 'ja' ? SERIF_JA : SERIF_EN;
  const sans = doc.language === 'ja' ? SANS_JA : SANS_EN;
  return `
@page { size: A4; margin: ${PAGE.marginsMm.top}mm ${PAGE.marginsMm.right}mm ${PAGE.marginsMm.bottom}mm ${PAGE.marginsMm.left}mm; }
:root { color-scheme: light; }
* { box-sizing: border-box; }
html { background: #e9e9e6; }
/* No synthetic bold or italic: Chromium prints a faked face as a Type 3 font; a font without a
   bold face (IPA) sets headings in its regular face, set apart by size and colour instead. */
body { font-synthesis: none; margin: 0; color: #1a1a1a; font-family: ${serif}; font-size: 10.5pt; line-height: 1.75; font-kerning: normal; line-break: strict; overflow-wrap: anywhere; }
.sheet { background: #fff; max-width: 210mm; margin: 12px auto; padding: 18mm 22mm 20mm; box-shadow: 0 1px 4px rgba(0,0,0,.18); }
h1, h2, h3, .label, .meta, .banner, .citation, .sources { font-family: ${sans}; }
.banner { text-align: center; margin: 0 0 10mm; }
.banner.bottom { margin: 10mm 0 0; }
.banner span { display: inline-block; border: 1.5px solid #a30000; color: #a30000; font-weight: 700; letter-spacing: ${markingSpacing(doc.marking)}; padding: 1px 14px; font-size: 10pt; }
.titleblock { border-top: 3px solid #1f3a5f; border-bottom: 1px solid #1f3a5f; padding: 6mm 0 4mm; margin-bottom: 7mm; }
h1 { font-size: 20pt; line-height: 1.35; margin: 0 0 2mm; color: #1f3a5f; font-weight: 700; }
.subtitle { font-family: ${sans}; font-size: 12pt; color: #333; margin: 0 0 3mm; }
.meta { font-size: 9pt; color: #444; display: flex; gap: 8mm; flex-wrap: wrap; }
.meta b { font-weight: 700; color: #222; margin-right: 2mm; }
.warning { border: 1px solid #a30000; background: #fff4f4; color: #7a0000; padding: 2mm 3mm; font-family: ${sans}; font-size: 9pt; margin: 0 0 6mm; }
.summary { background: #f3f5f8; border-left: 4px solid #1f3a5f; padding: 3mm 5mm; margin: 0 0 8mm; break-inside: avoid; }
.summary h2 { margin: 0 0 1mm; font-size: 11.5pt; border: 0; padding: 0; }
.summary p { margin: 0 0 2mm; }
/* A heading never ends a page: it stays with what follows (and so does the title block). */
h1, h2, h3, .titleblock { break-after: avoid; page-break-after: avoid; }
h2 { font-size: 13.5pt; color: #1f3a5f; margin: 9mm 0 3mm; padding-bottom: 1mm; border-bottom: 1px solid #b9c3d0; break-after: avoid; }
h2 .num { display: inline-block; min-width: 7mm; }
.body p { margin: 0 0 3mm; text-indent: ${doc.language === 'ja' ? '1em' : '0'}; }
.item { margin: 0 0 6mm; break-inside: avoid-page; }
blockquote { margin: 0 0 1.5mm; padding: 1.5mm 4mm 1.5mm 5mm; border-left: 3px solid #8a9bb0; background: #fafafa; color: #222; white-space: pre-wrap; }
.citation { font-size: 8.5pt; color: #4a4a4a; margin: 0 0 1.5mm 5mm; line-height: 1.5; }
.notice { font-family: ${sans}; font-size: 8.5pt; color: #7a0000; margin: 0 0 1.5mm 5mm; line-height: 1.5; }
.item.unresolved blockquote { border-left-color: #a30000; background: #fff7f7; }
.comment { margin: 0 0 0 5mm; font-size: 10pt; }
.comment .label, .anote .label { font-size: 8.5pt; font-weight: 700; color: #1f3a5f; margin-right: 2mm; }
.anote { margin: 0 0 1mm 5mm; font-size: 9.5pt; color: #333; }
.empty { color: #666; font-style: normal; }
.form { font-family: ${sans}; font-size: 10.5pt; line-height: 1.6; margin: 0 0 6mm; break-inside: avoid; }
.form .docnumber, .form .formdate, .form .sender { text-align: right; margin: 0; }
.form .addressee { margin: 4mm 0; font-size: 11pt; }
.form .sender { margin-top: 2mm; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.toc { margin: 0 0 8mm; break-inside: avoid; }
.toc h2 { font-size: 11.5pt; margin: 0 0 2mm; border: 0; }
.toc ol { list-style: none; padding: 0; margin: 0; font-family: ${sans}; font-size: 10pt; }
.toc a, .see a { color: #1f3a5f; text-decoration: none; }
.item.crossref .see { font-family: ${sans}; font-size: 9.5pt; color: #444; margin: 0 0 1.5mm 5mm; }
.sources { margin-top: 10mm; break-before: auto; }
.sources h2 { font-family: ${sans}; }
.sources ol { list-style: none; padding: 0; margin: 0; font-size: 9pt; line-height: 1.6; }
.sources li { margin: 0 0 2mm; padding-left: 8mm; text-indent: -8mm; }
@media print {
  html { background: #fff; }
  .sheet { margin: 0; padding: 0; max-width: none; box-shadow: none; }
  .screen-only { display: none; }
}
`;
}

function textBlock(text: string): string {
  return paragraphs(text)
    .map((p) => `<p>${esc(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

function itemHtml(it: ResolvedItem, doc: ResolvedBriefing): string {
  const L = labelsFor(doc.language);
  const see = crossReference(it, doc.language);
  if (see) {
    const comment = it.comment.trim() ? `\n<p class="comment"><span class="label">${esc(L.comment)}</span>${esc(it.comment).replace(/\n/g, '<br>')}</p>` : '';
    return `<div class="item crossref"><p class="see"><a href="#section-${it.seeSection}">${esc(see)}</a></p>${comment}\n</div>`;
  }
  const notice = statusNotice(it.status, it.kind, doc.language, it.lastKnown);
  const parts = [`<blockquote>${esc(it.quote)}</blockquote>`];
  const cited = itemCitation(it, doc.language, doc.dateStyle);
  if (cited) parts.push(`<p class="citation">${esc(cited)}</p>`);
  if (notice) parts.push(`<p class="notice" role="note">${esc(notice)}</p>`);
  if (it.annotationComment) parts.push(`<p class="anote"><span class="label">${esc(L.annotationComment)}</span>${esc(it.annotationComment).replace(/\n/g, '<br>')}</p>`);
  if (it.comment.trim()) parts.push(`<p class="comment"><span class="label">${esc(L.comment)}</span>${esc(it.comment).replace(/\n/g, '<br>')}</p>`);
  return `<div class="item${it.status === 'ok' ? '' : ' unresolved'}" data-status="${it.status}">\n${parts.join('\n')}\n</div>`;
}

/** 文書番号 and date at the right, 宛先 at the left, 発信 at the right: the head of a ministry note. */
function formHtml(form: NoteForm, docNumberLabel: string): string {
  if (!form.docNumber && !form.addressee && !form.sender.length) return '';
  const right = [form.docNumber ? `<p class="docnumber"><span class="visually-hidden">${esc(docNumberLabel)} </span>${esc(form.docNumber)}</p>` : '', `<p class="formdate">${esc(form.date)}</p>`].join('');
  const addressee = form.addressee ? `<p class="addressee">${esc(form.addressee)}</p>` : '';
  const sender = form.sender.length ? `<p class="sender">${form.sender.map((l) => esc(l)).join('<br>')}</p>` : '';
  return `<div class="form">${right}${addressee}${sender}</div>\n`;
}

export interface HtmlOptions {
  /** Marking banners inside the page: always in the HTML export; screen-only in the print HTML
   *  (printed pages get the marking from the PDF header and footer instead). */
  banners: 'always' | 'screen-only';
}

export function renderBriefingHtml(doc: ResolvedBriefing, opts: HtmlOptions = { banners: 'always' }): string {
  const L = labelsFor(doc.language);
  const bannerClass = opts.banners === 'screen-only' ? ' screen-only' : '';
  const banner = (where: 'top' | 'bottom') => (doc.marking.trim() ? `<div class="banner ${where}${bannerClass}" role="note"><span>${esc(doc.marking)}</span></div>` : '');
  const sections = doc.sections
    .map((s, i) => {
      const items = s.items.length ? s.items.map((it) => itemHtml(it, doc)).join('\n') : `<p class="empty">${esc(L.noItems)}</p>`;
      return `<section id="section-${i + 1}">\n<h2><span class="num">${i + 1}.</span>${esc(s.heading)}</h2>\n<div class="body">${textBlock(s.body)}</div>\n${items}\n</section>`;
    })
    .join('\n');
  const sources = doc.sources.length ? `<ol>${doc.sources.map((s) => `<li>${esc(formatSourceEntry(s, doc.language))}</li>`).join('\n')}</ol>` : `<p class="empty">${esc(L.noSources)}</p>`;
  const form = noteForm(doc);
  const meta = [doc.author ? `<span><b>${esc(L.author)}</b>${esc(doc.author)}</span>` : '', `<span><b>${esc(L.date)}</b>${esc(form.date)}</span>`].join('');
  const formBlock = formHtml(form, L.docNumber);
  const contents = form.contents
    ? `<nav class="toc" aria-labelledby="toc-heading"><h2 id="toc-heading">${esc(L.contents)}</h2><ol>${form.contents
        .map((line, i) => `<li><a href="#section-${i + 1}">${esc(line)}</a></li>`)
        .join('')}</ol></nav>`
    : '';
  return `<!DOCTYPE html>
<html lang="${doc.language}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${HTML_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${esc(doc.title)}</title>
<style>${css(doc)}</style>${opts.banners === 'always' ? `\n<style media="print">${printMarginBoxes(doc)}</style>` : ''}
</head>
<body>
<main class="sheet">
${banner('top')}
${formBlock}<header class="titleblock">
<h1>${esc(doc.title)}</h1>
${doc.subtitle.trim() ? `<p class="subtitle">${esc(doc.subtitle)}</p>` : ''}
<div class="meta">${meta}</div>
</header>
${doc.unresolved ? `<p class="warning" role="alert">${esc(L.unresolvedWarning(doc.unresolved))}</p>` : ''}
${contents}
${doc.summary.trim() ? `<section class="summary"><h2>${esc(L.summary)}</h2>${textBlock(doc.summary)}</section>` : ''}
${sections || `<p class="empty">${esc(L.emptyBriefing)}</p>`}
<section class="sources"><h2>${esc(L.sources)}</h2>${sources}</section>
${banner('bottom')}
</main>
</body>
</html>
`;
}

/** What a PDF printer needs besides the page HTML: the header and footer repeated on each page. */
export interface PrintJob {
  html: string;
  headerTemplate: string;
  footerTemplate: string;
  pageSize: 'A4';
  marginsMm: { top: number; bottom: number; left: number; right: number };
}

/**
 * The print job for a briefing. Chromium fills `pageNumber`/`totalPages` spans in the templates;
 * Electron's webContents.printToPDF takes the same templates (displayHeaderFooter: true), with the
 * margins converted to inches (mm / 25.4).
 */
export function printJob(doc: ResolvedBriefing): PrintJob {
  const L = labelsFor(doc.language);
  const font = `font-family: ${(doc.language === 'ja' ? SANS_JA : SANS_EN).replace(/"/g, "'")}; font-synthesis: none;`;
  const marking = doc.marking.trim()
    ? `<span style="display:inline-block; border:1px solid #a30000; color:#a30000; font-weight:700; letter-spacing:${markingSpacing(doc.marking)}; padding:0 10px;">${esc(doc.marking)}</span>`
    : '';
  const page = esc(L.pageOf).replace('{page}', '<span class="pageNumber"></span>').replace('{pages}', '<span class="totalPages"></span>');
  const headerTemplate = `<div style="${font} font-size:8pt; width:100%; margin:0 ${PAGE.marginsMm.left}mm; display:flex; align-items:center; -webkit-print-color-adjust:exact;">
<span style="flex:1; color:#666; white-space:nowrap; overflow:hidden; text-overflow:ellipsis;">${esc(doc.title)}</span>
<span style="flex:0 0 auto;">${marking}</span>
<span style="flex:1;"></span></div>`;
  const footerTemplate = `<div style="${font} font-size:8pt; width:100%; margin:0 ${PAGE.marginsMm.left}mm; display:flex; align-items:center; -webkit-print-color-adjust:exact;">
<span style="flex:1;"></span>
<span style="flex:0 0 auto;">${marking}</span>
<span style="flex:1; text-align:right; color:#444;">${page}</span></div>`;
  return { html: renderBriefingHtml(doc, { banners: 'screen-only' }), headerTemplate, footerTemplate, pageSize: 'A4', marginsMm: { ...PAGE.marginsMm } };
}
