// @vitest-environment jsdom
// The heat-map's exports from one model: the CSV parses back to the same labels, counts and
// totals (quotes, commas, line breaks and would-be formulas included), the SVG is well-formed
// with one cell per value and every full label in a <title>, colours follow the pillar's own.
import { describe, expect, it } from 'vitest';
import { capLabel, heatColor, heatCsv, heatSvg, inkOn, LABEL_MAX_CHARS, type HeatGridModel } from '../../renderer/src/lib/heatmap';

/** RFC 4180 reader: enough to read our own CSV back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    }
    else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  return rows;
}

const LABELS = ['サプライチェーン', '基幹インフラ, "審査"', '改行を\n含む名前', '=SUM(A1)', '-1', '長'.repeat(40)];

function model(n: number, m: number): HeatGridModel {
  const values = Array.from({ length: n }, (_, r) => Array.from({ length: m }, (_, c) => (r * 7 + c * 3) % 5));
  return {
    title: 'テスト',
    rows: Array.from({ length: n }, (_, r) => ({ id: `r${r}`, label: LABELS[r % LABELS.length] + r, color: r % 2 ? '#2456a6' : null })),
    cols: Array.from({ length: m }, (_, c) => ({ id: `c${c}`, label: LABELS[(c + 2) % LABELS.length] + c })),
    values,
    rowTotals: values.map((row) => row.reduce((a, b) => a + b, 0)),
    colTotals: Array.from({ length: m }, (_, c) => values.reduce((a, row) => a + row[c], 0)),
    totalLabel: '合計',
    format: (v) => String(v),
  };
}

describe('heat-map exports', () => {
  it('CSV reads back to the same labels, counts and totals', () => {
    const m = model(6, 5);
    const rows = parseCsv(heatCsv(m));
    expect(rows).toHaveLength(m.rows.length + 2);
    const unformula = (s: string) => (s.startsWith("'") ? s.slice(1) : s);
    expect(rows[0].slice(1, -1).map(unformula)).toEqual(m.cols.map((c) => c.label));
    expect(rows[0].at(-1)).toBe('合計');
    m.rows.forEach((r, i) => {
      expect(unformula(rows[i + 1][0])).toBe(r.label);
      expect(rows[i + 1].slice(1, -1).map(Number)).toEqual(m.values[i]);
      expect(Number(rows[i + 1].at(-1))).toBe(m.rowTotals![i]);
    });
    expect(rows.at(-1)!.slice(1, -1).map(Number)).toEqual(m.colTotals);
    // A label Excel would run as a formula is kept as text.
    expect(rows.some((r) => r[0].startsWith("'=SUM"))).toBe(true);
  });

  it('SVG is well-formed, one rect per cell and total, full labels in <title>', () => {
    const m = model(6, 5);
    const doc = new DOMParser().parseFromString(heatSvg(m), 'image/svg+xml');
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    // Background + cells + row totals + column totals.
    expect(doc.getElementsByTagName('rect')).toHaveLength(1 + 6 * 5 + 6 + 5);
    const titles = [...doc.getElementsByTagName('title')].map((t) => t.textContent);
    for (const entry of [...m.rows, ...m.cols]) expect(titles).toContain(entry.label);
    const shown = [...doc.getElementsByTagName('text')].map((t) => [...t.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join(''));
    expect(shown.every((s) => [...s].length <= LABEL_MAX_CHARS)).toBe(true);
    expect(shown.filter((s) => s === String(m.rowTotals![0]))).not.toHaveLength(0);
  });

  it('labels are capped by characters, not UTF-16 units', () => {
    expect(capLabel('𠮷'.repeat(20))).toBe('𠮷'.repeat(LABEL_MAX_CHARS - 1) + '…');
    expect(capLabel('短い')).toBe('短い');
  });

  it('colours: blank at zero, the pillar colour at the maximum, readable ink', () => {
    expect(heatColor(0, 5, '#2456a6')).toBe('transparent');
    expect(heatColor(5, 5, '#2456a6')).toBe('rgb(36, 86, 166)');
    expect(heatColor(1, 5, '#2456a6')).not.toBe(heatColor(4, 5, '#2456a6'));
    expect(inkOn('rgb(36, 86, 166)')).toBe('#ffffff');
    expect(inkOn('rgb(240, 245, 250)')).toBe('#1d2330');
  });
});
