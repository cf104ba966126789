// Export of the current briefing: format buttons, a save dialog (the native one in Electron,
// a path field in the browser host), overwrite confirmation, a notice naming where the file
// went, and the export log.
import { useState } from 'react';
import type { ExportFormat } from '../../../../shared/briefing';
import { bridgeOf } from '../../api/transport';
import { besideDatabase, safeName } from '../../lib/paths';
import { formatDate, useT } from '../../i18n';
import { useBriefing } from '../../stores/briefing';
import { useLibrary } from '../../stores/library';
import { usePreferences } from '../../stores/preferences';
import { useUi } from '../../stores/ui';
import { Dialog } from '../shell/Dialog';
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
  const info = useLibrary((s) => s.info);
  const [asking, setAsking] = useState<{ format: ExportFormat; path: string } | null>(null);
  const [overwrite, setOverwrite] = useState<{ format: ExportFormat; path: string } | null>(null);
  const [busy, setBusy] = useState(false);
  if (!briefing) return null;

  const defaultPath = (ext: string) => besideDatabase(info?.dbPath, `${safeName(briefing.title, 'briefing')}.${ext}`);

  const run = async (format: ExportFormat, path: string, force: boolean) => {
    setBusy(true);
    try {
      const r = await exportTo(format, path, force);
      if (r === 'exists') setOverwrite({ format, path });
      else if (r === 'cancelled') useUi.getState().notify({ ja: '書き出しを取り消しました。ファイルは作られていません。', en: 'Export cancelled. No file was written.' });
      else if (r) useUi.getState().notify({ ja: `書き出しました: ${r.path}`, en: `Exported to ${r.path}` });
    } finally {
      setBusy(false);
    }
  };

  const start = async (format: ExportFormat, ext: string, label: string) => {
    const bridge = bridgeOf(window);
    if (bridge?.saveDialog) {
      const path = await bridge.saveDialog({ defaultPath: defaultPath(ext), filters: [{ name: label, extensions: [ext] }] });
      // The native dialog already asked about replacing an existing file.
      if (path) await run(format, path, true);
      return;
    }
    setAsking({ format, path: defaultPath(ext) });
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
                  {e.path}
                </span>
                <span className="muted small">{formatDate(lang, e.exportedAt.slice(0, 10))}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {asking ? (
        <Dialog label={t('briefing.export.dialog')} onClose={() => setAsking(null)}>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              const { format, path } = asking;
              setAsking(null);
              void run(format, path.trim(), false);
            }}
          >
            <header className="dialog-header">
              <h2>{t('briefing.export.dialog')}</h2>
            </header>
            <div className="dialog-body">
              <label className="field-label">
                {t('briefing.export.path')}
                <input className="field" value={asking.path} onChange={(e) => setAsking({ ...asking, path: e.target.value })} spellCheck={false} />
              </label>
              <p className="small muted">{t('briefing.export.pathHelp')}</p>
            </div>
            <footer className="dialog-footer">
              <button type="button" className="btn" onClick={() => setAsking(null)}>
                {t('common.cancel')}
              </button>
              <button type="submit" className="btn btn-primary" disabled={!asking.path.trim()}>
                {t('briefing.export.confirm')}
              </button>
            </footer>
          </form>
        </Dialog>
      ) : null}
      {overwrite ? (
        <Dialog label={t('briefing.export.overwrite')} onClose={() => setOverwrite(null)}>
          <header className="dialog-header">
            <h2>{t('briefing.export.overwrite')}</h2>
          </header>
          <div className="dialog-body">
            <p>{t('briefing.export.overwriteBody', { path: overwrite.path })}</p>
          </div>
          <footer className="dialog-footer">
            <button type="button" className="btn" onClick={() => setOverwrite(null)}>
              {t('common.cancel')}
            </button>
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => {
                const o = overwrite;
                setOverwrite(null);
                void run(o.format, o.path, true);
              }}
            >
              {t('briefing.export.replace')}
            </button>
          </footer>
        </Dialog>
      ) : null}
    </section>
  );
}
