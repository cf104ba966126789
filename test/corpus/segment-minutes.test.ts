// File 000, minutes of the 1st Economic Security Promotion Council: speakers, their remarks
// (including the one broken across a page), the prime minister's numbered instructions.
import { describe, expect, it } from 'vitest';
import { byText, find, loadDocument } from './segment-helpers';

const { seg } = loadDocument('espc-2021-11-19-minutes');
const remarks = seg.statements.filter((s) => s.kind === 'remark' && s.speaker !== '内閣総理大臣');

describe('minutes (000)', () => {
  it('attributes one remark to each minister, in the order they spoke', () => {
    expect(remarks.map((s) => s.speaker)).toEqual([
      '官房長官', '外務大臣', '財務大臣・内閣府特命担当大臣（金融）', '国土交通大臣', '農林水産大臣', '総務大臣', '防衛大臣', '環境大臣',
      '経済産業大臣', '厚生労働大臣', '法務大臣', '国家公安委員会委員長、領土問題担当、内閣府特命担当大臣', '文部科学大臣',
      '経済再生担当大臣', '知的財産戦略担当大臣', 'デジタル大臣',
    ]);
    expect(byText(seg, 'NSCを中心とする関係省庁枠組み').speaker).toBe('外務大臣');
    expect(byText(seg, 'NSCを中心とする関係省庁枠組み').text.endsWith('G7等で協力していく。')).toBe(true);
  });

  it('does not make the ○speaker line itself a statement, but keeps it in the reader text', () => {
    expect(seg.statements.some((s) => s.text === '外務大臣' || s.text === '○外務大臣')).toBe(false);
    expect(seg.text).toContain('○外務大臣\n\nNSCを中心とする');
  });

  it('rejoins remarks broken across a page (衛 / 星による, 活用拡大等 / を検討する)', () => {
    const env = find(seg, (s) => s.speaker === '環境大臣');
    expect(env.text).toContain('リユース・リサイクル、衛星による温室効果ガス観測、民生分野における脱炭素技術');
    expect(env.text.endsWith('経済安全保障にしっかり取り組んでいく。')).toBe(true);
    expect(seg.statements.some((s) => s.text.startsWith('星による'))).toBe(false);
    const police = find(seg, (s) => s.speaker === '国家公安委員会委員長、領土問題担当、内閣府特命担当大臣');
    expect(police.text).toContain('国産ドローンの活用拡大等を検討する。重要土地等調査法は');
    expect(seg.statements.filter((s) => s.speaker === '国家公安委員会委員長、領土問題担当、内閣府特命担当大臣')).toHaveLength(1);
  });

  it("records the prime minister's ○ and ①②③ items as his, under (3) 内閣総理大臣発言", () => {
    const pm = seg.statements.filter((s) => s.speaker === '内閣総理大臣');
    expect(pm.map((s) => s.marker)).toEqual(['○', '○', '①', '②', '③', null, '○', null, '①', '②', '○']);
    const first = byText(seg, 'サプライチェーンの強靱化や基幹インフラの信頼性確保');
    expect(first).toMatchObject({ kind: 'item', marker: '①', speaker: '内閣総理大臣', text: 'サプライチェーンの強靱化や基幹インフラの信頼性確保などを通じて、我が国の経済構造の自律性を向上させること' });
    expect(first.headingPath).toEqual(['第1回経済安全保障推進会議', '議事要旨', '議事の概要', '内閣総理大臣発言']);
    // The narrator's sentence introducing the speech is not the prime minister's.
    expect(byText(seg, '最後に、岸田内閣総理大臣から').speaker).toBeNull();
  });

  it('builds the heading outline: title, 議事要旨, numbered items, (1)(2)(3)', () => {
    const headings = seg.statements.filter((s) => s.kind === 'heading').map((s) => [s.level, s.marker, s.text]);
    expect(headings).toEqual([
      [1, null, '第1回経済安全保障推進会議'], [2, null, '議事要旨'], [3, '1', '日時'], [3, '2', '場所'], [3, '3', '議事の概要'],
      [4, '（1）', '経済安全保障推進に向けた取組等について'], [4, '（2）', '関係閣僚の発言'], [4, '(3)', '内閣総理大臣発言'],
    ]);
    const remark = byText(seg, '経済安全保障の推進は岸田政権');
    expect(remark.headingPath).toEqual(['第1回経済安全保障推進会議', '議事要旨', '議事の概要', '関係閣僚の発言']);
    expect(remark.parentId).toBe(find(seg, (s) => s.text === '関係閣僚の発言').id);
  });

  it('splits `1 日時：…` into the label heading and its value', () => {
    const when = find(seg, (s) => s.text === '日時');
    const value = seg.statements[when.ordinal + 1];
    expect(value).toMatchObject({ kind: 'paragraph', text: '令和3年11月19日（金）10：04～10：24', parentId: when.id });
  });

  it('keeps (以上) in the reader text only', () => {
    expect(seg.text.trimEnd().endsWith('(以上)')).toBe(true);
    expect(seg.statements.some((s) => s.text.includes('以上)'))).toBe(false);
  });
});
