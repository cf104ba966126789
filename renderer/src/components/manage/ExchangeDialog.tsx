// Annotation files between machines: export (all, the open document's, or one pillar's) through
// the native save dialog in Electron or a path field in the browser host, and import from a path.
// Results and errors are said in the dialog itself, in plain words, naming the file.
import { useState, type FormEvent } from 'react';
import type { ResponseOf } from '../../../../shared/api/contract';
import { todayIso } from '../../../../shared/date';
import type { AppErrorData } from '../../../../shared/errors';
import { api, errorData } from '../../api/client';
import { bridgeOf } from '../../api/transport';
import { formatNumber, useLocalized, useT } from '../../i18n';
import { besideDatabase } from '../../lib/paths';
import { activePillars, pillarName, useAnnotations } from '../../stores/annotations';
import { useBriefing } from '../../stores/briefing';
import { useLibrary } from '../../stores/library';
import { usePreferences } from '../../stores/preferences';
import { useReader } from '../../stores/reader';
import { useUi } from '../../stores/ui';
import { Dialog } from '../shell/Dialog';
import { ProgressBar } from '../shell/ProgressBar';

type Scope = 'all' | 'document' | `pillar:${string}`;
type ImportReport = ResponseOf<'annotations.import'>;
type Outcome = { kind: 'exported'; path: string; count: number } | { kind: 'imported'; path: string; report: ImportReport } | { kind: 'error'; error: AppErrorData };


export function ExchangeDialog({ onClose }: { onClose(): void }) {
  const t = useT();
  const loc = useLocalized();
  const lang = usePreferences((s) => s.language);
  const info = useLibrary((s) => s.info);
  const documents = useLibrary((s) => s.documents);
  const documentId = useReader((s) => s.documentId);
  const pillars = useAnnotations((s) => s.pillars);
  const [scope, setScope] = useState<Scope>('all');
  const [exportPath, setExportPath] = useState<string | null>(null);
  const [overwrite, setOverwrite] = useState<string | null>(null);
  const [importPath, setImportPath] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const openDoc = documents.find((d) => d.id === documentId);
  const n = (x: number) => formatNumber(lang, x);

  const filter = (): { documentId?: string; pillarId?: string } => {
    if (scope === 'document' && documentId) return { documentId };
    if (scope.startsWith('pillar:')) return { pillarId: scope.slice('pillar:'.length) };
    return {};
  };
  const defaultPath = () => besideDatabase(info?.dbPath, `annotations-${todayIso()}.json`);

  const runExport = async (path: string, force: boolean) => {
    setBusy(true);
    setOverwrite(null);
    try {
      const r = await api().call('annotations.export', { path, overwrite: force, ...filter() });
      setExportPath(null);
      setOutcome({ kind: 'exported', path: r.path, count: r.annotations });
      useUi.getState().notify({ ja: `注釈 ${r.annotations} 件を書き出しました: ${r.path}`, en: `Exported ${r.annotations} annotation(s) to ${r.path}` });
    } catch (e) {
      const error = errorData(e);
      if (error.code === 'conflict' && !force) setOverwrite(path);
      else setOutcome({ kind: 'error', error });
    } finally {
      setBusy(false);
    }
  };

  const startExport = async () => {
    setOutcome(null);
    const bridge = bridgeOf(window);
    if (bridge?.saveDialog) {
      const path = await bridge.saveDialog({ defaultPath: defaultPath(), filters: [{ name: t('exchange.fileType'), extensions: ['json'] }] });
      // The native dialog already asked about replacing an existing file.
      if (path) await runExport(path, true);
      return;
    }
    setExportPath(defaultPath());
  };

  const chooseImportFile = async () => {
    const picked = await bridgeOf(window)?.openDialog?.({ filters: [{ name: t('exchange.fileType'), extensions: ['json'] }] });
    if (picked) setImportPath(picked);
  };

  const runImport = async (e: FormEvent) => {
    e.preventDefault();
    const path = importPath.trim();
    if (!path) return;
    setBusy(true);
    setOutcome(null);
    try {
      const report = await api().call('annotations.import', { path });
      setOutcome({ kind: 'imported', path, report });
      await Promise.all([useAnnotations.getState().reloadAll(), useBriefing.getState().refresh()]);
      useUi.getState().notify({
        ja: `注釈ファイルを読み込みました（新規 ${report.created} 件、更新 ${report.updated} 件）: ${path}`,
        en: `Imported the annotations file (${report.created} new, ${report.updated} updated): ${path}`,
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
          {exportPath === null ? (
            <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void startExport()}>
              {t('exchange.export.start')}
            </button>
          ) : (
            <form
              className="exchange-form"
              onSubmit={(e) => {
                e.preventDefault();
                if (exportPath.trim()) void runExport(exportPath.trim(), false);
              }}
            >
              <label className="field-label">
                {t('exchange.export.path')}
                <input className="field" value={exportPath} onChange={(e) => setExportPath(e.target.value)} spellCheck={false} disabled={busy} />
              </label>
              <p className="small muted">{t('briefing.export.pathHelp')}</p>
              <span className="exchange-actions">
                <button type="button" className="btn" disabled={busy} onClick={() => setExportPath(null)}>
                  {t('common.cancel')}
                </button>
                <button type="submit" className="btn btn-primary" disabled={busy || !exportPath.trim()}>
                  {t('exchange.export.confirm')}
                </button>
              </span>
            </form>
          )}
          {overwrite ? (
            <div className="confirm-inline" role="group" aria-label={t('briefing.export.overwrite')}>
              <span className="small">{t('briefing.export.overwriteBody', { path: overwrite })}</span>
              <button type="button" className="btn btn-small btn-danger" disabled={busy} onClick={() => void runExport(overwrite, true)}>
                {t('briefing.export.replace')}
              </button>
              <button type="button" className="btn btn-small" onClick={() => setOverwrite(null)}>
                {t('common.cancel')}
              </button>
            </div>
          ) : null}
        </section>
        <section className="exchange-section" aria-labelledby="exchange-import">
          <h3 id="exchange-import" className="section-title">
            {t('exchange.import')}
          </h3>
          <form className="exchange-form" onSubmit={(e) => void runImport(e)}>
            <label className="field-label">
              {t('exchange.import.path')}
              <input className="field" value={importPath} onChange={(e) => setImportPath(e.target.value)} placeholder={besideDatabase(info?.dbPath, 'annotations.json')} spellCheck={false} disabled={busy} />
            </label>
            <p className="small muted">{t('exchange.import.help')}</p>
            <span className="exchange-actions">
              {bridgeOf(window)?.openDialog ? (
                <button type="button" className="btn" disabled={busy} onClick={() => void chooseImportFile()}>
                  {t('exchange.import.choose')}
                </button>
              ) : null}
              <button type="submit" className="btn btn-primary" disabled={busy || !importPath.trim()}>
                {t('exchange.import.start')}
              </button>
            </span>
          </form>
        </section>
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
                  created: n(outcome.report.created),
                  updated: n(outcome.report.updated),
                  unchanged: n(outcome.report.unchanged),
                })}
              </p>
              {outcome.report.orphaned > 0 ? <p className="evidence-warning">{t('exchange.imported.orphaned', { count: n(outcome.report.orphaned) })}</p> : null}
              {outcome.report.pillarsCreated.length > 0 ? <p>{t('exchange.imported.pillars', { names: outcome.report.pillarsCreated.map((id) => pillarName(pillars.find((p) => p.id === id), lang) || id).join(lang === 'ja' ? '、' : ', ') })}</p> : null}
              <p className="small muted">{t('exchange.imported.undo')}</p>
            </div>
          ) : null}
        </div>
        {outcome?.kind === 'error' ? (
          <div className="exchange-error" role="alert">
            <p>{loc(outcome.error.message)}</p>
            {outcome.error.hint ? <p className="small">{t('error.hint', { hint: loc(outcome.error.hint) })}</p> : null}
          </div>
        ) : null}
      </div>
      <footer className="dialog-footer">
        <button type="button" className="btn" disabled={busy} onClick={onClose}>
          {t('common.close')}
        </button>
      </footer>
    </Dialog>
  );
}
