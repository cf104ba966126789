// Plain text from an HTML file a user saved from a ministry site: block elements become line
// breaks, scripts and styles vanish, entities are decoded. The segmenter does the rest.
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ensp: ' ', emsp: '　', ndash: '–', mdash: '—', hellip: '…', copy: '©', reg: '®', yen: '¥', middot: '·' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[body.toLowerCase()] ?? whole;
  });
}

export function looksLikeHtml(text: string, fileName: string): boolean {
  return /\.x?html?$/i.test(fileName) || /^\s*(<!doctype html|<html[\s>])/i.test(text);
}

export function htmlToText(html: string): { title: string | null; text: string } {
  const titleMatch = html.match(/<title[^>]*>([\s\S]*?)<\/title>/i);
  const body = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|noscript|template|head)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<li\b[^>]*>/gi, '\n・')
    .replace(/<\/?(p|div|section|article|header|footer|h[1-6]|ul|ol|table|tr|blockquote|pre|dl|dt|dd|main|nav|aside)\b[^>]*>/gi, '\n\n')
    .replace(/<\/t[dh]\s*>/gi, '\t')
    .replace(/<[^>]{0,2000}>/g, '');
  const text = decodeEntities(body)
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  const title = titleMatch ? decodeEntities(titleMatch[1].replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim() || null : null;
  return { title, text };
}
