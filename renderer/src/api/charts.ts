// Saving what the window drew (a heat-map as CSV, SVG or PNG): in the desktop app to the file the
// analyst chose in the save dialog, in the browser host as a download; one notice either way.
import type { ChartFormat } from '../../../shared/api/charts';
import type { LocalizedText } from '../../../shared/errors';
import { chooseExportTarget, saveDownload } from './files';
import { api } from './client';

const FILTERS: Record<ChartFormat, { name: string; extensions: string[] }> = {
  csv: { name: 'CSV', extensions: ['csv'] },
  svg: { name: 'SVG', extensions: ['svg'] },
  png: { name: 'PNG', extensions: ['png'] },
};

/** Null when the analyst cancelled the save dialog; otherwise the notice to show. */
export async function saveChart(format: ChartFormat, baseName: string, content: string): Promise<LocalizedText | null> {
  const fileName = `${baseName}.${format}`;
  const target = await chooseExportTarget(fileName, [FILTERS[format]]);
  if (!target) return null;
  const r = await api().call('charts.save', { target, format, fileName, content });
  if (r.download) {
    await saveDownload(r.download);
    return { ja: `ダウンロードしました: ${r.fileName}`, en: `Downloaded ${r.fileName}` };
  }
  return { ja: `書き出しました: ${r.path ?? r.fileName}`, en: `Exported to ${r.path ?? r.fileName}` };
}
