// The analyst's memos as last fetched: every memo (workspace and document memos), the one open on
// the memo page, and the writes (each journaled on the back end, so undo takes them back). After a
// write the undo labels and the annotation revision move on, which is what refetches the lists.
import { create } from 'zustand';
import type { ResponseOf } from '../../../shared/api/contract';
import { api, errorData } from '../api/client';
import { useAnnotations } from './annotations';
import { useUi } from './ui';

export type Memo = ResponseOf<'memo.get'>;

export interface MemosState {
  memos: Memo[];
  loaded: boolean;
  /** The memo open on the memo page (a search hit or a click opens it). */
  openId: string | null;
  load(): Promise<void>;
  setOpen(id: string | null): void;
  create(documentId: string | null, title: string, body?: string): Promise<Memo | null>;
  update(id: string, patch: { title?: string; body?: string }): Promise<boolean>;
  remove(id: string): Promise<void>;
}

async function afterWrite(): Promise<void> {
  // The same step as an annotation write: undo labels, and a new revision for views that count.
  useAnnotations.setState({ revision: useAnnotations.getState().revision + 1 });
  await Promise.all([useAnnotations.getState().refreshUndo(), useMemos.getState().load()]);
}

export const useMemos = create<MemosState>()((set, get) => ({
  memos: [],
  loaded: false,
  openId: null,
  load: async () => {
    try {
      const { memos } = await api().call('memo.list', {});
      set({ memos, loaded: true, openId: memos.some((m) => m.id === get().openId) ? get().openId : null });
    } catch (e) {
      useUi.getState().reportError(errorData(e));
    }
  },
  setOpen: (openId) => set({ openId }),
  create: async (documentId, title, body) => {
    try {
      const memo = await api().call('memo.create', { documentId, title, ...(body ? { body } : {}) });
      set({ openId: memo.id });
      await afterWrite();
      return memo;
    } catch (e) {
      useUi.getState().reportError(errorData(e));
      return null;
    }
  },
  update: async (id, patch) => {
    try {
      await api().call('memo.update', { id, ...patch });
      await afterWrite();
      return true;
    } catch (e) {
      useUi.getState().reportError(errorData(e));
      return false;
    }
  },
  remove: async (id) => {
    try {
      await api().call('memo.delete', { id });
      if (get().openId === id) set({ openId: null });
      await afterWrite();
      useUi.getState().notify({ ja: 'メモを削除しました（元に戻せます）。', en: 'Memo deleted (undo brings it back).' });
    } catch (e) {
      useUi.getState().reportError(errorData(e));
    }
  },
}));
