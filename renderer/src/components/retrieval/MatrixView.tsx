// The code matrix (QDA "code matrix browser"): pillars or tags down the side, documents, speakers,
// pillars or tags across, each cell the number of live annotations, with row and column totals.
// Pillar rows are shaded in the pillar's own colour. A cell (or a total) opens its coded segments.
import { useEffect, useMemo } from 'react';
import type { MatrixCols, MatrixRows } from '../../../../shared/retrieval';
import { formatNumber, useT } from '../../i18n';
import type { HeatGridModel } from '../../lib/heatmap';
import { pillarName, useAnnotations } from '../../stores/annotations';
import { usePreferences } from '../../stores/preferences';
import { matrixCellSelection, NO_SPEAKER_COLUMN, useRetrieval, type SegmentSelection } from '../../stores/retrieval';
import { ChartExport } from './ChartExport';
import { HeatGrid } from './HeatGrid';

const ROWS: MatrixRows[] = ['pillar', 'tag'];
const COLS: MatrixCols[] = ['document', 'speaker', 'pillar', 'tag'];

export function MatrixView() {
  const t = useT();
  const lang = usePreferences((s) => s.language);
  const pillars = useAnnotations((s) => s.pillars);
  const revision = useAnnotations((s) => s.revision);
  const { rows, cols, matrix, loading, setAxes, loadMatrix, openSegments } = useRetrieval();

  useEffect(() => {
    void loadMatrix();
  }, [loadMatrix, revision]);

  const pillarById = useMemo(() => new Map(pillars.map((p) => [p.id, p])), [pillars]);
  const axisLabel = (kind: MatrixRows | MatrixCols, id: string, label: string) => {
    if (kind === 'pillar') return pillarName(pillarById.get(id), lang) || label;
    if (kind === 'speaker' && id === NO_SPEAKER_COLUMN) return t('analysis.noSpeaker');
    return label;
  };

  const model = useMemo<HeatGridModel | null>(() => {
    if (!matrix) return null;
    return {
      title: t('analysis.matrix.title', { rows: t(`analysis.axis.${rows}`), cols: t(`analysis.axis.${cols}`) }),
      rows: matrix.rows.map((r) => ({ id: r.id, label: axisLabel(rows, r.id, r.label), color: rows === 'pillar' ? (pillarById.get(r.id)?.color ?? null) : null })),
      cols: matrix.cols.map((c) => ({ id: c.id, label: axisLabel(cols, c.id, c.label) })),
      values: matrix.cells,
      rowTotals: matrix.rowTotals,
      colTotals: matrix.colTotals,
      totalLabel: t('analysis.total'),
      format: (v) => String(v),
    };
  }, [matrix, rows, cols, lang, t, pillarById]);

  const codeSelection = (kind: MatrixRows | MatrixCols, id: string): SegmentSelection => {
    if (kind === 'document') return { documents: [id] };
    if (kind === 'speaker') return { speakers: [id === NO_SPEAKER_COLUMN ? '' : id] };
    // The matrix counts annotations carrying the pillar itself, so its children are not included.
    return kind === 'pillar' ? { pillars: [id], includeChildPillars: false } : { tags: [id] };
  };
  const open = (r: number, c: number) => {
    if (!matrix || !model) return;
    // The last row holds the column totals, the last column the row totals.
    const totalsRow = r === matrix.rows.length;
    const totalsCol = c === matrix.cols.length;
    const rowText = totalsRow ? '' : model.rows[r].label;
    const colText = totalsCol ? '' : model.cols[c].label;
    const selection = totalsRow
      ? codeSelection(cols, matrix.cols[c].id)
      : totalsCol
        ? codeSelection(rows, matrix.rows[r].id)
        : matrixCellSelection(rows, cols, matrix.rows[r].id, matrix.cols[c].id);
    const caption = totalsRow ? colText : totalsCol ? rowText : `${rowText} × ${colText}`;
    openSegments({ selection, caption: { ja: caption, en: caption } });
  };

  return (
    <section className="analysis-panel" aria-labelledby="matrix-title">
      <header className="analysis-toolbar">
        <h2 id="matrix-title" className="analysis-title">
          {t('analysis.matrix')}
        </h2>
        <label className="analysis-field">
          {t('analysis.rows')}
          <select className="field field-compact" value={rows} onChange={(e) => setAxes({ rows: e.target.value as MatrixRows })} data-testid="matrix-rows">
            {ROWS.map((k) => (
              <option key={k} value={k}>
                {t(`analysis.axis.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="analysis-field">
          {t('analysis.cols')}
          <select className="field field-compact" value={cols} onChange={(e) => setAxes({ cols: e.target.value as MatrixCols })} data-testid="matrix-cols">
            {COLS.map((k) => (
              <option key={k} value={k}>
                {t(`analysis.axis.${k}`)}
              </option>
            ))}
          </select>
        </label>
        {model ? <ChartExport model={model} baseName={`matrix-${rows}-${cols}`} /> : null}
      </header>
      <p id="matrix-desc" className="analysis-desc">
        {matrix
          ? t('analysis.matrix.desc', {
              annotations: formatNumber(lang, matrix.annotations),
              rows: formatNumber(lang, matrix.rows.length),
              cols: formatNumber(lang, matrix.cols.length),
            })
          : t('app.loading')}
      </p>
      {model && model.rows.length && model.cols.length ? (
        <HeatGrid
          model={model}
          idPrefix="matrix"
          label={model.title}
          describedBy="matrix-desc"
          onOpen={open}
          cellLabel={(r, c, value) =>
            `${r === model.rows.length ? model.totalLabel : model.rows[r].label} × ${c === model.cols.length ? model.totalLabel : model.cols[c].label}: ${value}`
          }
        />
      ) : matrix && !loading ? (
        <p className="analysis-empty">{t('analysis.matrix.empty')}</p>
      ) : null}
    </section>
  );
}
