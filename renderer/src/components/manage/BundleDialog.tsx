// Workspace bundles between air-gapped laptops: export the whole workspace as one file; import one
// with a preview first (what will be added, updated, left alone, in conflict or skipped, and why),
// then merge it as one undoable change. Conflicting edits keep both versions: the incoming one is
// tagged conflict-of:<id> on the annotation, which the inspector shows with its tags.
import { useState } from 'react';
import type { ResponseOf } from '../../../../shared/api/contract';
import type { FileSource } from '../../../../shared/api/files';
import { todayIso } from '../../../../shared/date';
import type { AppErrorData } from '../../../../shared/errors';
import { api, errorData } from '../../api/client';
import { chooseExportTarget, chooseImportSource, hasOpenDialog, saveDownload, uploadFile } from '../../api/files';
import { formatNumber, useLocalized, useT } from '../../i18n';
import { useAnnotations } from '../../stores/annotations';
import { useBriefing } from '../../stores/briefing';
import { usePreferences } from '../../stores/preferences';
import { useUi } from '../../stores/ui';
import { Dialog } from '../shell/Dialog';
import { ProgressBar } from '../shell/ProgressBar';
import { ExchangeError } from './ExchangeError';

type BundleReport = ResponseOf<'bundle.import'>;
type Outcome = { kind: 'exported'; path: string } | { kind: 'preview'; name: string; report: BundleReport } | { kind: 'imported'; name: string; report: BundleReport } | { kind: 'error'; error: AppErrorData };

const KINDS = ['documents', 'pillars', 'annotations', 'briefings', 'templates'] as const;

export function BundleDialog({ onClose }: { onClose(): void }) {
  const t = useT();
  const loc = useLocalized();
  const lang = usePreferences((s) => s.language);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [fileField, setFileField] = useState(0);
  const n = (x: number) => formatNumber(lang, x);
  const fileTypes = [{ name: t('bundle.fileType'), extensions: ['wbbundle'] }];

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (e) {
      setOutcome({ kind: 'error', error: errorData(e) });
    } finally {
      setBusy(false);
    }
  };

  const startExport = async () => {
    setOutcome(null);
    const target = await chooseExportTarget(`workspace-${todayIso()}.wbbundle`, fileTypes);
    if (!target) return;
    await run(async () => {
      const r = await api().call('bundle.export', { target });
      if (r.download) await saveDownload(r.download);
      setOutcome({ kind: 'exported', path: r.path ?? r.fileName });
    });
  };

  const preview = async (name: string, source: FileSource) => {
    await run(async () => {
      const report = await api().call('bundle.import', { source, dryRun: true });
      setOutcome({ kind: 'preview', name, report });
    });
  };

  const chooseFile = async () => {
    setOutcome(null);
    const chosen = await chooseImportSource(fileTypes);
    if (chosen) await preview(chosen.name, chosen.source);
  };

  const pickBrowserFile = async (file: File | undefined) => {
    setOutcome(null);
    setFileField((x) => x + 1);
    if (file) await preview(file.name, await uploadFile(file));
  };

  const merge = async () => {
    if (outcome?.kind !== 'preview' || !outcome.report.staged) return;
    const { name, report } = outcome;
    await run(async () => {
      const done = await api().call('bundle.import', { source: report.staged! });
      setOutcome({ kind: 'imported', name, report: done });
      await Promise.all([useAnnotations.getState().reloadAll(), useBriefing.getState().refresh()]);
      useUi.getState().notify({ ja: `バンドルを読み込みました: ${name}`, en: `Merged the bundle: ${name}` });
    });
  };

  const report = outcome?.kind === 'preview' || outcome?.kind === 'imported' ? outcome.report : null;

  return (
    <Dialog label={t('bundle.title')} onClose={() => !busy && onClose()} className="dialog-wide">
      <header className="dialog-header">
        <h2>{t('bundle.title')}</h2>
      </header>
      <div className="dialog-body exchange-body">
        <p className="small muted">{t('bundle.intro')}</p>
        <section className="exchange-section" aria-labelledby="bundle-export">
          <h3 id="bundle-export" className="section-title">
            {t('bundle.export')}
          </h3>
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void startExport()}>
            {t('bundle.export.start')}
          </button>
        </section>
        <section className="exchange-section" aria-labelledby="bundle-import">
          <h3 id="bundle-import" className="section-title">
            {t('bundle.import')}
          </h3>
          {hasOpenDialog() ? (
            <button type="button" className="btn" disabled={busy} onClick={() => void chooseFile()}>
              {t('bundle.import.choose')}
            </button>
          ) : (
            <label className="field-label">
              {t('bundle.import.path')}
              <input key={fileField} className="field" type="file" accept=".wbbundle,application/zip" disabled={busy} data-testid="bundle-file" onChange={(e) => void pickBrowserFile(e.target.files?.[0])} />
            </label>
          )}
          <p className="small muted">{t('bundle.import.help')}</p>
        </section>
        {busy ? <ProgressBar label={t('exchange.working')} percent={null} /> : null}
        <div aria-live="polite">
          {outcome?.kind === 'exported' ? <p className="exchange-result">{t('bundle.exported', { path: outcome.path })}</p> : null}
          {report && outcome && outcome.kind !== 'error' && outcome.kind !== 'exported' ? (
            <div className="exchange-result" data-testid="bundle-report">
              <p>
                <strong>{outcome.kind === 'preview' ? t('bundle.preview', { name: outcome.name }) : t('bundle.imported', { name: outcome.name })}</strong>
              </p>
              <p className="small muted">{t('bundle.from', { who: report.manifest.createdBy, at: report.manifest.createdAt.slice(0, 16).replace('T', ' '), version: report.manifest.appVersion })}</p>
              <table className="bundle-counts">
                <thead>
                  <tr>
                    <th />
                    <th>{t('bundle.added')}</th>
                    <th>{t('bundle.updated')}</th>
                    <th>{t('bundle.unchanged')}</th>
                    <th>{t('bundle.conflicts')}</th>
                  </tr>
                </thead>
                <tbody>
                  {KINDS.map((k) => (
                    <tr key={k}>
                      <th scope="row">{t(`bundle.kind.${k}`)}</th>
                      <td>{n(report[k].added)}</td>
                      <td>{n(report[k].updated)}</td>
                      <td>{n(report[k].unchanged)}</td>
                      <td className={report[k].conflicts ? 'evidence-warning' : undefined}>{n(report[k].conflicts)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {report.conflictIds.length ? <p className="evidence-warning">{t('bundle.conflictNote', { count: n(report.conflictIds.length) })}</p> : null}
              {report.skipped.length ? (
                <details open={report.skipped.length <= 5}>
                  <summary>{t('bundle.skipped', { count: n(report.skipped.length) })}</summary>
                  <ul className="small">
                    {report.skipped.map((s) => (
                      <li key={s.id}>{loc(s.reason)}</li>
                    ))}
                  </ul>
                </details>
              ) : null}
              {outcome.kind === 'preview' ? (
                report.staged ? (
                  <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void merge()}>
                    {t('bundle.merge')}
                  </button>
                ) : (
                  <p className="small">{t('bundle.tooLargeToHold')}</p>
                )
              ) : (
                <p className="small muted">{t('exchange.imported.undo')}</p>
              )}
            </div>
          ) : null}
        </div>
        {outcome?.kind === 'error' ? (
          <ExchangeError error={outcome.error} />
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
