// The top bar: product name, the centre-view switch, the search field, the current briefing
// and the window-level controls (palette, shortcuts, language, theme).
import type { ReactNode } from 'react';
import { useT, type MessageKey } from '../../i18n';
import { commandLabel } from '../../lib/keys';
import { usePreferences, type ThemeChoice } from '../../stores/preferences';
import { useUi, type CentreView } from '../../stores/ui';

export interface TopBarProps {
  search: ReactNode;
  briefing?: ReactNode;
  views: CentreView[];
}

const VIEW_LABEL: Record<CentreView, MessageKey> = { reader: 'view.reader', search: 'view.search', board: 'view.board', briefing: 'view.briefing', analysis: 'view.analysis' };

export function TopBar({ search, briefing, views }: TopBarProps) {
  const t = useT();
  const view = useUi((s) => s.view);
  const setView = useUi((s) => s.setView);
  const setPalette = useUi((s) => s.setPalette);
  const setShortcuts = useUi((s) => s.setShortcuts);
  const toggleLanguage = usePreferences((s) => s.toggleLanguage);
  const theme = usePreferences((s) => s.theme);
  const setTheme = usePreferences((s) => s.setTheme);

  return (
    <header className="topbar">
      <div className="brand" aria-label={t('app.title')} title={t('app.title')}>
        <span className="brand-mark" aria-hidden="true">経</span>
        <span className="brand-name">{t('app.title')}</span>
      </div>
      <nav className="view-tabs" role="tablist" aria-label={t('view.switch')}>
        {views.map((v) => (
          <button key={v} type="button" role="tab" aria-selected={view === v} className={`view-tab ${view === v ? 'is-active' : ''}`} onClick={() => setView(v)}>
            {t(VIEW_LABEL[v])}
          </button>
        ))}
      </nav>
      <div className="topbar-search">{search}</div>
      {briefing ? <div className="topbar-briefing">{briefing}</div> : null}
      <div className="topbar-actions">
        <button type="button" className="btn btn-quiet" onClick={() => setPalette(true)} title={`${commandLabel()}+K`}>
          {t('topbar.palette')}
          <kbd className="kbd-hint">{commandLabel()} K</kbd>
        </button>
        <button type="button" className="btn btn-quiet icon-only" aria-label={t('topbar.shortcuts')} title={t('topbar.shortcuts')} onClick={() => setShortcuts(true)}>
          ⌨
        </button>
        <button type="button" className="btn btn-quiet" aria-label={t('topbar.language.label')} onClick={toggleLanguage}>
          {t('topbar.language')}
        </button>
        <select className="field field-compact" aria-label={t('theme.label')} value={theme} onChange={(e) => setTheme(e.target.value as ThemeChoice)}>
          <option value="system">{t('theme.system')}</option>
          <option value="light">{t('theme.light')}</option>
          <option value="dark">{t('theme.dark')}</option>
        </select>
      </div>
    </header>
  );
}
