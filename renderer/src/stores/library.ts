// The library pane's view state: the document list as last fetched, the filters, and the
// status bar's figures from app.info. Refetched after writes; never edited locally.
import { create } from 'zustand';
import type { ResponseOf } from '../../../shared/api/contract';
import type { DocumentKind, DocumentSummary } from '../../../shared/model';
import { api, errorData } from '../api/client';
import { useUi } from './ui';

export type AppInfo = ResponseOf<'app.info'>;

export interface LibraryFilters {
  text: string;
  kind: DocumentKind | '';
  pillar: string;
  /** Period by year of the document's date, `YYYY`, inclusive; empty for open-ended. */
  from: string;
  to: string;
}

export const EMPTY_FILTERS: LibraryFilters = { text: '', kind: '', pillar: '', from: '', to: '' };

export interface LibraryState {
  documents: DocumentSummary[];
  loaded: boolean;
  info: AppInfo | null;
  filters: LibraryFilters;
  /** Document ids that have annotations under the pillar filter (null: no pillar filter data). */
  pillarDocuments: Set<string> | null;
  load(): Promise<void>;
  setFilters(patch: Partial<LibraryFilters>): void;
  clearFilters(): void;
  setPillarDocuments(ids: Set<string> | null): void;
}

export const useLibrary = create<LibraryState>()((set, get) => ({
  documents: [],
  loaded: false,
  info: null,
  filters: EMPTY_FILTERS,
  pillarDocuments: null,
  load: async () => {
    try {
      const [list, info] = await Promise.all([api().call('documents.list', {}), api().call('app.info', {})]);
      set({ documents: list.documents, info, loaded: true });
    } catch (e) {
      set({ loaded: true });
      useUi.getState().reportError(errorData(e));
    }
  },
  setFilters: (patch) => set({ filters: { ...get().filters, ...patch } }),
  clearFilters: () => set({ filters: EMPTY_FILTERS, pillarDocuments: null }),
  setPillarDocuments: (pillarDocuments) => set({ pillarDocuments }),
}));

/** The documents the filters let through, in the list's order. */
export function filterDocuments(docs: DocumentSummary[], f: LibraryFilters, pillarDocuments: Set<string> | null): DocumentSummary[] {
  const text = f.text.trim().toLowerCase();
  return docs.filter((d) => {
    if (text && !d.title.toLowerCase().includes(text) && !(d.issuer ?? '').toLowerCase().includes(text)) return false;
    if (f.kind && d.kind !== f.kind) return false;
    if (f.pillar && pillarDocuments && !pillarDocuments.has(d.id)) return false;
    // Undated documents cannot be placed in a period, so a period filter leaves them out.
    if ((f.from || f.to) && !d.date) return false;
    const year = d.date?.slice(0, 4) ?? '';
    if (f.from && year < f.from) return false;
    if (f.to && year > f.to) return false;
    return true;
  });
}
