// Dates as a citation prints them: 2021年11月19日 in Japanese, 19 November 2021 in English.
// Pure string work on ISO dates so the result never depends on the machine's time zone or ICU.
import type { BriefingLanguage, DateStyle } from '../briefing';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Formats `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`); null or unparseable gives the style's "no date". */
export function formatDate(iso: string | null, lang: BriefingLanguage): string {
  const m = iso ? /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(iso) : null;
  if (!m) return lang === 'ja' ? '日付不明' : 'n.d.';
  const [, y, mo, d] = m;
  const month = mo ? Number(mo) : null;
  const day = d ? Number(d) : null;
  if (month !== null && (month < 1 || month > 12)) return lang === 'ja' ? '日付不明' : 'n.d.';
  if (lang === 'ja') return `${y}年${month !== null ? `${month}月` : ''}${day !== null ? `${day}日` : ''}`;
  if (month === null) return y;
  return `${day !== null ? `${day} ` : ''}${MONTHS[month - 1]} ${y}`;
}

/**
 * The note's own date in the style the briefing chose. 和暦 comes from ICU's Japanese calendar
 * (era names and boundaries are its data: 2019-05-01 is 令和元年, the day before 平成31年); the
 * first year of an era is always 元年, whichever way an ICU build spells it. English notes stay
 * Gregorian: a Japanese era year is not what an English reader can place.
 */
export function formatNoteDate(iso: string, lang: BriefingLanguage, style: DateStyle): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (style !== 'wareki' || lang !== 'ja' || !m) return formatDate(iso, lang);
  const parts = wareki().formatToParts(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const era = part('era');
  const year = part('year');
  // Outside the eras ICU names (before 明治) there is no 和暦 to print: the Gregorian date is.
  if (!era || !/^(元|\d+)$/.test(year)) return formatDate(iso, lang);
  return `${era}${year === '1' ? '元' : year}年${Number(m[2])}月${Number(m[3])}日`;
}

// Made on first use: a Japanese-calendar formatter costs ICU work that a process which never
// prints a 和暦 date (a search, most CLI commands) should not pay at module load.
let WAREKI: Intl.DateTimeFormat | null = null;
function wareki(): Intl.DateTimeFormat {
  return (WAREKI ??= new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { era: 'long', year: 'numeric', month: 'numeric', day: 'numeric', timeZone: 'UTC' }));
}
