// The one citation style of the workbench, in a Japanese and an English variant: an item's
// citation, a sources-list entry, and the notice printed in place of a citation it cannot trust.
import type { BriefingLanguage, CitationSource, EvidenceKind, EvidenceStatus, LastKnownPlace, SourceEntry } from '../briefing';
import { formatDate } from './date';
import { pageLocator } from './source';
import { locatorText } from './locate';
import { printable } from './text';

function clean(s: string | null | undefined): string {
  return s ? printable(s).replace(/\s+/g, ' ').trim() : '';
}

/** The source number as printed: ［1］ in Japanese, [1] in English. */
export function sourceTag(n: number, lang: BriefingLanguage): string {
  return lang === 'ja' ? `［${n}］` : `[${n}]`;
}

/** Issuer and title: 経済安全保障推進会議『…』 / 経済安全保障推進会議, “…”. */
function work(title: string, issuer: string | null, lang: BriefingLanguage): string {
  const t = clean(title);
  const i = clean(issuer);
  if (lang === 'ja') return `${i}『${t}』`;
  return i ? `${i}, “${t}”` : `“${t}”`;
}

/**
 * The heading path without its leading headings that only repeat the document's title (a title
 * page often becomes the top heading, sometimes split in two: 第1回…会議 / 議事要旨).
 */
export function headingPathBelowTitle(c: Pick<CitationSource, 'documentTitle' | 'headingPath'>): string[] {
  const title = clean(c.documentTitle).replace(/\s+/g, '');
  const path = c.headingPath.map(clean).filter(Boolean);
  let i = 0;
  while (i < path.length && title.includes(path[i].replace(/\s+/g, ''))) i++;
  return path.slice(i);
}

/**
 * One item's citation. Japanese: ［1］発行者『題名』（2021年11月19日）、外務大臣、「見出し＞小見出し」、文12
 * English: [1] Issuer, “Title” (19 November 2021), speaker: 外務大臣, § Heading › Sub, stmt. 12
 * An imported PDF's statement also names its printed page before the number: 「…」、p. 3、文12.
 * A footnote ends 脚注81 / note 81, a table cell 表1 第3行『実施状況・現状分析』欄 (locate.ts).
 */
export function formatCitation(c: CitationSource, lang: BriefingLanguage, sourceNumber: number | null = null): string {
  const tag = sourceNumber === null ? '' : sourceTag(sourceNumber, lang);
  const date = formatDate(c.date, lang);
  const speaker = clean(c.speaker);
  const path = headingPathBelowTitle(c);
  if (lang === 'ja') {
    const parts = [`${tag}${work(c.documentTitle, c.issuer, lang)}（${date}）`];
    if (speaker) parts.push(`${speaker}発言`);
    if (path.length) parts.push(`「${path.join('＞')}」`);
    const page = pageLocator(c);
    if (page) parts.push(clean(page));
    parts.push(locatorText(c, lang));
    return parts.join('、');
  }
  const parts = [`${tag ? `${tag} ` : ''}${work(c.documentTitle, c.issuer, lang)} (${date})`];
  if (speaker) parts.push(`speaker: ${speaker}`);
  if (path.length) parts.push(`§ ${path.join(' › ')}`);
  const page = pageLocator(c);
  if (page) parts.push(clean(page));
  parts.push(locatorText(c, lang));
  return parts.join(', ');
}

/** One entry of the sources list at the end of a briefing (no internal ids: it is read by people). */
export function formatSourceEntry(s: SourceEntry, lang: BriefingLanguage): string {
  const date = formatDate(s.date, lang);
  if (lang === 'ja') {
    return `${sourceTag(s.number, lang)}${work(s.documentTitle, s.issuer, lang)}${date}（本資料での引用 ${s.citedItems} 件）`;
  }
  const items = `${s.citedItems} item${s.citedItems === 1 ? '' : 's'} cited`;
  return `${sourceTag(s.number, lang)} ${work(s.documentTitle, s.issuer, lang)}, ${/\d\.$/.test(date) ? date.slice(0, -1) : date} (${items}).`;
}

/** An orphan's last place: 発行者『題名』（日付）、文20 / Issuer, “Title” (date), stmt. 20. */
function lastPlace(k: LastKnownPlace, lang: BriefingLanguage): string {
  const doc = k.documentTitle === null ? (lang === 'ja' ? `文書ID ${clean(k.documentId)}` : `document id ${clean(k.documentId)}`) : work(k.documentTitle, k.issuer, lang);
  const date = k.documentTitle === null ? '' : lang === 'ja' ? `（${formatDate(k.date, lang)}）` : ` (${formatDate(k.date, lang)})`;
  const locator = k.locator === null ? '' : lang === 'ja' ? `、文${k.locator}` : `, stmt. ${k.locator}`;
  return `${doc}${date}${locator}`;
}

/**
 * Printed instead of a citation when the evidence cannot be placed: the reader must see that the
 * quote is not verified against the current source rather than be pointed at a wrong place. An
 * orphan names where it was last found, as a lead to check by hand, not as a citation.
 */
export function statusNotice(status: EvidenceStatus, kind: EvidenceKind, lang: BriefingLanguage, lastKnown: LastKnownPlace | null = null): string | null {
  if (status === 'ok') return null;
  if (kind === 'memo') return memoNotice(status, lang);
  const last = status === 'orphaned' && lastKnown ? lastPlace(lastKnown, lang) : null;
  const ja: Record<Exclude<EvidenceStatus, 'ok'>, string> = {
    orphaned: last
      ? `【出典未確認】この注釈は原文の改訂後に位置を特定できなくなりました（孤立した注釈）。最後に確認された所在は${last}ですが、現在の原文での所在は確認できません。引用文は注釈作成時に保存されたものです。`
      : '【出典未確認】この注釈は原文の改訂後に位置を特定できなくなりました（孤立した注釈）。引用文は注釈作成時に保存されたもので、現在の原文での所在は確認できません。',
    deleted: '【出典なし】この注釈は削除されています。引用文は項目追加時に保存されたもので、出典を示すことはできません。',
    missing:
      kind === 'statement'
        ? '【出典なし】この文は現在の文書に存在しません（文書の再取込み等）。引用文は項目追加時に保存されたもので、出典を示すことはできません。'
        : '【出典なし】この注釈はデータベースに存在しません。引用文は項目追加時に保存されたもので、出典を示すことはできません。',
  };
  const en: Record<Exclude<EvidenceStatus, 'ok'>, string> = {
    orphaned: last
      ? `[SOURCE NOT VERIFIED] This annotation could not be re-anchored after the source was revised (orphaned). It was last found in ${last}; its place in the current source cannot be confirmed. The quote is the text stored when it was made.`
      : '[SOURCE NOT VERIFIED] This annotation could not be re-anchored after the source was revised (orphaned). The quote is the text stored when it was made; its place in the current source cannot be confirmed.',
    deleted: '[NO SOURCE] This annotation has been deleted. The quote is the text stored when the item was added; no source can be cited.',
    missing:
      kind === 'statement'
        ? '[NO SOURCE] This statement no longer exists in its document (e.g. the document was re-imported). The quote is the text stored when the item was added; no source can be cited.'
        : '[NO SOURCE] This annotation does not exist in the database. The quote is the text stored when the item was added; no source can be cited.',
  };
  return lang === 'ja' ? ja[status] : en[status];
}

/**
 * A memo item whose memo is gone. Deleted: as for a deleted annotation, the text stored when the
 * item was added is printed, marked as having no source (undoing the deletion brings the citation back).
 */
function memoNotice(status: Exclude<EvidenceStatus, 'ok'>, lang: BriefingLanguage): string {
  if (status === 'deleted') {
    return lang === 'ja'
      ? '【出典なし】この分析メモは削除されています。本文は項目追加時に保存されたもので、出典を示すことはできません。'
      : '[NO SOURCE] This analytic memo has been deleted. The text is the one stored when the item was added; no source can be cited.';
  }
  return lang === 'ja'
    ? '【出典なし】この分析メモはデータベースに存在しません。本文は項目追加時に保存されたもので、出典を示すことはできません。'
    : '[NO SOURCE] This analytic memo does not exist in the database. The text is the one stored when the item was added; no source can be cited.';
}
