// The fixed words of an exported briefing (headings of the standard parts, page numbering),
// in the briefing's language; kept here so every export format says the same thing.
import type { BriefingLanguage } from '../briefing';

export interface BriefingLabels {
  summary: string;
  sources: string;
  comment: string;
  annotationComment: string;
  author: string;
  date: string;
  noItems: string;
  noSources: string;
  emptyBriefing: string;
  unresolvedWarning: (n: number) => string;
  /** Page footer; `{page}` and `{pages}` are replaced by the renderer. */
  pageOf: string;
  /** The table of contents' heading. */
  contents: string;
  docNumber: string;
  /** After the 宛先 line (殿 in a Japanese note). */
  addresseeSuffix: string;
  /** Where an item's evidence was already quoted in an earlier section. */
  seeSection: (n: number) => string;
}

const JA: BriefingLabels = {
  summary: '要旨',
  sources: '出典一覧',
  comment: '分析者コメント',
  annotationComment: '注釈メモ',
  author: '作成者',
  date: '作成日',
  noItems: '（この節には引用がありません）',
  noSources: '（引用された出典はありません）',
  emptyBriefing: '（この資料にはまだ節がありません）',
  unresolvedWarning: (n) => `注意：本資料の引用のうち ${n} 件は出典を確認できません（各引用の注記を参照）。`,
  pageOf: '{page} / {pages} ページ',
  contents: '目次',
  docNumber: '文書番号',
  addresseeSuffix: '　殿',
  seeSection: (n) => `→ 第${n}節参照`,
};

const EN: BriefingLabels = {
  summary: 'Executive summary',
  sources: 'Sources',
  comment: 'Analyst comment',
  annotationComment: 'Annotation note',
  author: 'Prepared by',
  date: 'Date',
  noItems: '(No quoted evidence in this section.)',
  noSources: '(No sources cited.)',
  emptyBriefing: '(This briefing has no sections yet.)',
  unresolvedWarning: (n) => `Caution: ${n} quotation${n === 1 ? '' : 's'} in this briefing cannot be traced to a current source (see the notes under each).`,
  pageOf: 'Page {page} of {pages}',
  contents: 'Contents',
  docNumber: 'Ref.',
  addresseeSuffix: '',
  seeSection: (n) => `→ see section ${n}`,
};

export function labelsFor(lang: BriefingLanguage): BriefingLabels {
  return lang === 'ja' ? JA : EN;
}
