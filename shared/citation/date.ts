// Dates as a citation prints them: 2021年11月19日 in Japanese, 19 November 2021 in English.
// Pure string work on ISO dates so the result never depends on the machine's time zone or ICU.
import type { BriefingLanguage } from '../briefing';

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
