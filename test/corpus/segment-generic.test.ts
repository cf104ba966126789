// Analysts import their own sources: structure is read from the content (markdown, numbering,
// speakers, tab tables, footnotes), not from file names. Small generated inputs, one feature each.
import { describe, expect, it } from 'vitest';
import { segmentDocument } from '../../electron/corpus/segment';
import { expectValid, TEST_META } from './segment-helpers';

const seg = (text: string) => {
  const doc = segmentDocument(text, TEST_META);
  expectValid(doc, TEST_META);
  return doc;
};
const shape = (text: string) => seg(text).statements.map((s) => [s.kind, s.level ?? s.marker, s.text]);

describe('segmenting imported text', () => {
  it('nests markdown headings and strips their markers', () => {
    const doc = seg('# 報告書\n\n## 背景\n\n本文です。\n\n## 結論\n\n- 第一の点\n- 第二の点\n');
    expect(doc.statements.map((s) => [s.kind, s.level, s.text, s.headingPath])).toEqual([
      ['heading', 1, '報告書', []], ['heading', 2, '背景', ['報告書']], ['paragraph', null, '本文です。', ['報告書', '背景']],
      ['heading', 2, '結論', ['報告書']], ['item', null, '第一の点', ['報告書', '結論']], ['item', null, '第二の点', ['報告書', '結論']],
    ]);
    expect(doc.statements[4].marker).toBe('-');
  });

  it('orders Japanese numbering Ⅰ > 1 > (1) and nests accordingly', () => {
    const doc = seg('Ⅰ 総論\n\n１ 目的\n\n（１）背景\n\n経済安全保障の確保が必要である。\n\n（２）課題\n\n体制が不十分である。\n\n２ 方針\n\nⅡ 各論\n');
    const headings = doc.statements.filter((s) => s.kind === 'heading').map((s) => [s.marker, s.text, s.level]);
    expect(headings).toEqual([['Ⅰ', '総論', 1], ['１', '目的', 2], ['（１）', '背景', 3], ['（２）', '課題', 3], ['２', '方針', 2], ['Ⅱ', '各論', 1]]);
    expect(doc.statements.find((s) => s.text === '体制が不十分である。')!.headingPath).toEqual(['総論', '目的', '課題']);
  });

  it('reads ○name lines followed by text as speakers, and other ○ lines as items', () => {
    const doc = seg('○山田委員\n\n賛成です。理由は二つあります。\n\n次の段落も山田委員の発言。\n\n○鈴木委員長\n\n異議なし。\n\n○ 論点：供給網の強靱化を進める。\n○ 論点：人材育成。\n');
    expect(doc.statements.map((s) => [s.kind, s.speaker, s.text])).toEqual([
      ['remark', '山田委員', '賛成です。理由は二つあります。'], ['remark', '山田委員', '次の段落も山田委員の発言。'], ['remark', '鈴木委員長', '異議なし。'],
      ['item', '鈴木委員長', '論点：供給網の強靱化を進める。'], ['item', '鈴木委員長', '論点：人材育成。'],
    ]);
  });

  it('parses a tab-separated table with a header row', () => {
    const doc = seg('表1 施策一覧\n\n施策\t担当\t期限\n供給網の強靱化\t経済産業省\t2025年度\n基幹インフラ\t総務省\t2026年度\n\n以上の通り。\n');
    const cells = doc.statements.filter((s) => s.kind === 'table-cell');
    expect(cells.map((c) => [c.text, c.table!.row, c.table!.column, c.table!.header])).toEqual([
      ['供給網の強靱化', 0, 0, '施策'], ['経済産業省', 0, 1, '担当'], ['2025年度', 0, 2, '期限'],
      ['基幹インフラ', 1, 0, '施策'], ['総務省', 1, 1, '担当'], ['2026年度', 1, 2, '期限'],
    ]);
    expect(cells[0].table!.table).toBe('表1 施策一覧');
    expect(doc.statements.at(-1)!.text).toBe('以上の通り。');
  });

  it('decodes HTML cell fragments into bullets', () => {
    const doc = seg('見出し\t状況\n<p>○施策Aを進める。</p>\t<ul style="list-style-type: none"> ・実施&nbsp;済み。 ・検討中。</ul>\n');
    expect(doc.statements.map((s) => [s.marker, s.text])).toEqual([['○', '施策Aを進める。'], ['・', '実施 済み。'], ['・', '検討中。']]);
  });

  it('links footnote references to notes printed later, and keeps unmatched ones unlinked', () => {
    const doc = seg('本文に注がある¹。別の注²も。\n\n¹ 第一の注記\n');
    const body = doc.statements[0];
    expect(body.footnotes.map((f) => [f.marker, f.footnoteId])).toEqual([['1', doc.statements[1].id], ['2', null]]);
    expect(doc.statements[1]).toMatchObject({ kind: 'footnote', marker: '1', text: '第一の注記' });
    expect(seg('面積は10m²である。').statements[0].footnotes).toEqual([]);
  });

  it('rejoins hard-wrapped English with a space and Japanese without one', () => {
    expect(shape('This is a long line of an imported report that was wrapped by a\n\nconverter before the end of its sentence.\n')).toEqual([
      ['paragraph', null, 'This is a long line of an imported report that was wrapped by a converter before the end of its sentence.'],
    ]);
    expect(shape('経済安全保障の確保に向けて、政府は関係省庁と緊密に連携しつつ必要な措置を講\n\nじていく。\n')).toEqual([
      ['paragraph', null, '経済安全保障の確保に向けて、政府は関係省庁と緊密に連携しつつ必要な措置を講じていく。'],
    ]);
    // A short sentence is not a title; a short title is never glued to the paragraph below it.
    expect(shape('It was agreed.\n\nThe council met on Friday and discussed supply chains at length.\n').map((s) => s[0])).toEqual(['paragraph', 'paragraph']);
    expect(shape('短い題名\n\n本文の段落です。長さがあります。\n').map((s) => s[2])).toEqual(['短い題名', '本文の段落です。長さがあります。']);
  });

  it('keeps markers out of statement text but in the reader text', () => {
    const doc = seg('① 第一\n② 第二\n');
    expect(doc.statements.map((s) => [s.marker, s.text])).toEqual([['①', '第一'], ['②', '第二']]);
    expect(doc.text).toBe('① 第一\n\n② 第二');
  });
});
