// Importing the analyst's own sources: pick files or a whole folder (or drop them on the
// library's drop zone), optionally name a single one, watch each file go in, cancel, and read
// the summary: imported, duplicate, failed with the reason, and for a new version of a known
// document which annotations moved and which were orphaned.
import { useEffect, useRef, useState } from 'react';
import { DOCUMENT_KINDS, type DocumentKind } from '../../../../shared/model';
import { isIsoDate } from '../../../../shared/date';
import { api } from '../../api/client';
import { formatNumber, useLocalized, useT } from '../../i18n';
import { fromFileList, isPdfName, runImportBatch, type BatchOutcome, type BatchProgress, type ImportFile } from './importBatch';
import { useLibrary } from '../../stores/library';
import { usePreferences } from '../../stores/preferences';
import { useReader } from '../../stores/reader';
import { useUi } from '../../stores/ui';
import { Dialog } from '../shell/Dialog';
import { ProgressBar } from '../shell/ProgressBar';
import { imeSafeKeys } from '../../lib/keys';

const ACCEPT = '.txt,.md,.markdown,.html,.htm,.xhtml,.docx,.pdf,text/plain,text/markdown,text/html,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document';

type Phase = { kind: 'idle' } | { kind: 'running'; progress: BatchProgress } | { kind: 'done'; outcome: BatchOutcome };

export function ImportDialog({ onClose, initialFiles }: { onClose(): void; initialFiles?: ImportFile[] }) {
  const t = useT();
  const loc = useLocalized();
  const lang = usePreferences((s) => s.language);
  const [files, setFiles] = useState<ImportFile[]>(initialFiles ?? []);
  const [title, setTitle] = useState('');
  const [date, setDate] = useState('');
  const [issuer, setIssuer] = useState('');
  const [kind, setKind] = useState<DocumentKind | ''>('');
  const [replace, setReplace] = useState(false);
  const [password, setPassword] = useState('');
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const abort = useRef<AbortController | null>(null);
  const folderInput = useRef<HTMLInputElement | null>(null);

  useEffect(() => {
    // Not in React's typings: lets the second picker choose a whole folder.
    folderInput.current?.setAttribute('webkitdirectory', '');
  }, []);

  const start = async () => {
    if (files.length === 0) return;
    const controller = new AbortController();
    abort.current = controller;
    setPhase({ kind: 'running', progress: { done: 0, total: files.length, current: null } });
    const outcome = await runImportBatch(api(), files, {
      single: { title: title.trim() || undefined, date: isIsoDate(date.trim()) ? date.trim() : undefined, issuer: issuer.trim() || undefined, replace },
      kind: kind || undefined,
      password: password || undefined,
      signal: controller.signal,
      onProgress: (progress) => setPhase({ kind: 'running', progress }),
    });
    abort.current = null;
    if (outcome.imported.length + outcome.duplicates.length > 0) await useLibrary.getState().load();
    const only = outcome.imported.length === 1 && files.length === 1 ? outcome.imported[0].response : null;
    if (only && !only.reanchor?.total) {
      // One file, cleanly in: say so and open it, as before.
      useUi.getState().notify({
        ja: `「${only.document.title}」を取り込みました（発言 ${only.statements} 件、${only.encoding ?? only.format}）。`,
        en: `Imported "${only.document.title}" (${only.statements} statements, ${only.encoding ?? only.format}).`,
      });
      onClose();
      void useReader.getState().open(only.document.id);
      return;
    }
    setPhase({ kind: 'done', outcome });
  };

  const running = phase.kind === 'running';
  const single = files.length === 1;
  const totalBytes = files.reduce((n, f) => n + f.size, 0);
  const progress = phase.kind === 'running' ? phase.progress : null;

  return (
    <Dialog label={t('import.title')} onClose={() => !running && onClose()}>
      <form onKeyDown={imeSafeKeys()}
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        <header className="dialog-header">
          <h2>{t('import.title')}</h2>
        </header>
        <div className="dialog-body import-form">
          <p className="small muted">{t('import.help')}</p>
          {phase.kind === 'done' ? (
            summaryView(phase.outcome)
          ) : (
            <>
              <div className="meta-row">
                <label className="field-label">
                  {t('import.file')}
                  <input className="field" type="file" multiple accept={ACCEPT} disabled={running} onChange={(e) => setFiles(fromFileList(e.target.files ?? []))} />
                </label>
                <label className="field-label">
                  {t('import.folder')}
                  <input ref={folderInput} className="field" type="file" multiple disabled={running} onChange={(e) => setFiles(fromFileList(e.target.files ?? []))} />
                </label>
              </div>
              {files.length > 0 ? (
                <p className="small" data-testid="import-selection">
                  {t('import.selected', { count: formatNumber(lang, files.length), size: (totalBytes / 1024 / 1024).toFixed(1) })}
                  {files.length <= 5 ? `: ${files.map((f) => f.label).join('、')}` : ''}
                </p>
              ) : null}
              {single ? (
                <>
                  <label className="field-label">
                    {t('import.docTitle')}
                    <input className="field" value={title} disabled={running} placeholder={t('import.optional')} onChange={(e) => setTitle(e.target.value)} />
                  </label>
                  <div className="meta-row">
                    <label className="field-label">
                      {t('import.issuer')}
                      <input className="field" value={issuer} disabled={running} placeholder={t('import.optional')} onChange={(e) => setIssuer(e.target.value)} />
                    </label>
                    <label className="field-label">
                      {t('briefing.date')}
                      <input className="field" value={date} disabled={running} placeholder="YYYY-MM-DD" onChange={(e) => setDate(e.target.value)} />
                    </label>
                  </div>
                </>
              ) : null}
              {files.some((f) => isPdfName(f.name)) ? (
                <label className="field-label">
                  {t('import.password')}
                  <input className="field" type="password" autoComplete="off" value={password} disabled={running} placeholder={t('import.password.hint')} onChange={(e) => setPassword(e.target.value)} />
                </label>
              ) : null}
              <label className="field-label">
                {t('library.filter.kind')}
                <select className="field" value={kind} disabled={running} onChange={(e) => setKind(e.target.value as DocumentKind | '')}>
                  <option value="">{t('import.kindAuto')}</option>
                  {DOCUMENT_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {t(`kind.${k}`)}
                    </option>
                  ))}
                </select>
              </label>
              {single ? (
                <label className="check-label">
                  <input type="checkbox" checked={replace} disabled={running} onChange={(e) => setReplace(e.target.checked)} /> {t('import.replace')}
                </label>
              ) : null}
              {progress ? (
                <ProgressBar
                  label={t('import.progress')}
                  percent={((progress.done + (progress.pages ? progress.pages.done / Math.max(1, progress.pages.total) : 0)) / Math.max(1, progress.total)) * 100}
                  caption={
                    progress.current
                      ? t('import.fileProgress', { done: formatNumber(lang, progress.done + 1), total: formatNumber(lang, progress.total), file: progress.current }) +
                        (progress.pages ? t('import.pageProgress', { done: formatNumber(lang, progress.pages.done), total: formatNumber(lang, progress.pages.total) }) : '')
                      : t('import.importing')
                  }
                />
              ) : null}
            </>
          )}
        </div>
        <footer className="dialog-footer">
          {running ? (
            <button type="button" className="btn" onClick={() => abort.current?.abort()}>
              {t('common.cancel')}
            </button>
          ) : (
            <button type="button" className="btn" onClick={onClose}>
              {t('common.close')}
            </button>
          )}
          {phase.kind === 'done' ? null : (
            <button type="submit" className="btn btn-primary" disabled={files.length === 0 || running}>
              {t('import.start')}
            </button>
          )}
        </footer>
      </form>
    </Dialog>
  );

  function summaryView(outcome: BatchOutcome) {
    return (
      <div className="import-summary" role="region" aria-label={t('import.summary')}>
        <p role="status">
          {t('import.summaryLine', {
            imported: formatNumber(lang, outcome.imported.length),
            duplicates: formatNumber(lang, outcome.duplicates.length),
            failed: formatNumber(lang, outcome.failed.length),
          })}
          {outcome.cancelled ? ` ${t('import.cancelledRest', { count: formatNumber(lang, outcome.skipped) })}` : ''}
        </p>
        {outcome.failed.length > 0 ? (
          <ul className="import-failed" aria-label={t('import.failedList')}>
            {outcome.failed.map((f) => (
              <li key={f.label} role="alert">
                {loc(f.error.message)}
                {f.error.hint ? ` ${loc(f.error.hint)}` : ''}
              </li>
            ))}
          </ul>
        ) : null}
        {outcome.duplicates.length > 0 ? (
          <ul className="import-duplicates" aria-label={t('import.duplicateList')}>
            {outcome.duplicates.map((d) => (
              <li key={d.label}>{t('import.duplicate', { file: d.label, title: d.response.document.title })}</li>
            ))}
          </ul>
        ) : null}
        {outcome.imported.length > 0 ? (
          <ul className="import-done" aria-label={t('import.importedList')}>
            {outcome.imported.map(({ label, response: r }) => (
              <li key={label}>
                <button type="button" className="btn btn-link" onClick={() => { onClose(); void useReader.getState().open(r.document.id); }}>
                  {r.document.title}
                </button>{' '}
                <span className="small muted">
                  {r.status === 'new-version' ? t('import.version', { version: r.version }) : ''}
                  {t('import.facts', { statements: formatNumber(lang, r.statements), format: r.format, encoding: r.encoding ?? '—' })}
                </span>
                {r.reanchor && r.reanchor.total > 0 ? (
                  <div className="small">
                    {t('import.reanchor', { total: r.reanchor.total, moved: r.reanchor.moved.length, orphaned: r.reanchor.orphaned })}
                    {r.reanchor.orphans.length > 0 ? (
                      <ul>
                        {r.reanchor.orphans.map((o) => (
                          <li key={o.annotationId}>{t('import.orphan', { quote: o.quote })}</li>
                        ))}
                      </ul>
                    ) : null}
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    );
  }
}
