// What the storage allows right now, above the work: a read-only database (reads, search and
// export work; changes cannot be saved), and a write waiting for an import another window or
// process is running ("取り込みの完了を待っています…"), with what holds the database when known.
import { useLocalized, useT } from '../../i18n';
import { useStorage } from '../../stores/storage';

export function StorageBanner() {
  const t = useT();
  const loc = useLocalized();
  const readOnly = useStorage((s) => s.readOnly);
  const waiting = useStorage((s) => s.waiting);
  if (!readOnly && waiting.length === 0) return null;
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
    </div>
  );
}
