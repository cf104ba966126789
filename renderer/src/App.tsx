// The workbench window: top bar, three resizable panes (library, centre view, inspector),
// status bar, dialogs and the window-wide shortcuts. Panels own their parts; this wires them.
import { useEffect, useMemo } from 'react';
import { useT } from './i18n';
import { useGlobalKeys } from './lib/useGlobalKeys';
import { useTheme } from './components/shell/useTheme';
import { useLibrary } from './stores/library';
import { usePreferences } from './stores/preferences';
import { useReader } from './stores/reader';
import { useUi, type CentreView } from './stores/ui';
import { ErrorBanner } from './components/shell/ErrorBanner';
import { StorageBanner } from './components/shell/StorageBanner';
import { followSlowCalls, useStorage } from './stores/storage';
import { Palette, type PaletteEntry } from './components/shell/Palette';
import { ShortcutsSheet } from './components/shell/ShortcutsSheet';
import { Splitter } from './components/shell/Splitter';
import { StatusBar } from './components/shell/StatusBar';
import { TopBar } from './components/shell/TopBar';
import { LibraryPane } from './components/library/LibraryPane';
import { ReaderPane } from './components/reader/ReaderPane';
import { InspectorPane } from './components/inspector/InspectorPane';
import { AnnotationSections, OrphanedSection } from './components/inspector/AnnotationSections';
import { UndoBar } from './components/shell/UndoBar';
import { SelectionPopover } from './components/annotations/SelectionPopover';
import { annotationMarks, statementLinks } from './components/annotations/readerDecor';
import { linkPillar, wholeStatementSelection } from './components/annotations/annotate';
import { PillarFilter } from './components/library/PillarFilter';
import { CurrentBriefing } from './components/briefing/CurrentBriefing';
import { BriefingComposer } from './components/briefing/BriefingComposer';
import { PillarBoard } from './components/board/PillarBoard';
import { AnalysisPane } from './components/retrieval/AnalysisPane';
import { DocumentMemos } from './components/memos/DocumentMemos';
import { BackupsDialog } from './components/manage/BackupsDialog';
import { ProfileDialog } from './components/manage/ProfileDialog';
import { PillarsDialog } from './components/manage/PillarsDialog';
import { ExchangeDialog } from './components/manage/ExchangeDialog';
import { SectionPickerHost } from './components/briefing/SectionPickerHost';
import { BundleDialog } from './components/manage/BundleDialog';
import { RebuildLibraryDialog } from './components/manage/RebuildLibraryDialog';
import { activePillars, useAnnotations } from './stores/annotations';
import { useBriefing } from './stores/briefing';
import { formatNumber } from './i18n';
import { SearchBox } from './components/search/SearchBox';
import { SearchPanel } from './components/search/SearchPanel';
import { useSearch } from './stores/search';
import { api } from './api/client';
import type { Mark } from './lib/segments';
import type { Statement } from '../../shared/model';

const VIEWS: CentreView[] = ['reader', 'search', 'board', 'briefing', 'analysis'];

/** The selection, or the current statement as a whole, for A and 1–4. */
function openHit(index: number) {
  const hit = useSearch.getState().hits[index];
  if (!hit) return;
  useSearch.getState().setActive(index);
  void useReader.getState().open(hit.documentId, hit.statementId, hit.matches);
}

function focusSearch() {
  const el = document.getElementById('search-input') as HTMLInputElement | null;
  el?.focus();
  el?.select();
}

function activeSelection() {
  const reader = useReader.getState();
  return reader.selection ?? (reader.currentStatementId ? wholeStatementSelection(reader.currentStatementId) : null);
}

export function App() {
  const t = useT();
  useTheme();
  const paneLeft = usePreferences((s) => s.paneLeft);
  const paneRight = usePreferences((s) => s.paneRight);
  const setPane = usePreferences((s) => s.setPane);
  const view = useUi((s) => s.view);
  const paletteOpen = useUi((s) => s.paletteOpen);
  const shortcutsOpen = useUi((s) => s.shortcutsOpen);
  const dialog = useUi((s) => s.dialog);
  const documents = useLibrary((s) => s.documents);

  const lang = usePreferences((s) => s.language);
  const annotations = useAnnotations((s) => s.annotations);
  const pillars = useAnnotations((s) => s.pillars);
  const pillarMap = useMemo(() => new Map(pillars.map((p) => [p.id, p])), [pillars]);
  const documentId = useReader((s) => s.documentId);
  const currentStatementId = useReader((s) => s.currentStatementId);
  const matches = useReader((s) => s.matches);

  // Read-only database, writes waiting for an import: asked at start, then only while a call is slow.
  useEffect(() => {
    void useStorage.getState().refresh();
    return followSlowCalls();
  }, []);
  useEffect(() => {
    void useLibrary.getState().load();
    void useAnnotations.getState().loadPillars();
    void useAnnotations.getState().refreshUndo();
    void useBriefing
      .getState()
      .loadList()
      .then(() => useBriefing.getState().refresh());
  }, []);
  // Briefing edits are in the same undo journal: after each one the undo/redo labels change.
  useEffect(
    () =>
      useBriefing.subscribe((s, prev) => {
        if (s.briefing !== prev.briefing) void useAnnotations.getState().refreshUndo();
      }),
    [],
  );
  useEffect(() => {
    void useAnnotations.getState().loadDocument(documentId);
  }, [documentId]);
  useEffect(() => {
    void useAnnotations.getState().loadStatement(currentStatementId);
  }, [currentStatementId]);

  useGlobalKeys({
    palette: () => useUi.getState().setPalette(true),
    focusSearch,
    shortcuts: () => useUi.getState().setShortcuts(true),
    view: (i) => VIEWS[i] && useUi.getState().setView(VIEWS[i]),
    escape: () => useReader.getState().setSelection(null),
    undo: () => void useAnnotations.getState().undo(),
    redo: () => void useAnnotations.getState().redo(),
    annotate: () => {
      const sel = activeSelection();
      if (sel) useReader.getState().setSelection(sel, 'form');
    },
    pillar: (i) => {
      const sel = activeSelection();
      const pillar = activePillars(useAnnotations.getState().pillars)[i];
      if (!sel || !pillar) return;
      void linkPillar(sel, pillar.id).then(() => useReader.getState().setSelection(null));
    },
  });
  const matchMarks = (st: Statement): Mark[] =>
    matches && matches.statementId === st.id ? matches.spans.map(([start, end], i) => ({ start, end, kind: 'match' as const, key: String(i) })) : [];
  const runSaved = (q: string) => {
    useSearch.getState().setInput(q);
    useUi.getState().setView('search');
    void useSearch.getState().run(q);
  };
  const quickOpen = useMemo(
    () => async (text: string): Promise<PaletteEntry[]> => {
      const { items } = await api().call('search.quickOpen', { text, limit: 20 });
      return items.map((it) => ({
        // Same ids as the local entries, so a document found both ways is listed once.
        id: it.kind === 'document' ? `doc:${it.id}` : `${it.kind}:${it.id}`,
        group: it.kind === 'document' ? ('documents' as const) : it.kind === 'heading' ? ('headings' as const) : ('commands' as const),
        label: it.label,
        detail: it.detail ?? undefined,
        run: () => {
          if (it.kind === 'document') void useReader.getState().open(it.id);
          else if (it.kind === 'heading' && it.documentId) void useReader.getState().open(it.documentId, it.id);
          else if (it.kind === 'pillar') useUi.getState().setView('board');
          else if (it.kind === 'briefing') {
            void useBriefing.getState().select(it.id);
            useUi.getState().setView('briefing');
          }
        },
      }));
    },
    [],
  );
  // The board and the composer need the width; the inspector belongs to the reader.
  const wide = view === 'board' || view === 'briefing' || view === 'analysis';
  const totalAnnotations = documents.reduce((n, d) => n + d.annotations, 0);

  const paletteEntries = useMemo<PaletteEntry[]>(() => {
    const ui = useUi.getState();
    const prefs = usePreferences.getState();
    return [
      ...documents.map((d) => ({ id: `doc:${d.id}`, group: 'documents' as const, label: d.title, detail: [d.issuer, d.date].filter(Boolean).join(' · '), run: () => void useReader.getState().open(d.id) })),
      { id: 'cmd:reader', group: 'commands' as const, label: t('cmd.reader'), run: () => ui.setView('reader') },
      { id: 'cmd:board', group: 'commands' as const, label: t('cmd.board'), run: () => ui.setView('board') },
      { id: 'cmd:briefing', group: 'commands' as const, label: t('cmd.briefing'), run: () => ui.setView('briefing') },
      { id: 'cmd:analysis', group: 'commands' as const, label: t('cmd.analysis'), run: () => ui.setView('analysis') },
      { id: 'cmd:search', group: 'commands' as const, label: t('cmd.search'), run: focusSearch },
      { id: 'cmd:shortcuts', group: 'commands' as const, label: t('cmd.shortcuts'), run: () => ui.setShortcuts(true) },
      { id: 'cmd:language', group: 'commands' as const, label: t('cmd.language'), run: () => prefs.toggleLanguage() },
      { id: 'cmd:theme', group: 'commands' as const, label: t('cmd.theme'), run: () => prefs.cycleTheme() },
      { id: 'cmd:pillars', group: 'commands' as const, label: t('cmd.pillars'), run: () => ui.setDialog('pillars') },
      { id: 'cmd:backups', group: 'commands' as const, label: t('cmd.backups'), run: () => ui.setDialog('backups') },
      { id: 'cmd:rebuild-library', group: 'commands' as const, label: t('cmd.rebuildLibrary'), run: () => ui.setDialog('rebuildLibrary') },
      { id: 'cmd:exchange', group: 'commands' as const, label: t('cmd.exchange'), run: () => ui.setDialog('exchange') },
      { id: 'cmd:qda', group: 'commands' as const, label: t('cmd.qda'), run: () => ui.setDialog('exchange') },
      { id: 'cmd:profile', group: 'commands' as const, label: t('cmd.profile'), run: () => ui.setDialog('profile') },
      { id: 'cmd:bundle', group: 'commands' as const, label: t('cmd.bundle'), run: () => ui.setDialog('bundle') },
      { id: 'cmd:layout', group: 'commands' as const, label: t('cmd.resetLayout'), run: () => prefs.resetPanes() },
    ];
  }, [documents, t]);

  return (
    <div className="app">
      <TopBar views={VIEWS} search={<SearchBox onOpenHit={openHit} />} briefing={<CurrentBriefing />} />
      <StorageBanner />
      <ErrorBanner />
      <main className="workbench" style={{ gridTemplateColumns: wide ? `${paneLeft}px 5px minmax(360px, 1fr)` : `${paneLeft}px 5px minmax(360px, 1fr) 5px ${paneRight}px` }}>
        <LibraryPane pillarFilter={<PillarFilter />} onRunSavedSearch={runSaved} />
        <Splitter label={t('pane.resize.left')} side="left" width={paneLeft} onResize={(w) => setPane('left', w)} />
        <div className="centre">{view === 'reader' ? (
            <ReaderPane
              marksFor={(st) => [...annotationMarks(st, annotations, pillarMap), ...matchMarks(st)]}
              aside={(st) => statementLinks(st, annotations, pillarMap, lang)}
              onAnnotationClick={(id) => {
                const a = annotations.find((x) => x.id === id);
                if (a) useReader.getState().setCurrent(a.statementId);
              }}
              overlay={<SelectionPopover />}
            />
          ) : null}
          {view === 'search' ? <SearchPanel onOpenHit={openHit} /> : null}
          {view === 'board' ? <PillarBoard /> : null}
          {view === 'briefing' ? <BriefingComposer /> : null}
          {view === 'analysis' ? <AnalysisPane /> : null}</div>
        {wide ? null : (
          <>
            <Splitter label={t('pane.resize.right')} side="right" width={paneRight} onResize={(w) => setPane('right', w)} />
            <InspectorPane header={<UndoBar />} documentPart={<DocumentMemos />}>
              <AnnotationSections />
              <OrphanedSection />
            </InspectorPane>
          </>
        )}
      </main>
      <StatusBar
        extra={
          <>
            <span>{t('status.annotations', { count: formatNumber(lang, totalAnnotations) })}</span>
            <button type="button" className="btn-link statusbar-link" onClick={() => useUi.getState().setDialog('backups')}>
              {t('status.backups')}
            </button>
            <button type="button" className="btn-link statusbar-link" onClick={() => useUi.getState().setDialog('profile')}>
              {t('status.profile')}
            </button>
          </>
        }
      />
      {paletteOpen ? <Palette entries={paletteEntries} lookup={quickOpen} onClose={() => useUi.getState().setPalette(false)} /> : null}
      {shortcutsOpen ? <ShortcutsSheet onClose={() => useUi.getState().setShortcuts(false)} /> : null}
      {dialog === 'backups' ? <BackupsDialog onClose={() => useUi.getState().setDialog(null)} /> : null}
      {dialog === 'pillars' ? <PillarsDialog onClose={() => useUi.getState().setDialog(null)} /> : null}
      {dialog === 'exchange' ? <ExchangeDialog onClose={() => useUi.getState().setDialog(null)} /> : null}
      {dialog === 'profile' ? <ProfileDialog onClose={() => useUi.getState().setDialog(null)} /> : null}
      {dialog === 'bundle' ? <BundleDialog onClose={() => useUi.getState().setDialog(null)} /> : null}
      {dialog === 'rebuildLibrary' ? <RebuildLibraryDialog onClose={() => useUi.getState().setDialog(null)} /> : null}
      <SectionPickerHost />
    </div>
  );
}
