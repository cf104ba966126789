// The reader's view state: which document is open, its statements as fetched, the statement
// the analyst is on, and the pending jump (scroll + brief mark) that the reader performs once.
import { create } from 'zustand';
import type { DocumentSummary, Statement } from '../../../shared/model';
import { api, errorData } from '../api/client';
import type { TextSelection } from '../lib/selection';
import { useUi } from './ui';

export interface Jump {
  statementId: string;
  /** Changes on every request so jumping to the same statement twice marks it again. */
  token: number;
}

export interface ReaderState {
  documentId: string | null;
  document: DocumentSummary | null;
  statements: Statement[];
  loading: boolean;
  currentStatementId: string | null;
  jump: Jump | null;
  /** What a search matched in the statement opened from a hit (marked in the text). */
  matches: { statementId: string; spans: [number, number][] } | null;
  /** The span the analyst has selected in the text (drives the popover and A / 1–4). */
  selection: TextSelection | null;
  /** The popover shows quick actions, or the full annotation form (A key, 注釈 button). */
  selectionMode: 'actions' | 'form';
  setSelection(selection: TextSelection | null, mode?: 'actions' | 'form'): void;
  setSelectionMode(mode: 'actions' | 'form'): void;
  open(documentId: string, statementId?: string, matches?: [number, number][]): Promise<void>;
  openStatement(statementId: string): Promise<void>;
  setCurrent(statementId: string | null): void;
  jumpTo(statementId: string): void;
  reload(): Promise<void>;
  close(): void;
}

let jumpToken = 0;

export const useReader = create<ReaderState>()((set, get) => ({
  documentId: null,
  document: null,
  statements: [],
  loading: false,
  currentStatementId: null,
  jump: null,
  matches: null,
  selection: null,
  selectionMode: 'actions',
  setSelection: (selection, mode = 'actions') => set(selection ? { selection, selectionMode: mode, currentStatementId: selection.statementId } : { selection: null, selectionMode: 'actions' }),
  setSelectionMode: (selectionMode) => set({ selectionMode }),
  open: async (documentId, statementId, spans) => {
    useUi.getState().setView('reader');
    const jump = statementId ? { statementId, token: ++jumpToken } : null;
    const matches = statementId && spans?.length ? { statementId, spans } : null;
    if (get().documentId === documentId && get().statements.length > 0) {
      set({ jump, matches, selection: null, currentStatementId: statementId ?? get().currentStatementId });
      return;
    }
    set({ matches, documentId, loading: true, jump, currentStatementId: statementId ?? null, selection: null, statements: [], document: null });
    try {
      const [doc, list] = await Promise.all([api().call('documents.get', { id: documentId }), api().call('statements.list', { documentId })]);
      // A later open() wins: drop answers that arrive for a document no longer wanted.
      if (get().documentId !== documentId) return;
      set({ document: doc.document, statements: list.statements, loading: false });
    } catch (e) {
      if (get().documentId !== documentId) return;
      set({ loading: false, documentId: null, document: null, statements: [] });
      useUi.getState().reportError(errorData(e));
    }
  },
  openStatement: async (statementId) => {
    try {
      const { statement } = await api().call('statements.get', { id: statementId });
      await get().open(statement.documentId, statementId);
    } catch (e) {
      useUi.getState().reportError(errorData(e));
    }
  },
  setCurrent: (currentStatementId) => set({ currentStatementId }),
  jumpTo: (statementId) => set({ jump: { statementId, token: ++jumpToken }, currentStatementId: statementId }),
  reload: async () => {
    const id = get().documentId;
    if (!id) return;
    try {
      const [doc, list] = await Promise.all([api().call('documents.get', { id }), api().call('statements.list', { documentId: id })]);
      if (get().documentId === id) set({ document: doc.document, statements: list.statements });
    } catch (e) {
      useUi.getState().reportError(errorData(e));
    }
  },
  close: () => set({ selection: null, documentId: null, document: null, statements: [], currentStatementId: null, jump: null }),
}));
