// File 004, a web commentary: titled sections, paragraphs with their cited article and URL,
// a quoted article between **以下引用** and **引用以上**, ①② periods with ・ and ▽ points.
import { describe, expect, it } from 'vitest';
import { byText, find, loadDocument } from './segment-helpers';

const { seg } = loadDocument('economic-security-commentary');

describe('web commentary (004)', () => {
  it('finds the section titles and files paragraphs under them', () => {
    const headings = seg.statements.filter((s) => s.kind === 'heading');
    expect(headings[0]).toMatchObject({ level: 1, text: '経済安全保障' });
    expect(headings.map((h) => h.text)).toEqual(expect.arrayContaining([
      '経済安全保障推進法', '重要技術研究開発協議会 ・経済安全保障基金', '経済安全保障重要技術育成プログラム', '日米両政府「現代版COCOM」',
      '経済安保、技術流出防止についての政府の政策', '一連の経済安保、千人計画などに関する報道',
    ]));
    expect(byText(seg, 'サプライチェーン強靭化、基幹インフラ強化、特許非公開化、官民技術協力の4つです。').headingPath).toEqual(['経済安全保障', '経済安全保障推進法']);
  });

  it('never takes a dated note such as (2020.8.20) for a heading', () => {
    expect(find(seg, (s) => s.text === '(2020.8.20)').kind).toBe('paragraph');
    expect(find(seg, (s) => s.text === '(2022.6.15付け日本経済新聞・有料会員限定)').kind).toBe('paragraph');
  });

  it('keeps lines of one paragraph together, with the update date that closes it', () => {
    const p = byText(seg, '内容は言葉を失うものでした。');
    expect(p.kind).toBe('paragraph');
    expect(p.text.endsWith('等という内容です。\nどうかご覧になってください。(2022.6.18)')).toBe(true);
    expect(p.text).toContain('\n「西安人民解放軍火箭(ロケット)軍工程大学」を共著相手には');
  });

  it('keeps a cited headline with its URL, and a lone URL as its own statement', () => {
    expect(byText(seg, '特許非公開化など4本柱に').text).toBe('特許非公開化など4本柱に 経済安保法案提出へ 2022年01月14日 時事通信\nhttps://www.jiji.com/jc/article?k=2022011300821');
    expect(find(seg, (s) => s.text === 'https://vdata.nikkei.com/newsgraphics/china-research-battle/').kind).toBe('paragraph');
  });

  it('unwraps **bold** and keeps the quoted article as paragraphs', () => {
    expect(seg.statements.some((s) => s.text.includes('**'))).toBe(false);
    expect(seg.statements.some((s) => s.text === '以下引用')).toBe(true);
    expect(byText(seg, '政府は、量子コンピューターや人工知能(AI)など').text.startsWith('政府は、量子コンピューター')).toBe(true);
  });

  it('reads ①② periods, ・ dated points and ▽ decisions as items', () => {
    const period = byText(seg, '2020年5月頃~2021年4月頃');
    expect(period).toMatchObject({ kind: 'item', marker: '①' });
    expect(period.text).toBe('2020年5月頃~2021年4月頃\n主に読売新聞などが経済安保、千人計画についての記事を掲載し、世論喚起となる。\n国家安全保障局内の経済班設立など、日本政府の動きも見られだす。');
    expect(byText(seg, '6/6 政府が、外国の強い影響下にある留学生')).toMatchObject({ kind: 'item', marker: '・' });
    const decisions = seg.statements.filter((s) => s.marker === '▽');
    expect(decisions).toHaveLength(8);
    expect(decisions[0].text).toBe('研究者は、海外を含む全ての研究資金の応募・受け入れ状況を開示');
    expect(decisions[0].id).not.toBe(decisions[4].id); // the same text twice: distinct, stable ids
  });
});
