// test/import/pdf-title.test.ts
// A PDF's stated /Title is kept when it is a title, and dropped (file name instead) when a tool
// wrote a placeholder there: Chromium's about:blank, Word's "Microsoft Word - x.docx", URLs.
import { describe, expect, it } from 'vitest';
import { citableTitle } from '../../electron/import/pdf/title';

describe('citableTitle', () => {
  it.each([
    ['経済安全保障推進法の概要', '経済安全保障推進法の概要'],
    ['  特定重要物資の\n安定供給  ', '特定重要物資の 安定供給'],
    ['Microsoft Word - 資料1 基本方針.docx', '資料1 基本方針'],
    ['Microsoft PowerPoint - 説明資料.pptx', '説明資料'],
    ['Word - draft.doc', 'draft'],
    ['Economic Security Strategy', 'Economic Security Strategy'],
  ])('keeps %j as %j', (stated, kept) => {
    expect(citableTitle(stated)).toBe(kept);
  });

  it.each(['about:blank', 'About:Blank', 'Untitled', '無題', '名称未設定', 'file:///home/a/memo.html', 'https://www.cao.go.jp/x.html', 'Microsoft Word - ', '   ', '\u0000\u0001', ''])(
    'drops the placeholder %j',
    (stated) => {
      expect(citableTitle(stated)).toBeNull();
    },
  );

  it('drops what is not text', () => {
    expect(citableTitle(undefined)).toBeNull();
    expect(citableTitle(42)).toBeNull();
    expect(citableTitle({ Title: 'x' })).toBeNull();
  });
});
