// Backups of the database: the rolling copies made at start and after significant work, a
// "back up now", and restoring one (the current database is kept as a safety copy first).
// After a restore every view is fetched again, since the whole library may have changed.
import { useEffect, useState } from 'react';
import type { ResponseOf } from '../../../../shared/api/contract';
import { api, errorData } from '../../api/client';
import { formatNumber, useT } from '../../i18n';
import { useAnnotations } from '../../stores/annotations';
import { useBriefing } from '../../stores/briefing';
import { useLibrary } from '../../stores/library';
import { usePreferences } from '../../stores/preferences';
import { useReader } from '../../stores/reader';
import { useSearch } from '../../stores/search';
import { useUi } from '../../stores/ui';
import { Dialog } from '../shell/Dialog';

type Listing = ResponseOf<'backups.list'>;

function when(lang: 'ja' | 'en', iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

export async function refetchEverything(): Promise<void> {
  const reader = useReader.getState();
  const documentId = reader.documentId;
  reader.close();
  await Promise.all([useLibrary.getState().load(), useAnnotations.getState().loadPillars(), useAnnotations.getState().refreshUndo(), useBriefing.getState().loadList()]);
  if (documentId && useLibrary.getState().documents.some((d) => d.id === documentId)) await useReader.getState().open(documentId);
  await useBriefing.getState().refresh();
  const q = useSearch.getState().query;
  if (q) await useSearch.getState().run(q);
}

export function BackupsDialog({ onClose }: { onClose(): void }) {
  const t = useT();
  const lang = usePreferences((s) => s.language);
  const [listing, setListing] = useState<Listing | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirm, setConfirm] = useState<string | null>(null);

  const load = async () => {
    try {
      setListing(await api().call('backups.list', {}));
    } catch (e) {
      useUi.getState().reportError(errorData(e));
    }
  };
  useEffect(() => {
    void load();
  }, []);

  const backupNow = async () => {
    setBusy(true);
    try {
      const { backup } = await api().call('backups.create', {});
      useUi.getState().notify({ ja: `バックアップを作成しました: ${backup.path}`, en: `Backed up to ${backup.path}` });
      await load();
    } catch (e) {
      useUi.getState().reportError(errorData(e));
    } finally {
      setBusy(false);
    }
  };

  const restore = async (file: string) => {
    setBusy(true);
    try {
      const r = await api().call('backups.restore', { file });
      await refetchEverything();
      useUi.getState().notify({
        ja: `${when('ja', r.restored.createdAt)} のバックアップに戻しました。${r.safetyCopy ? `直前のデータは ${r.safetyCopy} に残しています。` : ''}`,
        en: `Restored the backup from ${when('en', r.restored.createdAt)}.${r.safetyCopy ? ` The data before it is kept at ${r.safetyCopy}.` : ''}`,
      });
      onClose();
    } catch (e) {
      useUi.getState().reportError(errorData(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog label={t('backups.title')} onClose={() => !busy && onClose()} className="dialog-wide">
      <header className="dialog-header">
        <h2>{t('backups.title')}</h2>
        <button type="button" className="btn btn-primary btn-small" disabled={busy} onClick={() => void backupNow()}>
          {t('backups.now')}
        </button>
      </header>
      <div className="dialog-body">
        {listing ? <p className="small muted">{t('backups.where', { dir: listing.directory })}</p> : <p className="empty-note">{t('app.loading')}</p>}
        {listing && listing.backups.length === 0 ? <p className="empty-note">{t('backups.none')}</p> : null}
        {listing && listing.backups.length > 0 ? (
          <table className="backups-table">
            <thead>
              <tr>
                <th scope="col">{t('backups.when')}</th>
                <th scope="col">{t('backups.reason')}</th>
                <th scope="col">{t('backups.size')}</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {listing.backups.map((b) => (
                <tr key={b.file}>
                  <td>{when(lang, b.createdAt)}</td>
                  <td>{b.reason}</td>
                  <td className="num">{formatNumber(lang, Math.round(b.bytes / 1024))} KB</td>
                  <td>
                    {confirm === b.file ? (
                      <span className="confirm-inline">
                        <span className="small">{t('backups.confirm')}</span>
                        <button type="button" className="btn btn-small btn-danger" disabled={busy} onClick={() => void restore(b.file)}>
                          {t('backups.restore')}
                        </button>
                        <button type="button" className="btn btn-small" onClick={() => setConfirm(null)}>
                          {t('common.cancel')}
                        </button>
                      </span>
                    ) : (
                      <button type="button" className="btn btn-small" disabled={busy} onClick={() => setConfirm(b.file)}>
                        {t('backups.restore')}…
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </div>
      <footer className="dialog-footer">
        <button type="button" className="btn" disabled={busy} onClick={() => useUi.getState().setDialog('exchange')}>
          {t('backups.exchange')}
        </button>
        <button type="button" className="btn" disabled={busy} onClick={onClose}>
          {t('common.close')}
        </button>
      </footer>
    </Dialog>
  );
}
