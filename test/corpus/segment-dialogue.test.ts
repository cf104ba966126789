// File 002, a hard-wrapped PDF summary with a blank line after every printed line: ○ items and the
// （１）趣 旨 paragraphs must come back whole, under the Ⅰ…Ⅴ topic headings.
import { describe, expect, it } from 'vitest';
import { byText, find, loadDocument } from './segment-helpers';

const { seg } = loadDocument('keidanren-atla-dialogue');

describe('dialogue summary (002)', () => {
  it('rejoins each ○ item across its printed lines, up to the next ○', () => {
    const roles = byText(seg, '官民役割分担の明確化');
    expect(roles).toMatchObject({ kind: 'item', marker: '○' });
    expect(roles.text.startsWith('官民役割分担の明確化：防衛装備の適切な海外移転については')).toBe(true);
    expect(roles.text).toContain('協力や防衛生産技術基盤の強化に資するもの');
    expect(roles.text).toContain('(FS)を令和2年度から事業化。');
    expect(roles.text.endsWith('FSを実施していく中で、官民の役割分担を明確化')).toBe(true);
    // A line ending in a bracket is still cut mid-sentence when the next begins with a particle.
    expect(byText(seg, '官民間の情報共有の促進').text).toBe('官民間の情報共有の促進：官民が協力して装備移転を推進していくため、官民情報共有の場（プラットフォーム）の設置を推進。まずはそのツールの一つとしてＷｅｂ上のポータルサイトの整備に着手');
    expect(seg.statements.filter((s) => s.marker === '○')).toHaveLength(13);
    expect(seg.statements.some((s) => /^(産技術|の設置|していく中で)/.test(s.text))).toBe(false);
  });

  it('files the items under the Ⅰ…Ⅴ topics', () => {
    const topics = seg.statements.filter((s) => s.kind === 'heading' && s.marker && /^[ⅠⅡⅢⅣⅤ]$/.test(s.marker));
    expect(topics.map((s) => s.text)).toEqual(['防衛装備・技術の海外移転', 'サプライチェーンの維持・強化', '契約制度及び調達の在り方', '先進的な民生技術の積極的な活用', '情報保全の強化']);
    expect(byText(seg, 'サプライチェーン調査：').headingPath).toEqual(['経団連と防衛装備庁との意見交換について', 'サプライチェーンの維持・強化']);
    expect(byText(seg, '新情報セキュリティ基準への理解の促進等').parentId).toBe(topics[4].id);
  });

  it('splits （１）趣 旨：… into a heading and its paragraph, keeping the printed spacing', () => {
    const purpose = find(seg, (s) => s.kind === 'heading' && s.text === '趣 旨');
    expect(purpose.marker).toBe('（１）');
    const body = seg.statements[purpose.ordinal + 1];
    expect(body.kind).toBe('paragraph');
    expect(body.parentId).toBe(purpose.id);
    expect(body.text.startsWith('我が国の防衛産業基盤や技術基盤は、我が国防衛を支える大きな柱であり、これらの維持・強化は重要な課題。令和元年４月に')).toBe(true);
    expect(body.text.endsWith('経団連と防衛装備庁は意見交換会を開催することで合意')).toBe(true);
    expect(seg.text).toContain('（１）趣 旨：我が国の防衛産業基盤');
    const history = seg.statements[find(seg, (s) => s.text === '経 緯').ordinal + 1];
    expect(history.text.endsWith('１２月１７日に防衛大臣と経団連幹部に報告され、了承')).toBe(true);
  });

  it('keeps the page number in the reader text but not as a statement', () => {
    expect(seg.statements.some((s) => s.text === '1')).toBe(false);
    expect(seg.text.startsWith('1\n\n経団連と防衛装備庁との意見交換について')).toBe(true);
    expect(seg.statements[0]).toMatchObject({ kind: 'heading', level: 1, text: '経団連と防衛装備庁との意見交換について' });
  });
});
