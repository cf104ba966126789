// A heat-map grid on screen: sticky row and column labels (capped, the full text in a tooltip),
// coloured count cells, totals as a last row and column, and only the visible cells in the DOM
// (virtualised both ways), so 300 codes × 200 documents scrolls as smoothly as 4 × 10. One focus
// stop: the arrow keys, Home/End and PageUp/PageDown move the active cell, Enter or Space opens it,
// the same as a click. Screen readers hear each cell's row, column and value.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { heatColor, inkOn, maxValue, type HeatGridModel } from '../../lib/heatmap';
import { imeSafeKeys } from '../../lib/keys';

export interface HeatGridProps {
  model: HeatGridModel;
  /** Prefix for cell ids (aria-activedescendant) and test hooks. */
  idPrefix: string;
  label: string;
  /** Id of the text describing the grid (what it shows, how to use it). */
  describedBy?: string;
  /** Row / column index; an index past the last code is that axis's total. */
  onOpen(row: number, col: number): void;
  cellLabel(row: number, col: number, value: string): string;
}

const CELL = 40;
const ROW_HEAD = 220;
const COL_HEAD = 150;
const PAGE = 10;

export function HeatGrid({ model, idPrefix, label, describedBy, onOpen, cellLabel }: HeatGridProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const nRows = model.rows.length + (model.colTotals ? 1 : 0);
  const nCols = model.cols.length + (model.rowTotals ? 1 : 0);
  const [active, setActive] = useState<[number, number]>([0, 0]);
  const max = useMemo(() => maxValue(model.values), [model.values]);

  const rowV = useVirtualizer({ count: nRows, getScrollElement: () => scrollRef.current, estimateSize: () => CELL, overscan: 4, paddingStart: COL_HEAD, scrollPaddingStart: COL_HEAD });
  const colV = useVirtualizer({ horizontal: true, count: nCols, getScrollElement: () => scrollRef.current, estimateSize: () => CELL, overscan: 4, paddingStart: ROW_HEAD, scrollPaddingStart: ROW_HEAD });

  // A new model (axes switched) may be smaller: keep the active cell inside it.
  useEffect(() => {
    setActive(([r, c]) => [Math.min(r, Math.max(0, nRows - 1)), Math.min(c, Math.max(0, nCols - 1))]);
  }, [nRows, nCols]);

  const isRowTotal = (c: number) => !!model.rowTotals && c === model.cols.length;
  const isColTotal = (r: number) => !!model.colTotals && r === model.rows.length;
  const valueAt = (r: number, c: number): { value: number; text: string; total: boolean } => {
    if (isColTotal(r)) {
      if (isRowTotal(c)) return { value: 0, text: '', total: true };
      const v = model.colTotals![c];
      return { value: v, text: String(v), total: true };
    }
    if (isRowTotal(c)) {
      const v = model.rowTotals![r];
      return { value: v, text: String(v), total: true };
    }
    const v = model.values[r][c];
    return { value: v, text: v ? model.format(v) : '', total: false };
  };
  const colLabel = (c: number) => (isRowTotal(c) ? model.totalLabel : model.cols[c].label);
  const rowLabel = (r: number) => (isColTotal(r) ? model.totalLabel : model.rows[r].label);
  const cellId = (r: number, c: number) => `${idPrefix}-${r}-${c}`;
  const openable = (r: number, c: number) => !(isColTotal(r) && isRowTotal(c));

  const move = (r: number, c: number) => {
    const next: [number, number] = [Math.max(0, Math.min(nRows - 1, r)), Math.max(0, Math.min(nCols - 1, c))];
    setActive(next);
    rowV.scrollToIndex(next[0]);
    colV.scrollToIndex(next[1]);
  };
  const onKeyDown = imeSafeKeys((e: KeyboardEvent) => {
    const [r, c] = active;
    switch (e.key) {
      case 'ArrowUp': move(r - 1, c); break;
      case 'ArrowDown': move(r + 1, c); break;
      case 'ArrowLeft': move(r, c - 1); break;
      case 'ArrowRight': move(r, c + 1); break;
      case 'Home': move(e.ctrlKey ? 0 : r, 0); break;
      case 'End': move(e.ctrlKey ? nRows - 1 : r, nCols - 1); break;
      case 'PageUp': move(r - PAGE, c); break;
      case 'PageDown': move(r + PAGE, c); break;
      case 'Enter':
      case ' ':
        if (openable(r, c)) onOpen(r, c);
        break;
      default:
        return;
    }
    e.preventDefault();
  });

  if (nRows === 0 || nCols === 0) return null;
  const width = colV.getTotalSize();
  const height = rowV.getTotalSize();
  const cols = colV.getVirtualItems();

  return (
    <div
      ref={scrollRef}
      className="heat-scroll"
      role="grid"
      tabIndex={0}
      aria-label={label}
      aria-describedby={describedBy}
      aria-rowcount={nRows + 1}
      aria-colcount={nCols + 1}
      aria-activedescendant={cellId(active[0], active[1])}
      onKeyDown={onKeyDown}
      data-testid={`${idPrefix}-grid`}
    >
      <div className="heat-inner" style={{ width, height }}>
        <div className="heat-colheads" role="row" aria-rowindex={1} style={{ width, height: COL_HEAD }}>
          <div className="heat-corner" style={{ width: ROW_HEAD, height: COL_HEAD }} role="columnheader" aria-colindex={1} />
          {cols.map((col) => (
            <div
              key={col.key}
              className={`heat-colhead ${isRowTotal(col.index) ? 'is-total' : ''} ${active[1] === col.index ? 'is-active-axis' : ''}`}
              role="columnheader"
              aria-colindex={col.index + 2}
              style={{ left: col.start, width: CELL, height: COL_HEAD }}
              title={colLabel(col.index)}
            >
              <span className="heat-colhead-text">{colLabel(col.index)}</span>
            </div>
          ))}
        </div>
        {rowV.getVirtualItems().map((row) => {
          const r = row.index;
          return (
            <div key={row.key} className={`heat-row ${isColTotal(r) ? 'is-total' : ''}`} role="row" aria-rowindex={r + 2} style={{ top: row.start, height: CELL, width }}>
              <div
                className={`heat-rowhead ${active[0] === r ? 'is-active-axis' : ''}`}
                role="rowheader"
                aria-colindex={1}
                style={{ width: ROW_HEAD, height: CELL, borderLeftColor: isColTotal(r) ? 'transparent' : (model.rows[r].color ?? 'transparent') }}
                title={rowLabel(r)}
              >
                {rowLabel(r)}
              </div>
              {cols.map((col) => {
                const c = col.index;
                const { value, text, total } = valueAt(r, c);
                const fill = total ? 'transparent' : heatColor(value, max, model.rows[r].color);
                const isActive = active[0] === r && active[1] === c;
                return (
                  <div
                    key={col.key}
                    id={cellId(r, c)}
                    role="gridcell"
                    aria-colindex={c + 2}
                    aria-selected={isActive}
                    aria-label={cellLabel(r, c, text || '0')}
                    className={`heat-cell ${total ? 'is-total' : ''} ${isActive ? 'is-active' : ''} ${value ? 'has-value' : ''}`}
                    style={{ left: col.start, width: CELL, height: CELL, background: fill === 'transparent' ? undefined : fill, color: fill === 'transparent' ? undefined : inkOn(fill) }}
                    onClick={() => {
                      setActive([r, c]);
                      if (openable(r, c)) onOpen(r, c);
                    }}
                  >
                    {text}
                  </div>
                );
              })}
            </div>
          );
        })}
      </div>
    </div>
  );
}
