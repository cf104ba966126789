// Export of the current briefing: format buttons; in the desktop app the native save dialog (which
// asks about replacing a file) and the file written where the analyst chose, in the browser host a
// download; a notice naming the file, cancel while it runs, and the export log.
import { useState } from 'react';
import type { ExportFormat } from '../../../../shared/briefing';
import { chooseExportTarget, saveDownload, showInFolderFor } from '../../api/files';
import { middleEllipsis, safeName } from '../../lib/paths';
import { formatDate, useT } from '../../i18n';
import { useBriefing } from '../../stores/briefing';
import { usePreferences } from '../../stores/preferences';
import { useUi } from '../../stores/ui';
import { ProgressBar } from '../shell/ProgressBar';

const FORMATS: { format: ExportFormat; label: string; ext: string }[] = [
  { format: 'docx', label: 'Word (DOCX)', ext: 'docx' },
  { format: 'pdf', label: 'PDF', ext: 'pdf' },
  { format: 'md', label: 'Markdown', ext: 'md' },
  { format: 'html', label: 'HTML', ext: 'html' },
];

export function ExportPanel() {
  const t = useT();
  const lang = usePreferences((s) => s.language);
  const briefing = useBriefing((s) => s.briefing);
  const exportTo = useBriefing((s) => s.exportTo);
  const cancelExport = useBriefing((s) => s.cancelExport);
  const log = useBriefing((s) => s.exportLog);
  const [busy, setBusy] = useState(false);
  const showInFolder = showInFolderFor();
  if (!briefing) return null;

  const reveal = async (exportId: number) => {
    if (!showInFolder) return;
    const shown = await showInFolder(exportId);
    if (!shown) useUi.getState().notify({ ja: 'このファイルはもうその場所にありません。', en: 'That file is no longer where it was written.' });
  };

  const start = async (format: ExportFormat, ext: string, label: string) => {
    const target = await chooseExportTarget(`${safeName(briefing.title, 'briefing')}.${ext}`, [{ name: label, extensions: [ext] }]);
    if (!target) return;
    setBusy(true);
    try {
      const r = await exportTo(format, target);
      if (r === 'cancelled') useUi.getState().notify({ ja: '書き出しを取り消しました。ファイルは作られていません。', en: 'Export cancelled. No file was written.' });
      else if (r?.download) {
        await saveDownload(r.download);
        useUi.getState().notify({ ja: `ダウンロードしました: ${r.fileName}`, en: `Downloaded ${r.fileName}` });
      } else if (r) useUi.getState().notify({ ja: `書き出しました: ${r.path ?? r.fileName}`, en: `Exported to ${r.path ?? r.fileName}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="export-panel" aria-labelledby="export-title">
      <h3 id="export-title" className="section-title">
        {t('briefing.export')}
      </h3>
      <div className="export-buttons">
        {FORMATS.map((f) => (
          <button key={f.format} type="button" className="btn" disabled={busy} onClick={() => void start(f.format, f.ext, f.label)}>
            {f.label}
          </button>
        ))}
      </div>
      {busy ? (
        <div className="export-busy">
          <ProgressBar className="export-progress" label={t('briefing.exporting')} percent={null} caption={t('briefing.exporting')} />
          <button type="button" className="btn btn-small" onClick={() => void cancelExport()}>
            {t('briefing.export.cancel')}
          </button>
        </div>
      ) : null}
      {log.length > 0 ? (
        <>
          <h4 className="subsection-title">{t('briefing.exportLog')}</h4>
          <ul className="export-log">
            {log.slice(0, 5).map((e) => (
              <li key={e.id}>
                <span className="export-format">{e.format.toUpperCase()}</span>
                <span className="export-path" title={e.path}>
                  {middleEllipsis(e.path)}
                </span>
                <span className="muted small">{formatDate(lang, e.exportedAt.slice(0, 10))}</span>
                {showInFolder && !e.path.endsWith('(download)') ? (
                  <button type="button" className="btn-link small" onClick={() => void reveal(e.id)}>
                    {t('briefing.exportLog.showInFolder')}
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
