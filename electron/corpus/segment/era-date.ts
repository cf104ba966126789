// Converts Japanese dates as printed (令和3年11月19日, 令和元年１２月１７日, 平成二十四年) to ISO.
// The manifest and imported sources need ISO dates; Japanese documents mostly print era dates.

/** First Gregorian year of each era minus one: 令和n年 = 2018 + n. */
const ERA_OFFSET: Record<string, number> = { 令和: 2018, 平成: 1988, 昭和: 1925, 大正: 1911, 明治: 1867 };

const KANJI_DIGIT: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** Full-width digits to ASCII, so １２ and 12 parse alike. */
export function toAsciiDigits(s: string): string {
  return s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}

/** Parses 12, １２, 十二, 二十四, 元 (= 1); null when the text is not a number. */
export function parseJapaneseNumber(raw: string): number | null {
  const s = toAsciiDigits(raw.trim());
  if (s === '元') return 1;
  if (/^\d+$/.test(s)) return Number(s);
  if (!/^[〇零一二三四五六七八九十百]+$/.test(s)) return null;
  if (/^[〇零一二三四五六七八九]+$/.test(s) && s.length > 1) {
    // Positional kanji digits, e.g. 二〇二一.
    return Number([...s].map((c) => KANJI_DIGIT[c]).join(''));
  }
  let total = 0;
  let digit = 0;
  for (const c of s) {
    if (c === '百') { total += (digit || 1) * 100; digit = 0; }
    else if (c === '十') { total += (digit || 1) * 10; digit = 0; }
    else digit = KANJI_DIGIT[c] ?? 0;
  }
  return total + digit;
}

const NUM = '[0-9０-９〇零一二三四五六七八九十百]+';
const ERA_DATE = new RegExp(`(令和|平成|昭和|大正|明治)\\s*(元|${NUM})\\s*年\\s*(?:(${NUM})\\s*月\\s*(?:(${NUM})\\s*日)?)?`);
const GREGORIAN_DATE = new RegExp(`([0-9０-９]{4})\\s*年\\s*(${NUM})\\s*月\\s*(${NUM})\\s*日`);

function valid(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Gregorian year of an era year (令和, 3 → 2021), or null for an unknown era or year < 1. */
export function eraYearToGregorian(era: string, year: number): number | null {
  const offset = ERA_OFFSET[era];
  if (offset === undefined || !Number.isInteger(year) || year < 1) return null;
  return offset + year;
}

export interface ParsedDate {
  /** `YYYY-MM-DD` when day and month are known, `YYYY-MM` or `YYYY` otherwise. */
  iso: string;
  precision: 'day' | 'month' | 'year';
  /** The date as printed in the text. */
  match: string;
  index: number;
}

/**
 * The first era date (or Gregorian 2021年11月19日 date) in `text`, converted; null when none.
 * An impossible date (2月30日) is not a date.
 */
export function parseJapaneseDate(text: string): ParsedDate | null {
  const era = ERA_DATE.exec(text);
  if (era) {
    const year = parseJapaneseNumber(era[2]);
    const y = year === null ? null : eraYearToGregorian(era[1], year);
    if (y !== null) {
      const m = era[3] !== undefined ? parseJapaneseNumber(era[3]) : null;
      const d = era[4] !== undefined ? parseJapaneseNumber(era[4]) : null;
      if (m !== null && d !== null && valid(y, m, d)) return { iso: iso(y, m, d), precision: 'day', match: era[0], index: era.index };
      if (m !== null && m >= 1 && m <= 12 && d === null) return { iso: iso(y, m, 1).slice(0, 7), precision: 'month', match: era[0], index: era.index };
      if (m === null) return { iso: String(y), precision: 'year', match: era[0], index: era.index };
    }
  }
  const greg = GREGORIAN_DATE.exec(text);
  if (greg) {
    const y = Number(toAsciiDigits(greg[1]));
    const m = parseJapaneseNumber(greg[2]);
    const d = parseJapaneseNumber(greg[3]);
    if (m !== null && d !== null && valid(y, m, d)) return { iso: iso(y, m, d), precision: 'day', match: greg[0], index: greg.index };
  }
  return null;
}

/** `令和3年11月19日` → `2021-11-19`; null unless the text holds a date with year, month and day. */
export function eraDateToIso(text: string): string | null {
  const parsed = parseJapaneseDate(text);
  return parsed && parsed.precision === 'day' ? parsed.iso : null;
}
