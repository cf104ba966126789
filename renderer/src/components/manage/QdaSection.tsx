// REFI-QDA in the exchange dialog: export a .qdpx project or .qdc code book (for MAXQDA, ATLAS.ti,
// NVivo, QualCoder), and import one in two steps: a preview that says what will be added, matched
// and left alone (with reasons), then the import of exactly what was previewed (one undo).
import { useState } from 'react';
import type { ResponseOf } from '../../../../shared/api/contract';
import type { FileSource } from '../../../../shared/api/files';
import type { AppErrorData } from '../../../../shared/errors';
import { todayIso } from '../../../../shared/date';
import { api, errorData } from '../../api/client';
import { chooseExportTarget, chooseImportSource, hasOpenDialog, saveDownload, uploadFile } from '../../api/files';
import { formatNumber, useLocalized, useT } from '../../i18n';
import { useAnnotations } from '../../stores/annotations';
import { useBriefing } from '../../stores/briefing';
import { useLibrary } from '../../stores/library';
import { usePreferences } from '../../stores/preferences';
import { useUi } from '../../stores/ui';
import { ExchangeError } from './ExchangeError';

type Preview = ResponseOf<'exchange.qdaPreview'>;
type Imported = ResponseOf<'exchange.qdaImport'>;
type PlanItem = Preview['codes']['added'][number];

/** Items listed per group in the preview; the counts above them are always whole. */
const LIST_LIMIT = 50;

export function QdaSection({ filter, busy, setBusy }: { filter: { documentId?: string; pillarId?: string }; busy: boolean; setBusy(b: boolean): void }) {
  const t = useT();
  const loc = useLocalized();
  const lang = usePreferences((s) => s.language);
  const n = (x: number) => formatNumber(lang, x);
  const [format, setFormat] = useState<'qdpx' | 'qdc'>('qdpx');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [done, setDone] = useState<Imported | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<AppErrorData | null>(null);
  const fileTypes = [{ name: 'REFI-QDA', extensions: ['qdpx', 'qdc'] }];

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      await work();
    } catch (e) {
      setError(errorData(e));
    } finally {
      setBusy(false);
    }
  };

  const startExport = async () => {
    const target = await chooseExportTarget(`annotations-${todayIso()}.${format}`, [{ name: 'REFI-QDA', extensions: [format] }]);
    if (!target) return;
    await run(async () => {
      const r = await api().call('exchange.qdaExport', { target, format, ...filter });
      if (r.download) await saveDownload(r.download);
      const where = r.path ?? r.fileName;
      setMessage(t('qda.exported', { codes: n(r.codes), sources: n(r.sources), selections: n(r.selections), path: where }) + (r.orphansLeftOut ? ` ${t('qda.exported.orphans', { count: n(r.orphansLeftOut) })}` : ''));
    });
  };

  /** The upload, too, runs inside `run`: a failed upload is reported like a refused file. */
  const previewFile = (source: FileSource | (() => Promise<FileSource>)) =>
    run(async () => {
      setDone(null);
      setPreview(null);
      const from = typeof source === 'function' ? await source() : source;
      setPreview(await api().call('exchange.qdaPreview', { source: from }));
    });

  const chooseFile = async () => {
    const chosen = await chooseImportSource(fileTypes);
    if (chosen) await previewFile(chosen.source);
  };

  const importPreviewed = () =>
    run(async () => {
      if (!preview) return;
      const r = await api().call('exchange.qdaImport', { staged: preview.staged });
      setPreview(null);
      setDone(r);
      await Promise.all([useAnnotations.getState().reloadAll(), useBriefing.getState().refresh(), useLibrary.getState().load()]);
      useUi.getState().notify({ ja: `REFI-QDA を読み込みました（注釈 ${r.annotationsCreated} 件）: ${r.fileName}`, en: `Imported the REFI-QDA project (${r.annotationsCreated} annotations): ${r.fileName}` });
    });

  const list = (title: string, items: PlanItem[], mark: string) =>
    items.length ? (
      <details className="qda-group">
        <summary>
          {title} ({n(items.length)})
        </summary>
        <ul className="qda-items">
          {items.slice(0, LIST_LIMIT).map((i) => (
            <li key={i.guid}>
              {mark} {i.name || i.guid}
              {i.target ? <span className="muted"> → {i.target}</span> : null}
              <span className="small muted"> · {loc(i.reason)}</span>
            </li>
          ))}
          {items.length > LIST_LIMIT ? <li className="muted">{t('qda.more', { count: n(items.length - LIST_LIMIT) })}</li> : null}
        </ul>
      </details>
    ) : null;

  const plan = preview ?? done;
  return (
    <section className="exchange-section" aria-labelledby="exchange-qda">
      <h3 id="exchange-qda" className="section-title">
        {t('qda.title')}
      </h3>
      <p className="small muted">{t('qda.intro')}</p>
      <span className="exchange-actions">
        <label className="field-label">
          {t('qda.format')}
          <select className="field" value={format} onChange={(e) => setFormat(e.target.value as 'qdpx' | 'qdc')} disabled={busy}>
            <option value="qdpx">{t('qda.format.qdpx')}</option>
            <option value="qdc">{t('qda.format.qdc')}</option>
          </select>
        </label>
        <button type="button" className="btn" disabled={busy} onClick={() => void startExport()}>
          {t('qda.export')}
        </button>
      </span>
      {hasOpenDialog() ? (
        <button type="button" className="btn" disabled={busy} onClick={() => void chooseFile()}>
          {t('qda.preview.choose')}
        </button>
      ) : (
        <label className="field-label">
          {t('qda.preview.file')}
          <input
            className="field"
            type="file"
            accept=".qdpx,.qdc"
            disabled={busy}
            data-testid="qda-file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void previewFile(() => uploadFile(file));
            }}
          />
        </label>
      )}
      {plan ? (
        <div className="exchange-result qda-preview" data-testid="qda-preview">
          <p>{preview ? t('qda.preview.heading', { name: plan.fileName, origin: plan.origin || '—' }) : t('qda.imported', { name: plan.fileName })}</p>
          <ul className="qda-counts">
            <li>{t('qda.counts.codes', { added: n(plan.codes.added.length), matched: n(plan.codes.matched.length), tags: n(plan.codes.tags.length), left: n(plan.codes.leftAlone.length) })}</li>
            <li>{t('qda.counts.sources', { added: n(plan.sources.added.length), matched: n(plan.sources.matched.length), left: n(plan.sources.leftAlone.length) })}</li>
            <li>
              {t('qda.counts.selections', {
                total: n(plan.selections.total),
                added: n(plan.selections.added),
                placed: n(plan.selections.placed),
                orphaned: n(plan.selections.orphaned),
                pending: n(preview ? plan.selections.inNewDocuments : 0),
                matched: n(plan.selections.matched),
                left: n(plan.selections.leftAlone.length),
              })}
            </li>
          </ul>
          {list(t('qda.group.codesAdded'), plan.codes.added, '+')}
          {list(t('qda.group.codesMatched'), plan.codes.matched, '=')}
          {list(t('qda.group.tags'), plan.codes.tags, '#')}
          {list(t('qda.group.sourcesAdded'), plan.sources.added, '+')}
          {list(t('qda.group.sourcesMatched'), plan.sources.matched, '=')}
          {list(t('qda.group.leftAlone'), [...plan.codes.leftAlone, ...plan.sources.leftAlone, ...plan.selections.leftAlone], '−')}
          {preview ? (
            <span className="exchange-actions">
              <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void importPreviewed()}>
                {t('qda.import')}
              </button>
              <button type="button" className="btn" disabled={busy} onClick={() => setPreview(null)}>
                {t('common.cancel')}
              </button>
            </span>
          ) : (
            <p className="small muted">{t('qda.imported.undo')}</p>
          )}
        </div>
      ) : null}
      {message ? <p className="exchange-result">{message}</p> : null}
      {error ? (
        <ExchangeError error={error} />
      ) : null}
    </section>
  );
}
