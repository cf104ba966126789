// Title, date and issuer as an imported source states them: explicit values first, then what the
// format's own properties say (HTML <title>/<meta>, Word core properties), then the text's opening
// lines (a first line as title, 令和6年3月29日 or 2024年3月29日 as date, a ministry line as issuer).
import { parseJapaneseDate } from '../corpus/segment/era-date';

/** The document's own date and issuer are printed near its top, not deep in the body. */
export const OPENING_CHARS = 2000;
const OPENING_LINES = 20;
const MAX_ISSUER_CHARS = 40;

const ISSUER_LABEL = /^[\s\u3000]*(?:発行者?|作成者?|出典|所管|担当|発信者?)[\s\u3000]*[：:][\s\u3000]*(.{2,60})$/;
/** Ends like a Japanese public body: 内閣府, 経済産業省, 経済安全保障推進会議, 国家安全保障局 … */
const ORGANISATION = /(?:省|庁|府|局|部|課|室|会議|本部|委員会|審議会|機構|事務局|研究所|協会|連合会|センター|法人|株式会社)$/;

export function firstLineTitle(text: string): string | null {
  for (const raw of text.slice(0, OPENING_CHARS).split('\n')) {
    const line = raw.replace(/^#+\s*/, '').trim();
    if (!line) continue;
    return line.length > 100 ? `${line.slice(0, 99)}…` : line;
  }
  return null;
}

/** The first full date in the opening lines is usually the document's own (日時：令和3年11月19日). */
export function statedDate(text: string): string | null {
  const parsed = parseJapaneseDate(text.slice(0, OPENING_CHARS));
  return parsed && parsed.precision === 'day' ? parsed.iso : null;
}

/** A line in the opening that names who issued the document, or null. */
export function statedIssuer(text: string, title: string | null): string | null {
  const lines = text.slice(0, OPENING_CHARS).split('\n').map((l) => l.replace(/^#+\s*/, '').trim()).filter(Boolean).slice(0, OPENING_LINES);
  for (const line of lines) {
    const m = ISSUER_LABEL.exec(line);
    if (m) return m[1].trim().slice(0, 200);
  }
  for (const line of lines) {
    if (line === title) continue;
    // A date printed on the same line (令和6年3月29日　内閣府) is not part of the name.
    const date = parseJapaneseDate(line);
    const rest = (date ? line.slice(0, date.index) + line.slice(date.index + date.match.length) : line).replace(/[\s\u3000]+/g, ' ').trim();
    if (!rest || rest.length > MAX_ISSUER_CHARS || /[。、，,.]/.test(rest)) continue;
    // 第2部 / 第1回…会議 are parts and meetings, not who issued the document.
    if (/^第[0-9０-９一二三四五六七八九十百]+[部章節回]/.test(rest)) continue;
    if (ORGANISATION.test(rest)) return rest;
  }
  return null;
}
