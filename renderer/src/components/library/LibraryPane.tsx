// The library pane: every document with its date, kind and counts, filters by title, kind,
// pillar and period, and the analyst's saved searches.
import { useMemo } from 'react';
import { DOCUMENT_KINDS, type DocumentKind } from '../../../../shared/model';
import { formatDate, formatNumber, useT } from '../../i18n';
import { filterDocuments, useLibrary } from '../../stores/library';
import { usePreferences } from '../../stores/preferences';
import { useReader } from '../../stores/reader';
import { useState, type ReactNode } from 'react';
import { fromDrop, type ImportFile } from './importBatch';
import { useUi } from '../../stores/ui';
import { ImportDialog } from './ImportDialog';

export interface LibraryPaneProps {
  /** Pillar filter control, supplied once the annotation domain is available. */
  pillarFilter?: ReactNode;
  onRunSavedSearch?(query: string): void;
}

export function LibraryPane({ pillarFilter, onRunSavedSearch }: LibraryPaneProps) {
  const t = useT();
  const lang = usePreferences((s) => s.language);
  const documents = useLibrary((s) => s.documents);
  const loaded = useLibrary((s) => s.loaded);
  const filters = useLibrary((s) => s.filters);
  const pillarDocuments = useLibrary((s) => s.pillarDocuments);
  const setFilters = useLibrary((s) => s.setFilters);
  const clearFilters = useLibrary((s) => s.clearFilters);
  const openDocumentId = useReader((s) => s.documentId);
  const open = useReader((s) => s.open);
  const saved = usePreferences((s) => s.savedSearches);
  const removeSaved = usePreferences((s) => s.removeSavedSearch);

  const [importing, setImporting] = useState<{ files?: ImportFile[] } | null>(null);
  const [dragOver, setDragOver] = useState(false);
  const shown = useMemo(() => filterDocuments(documents, filters, pillarDocuments), [documents, filters, pillarDocuments]);
  const years = useMemo(() => [...new Set(documents.map((d) => d.date?.slice(0, 4)).filter((y): y is string => !!y))].sort(), [documents]);
  const filtering = filters.text || filters.kind || filters.pillar || filters.from || filters.to;

  return (
    <nav className="pane pane-library" aria-label={t('pane.library')}>
      <header className="pane-header">
        <h2 className="pane-title">{t('pane.library')}</h2>
        <span className="pane-count">{t('library.count', { shown: formatNumber(lang, shown.length), total: formatNumber(lang, documents.length) })}</span>
        <button type="button" className="btn btn-small" onClick={() => setImporting({})}>
          {t('library.import')}
        </button>
      </header>
      {importing ? <ImportDialog initialFiles={importing.files} onClose={() => setImporting(null)} /> : null}
      <div
        className={`drop-zone${dragOver ? ' is-over' : ''}`}
        data-testid="library-drop-zone"
        // Only this zone takes dropped files; a drop anywhere else in the window is refused by the
        // main process's guard (a dropped .html must never load as a page).
        onDragOver={(e) => {
          if (!e.dataTransfer.types.includes('Files')) return;
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
          setDragOver(true);
        }}
        onDragLeave={() => setDragOver(false)}
        onDrop={(e) => {
          if (!e.dataTransfer.types.includes('Files')) return;
          e.preventDefault();
          e.stopPropagation();
          setDragOver(false);
          fromDrop(e.dataTransfer).then(
            (files) => files.length > 0 && setImporting({ files }),
            () => useUi.getState().reportError({ code: 'io', message: { ja: 'ドロップしたファイルを読めませんでした。', en: 'The dropped files could not be read.' } }),
          );
        }}
      >
        {dragOver ? t('library.drop.active') : t('library.drop')}
      </div>
      <div className="library-filters">
        <input
          type="search"
          className="field"
          aria-label={t('library.filter.text')}
          placeholder={t('library.filter.text')}
          value={filters.text}
          onChange={(e) => setFilters({ text: e.target.value })}
        />
        <div className="filter-row">
          <select className="field" aria-label={t('library.filter.kind')} value={filters.kind} onChange={(e) => setFilters({ kind: e.target.value as DocumentKind | '' })}>
            <option value="">{t('library.filter.kind.all')}</option>
            {DOCUMENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}`)}
              </option>
            ))}
          </select>
          {pillarFilter}
        </div>
        {years.length > 0 ? (
          <div className="filter-row">
            <select className="field" aria-label={t('library.filter.from')} value={filters.from} onChange={(e) => setFilters({ from: e.target.value })}>
              <option value="">{t('library.filter.from')}</option>
              {years.map((y) => (
                <option key={y} value={y}>
                  {t('library.year', { year: y })}
                </option>
              ))}
            </select>
            <span className="filter-sep" aria-hidden="true">〜</span>
            <select className="field" aria-label={t('library.filter.to')} value={filters.to} onChange={(e) => setFilters({ to: e.target.value })}>
              <option value="">{t('library.filter.to')}</option>
              {years.map((y) => (
                <option key={y} value={y}>
                  {t('library.year', { year: y })}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {filtering ? (
          <button type="button" className="btn btn-link" onClick={clearFilters}>
            {t('library.filter.clear')}
          </button>
        ) : null}
      </div>
      <div className="pane-body">
        {loaded && documents.length === 0 ? <p className="empty-note">{t('library.empty')}</p> : null}
        {loaded && documents.length > 0 && shown.length === 0 ? <p className="empty-note">{t('library.noMatch')}</p> : null}
        <ul className="doc-list" aria-label={t('pane.library')}>
          {shown.map((d) => (
            <li key={d.id}>
              <button type="button" className="doc-item" aria-current={d.id === openDocumentId ? 'page' : undefined} onClick={() => void open(d.id)}>
                <span className="doc-title">{d.title}</span>
                <span className="doc-meta">
                  <span className={`kind-badge kind-${d.kind}`}>{t(`kind.${d.kind}`)}</span>
                  <span>{formatDate(lang, d.date) ?? t('library.date.unknown')}</span>
                </span>
                <span className="doc-counts">
                  <span>{t('library.statements', { count: formatNumber(lang, d.statements) })}</span>
                  <span className={d.annotations > 0 ? 'doc-annotated' : undefined}>{t('library.annotations', { count: formatNumber(lang, d.annotations) })}</span>
                </span>
              </button>
            </li>
          ))}
        </ul>
        <section className="saved-searches" aria-labelledby="saved-searches-title">
          <h3 id="saved-searches-title" className="section-title">
            {t('library.savedSearches')}
          </h3>
          {saved.length === 0 ? (
            <p className="empty-note small">{t('library.savedSearches.empty')}</p>
          ) : (
            <ul className="saved-list">
              {saved.map((q) => (
                <li key={q}>
                  <button type="button" className="saved-item" onClick={() => onRunSavedSearch?.(q)}>
                    {q}
                  </button>
                  <button type="button" className="icon-btn" aria-label={t('library.savedSearches.remove', { query: q })} onClick={() => removeSaved(q)}>
                    ×
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </nav>
  );
}
