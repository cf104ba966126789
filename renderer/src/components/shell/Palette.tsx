// Ctrl/Cmd+K: one field to open a document (or, when the search domain offers it, any
// quick-open target) and to run any command, fully keyboard driven and IME-safe.
import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { useT } from '../../i18n';
import { imeSafeKeys } from '../../lib/keys';
import { Dialog } from './Dialog';

export interface PaletteEntry {
  id: string;
  group: 'documents' | 'headings' | 'commands';
  label: string;
  detail?: string;
  run(): void;
}

export interface PaletteProps {
  entries: PaletteEntry[];
  /** Extra entries for a query (e.g. quick-open from the search service); may be async. */
  lookup?(query: string): Promise<PaletteEntry[]>;
  onClose(): void;
}

function matches(entry: PaletteEntry, q: string): boolean {
  if (!q) return true;
  const hay = `${entry.label} ${entry.detail ?? ''}`.normalize('NFKC').toLowerCase();
  return q
    .normalize('NFKC')
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((part) => hay.includes(part));
}

export function Palette({ entries, lookup, onClose }: PaletteProps) {
  const t = useT();
  const [query, setQuery] = useState('');
  // The highlighted entry is tracked by id, not position: quick-open results arrive late and are
  // listed above the commands, and Enter must run what the analyst saw highlighted.
  const [activeId, setActiveId] = useState<string | null>(null);
  const [extra, setExtra] = useState<PaletteEntry[]>([]);

  useEffect(() => {
    if (!lookup || !query.trim()) {
      setExtra([]);
      return;
    }
    let live = true;
    lookup(query).then(
      (found) => live && setExtra(found),
      () => live && setExtra([]),
    );
    return () => {
      live = false;
    };
  }, [lookup, query]);

  const shown = useMemo(() => {
    const local = entries.filter((e) => matches(e, query));
    const seen = new Set(local.map((e) => e.id));
    const merged = [...local, ...extra.filter((e) => !seen.has(e.id))];
    return [...merged.filter((e) => e.group === 'documents'), ...merged.filter((e) => e.group === 'headings'), ...merged.filter((e) => e.group === 'commands')].slice(0, 50);
  }, [entries, extra, query]);

  useEffect(() => setActiveId(null), [query]);
  const found = activeId === null ? -1 : shown.findIndex((e) => e.id === activeId);
  const active = found >= 0 ? found : 0;
  const setActive = (next: (a: number) => number) => {
    const entry = shown[next(active)];
    if (entry) setActiveId(entry.id);
  };

  const run = (entry: PaletteEntry | undefined) => {
    if (!entry) return;
    onClose();
    entry.run();
  };

  const onKeyDown = imeSafeKeys((e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') setActive((a) => Math.min(shown.length - 1, a + 1));
    else if (e.key === 'ArrowUp') setActive((a) => Math.max(0, a - 1));
    else if (e.key === 'Enter') run(shown[active]);
    else return;
    e.preventDefault();
  });

  let lastGroup: string | null = null;
  return (
    <Dialog label={t('palette.label')} onClose={onClose} className="dialog-palette">
      <input
        className="palette-input"
        role="combobox"
        aria-expanded="true"
        aria-controls="palette-list"
        aria-activedescendant={shown[active] ? `palette-${active}` : undefined}
        aria-label={t('palette.label')}
        placeholder={t('palette.placeholder')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <ul id="palette-list" className="palette-list" role="listbox" aria-label={t('palette.label')}>
        {shown.length === 0 ? <li className="palette-empty">{t('palette.empty')}</li> : null}
        {shown.map((entry, i) => {
          const header = entry.group !== lastGroup ? <li key={`group:${entry.group}`} className="palette-group" role="presentation">{t(entry.group === 'documents' ? 'palette.documents' : entry.group === 'headings' ? 'palette.headings' : 'palette.commands')}</li> : null;
          lastGroup = entry.group;
          return [
            header,
            <li
              key={entry.id}
              id={`palette-${i}`}
              role="option"
              aria-selected={i === active}
              className={`palette-item ${i === active ? 'is-active' : ''}`}
              onMouseEnter={() => setActive(() => i)}
              onMouseDown={(e) => {
                e.preventDefault();
                run(entry);
              }}
            >
              <span className="palette-label">{entry.label}</span>
              {entry.detail ? <span className="palette-detail">{entry.detail}</span> : null}
            </li>,
          ];
        })}
      </ul>
    </Dialog>
  );
}
