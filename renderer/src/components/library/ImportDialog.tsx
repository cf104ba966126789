// Importing an analyst's own source (text, Markdown, HTML): pick a file, optionally name it,
// watch it being read and ingested, cancel while it is still being read. The back end detects
// the encoding and splits it into statements; errors come back in plain language.
import { useRef, useState } from 'react';
import { DOCUMENT_KINDS, type DocumentKind } from '../../../../shared/model';
import { isIsoDate } from '../../../../shared/date';
import { api, errorData } from '../../api/client';
import { useLocalized, useT } from '../../i18n';
import { useLibrary } from '../../stores/library';
import { useReader } from '../../stores/reader';
import { useUi } from '../../stores/ui';
import type { AppErrorData } from '../../../../shared/errors';
import { Dialog } from '../shell/Dialog';
import { ProgressBar } from '../shell/ProgressBar';

const MAX_BYTES = 20 * 1024 * 1024;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

type Phase = { kind: 'idle' } | { kind: 'reading'; loaded: number; total: number } | { kind: 'importing' } | { kind: 'failed'; error: AppErrorData };

export function ImportDialog({ onClose }: { onClose(): void }) {
  const t = useT();
  const loc = useLocalized();
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState('');
  const [date, setDate] = useState('');
  const [issuer, setIssuer] = useState('');
  const [kind, setKind] = useState<DocumentKind | ''>('');
  const [replace, setReplace] = useState(false);
  const [password, setPassword] = useState('');
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const reader = useRef<FileReader | null>(null);

  const read = (f: File) =>
    new Promise<Uint8Array>((resolve, reject) => {
      const r = new FileReader();
      reader.current = r;
      r.onprogress = (e) => setPhase({ kind: 'reading', loaded: e.loaded, total: e.total || f.size });
      r.onload = () => resolve(new Uint8Array(r.result as ArrayBuffer));
      r.onerror = () => reject(r.error);
      r.onabort = () => reject(new DOMException('aborted', 'AbortError'));
      r.readAsArrayBuffer(f);
    });

  const start = async () => {
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setPhase({ kind: 'failed', error: { code: 'bad-input', message: { ja: `「${file.name}」は大きすぎます（20 MB まで）。`, en: `"${file.name}" is too large (20 MB at most).` } } });
      return;
    }
    try {
      setPhase({ kind: 'reading', loaded: 0, total: file.size });
      const bytes = await read(file);
      setPhase({ kind: 'importing' });
      const r = await api().call('documents.import', {
        fileName: file.name,
        contentBase64: toBase64(bytes),
        title: title.trim() || undefined,
        date: isIsoDate(date.trim()) ? date.trim() : undefined,
        issuer: issuer.trim() || undefined,
        kind: kind || undefined,
        replace: replace || undefined,
        password: password || undefined,
      });
      await useLibrary.getState().load();
      // A PDF has pages rather than a text encoding.
      const pages = r.document.pages;
      useUi.getState().notify({
        ja: `「${r.document.title}」を取り込みました（発言 ${r.statements} 件、${pages ? `PDF ${pages} ページ` : r.encoding}）。`,
        en: `Imported "${r.document.title}" (${r.statements} statements, ${pages ? `PDF, ${pages} pages` : r.encoding}).`,
      });
      onClose();
      void useReader.getState().open(r.document.id);
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') {
        setPhase({ kind: 'idle' });
        return;
      }
      setPhase({ kind: 'failed', error: errorData(e) });
    }
  };

  const busy = phase.kind === 'reading' || phase.kind === 'importing';
  const percent = phase.kind === 'reading' && phase.total > 0 ? Math.round((phase.loaded / phase.total) * 100) : null;

  return (
    <Dialog label={t('import.title')} onClose={() => !busy && onClose()}>
      <form
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
          <label className="field-label">
            {t('import.file')}
            <input className="field" type="file" accept=".txt,.md,.markdown,.html,.htm,.pdf,text/plain,text/markdown,text/html,application/pdf" disabled={busy} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          </label>
          {file && /\.pdf$/i.test(file.name) ? (
            <label className="field-label">
              {t('import.password')}
              <input className="field" type="password" autoComplete="off" value={password} disabled={busy} placeholder={t('import.password.hint')} onChange={(e) => setPassword(e.target.value)} />
            </label>
          ) : null}
          <label className="field-label">
            {t('import.docTitle')}
            <input className="field" value={title} disabled={busy} placeholder={t('import.optional')} onChange={(e) => setTitle(e.target.value)} />
          </label>
          <div className="meta-row">
            <label className="field-label">
              {t('import.issuer')}
              <input className="field" value={issuer} disabled={busy} placeholder={t('import.optional')} onChange={(e) => setIssuer(e.target.value)} />
            </label>
            <label className="field-label">
              {t('briefing.date')}
              <input className="field" value={date} disabled={busy} placeholder="YYYY-MM-DD" onChange={(e) => setDate(e.target.value)} />
            </label>
          </div>
          <label className="field-label">
            {t('library.filter.kind')}
            <select className="field" value={kind} disabled={busy} onChange={(e) => setKind(e.target.value as DocumentKind | '')}>
              <option value="">{t('import.kindAuto')}</option>
              {DOCUMENT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`kind.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="check-label">
            <input type="checkbox" checked={replace} disabled={busy} onChange={(e) => setReplace(e.target.checked)} /> {t('import.replace')}
          </label>
          {busy ? (
            <ProgressBar label={t('import.progress')} percent={percent} caption={phase.kind === 'reading' ? t('import.reading', { percent: percent ?? 0 }) : t('import.importing')} />
          ) : null}
          {phase.kind === 'failed' ? (
            <p className="form-error" role="alert">
              {loc(phase.error.message)}
              {phase.error.hint ? ` ${loc(phase.error.hint)}` : ''}
            </p>
          ) : null}
        </div>
        <footer className="dialog-footer">
          {phase.kind === 'reading' ? (
            <button type="button" className="btn" onClick={() => reader.current?.abort()}>
              {t('common.cancel')}
            </button>
          ) : (
            <button type="button" className="btn" disabled={busy} onClick={onClose}>
              {t('common.close')}
            </button>
          )}
          <button type="submit" className="btn btn-primary" disabled={!file || busy}>
            {t('import.start')}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
