// File 001, a slide-like proposal: `- ①` and `- ・` items under the lead lines that title them,
// numbered sections, the PDF-broken ㉔ printed as `②4`.
import { describe, expect, it } from 'vitest';
import { byText, find, loadDocument } from './segment-helpers';

const { seg } = loadDocument('subcommittee-2-diplomacy-security-proposal');

describe('proposal (001)', () => {
  it('takes the first line as the title and the numbered sections as its chapters', () => {
    expect(seg.statements[0]).toMatchObject({ kind: 'heading', level: 1, text: '第二分科会 外交・安全保障' });
    const chapters = seg.statements.filter((s) => s.kind === 'heading' && s.marker && /^\d\.$/.test(s.marker));
    expect(chapters.map((s) => [s.marker, s.text, s.level])).toEqual([
      ['1.', '海洋監視の在り方', 2], ['2.', '防衛技術、防衛産業の在り方', 2], ['3.', '国際連携の在り方', 2],
      ['4.', '新分野・技術データの脅威への対応', 2], ['5.', '台頭する中国への対応', 2],
    ]);
  });

  it('strips `- ①` / `- ・` markers into `marker` and nests the items under their lead line', () => {
    const item = byText(seg, '狭い国土と広大な領域');
    expect(item).toMatchObject({ kind: 'item', marker: '①', text: '狭い国土と広大な領域' });
    expect(item.headingPath).toEqual(['第二分科会 外交・安全保障', '国内環境']);
    const bullet = byText(seg, '自由、民主主義、人権尊重、法の支配');
    expect(bullet).toMatchObject({ kind: 'item', marker: '・', text: '自由、民主主義、人権尊重、法の支配' });
    expect(bullet.headingPath).toEqual(['第二分科会 外交・安全保障', '共感できる価値感があること']);
    expect(seg.statements.some((s) => /^[-・①]/.test(s.text))).toBe(false);
  });

  it('keeps the numbered proposals ①…㉓ under their strategy line and chapter', () => {
    const p = byText(seg, '前面海保&後方海自を確立');
    expect(p.marker).toBe('②');
    expect(p.headingPath).toEqual(['第二分科会 外交・安全保障', '防衛技術、防衛産業の在り方', 'グレーゾーンを廃し、対処の準備と抑止を実行']);
    const p15 = byText(seg, '複数レイヤー連携を通じて');
    expect(p15).toMatchObject({ marker: '⑮', text: '複数レイヤー連携を通じて我が国との関与国を増やし、同国事情に合わせたコントロールで国際秩序のバランスを維持' });
    expect(byText(seg, '「技術保全」「サイバー防衛」等を再定義').headingPath.at(-1)).toBe('「経済安全保障」を国家安全保障戦略の中に明確に位置付け、法整備を一気に');
  });

  it('reads `②4` (a broken ㉔) as one marker, not as text', () => {
    const p24 = byText(seg, '価値を共有する国と連携し、法の支配のもと');
    expect(p24).toMatchObject({ marker: '②4', text: '価値を共有する国と連携し、法の支配のもと自由で透明性のある国際秩序を構築・維持' });
    expect(p24.headingPath).toEqual(['第二分科会 外交・安全保障', '台頭する中国への対応', '競争']);
    expect(byText(seg, '中国の法律・風習を熟知').marker).toBe('③4');
  });

  it('titles each chapter\'s あるべき姿 consistently', () => {
    const ideals = seg.statements.filter((s) => s.text === 'あるべき姿');
    expect(ideals).toHaveLength(5);
    expect(ideals.every((s) => s.kind === 'heading')).toBe(true);
    expect(find(seg, (s) => s.text === '抜け道・切れ目のない海洋監視の実現').headingPath).toEqual(['第二分科会 外交・安全保障', '海洋監視の在り方', 'あるべき姿']);
  });

  it('joins a line cut after a comma but keeps the slide\'s line breaks elsewhere', () => {
    expect(byText(seg, '知恵と技術で競争・協調し').text).toBe('知恵と技術で競争・協調し、経済発展を通じて世界貢献');
    expect(byText(seg, '防衛装備品の自国開発力を磨き').text).toBe('防衛装備品の自国開発力を磨き\n国産か共同開発で製造');
  });
});
