// How an analytic memo is cited: 分析メモ「題名」（2026年12月2日） / Analytic memo “title” (2 December
// 2026), in the briefing's 西暦/和暦 style. The date is the day the memo's text was last changed,
// because a briefing prints the memo as it reads now: the date tells which version is quoted.
import type { BriefingLanguage, DateStyle, MemoCitation, ResolvedItem } from '../briefing';
import { todayIso } from '../date';
import { formatNoteDate } from './date';
import { formatCitation } from './format';
import { printable } from './text';

function clean(s: string): string {
  return printable(s).replace(/\s+/g, ' ').trim();
}

/**
 * A memo's citation data. `updatedAt` is an ISO timestamp; its day is taken on the analyst's own
 * calendar (the machine's time zone), as a briefing's own date is, not UTC's.
 */
export function memoCitationOf(m: { id: string; title: string; updatedAt: string; documentTitle: string | null }): MemoCitation {
  const t = new Date(m.updatedAt);
  return { memoId: m.id, title: m.title, date: Number.isNaN(t.getTime()) ? m.updatedAt.slice(0, 10) : todayIso(t), documentTitle: m.documentTitle };
}

/**
 * 分析メモ「題名」（令和8年12月2日）、『文書』について / Analytic memo “title” (2 December 2026), on “Document”.
 * English stays Gregorian whatever the style (formatNoteDate): an era year is not what an English reader can place.
 */
export function formatMemoCitation(m: MemoCitation, lang: BriefingLanguage, style: DateStyle = 'seireki'): string {
  const date = formatNoteDate(m.date, lang, style);
  const title = clean(m.title);
  const doc = m.documentTitle ? clean(m.documentTitle) : '';
  if (lang === 'ja') return `分析メモ「${title}」（${date}）${doc ? `、『${doc}』について` : ''}`;
  return `Analytic memo “${title}” (${date})${doc ? `, on “${doc}”` : ''}`;
}

/**
 * The one citation line an exported item prints, whatever it cites: a source passage (numbered in
 * the sources list) or a memo (the analyst's own writing: it has no entry in the sources list).
 * Null when the item has nothing trustworthy to cite (statusNotice says why).
 */
export function itemCitation(it: Pick<ResolvedItem, 'citation' | 'memo' | 'sourceNumber'>, lang: BriefingLanguage, style: DateStyle = 'seireki'): string | null {
  if (it.citation) return formatCitation(it.citation, lang, it.sourceNumber);
  if (it.memo) return formatMemoCitation(it.memo, lang, style);
  return null;
}
