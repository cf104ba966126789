// What the storage allows right now, above the work: a read-only database (reads, search and
// export work; changes cannot be saved), a write waiting for an import another window or process
// is running ("取り込みの完了を待っています…"), with what holds the database when known; the
// library flagged by its check (rebuilt at the next start, or now), being rebuilt, or missing on a
// read-only disk; and a background backup that failed or kept every older copy, with what to do.
import { useLocalized, useT } from '../../i18n';
import { useStorage } from '../../stores/storage';
import { useUi } from '../../stores/ui';

export function StorageBanner() {
  const t = useT();
  const loc = useLocalized();
  const readOnly = useStorage((s) => s.readOnly);
  const waiting = useStorage((s) => s.waiting);
  const library = useStorage((s) => s.library);
  const backup = useStorage((s) => s.backup);
  const rebuildError = useStorage((s) => s.rebuildError);
  const libraryNote = library && (library.state === 'damaged' || library.state === 'rebuilding' || library.state === 'absent');
  if (!readOnly && waiting.length === 0 && !libraryNote && !backup.failed && !backup.pruneRefused && !rebuildError) return null;
  const holder = waiting.find((w) => w.holder)?.holder ?? null;
  return (
    <div className="banners">
      {readOnly ? (
        <div className="banner banner-readonly" role="status">
          <strong className="banner-title">{t('storage.readOnly.title')}</strong>
          <span className="banner-text">{t('storage.readOnly.text')}</span>
        </div>
      ) : null}
      {waiting.length > 0 ? (
        <div className="banner banner-waiting" role="status" aria-live="polite">
          <strong className="banner-title">{t('storage.waiting')}</strong>
          {holder ? <span className="banner-text">{t('storage.waiting.holder', { holder: loc(holder) })}</span> : <span className="banner-text" />}
        </div>
      ) : null}
      {library?.state === 'damaged' ? (
        <div className="banner banner-warning" role="status">
          <strong className="banner-title">{t('storage.library.damaged.title')}</strong>
          <span className="banner-text">{t('storage.library.damaged.text', { problem: library.problems[0] ?? '—' })}</span>
          <button type="button" className="btn btn-small" onClick={() => useUi.getState().setDialog('rebuildLibrary')}>
            {t('cmd.rebuildLibrary')}…
          </button>
        </div>
      ) : null}
      {library?.state === 'rebuilding' ? (
        <div className="banner banner-waiting" role="status" aria-live="polite">
          <strong className="banner-title">{t('storage.library.rebuilding.title')}</strong>
          <span className="banner-text">
            {library.rebuilding && library.rebuilding.total > 0 ? t('storage.library.rebuilding.text', { done: library.rebuilding.done, total: library.rebuilding.total, document: library.rebuilding.document ?? '' }) : null}
          </span>
        </div>
      ) : null}
      {library?.state === 'absent' ? (
        <div className="banner banner-warning" role="status">
          <strong className="banner-title">{t('storage.library.absent.title')}</strong>
          <span className="banner-text">{t('storage.library.absent.text')}</span>
        </div>
      ) : null}
      {rebuildError ? (
        <div className="banner banner-error" role="alert">
          <strong className="banner-title">{t('storage.library.rebuildFailed')}</strong>
          <span className="banner-text">
            {loc(rebuildError.message)}
            {rebuildError.hint ? <span className="banner-hint"> {loc(rebuildError.hint)}</span> : null}
          </span>
          <button type="button" className="btn btn-small" onClick={() => useStorage.setState({ rebuildError: null })}>
            {t('error.dismiss')}
          </button>
        </div>
      ) : null}
      {backup.failed ? (
        <div className="banner banner-warning" role="status">
          <strong className="banner-title">{t('storage.backup.failed.title')}</strong>
          <span className="banner-text">
            {loc(backup.failed.message)}
            {backup.failed.hint ? <span className="banner-hint"> {loc(backup.failed.hint)}</span> : null}
          </span>
          <button type="button" className="btn btn-small" onClick={() => useUi.getState().setDialog('backups')}>
            {t('status.backups')}
          </button>
        </div>
      ) : null}
      {backup.pruneRefused ? (
        <div className="banner banner-warning" role="status">
          <strong className="banner-title">{t('storage.backup.pruneRefused.title')}</strong>
          <span className="banner-text">{t('storage.backup.pruneRefused.text', { detail: backup.pruneRefused.detail })}</span>
          <button type="button" className="btn btn-small" onClick={() => useUi.getState().setDialog('backups')}>
            {t('status.backups')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
