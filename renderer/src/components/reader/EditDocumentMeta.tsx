// Correcting an imported document's details (title, date, issuer, kind) after import, and
// seeing where it came from: the original file's name, size, format, encoding and hash. Edits
// are kept over later versions of the same file.
import { useEffect, useState } from 'react';
import type { ResponseOf } from '../../../../shared/api/contract';
import type { AppErrorData } from '../../../../shared/errors';
import { DOCUMENT_KINDS, type DocumentKind, type DocumentSummary } from '../../../../shared/model';
import { api, errorData } from '../../api/client';
import { useLocalized, useT } from '../../i18n';
import { useLibrary } from '../../stores/library';
import { useReader } from '../../stores/reader';
import { useUi } from '../../stores/ui';
import { Dialog } from '../shell/Dialog';
import { imeSafeKeys } from '../../lib/keys';

type ImportRecord = ResponseOf<'documents.importRecords'>['records'][number];

export function EditDocumentMeta({ document }: { document: DocumentSummary }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  if (document.origin !== 'imported') return null;
  return (
    <>
      <button type="button" className="btn btn-small" onClick={() => setOpen(true)}>
        {t('meta.edit')}
      </button>
      {open ? <MetaDialog document={document} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function MetaDialog({ document, onClose }: { document: DocumentSummary; onClose(): void }) {
  const t = useT();
  const loc = useLocalized();
  const [title, setTitle] = useState(document.title);
  const [date, setDate] = useState(document.date ?? '');
  const [issuer, setIssuer] = useState(document.issuer ?? '');
  const [kind, setKind] = useState<DocumentKind>(document.kind);
  const [record, setRecord] = useState<ImportRecord | null>(null);
  const [error, setError] = useState<AppErrorData | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    api()
      .call('documents.importRecords', { id: document.id })
      .then((r) => setRecord(r.records[r.records.length - 1] ?? null))
      .catch(() => setRecord(null));
  }, [document.id]);

  const save = async () => {
    setSaving(true);
    try {
      const r = await api().call('documents.updateMeta', { id: document.id, title: title.trim(), date: date.trim() || null, issuer: issuer.trim() || null, kind });
      await useLibrary.getState().load();
      await useReader.getState().open(document.id);
      useUi.getState().notify({ ja: `「${r.document.title}」の書誌情報を保存しました。`, en: `Saved the details of "${r.document.title}".` });
      onClose();
    } catch (e) {
      setError(errorData(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog label={t('meta.title')} onClose={() => !saving && onClose()}>
      <form onKeyDown={imeSafeKeys()}
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <header className="dialog-header">
          <h2>{t('meta.title')}</h2>
        </header>
        <div className="dialog-body import-form">
          <label className="field-label">
            {t('import.docTitle')}
            <input className="field" value={title} required onChange={(e) => setTitle(e.target.value)} />
          </label>
          <div className="meta-row">
            <label className="field-label">
              {t('import.issuer')}
              <input className="field" value={issuer} onChange={(e) => setIssuer(e.target.value)} />
            </label>
            <label className="field-label">
              {t('briefing.date')}
              <input className="field" value={date} placeholder="YYYY-MM-DD" onChange={(e) => setDate(e.target.value)} />
            </label>
          </div>
          <label className="field-label">
            {t('library.filter.kind')}
            <select className="field" value={kind} onChange={(e) => setKind(e.target.value as DocumentKind)}>
              {DOCUMENT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`kind.${k}`)}
                </option>
              ))}
            </select>
          </label>
          {record ? (
            <p className="small muted" data-testid="original-record">
              {t('meta.original', {
                file: record.fileName,
                size: (record.size / 1024).toFixed(1),
                format: record.format,
                encoding: record.encoding ?? '—',
                sha: record.sha256.slice(0, 12),
                version: record.version,
              })}
            </p>
          ) : null}
          {error ? (
            <p className="form-error" role="alert">
              {loc(error.message)}
            </p>
          ) : null}
        </div>
        <footer className="dialog-footer">
          <button type="button" className="btn" disabled={saving} onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={saving || !title.trim()}>
            {t('meta.save')}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}
