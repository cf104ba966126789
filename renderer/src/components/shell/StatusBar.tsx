// The status bar: where the data lives and how much of it there is, from app.info, and the
// library's state (shown even when app.info cannot be had: a damaged library may be why).
import type { ReactNode } from 'react';
import { formatNumber, useT } from '../../i18n';
import { useLibrary } from '../../stores/library';
import { usePreferences } from '../../stores/preferences';
import { LibraryState } from './LibraryState';

export function StatusBar({ extra }: { extra?: ReactNode }) {
  const t = useT();
  const lang = usePreferences((s) => s.language);
  const info = useLibrary((s) => s.info);
  return (
    <footer className="statusbar" role="contentinfo">
      {info ? (
        <>
          <span className="statusbar-db" title={info.dbPath}>
            <span className="statusbar-label">{t('status.db')}</span> {info.dbPath}
          </span>
          <span>{t('status.counts', { documents: formatNumber(lang, info.documents), statements: formatNumber(lang, info.statements) })}</span>
          <LibraryState />
          {extra}
          <span className="statusbar-muted">{t('status.schema', { version: info.schemaVersion })} · v{info.version}</span>
        </>
      ) : (
        <>
          <span>{t('app.loading')}</span>
          <LibraryState />
        </>
      )}
    </footer>
  );
}
