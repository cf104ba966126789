// Annotation files between machines: export (all, the open document's, or one pillar's) through
// the native save dialog in the desktop app or as a download in the browser host; import from the
// native open dialog, a file picked in the browser, or a file dropped on the drop zone (uploaded).
// No path is typed or sent. Results and errors are said in the dialog itself, naming the file.
import { useState, type DragEvent, type FormEvent } from 'react';
import type { ResponseOf } from '../../../../shared/api/contract';
import { todayIso } from '../../../../shared/date';
import type { FileSource } from '../../../../shared/api/files';
import type { AppErrorData } from '../../../../shared/errors';
import { api, errorData } from '../../api/client';
import { formatNumber, useLocalized, useT } from '../../i18n';
import { chooseExportTarget, chooseImportSource, hasOpenDialog, saveDownload, uploadFile } from '../../api/files';
import { activePillars, pillarName, useAnnotations } from '../../stores/annotations';
import { useBriefing } from '../../stores/briefing';
import { useLibrary } from '../../stores/library';
import { usePreferences } from '../../stores/preferences';
import { useReader } from '../../stores/reader';
import { useUi } from '../../stores/ui';
import { Dialog } from '../shell/Dialog';
import { ProgressBar } from '../shell/ProgressBar';
import { imeSafeKeys } from '../../lib/keys';
import { QdaSection } from './QdaSection';
import { ExchangeError } from './ExchangeError';

type Scope = 'all' | 'document' | `pillar:${string}`;
type ImportReport = ResponseOf<'interchange.import'>;
type ExportFormat = 'json' | 'webanno';
type Outcome = { kind: 'exported'; path: string; count: number } | { kind: 'imported'; path: string; report: ImportReport } | { kind: 'error'; error: AppErrorData };
/** The file to import: a handle from the native dialog, or a browser File to upload. */
type Picked = { name: string; source: FileSource } | { name: string; file: File };


export function ExchangeDialog({ onClose }: { onClose(): void }) {
  const t = useT();
  const loc = useLocalized();
  const lang = usePreferences((s) => s.language);
  const documents = useLibrary((s) => s.documents);
  const documentId = useReader((s) => s.documentId);
  const pillars = useAnnotations((s) => s.pillars);
  const [scope, setScope] = useState<Scope>('all');
  const [format, setFormat] = useState<ExportFormat>('json');
  const [picked, setPicked] = useState<Picked | null>(null);
  const [dragging, setDragging] = useState(false);
  // Renews the browser's file field once its file has gone up, so it never shows a spent choice.
  const [fileField, setFileField] = useState(0);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const openDoc = documents.find((d) => d.id === documentId);
  const n = (x: number) => formatNumber(lang, x);
  const fileTypes = [{ name: t('exchange.fileType'), extensions: ['json', 'jsonld', 'wbbundle'] }];
  const exportTypes = format === 'webanno' ? [{ name: t('exchange.format.webanno'), extensions: ['jsonld'] }] : [{ name: t('exchange.fileType'), extensions: ['json'] }];

  const filter = (): { documentId?: string; pillarId?: string } => {
    if (scope === 'document' && documentId) return { documentId };
    if (scope.startsWith('pillar:')) return { pillarId: scope.slice('pillar:'.length) };
    return {};
  };

  const startExport = async () => {
    setOutcome(null);
    const target = await chooseExportTarget(`annotations-${todayIso()}.${format === 'webanno' ? 'jsonld' : 'json'}`, exportTypes);
    if (!target) return;
    setBusy(true);
    try {
      const r = await api().call('interchange.export', { target, format, ...filter() });
      if (r.download) await saveDownload(r.download);
      const where = r.path ?? r.fileName;
      setOutcome({ kind: 'exported', path: where, count: r.annotations });
      useUi.getState().notify({ ja: `注釈 ${r.annotations} 件を書き出しました: ${where}`, en: `Exported ${r.annotations} annotation(s) to ${where}` });
    } catch (e) {
      setOutcome({ kind: 'error', error: errorData(e) });
    } finally {
      setBusy(false);
    }
  };

  const chooseImportFile = async () => {
    const chosen = await chooseImportSource(fileTypes);
    if (chosen) setPicked(chosen);
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (file && !busy) setPicked({ name: file.name, file });
  };

  const runImport = async (e: FormEvent) => {
    e.preventDefault();
    if (!picked) return;
    const { name } = picked;
    setBusy(true);
    setOutcome(null);
    try {
      const source = 'file' in picked ? await uploadFile(picked.file) : picked.source;
      // A dialog handle (or an upload) is good for one import: choosing again is needed after this.
      setPicked(null);
      setFileField((n) => n + 1);
      // Any format the workbench writes; the back end finds which from the content.
      const report = await api().call('interchange.import', { source });
      setOutcome({ kind: 'imported', path: name, report });
      await Promise.all([useAnnotations.getState().reloadAll(), useBriefing.getState().refresh()]);
      useUi.getState().notify({
        ja: `注釈ファイルを読み込みました（新規 ${report.added} 件、更新 ${report.updated} 件）: ${name}`,
        en: `Imported the annotations file (${report.added} new, ${report.updated} updated): ${name}`,
      });
    } catch (err) {
      setOutcome({ kind: 'error', error: errorData(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog label={t('exchange.title')} onClose={() => !busy && onClose()} className="dialog-wide">
      <header className="dialog-header">
        <h2>{t('exchange.title')}</h2>
      </header>
      <div className="dialog-body exchange-body">
        <p className="small muted">{t('exchange.intro')}</p>
        <section className="exchange-section" aria-labelledby="exchange-export">
          <h3 id="exchange-export" className="section-title">
            {t('exchange.export')}
          </h3>
          <label className="field-label">
            {t('exchange.scope')}
            <select className="field" value={scope} onChange={(e) => setScope(e.target.value as Scope)} disabled={busy}>
              <option value="all">{t('exchange.scope.all')}</option>
              {openDoc ? <option value="document">{t('exchange.scope.document', { title: openDoc.title })}</option> : null}
              {activePillars(pillars).map((p) => (
                <option key={p.id} value={`pillar:${p.id}`}>
                  {t('exchange.scope.pillar', { name: pillarName(p, lang) })}
                </option>
              ))}
            </select>
          </label>
          <label className="field-label">
            {t('exchange.format')}
            <select className="field" value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)} disabled={busy}>
              <option value="json">{t('exchange.format.json')}</option>
              <option value="webanno">{t('exchange.format.webanno')}</option>
            </select>
          </label>
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void startExport()}>
            {t('exchange.export.start')}
          </button>
        </section>
        <section className="exchange-section" aria-labelledby="exchange-import">
          <h3 id="exchange-import" className="section-title">
            {t('exchange.import')}
          </h3>
          <form onKeyDown={imeSafeKeys()} className="exchange-form" onSubmit={(e) => void runImport(e)}>
            <div
              className={`drop-zone${dragging ? ' drop-zone-active' : ''}`}
              data-testid="exchange-drop-zone"
              onDragOver={(e) => {
                e.preventDefault();
                setDragging(true);
              }}
              onDragLeave={() => setDragging(false)}
              onDrop={onDrop}
            >
              {hasOpenDialog() ? (
                <button type="button" className="btn" disabled={busy} onClick={() => void chooseImportFile()}>
                  {t('exchange.import.choose')}
                </button>
              ) : (
                <label className="field-label">
                  {t('exchange.import.path')}
                  <input
                    key={fileField}
                    className="field"
                    type="file"
                    accept=".json,.jsonld,.wbbundle,application/json,application/ld+json,application/zip"
                    disabled={busy}
                    onChange={(e) => {
                      const file = e.target.files?.[0];
                      setPicked(file ? { name: file.name, file } : null);
                    }}
                  />
                </label>
              )}
              <p className="small muted">{picked ? t('exchange.import.picked', { name: picked.name }) : t('exchange.import.drop')}</p>
            </div>
            <p className="small muted">{t('exchange.import.help')}</p>
            <span className="exchange-actions">
              <button type="submit" className="btn btn-primary" disabled={busy || !picked}>
                {t('exchange.import.start')}
              </button>
            </span>
          </form>
        </section>
        <QdaSection filter={filter()} busy={busy} setBusy={setBusy} />
        {busy ? (
          <ProgressBar label={t('exchange.working')} percent={null} />
        ) : null}
        <div aria-live="polite">
          {outcome?.kind === 'exported' ? <p className="exchange-result">{t('exchange.exported', { count: n(outcome.count), path: outcome.path })}</p> : null}
          {outcome?.kind === 'imported' ? (
            <div className="exchange-result">
              <p>{t('exchange.imported', { path: outcome.path })}</p>
              <p>
                {t('exchange.imported.counts', {
                  total: n(outcome.report.annotations),
                  created: n(outcome.report.added),
                  updated: n(outcome.report.updated),
                  unchanged: n(outcome.report.unchanged),
                })}
              </p>
              {outcome.report.orphaned > 0 ? <p className="evidence-warning">{t('exchange.imported.orphaned', { count: n(outcome.report.orphaned) })}</p> : null}
              {outcome.report.conflicts > 0 ? <p className="evidence-warning">{t('bundle.conflictNote', { count: n(outcome.report.conflicts) })}</p> : null}
              {outcome.report.skipped.length > 0 ? (
                <details>
                  <summary>{t('bundle.skipped', { count: n(outcome.report.skipped.length) })}</summary>
                  <ul className="small">
                    {outcome.report.skipped.map((s) => (
                      <li key={s.id}>{loc(s.reason)}</li>
                    ))}
                  </ul>
                </details>
              ) : null}
              {outcome.report.pillarsAdded.length > 0 ? <p>{t('exchange.imported.pillars', { names: outcome.report.pillarsAdded.map((id) => pillarName(pillars.find((p) => p.id === id), lang) || id).join(lang === 'ja' ? '、' : ', ') })}</p> : null}
              <p className="small muted">{t('exchange.imported.undo')}</p>
            </div>
          ) : null}
        </div>
        {outcome?.kind === 'error' ? (
          <ExchangeError error={outcome.error} />
        ) : null}
      </div>
      <footer className="dialog-footer">
        <button type="button" className="btn" disabled={busy} onClick={() => useUi.getState().setDialog('bundle')}>
          {t('cmd.bundle')}
        </button>
        <button type="button" className="btn" disabled={busy} onClick={onClose}>
          {t('common.close')}
        </button>
      </footer>
    </Dialog>
  );
}
