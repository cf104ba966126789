// The heat-map as data, apart from the DOM: cell colours (a pillar's own colour, the one it has in
// every view, from white to full; tags on a neutral blue ramp), and the same grid written out as
// CSV, as an SVG document and onto a canvas for PNG. The screen grid, the CSV and both images all
// come from one HeatGridModel, so what is exported is what the analyst saw.
import { scaleLinear, scaleSequential } from 'd3-scale';
import { interpolateBlues } from 'd3-scale-chromatic';

export interface HeatAxisEntry {
  id: string;
  label: string;
  /** A pillar's colour: the row is shaded in it. Null: the neutral ramp. */
  color?: string | null;
}

export interface HeatGridModel {
  title: string;
  rows: HeatAxisEntry[];
  cols: HeatAxisEntry[];
  values: number[][];
  /** Shown as a last column / last row when present. */
  rowTotals?: number[];
  colTotals?: number[];
  totalLabel: string;
  /** How a value is printed in a cell (counts as integers, Jaccard to two places). */
  format(value: number): string;
}

/** Labels longer than this are cut with an ellipsis; the full text stays in a title / tooltip. */
export const LABEL_MAX_CHARS = 14;
/** Image layout in CSS pixels: wide enough for 14 Japanese characters at 12 px. */
const IMAGE = { cell: 30, rowHeader: 190, colHeader: 150, font: 12, pad: 12, titleHeight: 28 };
/** Column labels slant up to the right at 60°: the last one reaches this far past the grid. */
const SLANT_OVERHANG = Math.ceil(LABEL_MAX_CHARS * IMAGE.font * Math.cos(Math.PI / 3)) + 8;

export function capLabel(label: string, max = LABEL_MAX_CHARS): string {
  const chars = [...label];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : label;
}

export function maxValue(values: number[][]): number {
  let max = 0;
  for (const row of values) for (const v of row) if (v > max) max = v;
  return max;
}

/** The fill for a value: zero is blank, the largest value gets the full colour. */
export function heatColor(value: number, max: number, color?: string | null): string {
  if (value <= 0 || max <= 0) return 'transparent';
  // A floor of 15 % so a single annotation is still visible against the background.
  const t = 0.15 + 0.85 * Math.min(1, value / max);
  if (color) return scaleLinear<string>().domain([0, 1]).range(['#ffffff', color])(t);
  return scaleSequential(interpolateBlues).domain([0, 1])(t);
}

/** Dark or light text, whichever reads on the fill (relative luminance of an rgb()/#hex colour). */
export function inkOn(fill: string): string {
  const m = /^rgb\((\d+),\s*(\d+),\s*(\d+)\)$/.exec(fill) ?? /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(fill);
  if (!m) return 'currentColor';
  const [r, g, b] = m.slice(1, 4).map((x) => (fill.startsWith('#') ? parseInt(x, 16) : Number(x)) / 255);
  const lum = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return lum < 0.55 ? '#ffffff' : '#1d2330';
}

function csvField(value: string): string {
  // Excel would run a field starting with = + - @ as a formula: a quote mark keeps it text.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The grid as CSV: full labels, totals when the model has them, CRLF lines (Excel's own). */
export function heatCsv(model: HeatGridModel): string {
  const header = ['', ...model.cols.map((c) => c.label), ...(model.rowTotals ? [model.totalLabel] : [])];
  const lines = [header];
  model.rows.forEach((r, i) => {
    lines.push([r.label, ...model.values[i].map((v) => model.format(v)), ...(model.rowTotals ? [String(model.rowTotals[i])] : [])]);
  });
  if (model.colTotals) lines.push([model.totalLabel, ...model.colTotals.map(String), ...(model.rowTotals ? [''] : [])]);
  return lines.map((l) => l.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

interface Layout {
  width: number;
  height: number;
  x0: number;
  y0: number;
  nCols: number;
  nRows: number;
}

function layout(model: HeatGridModel): Layout {
  const nCols = model.cols.length + (model.rowTotals ? 1 : 0);
  const nRows = model.rows.length + (model.colTotals ? 1 : 0);
  const x0 = IMAGE.pad + IMAGE.rowHeader;
  const y0 = IMAGE.pad + IMAGE.titleHeight + IMAGE.colHeader;
  return { width: x0 + nCols * IMAGE.cell + SLANT_OVERHANG + IMAGE.pad, height: y0 + nRows * IMAGE.cell + IMAGE.pad, x0, y0, nCols, nRows };
}

/** Every cell of the image, totals included, in one list both renderers walk. */
function imageCells(model: HeatGridModel): { r: number; c: number; text: string; fill: string; total: boolean }[] {
  const max = maxValue(model.values);
  const out: { r: number; c: number; text: string; fill: string; total: boolean }[] = [];
  model.rows.forEach((row, r) => {
    model.values[r].forEach((v, c) => {
      const fill = heatColor(v, max, row.color);
      out.push({ r, c, text: v ? model.format(v) : '', fill, total: false });
    });
    if (model.rowTotals) out.push({ r, c: model.cols.length, text: String(model.rowTotals[r]), fill: 'transparent', total: true });
  });
  if (model.colTotals) model.colTotals.forEach((v, c) => out.push({ r: model.rows.length, c, text: String(v), fill: 'transparent', total: true }));
  return out;
}

const FONT_STACK = "'Noto Sans CJK JP', 'Hiragino Sans', 'Yu Gothic', Meiryo, 'IPAexGothic', sans-serif";

/** The grid as a standalone SVG document: capped labels with the full text in <title>. */
export function heatSvg(model: HeatGridModel): string {
  const L = layout(model);
  const colEntries = [...model.cols, ...(model.rowTotals ? [{ id: '#total', label: model.totalLabel }] : [])];
  const rowEntries = [...model.rows, ...(model.colTotals ? [{ id: '#total', label: model.totalLabel }] : [])];
  const parts: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${L.width}" height="${L.height}" viewBox="0 0 ${L.width} ${L.height}" font-family="${xml(FONT_STACK)}" font-size="${IMAGE.font}">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="${IMAGE.pad}" y="${IMAGE.pad + 16}" font-size="15" font-weight="bold" fill="#1d2330">${xml(model.title)}</text>`,
  ];
  colEntries.forEach((c, i) => {
    const x = L.x0 + i * IMAGE.cell + IMAGE.cell / 2 + 4;
    parts.push(`<text transform="translate(${x},${L.y0 - 6}) rotate(-60)" fill="#1d2330"><title>${xml(c.label)}</title>${xml(capLabel(c.label))}</text>`);
  });
  rowEntries.forEach((r, i) => {
    const y = L.y0 + i * IMAGE.cell + IMAGE.cell / 2 + 4;
    parts.push(`<text x="${L.x0 - 8}" y="${y}" text-anchor="end" fill="#1d2330"><title>${xml(r.label)}</title>${xml(capLabel(r.label))}</text>`);
  });
  for (const cell of imageCells(model)) {
    const x = L.x0 + cell.c * IMAGE.cell;
    const y = L.y0 + cell.r * IMAGE.cell;
    const fill = cell.fill === 'transparent' ? (cell.total ? '#f0f2f5' : '#ffffff') : cell.fill;
    parts.push(`<rect x="${x}" y="${y}" width="${IMAGE.cell}" height="${IMAGE.cell}" fill="${fill}" stroke="#d9dde3"/>`);
    if (cell.text) parts.push(`<text x="${x + IMAGE.cell / 2}" y="${y + IMAGE.cell / 2 + 4}" text-anchor="middle" fill="${inkOn(fill)}"${cell.total ? ' font-weight="bold"' : ''}>${xml(cell.text)}</text>`);
  }
  parts.push('</svg>');
  return parts.join('\n');
}

/** The same picture drawn on a canvas (for PNG), at `scale` device pixels per CSS pixel. */
export function drawHeatmap(canvas: HTMLCanvasElement, model: HeatGridModel, scale = 2): void {
  const L = layout(model);
  canvas.width = Math.ceil(L.width * scale);
  canvas.height = Math.ceil(L.height * scale);
  const g = canvas.getContext('2d');
  if (!g) throw new Error('no 2d canvas context');
  g.scale(scale, scale);
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, L.width, L.height);
  g.fillStyle = '#1d2330';
  g.font = `bold 15px ${FONT_STACK}`;
  g.fillText(model.title, IMAGE.pad, IMAGE.pad + 16);
  g.font = `${IMAGE.font}px ${FONT_STACK}`;
  const colEntries = [...model.cols, ...(model.rowTotals ? [{ label: model.totalLabel }] : [])];
  const rowEntries = [...model.rows, ...(model.colTotals ? [{ label: model.totalLabel }] : [])];
  colEntries.forEach((c, i) => {
    g.save();
    g.translate(L.x0 + i * IMAGE.cell + IMAGE.cell / 2 + 4, L.y0 - 6);
    g.rotate((-60 * Math.PI) / 180);
    g.fillText(capLabel(c.label), 0, 0);
    g.restore();
  });
  g.textAlign = 'right';
  rowEntries.forEach((r, i) => g.fillText(capLabel(r.label), L.x0 - 8, L.y0 + i * IMAGE.cell + IMAGE.cell / 2 + 4));
  g.textAlign = 'center';
  g.strokeStyle = '#d9dde3';
  for (const cell of imageCells(model)) {
    const x = L.x0 + cell.c * IMAGE.cell;
    const y = L.y0 + cell.r * IMAGE.cell;
    const fill = cell.fill === 'transparent' ? (cell.total ? '#f0f2f5' : '#ffffff') : cell.fill;
    g.fillStyle = fill;
    g.fillRect(x, y, IMAGE.cell, IMAGE.cell);
    g.strokeRect(x + 0.5, y + 0.5, IMAGE.cell - 1, IMAGE.cell - 1);
    if (cell.text) {
      g.fillStyle = inkOn(fill);
      g.font = `${cell.total ? 'bold ' : ''}${IMAGE.font}px ${FONT_STACK}`;
      g.fillText(cell.text, x + IMAGE.cell / 2, y + IMAGE.cell / 2 + 4);
    }
  }
}
