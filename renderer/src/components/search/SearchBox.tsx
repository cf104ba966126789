// The top bar's search field: searches as the analyst types (never mid-IME-composition),
// offers suggestions, and drives the results from the keyboard: ↑/↓ move, Enter opens.
// The Enter that confirms an IME conversion is ignored, so it never opens a hit.
import { useRef, useState, type KeyboardEvent } from 'react';
import { useT } from '../../i18n';
import { commandLabel, imeSafeKeys } from '../../lib/keys';
import { applySuggestion, useSearch } from '../../stores/search';
import { useUi } from '../../stores/ui';
import { QueryHelp } from './QueryHelp';

export interface SearchBoxProps {
  onOpenHit(index: number): void;
}

export function SearchBox({ onOpenHit }: SearchBoxProps) {
  const t = useT();
  const input = useSearch((s) => s.input);
  const suggestions = useSearch((s) => s.suggestions);
  const [composing, setComposing] = useState(false);
  const [highlighted, setHighlighted] = useState(-1);
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLInputElement>(null);

  const typed = (text: string) => {
    const s = useSearch.getState();
    s.setInput(text);
    setHighlighted(-1);
    setOpen(true);
    if (text.trim()) useUi.getState().setView('search');
    void s.run(text);
    void s.suggest(text);
  };

  const choose = (value: string) => {
    const text = applySuggestion(useSearch.getState().input, value);
    useSearch.getState().clearSuggestions();
    setOpen(false);
    typed(text);
    useSearch.getState().clearSuggestions();
    ref.current?.focus();
  };

  // Enter typed before the answer to the current query arrived (a fast typist, a busy machine)
  // opens that query's first hit when it comes, never the previous query's hit still on screen.
  const openWhenAnswered = (query: string) => {
    const stop = useSearch.subscribe((st) => {
      if (st.loading && st.query === query) return;
      stop();
      if (st.query === query && st.result && st.result.total > 0 && document.activeElement === ref.current) onOpenHit(st.active);
    });
  };

  const onKeyDown = imeSafeKeys((e: KeyboardEvent<HTMLInputElement>) => {
    if (composing) return;
    const s = useSearch.getState();
    const listOpen = open && suggestions.length > 0;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      const delta = e.key === 'ArrowDown' ? 1 : -1;
      if (listOpen && (highlighted >= 0 || delta > 0)) {
        const next = highlighted + delta;
        if (next < 0 || next >= suggestions.length) setHighlighted(-1);
        else setHighlighted(next);
        if (next < 0) setOpen(false);
      } else s.move(delta);
      e.preventDefault();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (listOpen && highlighted >= 0) choose(suggestions[highlighted].value);
      else if (s.loading) openWhenAnswered(s.query);
      else if (s.result && s.result.total > 0) onOpenHit(s.active);
    } else if (e.key === 'Escape') {
      if (listOpen) {
        setOpen(false);
        e.stopPropagation();
      }
    } else if (e.key === 'PageDown' || e.key === 'PageUp') {
      s.move(e.key === 'PageDown' ? 10 : -10);
      e.preventDefault();
    }
   });

  const showList = open && suggestions.length > 0 && input.trim().length > 0;
  return (
    <div className="searchbox">
      <span className="searchbox-icon" aria-hidden="true">
        ⌕
      </span>
      <input
        ref={ref}
        id="search-input"
        type="text"
        className="field searchbox-input"
        role="combobox"
        aria-label={t('topbar.search.label')}
        aria-expanded={showList}
        aria-controls="search-suggestions"
        aria-autocomplete="list"
        aria-activedescendant={showList && highlighted >= 0 ? `suggestion-${highlighted}` : undefined}
        placeholder={t('topbar.search.placeholder', { key: `${commandLabel()}+F` })}
        autoComplete="off"
        spellCheck={false}
        value={input}
        onChange={(e) => {
          // During composition only the box follows the keys; the search waits for the result.
          if (composing || (e.nativeEvent as InputEvent).isComposing) useSearch.getState().setInput(e.target.value);
          else typed(e.target.value);
        }}
        onCompositionStart={() => setComposing(true)}
        onCompositionEnd={(e) => {
          setComposing(false);
          typed(e.currentTarget.value);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
      />
      <QueryHelp />
      {showList ? (
        <ul id="search-suggestions" className="suggestions" role="listbox" aria-label={t('search.suggestions')}>
          {suggestions.map((s, i) => (
            <li
              key={`${s.kind}:${s.value}`}
              id={`suggestion-${i}`}
              role="option"
              aria-selected={i === highlighted}
              className={`suggestion-item ${i === highlighted ? 'is-active' : ''}`}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(s.value);
              }}
            >
              <span className={`suggestion-kind kind-${s.kind}`}>{t(`suggest.${s.kind}`)}</span>
              <span className="suggestion-label">{s.label}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
