// Small, realistic library data for component tests: a minutes document with speakers and
// a report with a table and a footnote, shaped exactly like the API's responses.
import type { DocumentSummary, Statement } from '../../shared/model';

export function doc(partial: Partial<DocumentSummary> & Pick<DocumentSummary, 'id' | 'title'>): DocumentSummary {
  return {
    date: null,
    issuer: null,
    kind: 'other',
    language: 'ja',
    source: `${partial.id}.txt`,
    origin: 'bundled',
    statements: 0,
    annotations: 0,
    contentHash: 'x',
    ingestedAt: '2026-01-01T00:00:00Z',
    ...partial,
  };
}

let offset = 0;
export function st(documentId: string, ordinal: number, text: string, extra: Partial<Statement> = {}): Statement {
  const start = offset;
  offset += text.length + 1;
  return {
    id: `${documentId}:s${ordinal}`,
    documentId,
    ordinal,
    kind: 'paragraph',
    level: null,
    text,
    start,
    end: start + text.length,
    headingPath: [],
    parentId: null,
    speaker: null,
    marker: null,
    table: null,
    footnotes: [],
    ...extra,
  };
}

export const MINUTES = doc({ id: 'minutes', title: '第1回経済安全保障推進会議 議事要旨', date: '2021-11-19', issuer: '経済安全保障推進会議', kind: 'minutes', statements: 4, annotations: 2 });
export const REPORT = doc({ id: 'report', title: 'レジリエントで安全・安心な社会の構築', date: '2023-03-16', kind: 'report', statements: 5 });
export const ARTICLE = doc({ id: 'article', title: '経済安全保障', date: null, kind: 'article', statements: 1 });

export const MINUTES_STATEMENTS: Statement[] = [
  st('minutes', 0, '議事の概要', { kind: 'heading', level: 1 }),
  st('minutes', 1, '経済安全保障の推進は岸田政権の最重要課題の一つ。', { kind: 'remark', speaker: '官房長官', marker: '○', headingPath: ['議事の概要'], parentId: 'minutes:s0' }),
  st('minutes', 2, 'サプライチェーンの強靱化に取り組む。', { kind: 'remark', speaker: '経済産業大臣', marker: '○', headingPath: ['議事の概要'], parentId: 'minutes:s0' }),
  st('minutes', 3, '基幹インフラの安全性・信頼性を確保する。', { kind: 'item', marker: '①', headingPath: ['議事の概要'], parentId: 'minutes:s0' }),
];

export const REPORT_STATEMENTS: Statement[] = [
  st('report', 0, '① 頻発化、激甚化する自然災害への対応', { kind: 'heading', level: 1 }),
  st('report', 1, '基盤的防災情報流通ネットワークSIP4Dの構築⁶⁹', {
    kind: 'table-cell',
    table: { table: '① 頻発化、激甚化する自然災害への対応', row: 0, column: 0, header: '基本計画における具体的な取組' },
    footnotes: [{ marker: '69', start: 23, end: 25, footnoteId: 'report:s4' }],
  }),
  st('report', 2, '26府県が接続済み', { kind: 'table-cell', table: { table: '① 頻発化、激甚化する自然災害への対応', row: 0, column: 1, header: '実施状況・現状分析' } }),
  st('report', 3, '全都道府県との接続を目指す', { kind: 'table-cell', table: { table: '① 頻発化、激甚化する自然災害への対応', row: 0, column: 2, header: '今後の取組方針' } }),
  st('report', 4, '2020年1月21日統合イノベーション戦略推進会議決定', { kind: 'footnote', marker: '69' }),
];

export const STATEMENTS: Record<string, Statement[]> = { minutes: MINUTES_STATEMENTS, report: REPORT_STATEMENTS, article: [st('article', 0, '経済安全保障とは何か。')] };
export const DOCUMENTS = [MINUTES, REPORT, ARTICLE];

import type { Pillar } from '../../shared/pillars';
import type { Annotation } from '../../shared/annotations';

function pillar(id: string, nameJa: string, nameEn: string, color: string, position: number): Pillar {
  return { id, nameJa, nameEn, descriptionJa: '', descriptionEn: '', color, position, parentId: null, isDefault: true, archived: false, annotationCount: 0, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' };
}

export const PILLARS: Pillar[] = [
  pillar('supply-chain', 'サプライチェーン強靱化', 'Supply chain resilience', '#2e7d5b', 0),
  pillar('infrastructure', '基幹インフラの安全性・信頼性', 'Core infrastructure', '#3a62b0', 1),
  pillar('tech-protection', '先端重要技術の育成と技術流出防止', 'Technology protection', '#c0641a', 2),
  pillar('patents', '特許出願の非公開', 'Patent non-disclosure', '#7b4aa0', 3),
];

let annotationSeq = 0;
export function annotation(statement: Statement, extra: Partial<Annotation> & { start?: number; end?: number } = {}): Annotation {
  const { start, end, ...rest } = extra;
  const scope = start === undefined ? 'statement' : 'span';
  const s = start ?? 0;
  const e = end ?? statement.text.length;
  return {
    id: `a${++annotationSeq}`,
    statementId: statement.id,
    documentId: statement.documentId,
    target: { scope, quote: { exact: statement.text.slice(s, e), prefix: '', suffix: '' }, position: { start: s, end: e }, docStart: statement.start + s, docEnd: statement.start + e },
    orphaned: false,
    anchoredBy: 'created',
    comment: '',
    tags: [],
    pillarIds: [],
    importance: null,
    author: 'analyst',
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    ...rest,
  };
}
