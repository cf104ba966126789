// UI preferences that persist between runs (language, theme, pane sizes, saved searches);
// view state only: the database stays the source of truth for the analyst's work.
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { bindLanguageSource, type Language } from '../i18n';

export type { Language };
export type ThemeChoice = 'system' | 'light' | 'dark';

export const PANE_DEFAULTS = { left: 300, right: 340 } as const;
export const PANE_LIMITS = { min: 200, max: 640 } as const;

export interface PreferencesState {
  language: Language;
  theme: ThemeChoice;
  paneLeft: number;
  paneRight: number;
  savedSearches: string[];
  setLanguage(language: Language): void;
  toggleLanguage(): void;
  setTheme(theme: ThemeChoice): void;
  cycleTheme(): void;
  setPane(side: 'left' | 'right', width: number): void;
  resetPanes(): void;
  saveSearch(query: string): void;
  removeSavedSearch(query: string): void;
}

export function clampPane(width: number): number {
  if (!Number.isFinite(width)) return PANE_LIMITS.min;
  return Math.round(Math.min(PANE_LIMITS.max, Math.max(PANE_LIMITS.min, width)));
}

const THEMES: ThemeChoice[] = ['system', 'light', 'dark'];

export const usePreferences = create<PreferencesState>()(
  persist(
    (set, get) => ({
      language: 'ja',
      theme: 'system',
      paneLeft: PANE_DEFAULTS.left,
      paneRight: PANE_DEFAULTS.right,
      savedSearches: [],
      setLanguage: (language) => set({ language }),
      toggleLanguage: () => set({ language: get().language === 'ja' ? 'en' : 'ja' }),
      setTheme: (theme) => set({ theme }),
      cycleTheme: () => set({ theme: THEMES[(THEMES.indexOf(get().theme) + 1) % THEMES.length] }),
      setPane: (side, width) => set(side === 'left' ? { paneLeft: clampPane(width) } : { paneRight: clampPane(width) }),
      resetPanes: () => set({ paneLeft: PANE_DEFAULTS.left, paneRight: PANE_DEFAULTS.right }),
      saveSearch: (query) => {
        const q = query.trim();
        if (!q) return;
        set({ savedSearches: [q, ...get().savedSearches.filter((s) => s !== q)].slice(0, 20) });
      },
      removeSavedSearch: (query) => set({ savedSearches: get().savedSearches.filter((s) => s !== query) }),
    }),
    {
      name: 'workbench.preferences',
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: (s) => ({ language: s.language, theme: s.theme, paneLeft: s.paneLeft, paneRight: s.paneRight, savedSearches: s.savedSearches }),
    },
  ),
);

// The language the UI is shown in is this store's; i18n reads it through the binding.
bindLanguageSource({ get: () => usePreferences.getState().language, subscribe: (onChange) => usePreferences.subscribe(onChange) });
