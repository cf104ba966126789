// File 003, a PDF-extracted progress report: a three-column table whose rows continue across
// pages, with <p>/<ul> fragments in the cells and footnotes printed mid-table. Comes out clean.
import { describe, expect, it } from 'vitest';
import { byText, find, loadDocument } from './segment-helpers';

const { raw, seg } = loadDocument('sti-plan-resilient-society-progress');
const cells = seg.statements.filter((s) => s.kind === 'table-cell');
const HEADERS = ['基本計画における具体的な取組', '実施状況・現状分析', '今後の取組方針'];

describe('report with tables (003)', () => {
  it('leaves no markup, entity or separator anywhere', () => {
    expect(raw).toContain('<ul style="list-style-type: none">');
    for (const s of seg.statements) expect(s.text).not.toMatch(/<\/?(?:p|ul|li|u|br)\b|&nbsp;|&amp;|-{4,}/);
    expect(seg.text).not.toMatch(/<\/?(?:p|ul|li|u|br)\b|&nbsp;|-{4,}/);
  });

  it('links the superscript ⁶⁹ to its footnote text', () => {
    const note = find(seg, (s) => s.kind === 'footnote' && s.marker === '69');
    expect(note.text).toBe('2020年1月21日統合イノベーション戦略推進会議決定');
    const citing = byText(seg, '「『安全・安心』の実現に向けた科学技術・イノベーションの方向性」⁶⁹に基づき');
    expect(citing.footnotes).toHaveLength(1);
    const ref = citing.footnotes[0];
    expect(ref).toMatchObject({ marker: '69', footnoteId: note.id });
    expect(citing.text.slice(ref.start, ref.end)).toBe('⁶⁹');
    expect(seg.statements.filter((s) => s.kind === 'footnote').map((s) => s.marker)).toEqual(Array.from({ length: 15 }, (_, i) => String(69 + i)));
    for (const s of seg.statements) for (const f of s.footnotes) expect(f.footnoteId).not.toBeNull();
  });

  it('rejoins the target cut at the page foot (…間の連 / 携及び…⁷³) and keeps its footnotes after it', () => {
    const target = byText(seg, 'インフラデータプラットフォーム間の連携及び主要他分野とのデータ連携を完了⁷³');
    expect(target).toMatchObject({ kind: 'item', marker: '・' });
    expect(target.text).toBe('2025年度目途に府省庁及び主要な地方公共団体・民間企業のインフラデータプラットフォーム間の連携及び主要他分野とのデータ連携を完了⁷³');
    expect(target.footnotes[0].footnoteId).toBe(find(seg, (s) => s.marker === '73' && s.kind === 'footnote').id);
    expect(seg.statements[target.ordinal + 1]).toMatchObject({ kind: 'footnote', marker: '69' });
  });

  it('turns each table cell bullet into a clean statement with row, column and header', () => {
    const first = cells[0];
    expect(first.marker).toBe('○');
    expect(first.table).toEqual({ row: 0, column: 0, header: HEADERS[0], table: '頻発化、激甚化する自然災害への対応' });
    // The first cell continues on the next page: `…地理空間情報を高度に活用した` + `<p>取組を関係府省間で…`.
    expect(first.text).toContain('地理空間情報を高度に活用した取組を関係府省間で連携させる統合型 G 空間防災・減災システムの構築を推進する。');
    expect(first.text.endsWith('【科技、防災、関係府省、関係地方公共団体】')).toBe(true);
    const bullet = byText(seg, '防災チャットボットについてはシステムの機能向上を図る');
    expect(bullet).toMatchObject({ kind: 'table-cell', marker: '・', text: '防災チャットボットについてはシステムの機能向上を図るとともに、市町村等で実証実験を実施。2022年度は76の自治体で導入。' });
    expect(bullet.table).toEqual({ row: 0, column: 1, header: HEADERS[1], table: '頻発化、激甚化する自然災害への対応' });
    expect(bullet.headingPath).toEqual(['レジリエントで安全・安心な社会の構築', '頻発化、激甚化する自然災害への対応']);
    expect(cells.every((c) => c.table!.header === HEADERS[c.table!.column])).toBe(true);
  });

  it('rejoins sentences a page break cut inside a cell', () => {
    expect(byText(seg, '福島国際研究教育機構の立地を福島県浪江町とする').text).toContain('浪江町とするともに、福島国際研究教育機構の設置の効果が広域的に波及するよう');
    expect(byText(seg, '建設現場の生産性向上に向けた').text).toBe('建設現場の生産性向上に向けたi-Construction の取組を中核に、データとデジタル技術を活用して業務・組織・プロセス等を変革するインフラ分野のDXを推進。');
    expect(byText(seg, '最新の技術動向や国際情勢等を踏まえ').text).toBe('最新の技術動向や国際情勢等を踏まえ、経済安全保障重要技術育成プログラムで支援すべき技術に関する意見交換を関係府省、国研等と実施した。');
    expect(seg.statements.some((s) => /^(ラムで|Construction|携及び|に、福島)/.test(s.text))).toBe(false);
  });

  it('keeps the ① … ⑪ measures inside a cell as their own items, joined across the page', () => {
    const m1 = find(seg, (s) => s.kind === 'table-cell' && s.marker === '①' && s.table!.column === 1);
    expect(m1.text.startsWith('経済安全保障重要技術育成プログラムで支援すべき重要技術を示す研究開発ビジョン（第一次）')).toBe(true);
    expect(m1.text.endsWith('先端的な重要技術の育成に向けた準備を進めているところ。')).toBe(true);
    expect(m1.table).toMatchObject({ row: 3, column: 1, table: '安全・安心確保のための「知る」「育てる」「生かす」「守る」取組' });
    const col2 = cells.filter((c) => c.table!.row === 3 && c.table!.column === 2 && c.marker && /^[①-⑪]$/.test(c.marker));
    expect(col2.map((c) => c.marker)).toEqual(['①', '②', '③', '④', '⑤', '⑥', '⑦', '⑧', '⑨', '⑩', '⑪']);
    // `…等において措` + `<p>置された予算も…` on the next page is one bullet.
    expect(byText(seg, '2022年度第二次補正予算等において措置された予算も活用しながら').text.endsWith('特定重要物資の安定供給確保を図る。【経済安保、経、厚、農、国】')).toBe(true);
  });

  it('counts rows per table across page breaks', () => {
    const rows = new Map<string, number>();
    for (const c of cells) rows.set(c.table!.table, Math.max(rows.get(c.table!.table) ?? 0, c.table!.row + 1));
    expect([...rows]).toEqual([
      ['頻発化、激甚化する自然災害への対応', 2], ['デジタル化等による効率的なインフラマネジメント', 2],
      ['攻撃が多様化・高度化するサイバー空間におけるセキュリティの確保', 1], ['新たな生物学的な脅威への対応', 1],
      ['宇宙・海洋分野等の安全・安心への脅威への対応', 1], ['安全・安心確保のための「知る」「育てる」「生かす」「守る」取組', 4],
    ]);
  });

  it('moves a URL printed on its own line into its footnote and unwraps <https://…>', () => {
    expect(find(seg, (s) => s.marker === '81' && s.kind === 'footnote').text).toBe('警察庁「令和4年におけるサイバー空間をめぐる脅威の情勢等について」（2023年3月16日） https://www.npa.go.jp/news/release/2023/20230314002.html');
    expect(find(seg, (s) => s.marker === '79' && s.kind === 'footnote').text).toBe('気象庁「気候変動監視レポート2022」（2023年） https://www.data.jma.go.jp/cpdinfo/monitor/index.html');
    const cited = byText(seg, '経済安全保障推進法⁸³に基づく調査研究');
    expect(cited.footnotes[0].footnoteId).toBe(find(seg, (s) => s.marker === '83').id);
  });

  it('outlines the document: (3) title, 【…】 sections, ①…⑥ subsections', () => {
    expect(seg.statements.filter((s) => s.kind === 'heading').map((s) => [s.level, s.marker, s.text])).toEqual([
      [1, '(3)', 'レジリエントで安全・安心な社会の構築'],
      [2, null, '【あるべき姿とその実現に向けた方向性】'], [2, null, '【目標】'], [2, null, '【科学技術・イノベーション政策において目指す主要な数値目標】（主要指標）'],
      [2, null, '【現状データ】（参考指標）'],
      [2, '①', '頻発化、激甚化する自然災害への対応'], [2, '②', 'デジタル化等による効率的なインフラマネジメント'],
      [2, '③', '攻撃が多様化・高度化するサイバー空間におけるセキュリティの確保'], [2, '④', '新たな生物学的な脅威への対応'],
      [2, '⑤', '宇宙・海洋分野等の安全・安心への脅威への対応'], [2, '⑥', '安全・安心確保のための「知る」「育てる」「生かす」「守る」取組'],
    ]);
    expect(byText(seg, '安全・安心の実現のための重要な諸課題に対応し').kind).toBe('paragraph');
  });
});
