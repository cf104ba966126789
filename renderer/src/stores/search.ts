// View state of search: what is typed, the last result (first page plus pages fetched as the
// virtualised list scrolls), the active hit, and as-you-type suggestions. Responses that
// arrive for an older query are dropped, so typing fast never shows stale results.
import { create } from 'zustand';
import type { SearchHit, SearchResult, SearchScope, Suggestion } from '../../../shared/search';
import { api, errorData } from '../api/client';
import { useUi } from './ui';

/** Hits per request: the first page is what a window shows, so it arrives fast; more as you scroll. */
export const PAGE = 50;

export interface SearchState {
  input: string;
  query: string;
  expandVariants: boolean;
  /** Where to look: the sources, the analyst's own writing (my notes), or both. */
  scope: SearchScope;
  setScope(scope: SearchScope): void;
  result: SearchResult | null;
  /** Hits by index; filled page by page as the list scrolls. */
  hits: (SearchHit | undefined)[];
  loading: boolean;
  active: number;
  suggestions: Suggestion[];
  setInput(text: string): void;
  run(query?: string): Promise<void>;
  ensureRange(from: number, to: number): Promise<void>;
  setActive(index: number): void;
  move(delta: number): void;
  toggleVariants(): void;
  suggest(prefix: string): Promise<void>;
  clearSuggestions(): void;
  toggleFilter(token: string): void;
}

/** The back end's default scope is the sources: only a different scope is sent. */
function scopeParam(scope: SearchScope): { scope?: SearchScope } {
  return scope === 'sources' ? {} : { scope };
}

let seq = 0;
let suggestSeq = 0;
const pending = new Set<number>();

/** The last whitespace-separated token: what a suggestion completes. */
export function lastToken(text: string): string {
  const m = /(\S+)$/.exec(text);
  return m ? m[1] : '';
}

export function applySuggestion(text: string, value: string): string {
  const token = lastToken(text);
  const head = token ? text.slice(0, text.length - token.length) : text.endsWith(' ') || !text ? text : `${text} `;
  return `${head}${value} `;
}

export const useSearch = create<SearchState>()((set, get) => ({
  input: '',
  query: '',
  expandVariants: true,
  scope: 'sources',
  setScope: (scope) => {
    set({ scope });
    void get().run(get().query || get().input);
  },
  result: null,
  hits: [],
  loading: false,
  active: 0,
  suggestions: [],
  setInput: (input) => set({ input }),
  run: async (query = get().input) => {
    const q = query.trim();
    const mine = ++seq;
    pending.clear();
    if (!q) {
      set({ query: '', result: null, hits: [], active: 0, loading: false });
      return;
    }
    set({ loading: true, query: q });
    try {
      const result = await api().call('search.query', { query: q, limit: PAGE, offset: 0, expandVariants: get().expandVariants, ...scopeParam(get().scope) });
      if (mine !== seq) return;
      const hits: (SearchHit | undefined)[] = new Array(result.total);
      result.hits.forEach((h, i) => (hits[i] = h));
      set({ result, hits, active: 0, loading: false });
    } catch (e) {
      if (mine !== seq) return;
      set({ loading: false });
      useUi.getState().reportError(errorData(e));
    }
  },
  ensureRange: async (from, to) => {
    const { result, hits, query, expandVariants, scope } = get();
    if (!result) return;
    const mine = seq;
    const first = Math.floor(Math.max(0, from) / PAGE);
    const last = Math.floor(Math.min(result.total - 1, to) / PAGE);
    for (let page = first; page <= last; page++) {
      const offset = page * PAGE;
      if (hits[offset] !== undefined || pending.has(page)) continue;
      pending.add(page);
      try {
        const more = await api().call('search.query', { query, limit: PAGE, offset, expandVariants, ...scopeParam(scope) });
        if (mine !== seq) return;
        const next = get().hits.slice();
        more.hits.forEach((h, i) => (next[offset + i] = h));
        set({ hits: next });
      } catch (e) {
        useUi.getState().reportError(errorData(e));
      } finally {
        pending.delete(page);
      }
    }
  },
  setActive: (active) => set({ active }),
  move: (delta) => {
    const total = get().result?.total ?? 0;
    if (total === 0) return;
    set({ active: Math.max(0, Math.min(total - 1, get().active + delta)) });
  },
  toggleVariants: () => {
    set({ expandVariants: !get().expandVariants });
    void get().run(get().query);
  },
  suggest: async (prefix) => {
    const mine = ++suggestSeq;
    const token = lastToken(prefix);
    if (!token || token.includes(':')) {
      set({ suggestions: [] });
      return;
    }
    try {
      const { suggestions } = await api().call('search.suggest', { prefix: token, limit: 8 });
      if (mine === suggestSeq) set({ suggestions });
    } catch {
      // Suggestions are optional help; the search itself reports errors.
      if (mine === suggestSeq) set({ suggestions: [] });
    }
  },
  clearSuggestions: () => {
    ++suggestSeq;
    set({ suggestions: [] });
  },
  toggleFilter: (token) => {
    const parts = get().input.trim().split(/\s+/).filter(Boolean);
    const next = parts.includes(token) ? parts.filter((p) => p !== token) : [...parts, token];
    const input = next.join(' ');
    ++suggestSeq;
    set({ input, suggestions: [] });
    void get().run(input);
  },
}));
