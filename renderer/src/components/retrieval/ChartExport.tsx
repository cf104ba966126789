// Export buttons under a heat-map: CSV (the counts, full labels), SVG and PNG (the picture, for
// the briefing). All three come from the grid model on screen, so the files match what is shown.
import { useState } from 'react';
import { saveChart } from '../../api/charts';
import { errorData } from '../../api/client';
import { drawHeatmap, heatCsv, heatSvg, type HeatGridModel } from '../../lib/heatmap';
import { safeName } from '../../lib/paths';
import { useT } from '../../i18n';
import { useUi } from '../../stores/ui';

export function ChartExport({ model, baseName }: { model: HeatGridModel; baseName: string }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const run = async (format: 'csv' | 'svg' | 'png') => {
    setBusy(true);
    try {
      let content: string;
      if (format === 'csv') content = heatCsv(model);
      else if (format === 'svg') content = heatSvg(model);
      else {
        const canvas = document.createElement('canvas');
        drawHeatmap(canvas, model);
        content = canvas.toDataURL('image/png').slice('data:image/png;base64,'.length);
      }
      const notice = await saveChart(format, safeName(baseName, 'chart'), content);
      if (notice) useUi.getState().notify(notice);
    } catch (e) {
      useUi.getState().reportError(errorData(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="chart-export" role="group" aria-label={t('analysis.export')}>
      <span className="muted">{t('analysis.export')}</span>
      <button type="button" className="btn btn-small" disabled={busy} onClick={() => void run('csv')}>CSV</button>
      <button type="button" className="btn btn-small" disabled={busy} onClick={() => void run('svg')}>SVG</button>
      <button type="button" className="btn btn-small" disabled={busy} onClick={() => void run('png')}>PNG</button>
    </div>
  );
}
