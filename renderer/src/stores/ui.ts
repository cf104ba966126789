// Window-level view state: which centre view is showing, open dialogs, the error banner and
// transient notices. Errors are kept as AppErrorData so they re-render in the current language.
import { create } from 'zustand';
import type { AppErrorData, LocalizedText } from '../../../shared/errors';

export type CentreView = 'reader' | 'search' | 'board' | 'briefing' | 'analysis';
export type ManageDialog = 'backups' | 'pillars' | 'exchange' | 'profile' | 'bundle' | 'rebuildLibrary';

export interface Notice {
  id: number;
  text: LocalizedText;
  /** One follow-up the analyst may take (e.g. undo a deletion). */
  action?: { label: LocalizedText; run(): void };
}

export interface UiState {
  view: CentreView;
  paletteOpen: boolean;
  shortcutsOpen: boolean;
  dialog: ManageDialog | null;
  setDialog(dialog: ManageDialog | null): void;
  errors: (AppErrorData & { id: number })[];
  notices: Notice[];
  setView(view: CentreView): void;
  setPalette(open: boolean): void;
  setShortcuts(open: boolean): void;
  reportError(error: AppErrorData): void;
  dismissError(id: number): void;
  notify(text: LocalizedText, action?: Notice['action']): void;
  dismissNotice(id: number): void;
}

let nextId = 1;

export const useUi = create<UiState>()((set, get) => ({
  view: 'reader',
  paletteOpen: false,
  shortcutsOpen: false,
  dialog: null,
  setDialog: (dialog) => set({ dialog }),
  errors: [],
  notices: [],
  setView: (view) => set({ view }),
  setPalette: (paletteOpen) => set({ paletteOpen }),
  setShortcuts: (shortcutsOpen) => set({ shortcutsOpen }),
  // The same message twice in a row is shown once: retries should not stack banners.
  reportError: (error) => {
    const last = get().errors.at(-1);
    if (last && last.code === error.code && last.message.en === error.message.en) return;
    set({ errors: [...get().errors, { ...error, id: nextId++ }].slice(-3) });
  },
  dismissError: (id) => set({ errors: get().errors.filter((e) => e.id !== id) }),
  notify: (text, action) => set({ notices: [...get().notices, { id: nextId++, text, action }].slice(-3) }),
  dismissNotice: (id) => set({ notices: get().notices.filter((n) => n.id !== id) }),
}));
