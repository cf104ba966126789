// Search results: total, expansions ("also matched"), notes on how the query was read, facet
// counts that filter when clicked, and the hits as a virtualised list (smooth at 10,000+),
// each with its snippet and the matched spans marked. ↑/↓ and Enter work here too.
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef, type KeyboardEvent } from 'react';
import type { FacetCount, SearchHit } from '../../../../shared/search';
import { formatNumber, useLocalized, useT } from '../../i18n';
import { imeSafeKeys } from '../../lib/keys';
import { usePreferences } from '../../stores/preferences';
import { useSearch } from '../../stores/search';
import { NoteHits, ScopeSwitch } from './NoteHits';

export interface SearchPanelProps {
  onOpenHit(index: number): void;
}

/** Fixed row height (snippets are clamped to two lines): no measuring, smooth at any size. */
const ROW = 96;

function filterToken(kind: 'doc' | 'pillar' | 'speaker', value: string): string {
  return /\s/.test(value) ? `${kind}:"${value}"` : `${kind}:${value}`;
}

// Memoised: a new result or a moved cursor re-renders only the rows whose hit or state changed.
const HitRow = memo(function HitRow({ hit, index, active, onOpenHit }: { hit: SearchHit | undefined; index: number; active: boolean; onOpenHit(index: number): void }) {
  const t = useT();
  if (!hit) {
    return (
      <div className="hit hit-loading" aria-hidden="true">
        <span className="skeleton" />
        <span className="skeleton short" />
      </div>
    );
  }
  return (
    <div id={`hit-${index}`} role="option" aria-selected={active} className={`hit ${active ? 'is-active' : ''}`} onClick={() => onOpenHit(index)} title={t('search.hit.open')}>
      <div className="hit-meta">
        <span className="hit-doc">{hit.documentTitle}</span>
        {hit.headingPath.length ? <span className="hit-path">{hit.headingPath.slice(-2).join(' › ')}</span> : null}
        {hit.speaker ? <span className="speaker">{hit.speaker}</span> : null}
      </div>
      <p className="hit-snippet">
        {hit.snippet.map((seg, i) => (seg.mark ? <mark key={i}>{seg.text}</mark> : <span key={i}>{seg.text}</span>))}
      </p>
    </div>
  );
});

function FacetList({ title, facets, kind, selected }: { title: string; facets: FacetCount[]; kind: 'doc' | 'pillar' | 'speaker'; selected: string[] }) {
  const lang = usePreferences((s) => s.language);
  const toggle = useSearch((s) => s.toggleFilter);
  if (facets.length === 0) return null;
  return (
    <section className="facet-group" aria-label={title}>
      <h3 className="section-title">{title}</h3>
      <ul className="facet-list">
        {facets.slice(0, 12).map((f) => {
          const token = filterToken(kind, kind === 'speaker' ? f.label : f.id);
          const on = selected.includes(token);
          return (
            <li key={f.id}>
              <button type="button" className={`facet ${on ? 'is-on' : ''}`} aria-pressed={on} onClick={() => toggle(token)}>
                <span className="facet-label">{f.label}</span>
                <span className="facet-count">{formatNumber(lang, f.count)}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function SearchPanel({ onOpenHit }: SearchPanelProps) {
  const t = useT();
  const loc = useLocalized();
  const lang = usePreferences((s) => s.language);
  const saveSearch = usePreferences((s) => s.saveSearch);
  // Not the typed input: a keystroke re-renders this panel only when its results arrive.
  const result = useSearch((s) => s.result);
  const hits = useSearch((s) => s.hits);
  const active = useSearch((s) => s.active);
  const expandVariants = useSearch((s) => s.expandVariants);
  const toggleVariants = useSearch((s) => s.toggleVariants);
  const ensureRange = useSearch((s) => s.ensureRange);
  const scrollRef = useRef<HTMLDivElement>(null);
  const total = result?.total ?? 0;

  const virtualizer = useVirtualizer({ count: total, getScrollElement: () => scrollRef.current, estimateSize: () => ROW, overscan: 3, initialRect: { width: 800, height: 600 } });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;

  useEffect(() => {
    if (total > 0) void ensureRange(first, last);
  }, [first, last, total, ensureRange]);
  // A new result starts at the top; only moving the cursor asks the virtualiser to scroll
  // (which measures the list, a forced layout that typing should not pay for).
  useEffect(() => {
    // Writing scrollTop forces a layout; the virtualiser's own record says whether it is needed.
    if (scrollRef.current && (virtualizer.scrollOffset ?? 0) > 0) scrollRef.current.scrollTop = 0;
  }, [result, virtualizer]);
  useEffect(() => {
    if (useSearch.getState().result?.total) virtualizer.scrollToIndex(active, { align: 'auto' });
  }, [active, virtualizer]);

  const onKeyDown = imeSafeKeys((e: KeyboardEvent) => {
    const s = useSearch.getState();
    if (e.key === 'ArrowDown') s.move(1);
    else if (e.key === 'ArrowUp') s.move(-1);
    else if (e.key === 'PageDown') s.move(10);
    else if (e.key === 'PageUp') s.move(-10);
    else if (e.key === 'Enter') onOpenHit(s.active);
    else return;
    e.preventDefault();
  });

  // One layout whether or not there are results: the list's scroll element stays mounted, so
  // the first keystroke after an empty box does not pay for building and measuring it.
  const query = result?.query ?? '';
  const selected = query.trim().split(/\s+/);

  return (
    <section className="pane pane-search" aria-label={t('search.results')}>
      <ScopeSwitch />
      {result?.notes?.length ? <NoteHits notes={result.notes} /> : null}
      {result ? (
        <header className="search-header">
          <div className="search-summary">
            <strong className="search-total" aria-live="polite">
              {t('search.total', { total: formatNumber(lang, total) })}
            </strong>
            <span className="muted small">{t('search.took', { ms: result.tookMs.toFixed(1) })}</span>
            {result.expansions.length > 0 ? (
              <span className="search-expansions small">
                {t('search.expanded', { terms: result.expansions.map((x) => `${x.term} → ${x.variants.join(' / ')}`).join('、') })}
              </span>
            ) : null}
            <label className="variants-toggle small">
              <input type="checkbox" checked={expandVariants} onChange={toggleVariants} /> {t('search.variants')}
            </label>
            <button type="button" className="btn btn-small" onClick={() => saveSearch(query)}>
              {t('search.save')}
            </button>
          </div>
          {result.messages.length > 0 ? (
            <ul className="search-messages">
              {result.messages.map((m, i) => (
                <li key={i}>{loc(m.message)}</li>
              ))}
            </ul>
          ) : null}
        </header>
      ) : null}
      {/* Without hits there is nothing to facet: the message takes the whole width. */}
      <div className={`search-body ${total > 0 ? '' : 'is-idle'}`}>
        <aside className="facets" aria-label={t('search.facets')} hidden={total === 0}>
          {result ? (
            <>
              <FacetList title={t('search.facet.document')} facets={result.facets.documents} kind="doc" selected={selected} />
              <FacetList title={t('search.facet.pillar')} facets={result.facets.pillars} kind="pillar" selected={selected} />
              <FacetList title={t('search.facet.speaker')} facets={result.facets.speakers} kind="speaker" selected={selected} />
            </>
          ) : null}
        </aside>
        <div
          ref={scrollRef}
          className="hits"
          role={total > 0 ? 'listbox' : undefined}
          tabIndex={total > 0 ? 0 : undefined}
          aria-label={total > 0 ? t('search.results') : undefined}
          aria-activedescendant={total > 0 && hits[active] ? `hit-${active}` : undefined}
          onKeyDown={total > 0 ? onKeyDown : undefined}
        >
          {!result ? (
            <div className="empty-state">
              <h2>{t('search.empty.title')}</h2>
              <p>{t('search.empty.body')}</p>
            </div>
          ) : total === 0 ? (
            result.notes?.length ? null : <p className="empty-note search-none">{t('search.noHits', { query })}</p>
          ) : (
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {items.map((v) => (
                <div key={v.key} data-index={v.index} style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW, transform: `translateY(${v.start}px)` }}>
                  <HitRow hit={hits[v.index]} index={v.index} active={v.index === active} onOpenHit={onOpenHit} />
                </div>
              ))}
            </div>
          )}
        </div>
      </div>
    </section>
  );
}
