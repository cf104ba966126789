// Citation formatting, table-driven: every field present or absent, both languages.
import { describe, expect, it } from 'vitest';
import type { CitationSource, SourceEntry } from '../../shared/briefing';
import { formatCitation, formatDate, headingPathBelowTitle, formatSourceEntry, paragraphs, printable, statusNotice } from '../../shared/citation';

const minutes: CitationSource = {
  documentId: 'espc-2021-11-19-minutes',
  documentTitle: '第1回経済安全保障推進会議 議事要旨',
  issuer: '経済安全保障推進会議',
  date: '2021-11-19',
  statementId: 'espc-2021-11-19-minutes:abc',
  locator: 12,
  speaker: '外務大臣',
  headingPath: ['議事の概要', '関係閣僚の発言'],
};
const blanks: CitationSource = { ...minutes, speaker: '  ', headingPath: ['', ' 見出し\n二行 '] };
const bare: CitationSource = { ...minutes, issuer: null, date: null, speaker: null, headingPath: [], locator: 1, documentTitle: '経済安全保障' };

describe('formatDate', () => {
  it.each([
    ['2021-11-19', 'ja', '2021年11月19日'],
    ['2021-11-19', 'en', '19 November 2021'],
    ['2022-06', 'ja', '2022年6月'],
    ['2022-06', 'en', 'June 2022'],
    ['2019', 'en', '2019'],
    [null, 'ja', '日付不明'],
    [null, 'en', 'n.d.'],
    ['2021-13-01', 'en', 'n.d.'],
    ['令和3年', 'ja', '日付不明'],
  ] as const)('%s in %s → %s', (iso, lang, out) => {
    expect(formatDate(iso, lang)).toBe(out);
  });
});

describe('formatCitation', () => {
  it.each([
    [minutes, 'ja', 3, '［3］経済安全保障推進会議『第1回経済安全保障推進会議 議事要旨』（2021年11月19日）、外務大臣発言、「議事の概要＞関係閣僚の発言」、文12'],
    [minutes, 'en', 3, '[3] 経済安全保障推進会議, “第1回経済安全保障推進会議 議事要旨” (19 November 2021), speaker: 外務大臣, § 議事の概要 › 関係閣僚の発言, stmt. 12'],
    [bare, 'ja', null, '『経済安全保障』（日付不明）、文1'],
    [bare, 'en', null, '“経済安全保障” (n.d.), stmt. 1'],
    [blanks, 'ja', 1, '［1］経済安全保障推進会議『第1回経済安全保障推進会議 議事要旨』（2021年11月19日）、「見出し 二行」、文12'],
  ] as const)('%#: %s', (c, lang, n, out) => {
    expect(formatCitation(c, lang, n)).toBe(out);
  });

  it('does not repeat the document title when the heading path starts with it', () => {
    expect(formatCitation({ ...minutes, headingPath: [minutes.documentTitle, '議事の概要'], speaker: null }, 'ja')).toBe('経済安全保障推進会議『第1回経済安全保障推進会議 議事要旨』（2021年11月19日）、「議事の概要」、文12');
    // The title page split over two headings, and a later heading that happens to be in the title is kept.
    expect(headingPathBelowTitle({ documentTitle: '第1回経済安全保障推進会議 議事要旨', headingPath: ['第1回経済安全保障推進会議', '議事要旨', '議事の概要', '議事要旨'] })).toEqual(['議事の概要', '議事要旨']);
    expect(headingPathBelowTitle({ documentTitle: '経済安全保障', headingPath: ['経済安全保障'] })).toEqual([]);
  });

  it('strips control characters from every field', () => {
    expect(formatCitation({ ...bare, documentTitle: 'A\u0007B\u0000C' }, 'en')).toBe('“ABC” (n.d.), stmt. 1');
  });
});

describe('formatSourceEntry', () => {
  const s: SourceEntry = { number: 2, documentId: 'keidanren-atla-dialogue', documentTitle: '経団連と防衛装備庁との意見交換について', issuer: '防衛装備庁', date: '2019-12-17', citedItems: 1 };
  it.each([
    [s, 'ja', '［2］防衛装備庁『経団連と防衛装備庁との意見交換について』2019年12月17日（本資料での引用 1 件）'],
    [s, 'en', '[2] 防衛装備庁, “経団連と防衛装備庁との意見交換について”, 17 December 2019 (1 item cited).'],
    [{ ...s, issuer: null, date: null, citedItems: 4 }, 'en', '[2] “経団連と防衛装備庁との意見交換について”, n.d. (4 items cited).'],
  ] as const)('%#', (entry, lang, out) => {
    expect(formatSourceEntry(entry, lang)).toBe(out);
  });
});

describe('statusNotice', () => {
  it.each([
    ['ok', 'annotation', 'ja', null],
    ['orphaned', 'annotation', 'ja', /孤立した注釈/],
    ['deleted', 'annotation', 'ja', /削除されています/],
    ['missing', 'statement', 'ja', /この文は現在の文書に存在しません/],
    ['orphaned', 'annotation', 'en', /could not be re-anchored/],
    ['deleted', 'annotation', 'en', /has been deleted/],
    ['missing', 'annotation', 'en', /does not exist in the database/],
  ] as const)('%s %s %s', (status, kind, lang, expected) => {
    const n = statusNotice(status, kind, lang);
    if (expected === null) expect(n).toBeNull();
    else expect(n).toMatch(expected);
  });
});

describe('statusNotice for an orphan with its last known place', () => {
  const place = { documentId: 'espc-2021-11-19-minutes', documentTitle: '第1回経済安全保障推進会議 議事要旨', issuer: '経済安全保障推進会議', date: '2021-11-19', locator: 20 };
  it.each([
    [place, 'ja', '最後に確認された所在は経済安全保障推進会議『第1回経済安全保障推進会議 議事要旨』（2021年11月19日）、文20ですが、現在の原文での所在は確認できません。'],
    [place, 'en', 'It was last found in 経済安全保障推進会議, “第1回経済安全保障推進会議 議事要旨” (19 November 2021), stmt. 20; its place in the current source cannot be confirmed.'],
    [{ ...place, locator: null }, 'ja', '最後に確認された所在は経済安全保障推進会議『第1回経済安全保障推進会議 議事要旨』（2021年11月19日）ですが、'],
    [{ ...place, documentTitle: null, issuer: null, date: null }, 'en', 'It was last found in document id espc-2021-11-19-minutes, stmt. 20; its place'],
    [{ ...place, documentTitle: null, issuer: null, date: null, locator: null }, 'ja', '最後に確認された所在は文書ID espc-2021-11-19-minutesですが、'],
  ] as const)('%#', (last, lang, expected) => {
    const n = statusNotice('orphaned', 'annotation', lang, last)!;
    expect(n).toContain(expected);
    expect(n.startsWith(lang === 'ja' ? '【出典未確認】' : '[SOURCE NOT VERIFIED]')).toBe(true);
  });

  it('names a place only for an orphan, and strips control characters from it', () => {
    expect(statusNotice('deleted', 'annotation', 'en', place)).toBe(statusNotice('deleted', 'annotation', 'en'));
    expect(statusNotice('orphaned', 'annotation', 'ja', { ...place, documentTitle: '題\u0007名' })).toContain('『題名』');
  });
});

describe('printable and paragraphs', () => {
  it.each([
    ['a\u0000b\u0008c\u000Bd\u001Fe\u007Ff\u0085g', 'abcdefg'],
    ['tab\tand\nnewline kept', 'tab\tand\nnewline kept'],
    ['windows\r\nand\rmac', 'windows\nand\nmac'],
    ['lone \uD800 surrogate \uDC00 removed, pair 😀 kept', 'lone  surrogate  removed, pair 😀 kept'],
    ['\uFFFE\uFFFF', ''],
  ])('%j', (input, out) => {
    expect(printable(input)).toBe(out);
  });

  it('splits analyst text on blank lines (including full-width spaces) and keeps inner line breaks', () => {
    expect(paragraphs('一段落目\n続き\n\n二段落目\n\u3000\n\n三段落目\n')).toEqual(['一段落目\n続き', '二段落目', '三段落目']);
    expect(paragraphs('  \n\n ')).toEqual([]);
  });
});
