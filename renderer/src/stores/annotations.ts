// View state of the analyst's layer: the pillar taxonomy, the open document's annotations,
// the current statement's suggestions and history, and what undo/redo would do. Every write
// goes through the API and is followed by a refetch: the database stays the source of truth.
import { create } from 'zustand';
import type { ResponseOf } from '../../../shared/api/contract';
import type { ActivityEntry, Annotation, UndoState } from '../../../shared/annotations';
import type { LocalizedText } from '../../../shared/errors';
import type { Pillar, PillarSuggestion } from '../../../shared/pillars';
import { api, errorData } from '../api/client';
import { useBriefing } from './briefing';
import { useLibrary } from './library';
import { useReader } from './reader';
import { useUi } from './ui';

export type StatementSuggestion = ResponseOf<'suggestions.forStatement'>['suggestions'][number];

export interface NewAnnotation {
  statementId: string;
  quote?: string;
  start?: number;
  end?: number;
  comment?: string;
  tags?: string[];
  pillarIds?: string[];
}

export interface AnnotationsState {
  pillars: Pillar[];
  /** Annotations of the open document (orphans included, flagged). */
  annotations: Annotation[];
  documentId: string | null;
  suggestions: StatementSuggestion[];
  suggestionsFor: string | null;
  history: ActivityEntry[];
  undoState: UndoState;
  /** Bumped after every write so views that fetch their own data (board, briefing) refresh. */
  revision: number;
  loadPillars(): Promise<void>;
  loadDocument(documentId: string | null): Promise<void>;
  loadStatement(statementId: string | null): Promise<void>;
  create(input: NewAnnotation): Promise<Annotation | null>;
  update(id: string, patch: { comment?: string; tags?: string[]; pillarIds?: string[]; importance?: number | null }): Promise<Annotation | null>;
  remove(id: string): Promise<void>;
  accept(statementId: string, pillarId: string): Promise<void>;
  reject(statementId: string, pillarId: string): Promise<void>;
  undo(): Promise<void>;
  redo(): Promise<void>;
  refreshUndo(): Promise<void>;
  /** After a change made elsewhere (an imported annotations file): everything shown, fetched again. */
  reloadAll(): Promise<void>;
  suggestText(text: string): Promise<PillarSuggestion[]>;
}

const EMPTY_UNDO: UndoState = { undo: null, redo: null };

function fail(e: unknown): null {
  useUi.getState().reportError(errorData(e));
  return null;
}

/** The pillars an analyst files under, in board order: top level, not archived. */
export function activePillars(pillars: Pillar[]): Pillar[] {
  return pillars.filter((p) => !p.archived && p.parentId === null).sort((a, b) => a.position - b.position);
}

export function pillarName(p: Pillar | undefined, lang: 'ja' | 'en'): string {
  if (!p) return '';
  return lang === 'ja' ? p.nameJa : p.nameEn || p.nameJa;
}

export const useAnnotations = create<AnnotationsState>()((set, get) => {
  /** After a write: what the write may have changed, fetched again. */
  const afterWrite = async (notice?: LocalizedText) => {
    set({ revision: get().revision + 1 });
    const reader = useReader.getState();
    await Promise.all([get().loadDocument(reader.documentId), get().loadStatement(reader.currentStatementId), get().refreshUndo(), get().loadPillars(), useLibrary.getState().load()]);
    if (notice) useUi.getState().notify(notice);
  };

  /**
   * An undone import takes its documents out of the library, a redone one re-makes them: the
   * reader lets go of a document that is gone and re-reads one that came back (new statements).
   */
  const followImportedDocuments = async () => {
    await useLibrary.getState().load();
    const reader = useReader.getState();
    if (!reader.documentId) return;
    if (useLibrary.getState().documents.some((d) => d.id === reader.documentId)) await reader.reload();
    else reader.close();
  };

  /** Undo or redo one journal step (annotations, pillars or briefings), then refresh what it touched. */
  const replay = async (method: 'history.undo' | 'history.redo', verb: LocalizedText) => {
    try {
      const r = await api().call(method, {});
      set({ undoState: r.state });
      if (!r.done) return;
      const notice = r.label ? { ja: `${verb.ja}: ${r.label.ja}`, en: `${verb.en}: ${r.label.en}` } : undefined;
      if (r.kind === 'document.import' || r.kind === 'document.remove' || r.kind === 'annotation.import') await followImportedDocuments();
      await Promise.all([afterWrite(notice), useBriefing.getState().afterHistory(r.briefingIds ?? [])]);
    } catch (e) {
      fail(e);
    }
  };

  return {
    pillars: [],
    annotations: [],
    documentId: null,
    suggestions: [],
    suggestionsFor: null,
    history: [],
    undoState: EMPTY_UNDO,
    revision: 0,
    loadPillars: async () => {
      try {
        const { pillars } = await api().call('pillars.list', {});
        set({ pillars });
      } catch (e) {
        fail(e);
      }
    },
    loadDocument: async (documentId) => {
      if (!documentId) {
        set({ annotations: [], documentId: null });
        return;
      }
      try {
        const { annotations } = await api().call('annotations.list', { documentId });
        if (useReader.getState().documentId === documentId) set({ annotations, documentId });
      } catch (e) {
        fail(e);
      }
    },
    loadStatement: async (statementId) => {
      if (!statementId) {
        set({ suggestions: [], suggestionsFor: null, history: [] });
        return;
      }
      try {
        const [s, h] = await Promise.all([api().call('suggestions.forStatement', { statementId }), api().call('history.forStatement', { statementId, limit: 20 })]);
        if (useReader.getState().currentStatementId === statementId) set({ suggestions: s.suggestions, suggestionsFor: statementId, history: h.activity });
      } catch (e) {
        fail(e);
      }
    },
    create: async (input) => {
      try {
        const { annotation } = await api().call('annotations.create', input);
        await afterWrite();
        return annotation;
      } catch (e) {
        return fail(e);
      }
    },
    update: async (id, patch) => {
      try {
        const { annotation } = await api().call('annotations.update', { id, ...patch });
        await afterWrite();
        return annotation;
      } catch (e) {
        return fail(e);
      }
    },
    remove: async (id) => {
      try {
        await api().call('annotations.delete', { id });
        await afterWrite();
      } catch (e) {
        fail(e);
      }
    },
    accept: async (statementId, pillarId) => {
      try {
        await api().call('suggestions.accept', { statementId, pillarId });
        await afterWrite();
      } catch (e) {
        fail(e);
      }
    },
    reject: async (statementId, pillarId) => {
      try {
        await api().call('suggestions.reject', { statementId, pillarId });
        await afterWrite();
      } catch (e) {
        fail(e);
      }
    },
    undo: () => replay('history.undo', { ja: '元に戻しました', en: 'Undone' }),
    redo: () => replay('history.redo', { ja: 'やり直しました', en: 'Redone' }),
    refreshUndo: async () => {
      try {
        set({ undoState: await api().call('history.state', {}) });
      } catch (e) {
        fail(e);
      }
    },
    reloadAll: () => afterWrite(),
    suggestText: async (text) => {
      try {
        return (await api().call('suggestions.forText', { text })).suggestions;
      } catch {
        // Suggestions are a help, not a requirement: the popover works without them.
        return [];
      }
    },
  };
});
