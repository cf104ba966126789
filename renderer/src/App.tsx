// The workbench window: top bar, three resizable panes (library, centre view, inspector),
// status bar, dialogs and the window-wide shortcuts. Panels own their parts; this wires them.
import { useEffect, useMemo } from 'react';
import { useT } from './i18n';
import { useGlobalKeys } from './lib/useGlobalKeys';
import { useTheme } from './lib/useTheme';
import { useLibrary } from './stores/library';
import { usePreferences } from './stores/preferences';
import { useReader } from './stores/reader';
import { useUi, type CentreView } from './stores/ui';
import { ErrorBanner } from './components/shell/ErrorBanner';
import { Palette, type PaletteEntry } from './components/shell/Palette';
import { ShortcutsSheet } from './components/shell/ShortcutsSheet';
import { Splitter } from './components/shell/Splitter';
import { StatusBar } from './components/shell/StatusBar';
import { TopBar } from './components/shell/TopBar';
import { LibraryPane } from './components/library/LibraryPane';
import { ReaderPane } from './components/reader/ReaderPane';
import { InspectorPane } from './components/inspector/InspectorPane';

const VIEWS: CentreView[] = ['reader'];

export function App() {
  const t = useT();
  useTheme();
  const paneLeft = usePreferences((s) => s.paneLeft);
  const paneRight = usePreferences((s) => s.paneRight);
  const setPane = usePreferences((s) => s.setPane);
  const view = useUi((s) => s.view);
  const paletteOpen = useUi((s) => s.paletteOpen);
  const shortcutsOpen = useUi((s) => s.shortcutsOpen);
  const documents = useLibrary((s) => s.documents);

  useEffect(() => {
    void useLibrary.getState().load();
  }, []);

  useGlobalKeys({
    palette: () => useUi.getState().setPalette(true),
    focusSearch: () => document.getElementById('search-input')?.focus(),
    shortcuts: () => useUi.getState().setShortcuts(true),
    view: (i) => VIEWS[i] && useUi.getState().setView(VIEWS[i]),
    escape: () => useReader.getState().setSelection(null),
  });

  const paletteEntries = useMemo<PaletteEntry[]>(() => {
    const ui = useUi.getState();
    const prefs = usePreferences.getState();
    return [
      ...documents.map((d) => ({ id: `doc:${d.id}`, group: 'documents' as const, label: d.title, detail: [d.issuer, d.date].filter(Boolean).join(' · '), run: () => void useReader.getState().open(d.id) })),
      { id: 'cmd:reader', group: 'commands' as const, label: t('cmd.reader'), run: () => ui.setView('reader') },
      { id: 'cmd:search', group: 'commands' as const, label: t('cmd.search'), run: () => document.getElementById('search-input')?.focus() },
      { id: 'cmd:shortcuts', group: 'commands' as const, label: t('cmd.shortcuts'), run: () => ui.setShortcuts(true) },
      { id: 'cmd:language', group: 'commands' as const, label: t('cmd.language'), run: () => prefs.toggleLanguage() },
      { id: 'cmd:theme', group: 'commands' as const, label: t('cmd.theme'), run: () => prefs.cycleTheme() },
      { id: 'cmd:layout', group: 'commands' as const, label: t('cmd.resetLayout'), run: () => prefs.resetPanes() },
    ];
  }, [documents, t]);

  return (
    <div className="app">
      <TopBar views={VIEWS} search={null} />
      <ErrorBanner />
      <main className="workbench" style={{ gridTemplateColumns: `${paneLeft}px 5px minmax(360px, 1fr) 5px ${paneRight}px` }}>
        <LibraryPane />
        <Splitter label={t('pane.resize.left')} side="left" width={paneLeft} onResize={(w) => setPane('left', w)} />
        <div className="centre">{view === 'reader' ? <ReaderPane /> : null}</div>
        <Splitter label={t('pane.resize.right')} side="right" width={paneRight} onResize={(w) => setPane('right', w)} />
        <InspectorPane />
      </main>
      <StatusBar />
      {paletteOpen ? <Palette entries={paletteEntries} onClose={() => useUi.getState().setPalette(false)} /> : null}
      {shortcutsOpen ? <ShortcutsSheet onClose={() => useUi.getState().setShortcuts(false)} /> : null}
    </div>
  );
}
