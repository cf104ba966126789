// Era dates as Japanese documents print them, converted to ISO for the manifest and imports.
import { describe, expect, it } from 'vitest';
import { eraDateToIso, eraYearToGregorian, parseJapaneseDate, parseJapaneseNumber } from '../../electron/corpus/segment/era-date';

describe('era dates', () => {
  it.each([
    ['令和3年11月19日', '2021-11-19'],
    ['令和元年１２月１７日', '2019-12-17'],
    ['令和元年5月1日', '2019-05-01'],
    ['平成24年4月1日', '2012-04-01'],
    ['平成元年1月8日', '1989-01-08'],
    ['昭和64年1月7日', '1989-01-07'],
    ['令和三年十一月十九日', '2021-11-19'],
    ['令和４年 ６月 １日', '2022-06-01'],
    ['1 日時：令和3年11月19日（金）10：04～10：24', '2021-11-19'],
    ['2023年3月16日', '2023-03-16'],
    ['２０２２年１２月１日', '2022-12-01'],
  ])('%s → %s', (text, iso) => {
    expect(eraDateToIso(text)).toBe(iso);
  });

  it('rejects impossible or partial dates', () => {
    expect(eraDateToIso('令和5年2月30日')).toBeNull();
    expect(eraDateToIso('令和0年1月1日')).toBeNull();
    expect(eraDateToIso('令和4年')).toBeNull();
    expect(eraDateToIso('日付なし')).toBeNull();
    expect(eraDateToIso('')).toBeNull();
  });

  it('reports month and year precision when the day is missing', () => {
    expect(parseJapaneseDate('令和2年度より')).toMatchObject({ iso: '2020', precision: 'year', match: '令和2年' });
    expect(parseJapaneseDate('令和元年１０月に')).toMatchObject({ iso: '2019-10', precision: 'month' });
  });

  it('converts era years and Japanese numerals', () => {
    expect(eraYearToGregorian('令和', 1)).toBe(2019);
    expect(eraYearToGregorian('平成', 31)).toBe(2019);
    expect(eraYearToGregorian('不明', 1)).toBeNull();
    expect(parseJapaneseNumber('二十四')).toBe(24);
    expect(parseJapaneseNumber('元')).toBe(1);
    expect(parseJapaneseNumber('１２')).toBe(12);
    expect(parseJapaneseNumber('二〇二一')).toBe(2021);
    expect(parseJapaneseNumber('abc')).toBeNull();
  });
});
