// The Markdown export: the same briefing as plain text an analyst can paste anywhere. Every
// database string is escaped, so a comment containing markup or HTML stays literal text.
import type { ResolvedBriefing } from '../../shared/briefing';
import { formatSourceEntry, itemCitation, labelsFor, paragraphs, statusNotice } from '../../shared/citation';
import { escapeMarkdown as md } from './escape';
import { crossReference, noteForm } from './form';

/** A block quote: every line of the quote prefixed, blank lines kept inside the quote. */
function quoteBlock(text: string): string {
  return md(text)
    .split('\n')
    .map((l) => (l.length ? `> ${l}` : '>'))
    .join('\n');
}

/** Line breaks inside a paragraph become hard breaks (two trailing spaces would be invisible). */
function para(text: string): string {
  return md(text).replace(/\n/g, '\\\n');
}

export function renderBriefingMarkdown(doc: ResolvedBriefing): string {
  const L = labelsFor(doc.language);
  const out: string[] = [];
  if (doc.marking.trim()) out.push(`**${md(doc.marking)}**`, '');
  const form = noteForm(doc);
  if (form.docNumber) out.push(`${md(L.docNumber)}: ${md(form.docNumber)}  `);
  if (form.addressee) out.push(`${md(form.addressee)}  `);
  if (form.docNumber || form.addressee) out.push('');
  if (form.sender.length) out.push(form.sender.map((l) => md(l)).join('  \n'), '');
  out.push(`# ${md(doc.title)}`, '');
  if (doc.subtitle.trim()) out.push(`*${md(doc.subtitle)}*`, '');
  out.push(`${md(L.author)}: ${md(doc.author)}  `, `${md(L.date)}: ${md(form.date)}`, '');
  if (form.contents) {
    out.push(`## ${md(L.contents)}`, '');
    for (const line of form.contents) out.push(`- ${md(line)}`);
    out.push('');
  }
  if (doc.unresolved) out.push(`**${md(L.unresolvedWarning(doc.unresolved))}**`, '');
  if (doc.summary.trim()) {
    out.push(`## ${md(L.summary)}`, '');
    for (const p of paragraphs(doc.summary)) out.push(para(p), '');
  }
  if (!doc.sections.length) out.push(md(L.emptyBriefing), '');
  doc.sections.forEach((s, i) => {
    out.push(`## ${i + 1}. ${md(s.heading)}`, '');
    for (const p of paragraphs(s.body)) out.push(para(p), '');
    if (!s.items.length) out.push(md(L.noItems), '');
    for (const it of s.items) {
      const see = crossReference(it, doc.language);
      if (see) {
        out.push(md(see), '');
        if (it.comment.trim()) out.push(`**${md(L.comment)}:** ${para(it.comment)}`, '');
        continue;
      }
      out.push(quoteBlock(it.quote), '');
      const cited = itemCitation(it, doc.language, doc.dateStyle);
      if (cited) out.push(`— ${md(cited)}`, '');
      const notice = statusNotice(it.status, it.kind, doc.language, it.lastKnown);
      if (notice) out.push(`**${md(notice)}**`, '');
      if (it.annotationComment) out.push(`*${md(L.annotationComment)}:* ${para(it.annotationComment)}`, '');
      if (it.comment.trim()) out.push(`**${md(L.comment)}:** ${para(it.comment)}`, '');
    }
  });
  out.push(`## ${md(L.sources)}`, '');
  if (!doc.sources.length) out.push(md(L.noSources), '');
  for (const s of doc.sources) out.push(`- ${md(formatSourceEntry(s, doc.language))}`);
  out.push('');
  if (doc.marking.trim()) out.push(`**${md(doc.marking)}**`, '');
  return out.join('\n');
}
