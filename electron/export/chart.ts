// Checks a chart the window drew before it is written: the bytes must be what the format says
// (a PNG signature; an SVG document with no script, event handler or outside reference; CSV text),
// so the save path cannot be used to write an arbitrary file under a chart's name.
import { AppError } from '../../shared/errors';
import type { ChartFormat } from '../../shared/api/charts';
import { MAX_CHART_BYTES } from '../../shared/api/charts';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** What an SVG chart never needs: scripts, foreign HTML, event attributes, links out of the file. */
const SVG_FORBIDDEN = /<script|<foreignObject|\son[a-z]+\s*=|(?:xlink:)?href\s*=\s*["'](?!#)/i;

export const CHART_MIME: Record<ChartFormat, string> = { csv: 'text/csv', svg: 'image/svg+xml', png: 'image/png' };

function refuse(fileName: string, ja: string, en: string): never {
  throw new AppError('bad-input', { ja: `${fileName}: ${ja}`, en: `${fileName}: ${en}` }, { subject: fileName });
}

/** The file's bytes (CSV with a BOM so Excel reads the Japanese as UTF-8), or a bad-input error. */
export function chartBytes(format: ChartFormat, content: string, fileName: string): Uint8Array {
  if (format === 'png') {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(content)) refuse(fileName, 'PNG のデータが base64 ではありません。', 'the PNG data is not base64.');
    const bytes = new Uint8Array(Buffer.from(content, 'base64'));
    if (!PNG_SIGNATURE.every((b, i) => bytes[i] === b)) refuse(fileName, 'PNG 画像ではありません（先頭の署名が違います）。', 'this is not a PNG image (wrong signature).');
    return bytes;
  }
  if (format === 'svg') {
    if (!/^(?:<\?xml[^>]*\?>\s*)?<svg[\s>]/.test(content)) refuse(fileName, 'SVG 文書ではありません。', 'this is not an SVG document.');
    if (SVG_FORBIDDEN.test(content)) refuse(fileName, 'SVG にスクリプトや外部参照は含められません。', 'an SVG chart may not contain scripts or outside references.');
  }
  const text = format === 'csv' && !content.startsWith('\uFEFF') ? `\uFEFF${content}` : content;
  const bytes = new TextEncoder().encode(text);
  if (bytes.length > MAX_CHART_BYTES) refuse(fileName, `大きすぎます（${bytes.length} バイト）。`, `too large (${bytes.length} bytes).`);
  return bytes;
}
