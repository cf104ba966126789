// View state of the briefing composer: the briefing list, the current briefing (its id kept
// between runs) as last fetched with its resolved citations, the preview HTML and the export
// log. Every edit is an API call; the answer replaces what is shown.
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { RequestOf, ResponseOf } from '../../../shared/api/contract';
import type { FileTarget } from '../../../shared/api/files';
import type { Briefing, BriefingSummary, BriefingTemplate, ExportFormat, ExportLogEntry, LiveSection, ResolvedBriefing } from '../../../shared/briefing';
import { todayIso } from '../../../shared/date';
import type { LocalizedText } from '../../../shared/errors';
import { api, errorData } from '../api/client';
import { useUi } from './ui';

export type BriefingPatch = Omit<RequestOf<'briefings.update'>, 'id'>;
export type Evidence = { annotationId: string } | { statementId: string } | { memoId: string };

export interface BriefingState {
  list: BriefingSummary[];
  currentId: string | null;
  briefing: Briefing | null;
  resolved: ResolvedBriefing | null;
  previewHtml: string;
  exportLog: ExportLogEntry[];
  templates: BriefingTemplate[];
  /** The current briefing's sections that follow a pillar, with their new annotations. */
  live: LiveSection[];
  /** Fetches the new annotations again (after annotations changed elsewhere in the window). */
  refreshLive(): Promise<void>;
  acceptLive(sectionId: string, annotationIds: string[]): Promise<void>;
  dismissLive(sectionId: string, annotationIds: string[]): Promise<void>;
  /** Makes a section follow a pillar from now on, or stop (null). */
  followPillar(sectionId: string, pillarId: string | null): Promise<void>;
  loadList(): Promise<void>;
  loadTemplates(): Promise<void>;
  duplicate(): Promise<void>;
  remove(): Promise<void>;
  saveTemplate(name: string): Promise<void>;
  select(id: string | null): Promise<void>;
  refresh(): Promise<void>;
  create(title: string, template?: RequestOf<'briefings.create'>['template']): Promise<Briefing | null>;
  update(patch: BriefingPatch): Promise<void>;
  addSection(heading: string): Promise<void>;
  updateSection(sectionId: string, patch: { heading?: string; body?: string }): Promise<void>;
  moveSection(sectionId: string, position: number): Promise<void>;
  deleteSection(sectionId: string): Promise<void>;
  addItem(sectionId: string, evidence: Evidence, position?: number): Promise<void>;
  updateItem(itemId: string, comment: string): Promise<void>;
  moveItem(itemId: string, position: number, sectionId?: string): Promise<void>;
  deleteItem(itemId: string): Promise<void>;
  /**
   * 「ブリーフィングへ」: opens the section picker for this evidence (SectionPickerHost); the
   * evidence goes where the analyst chooses, never silently into the last section.
   */
  placeEvidence(evidence: Evidence): void;
  /** The evidence waiting in the open section picker, if any. */
  placing: Evidence | null;
  cancelPlacing(): void;
  /** Adds evidence to a chosen section and opens that briefing; throws (for the picker) on failure. */
  addEvidenceTo(place: { briefingId: string; sectionId: string }, evidence: Evidence): Promise<void>;
  /** 'cancelled' when cancelExport() stopped it before the file was written. */
  /** Exports to a target (a save-dialog handle, or a download); the response, 'cancelled', or null on failure (reported). */
  exportTo(format: ExportFormat, target: FileTarget): Promise<ResponseOf<'briefings.export'> | 'cancelled' | null>;
  /** The running export's job id, while one runs. */
  exportJob: string | null;
  cancelExport(): Promise<void>;
  /**
   * After an undo or redo that changed these briefings (from anywhere in the window): the list
   * and, if it is among them, the current briefing are fetched again. A briefing brought back
   * while none is open (an undone deletion) becomes the current one.
   */
  afterHistory(briefingIds: string[]): Promise<void>;
}


export const useBriefing = create<BriefingState>()(
  persist(
    (set, get) => {
      const report = (e: unknown) => {
        useUi.getState().reportError(errorData(e));
      };
      /** Apply a briefing returned by a write, then refresh what depends on it. */
      const apply = async (briefing: Briefing) => {
        set({ briefing, currentId: briefing.id });
        await get().refresh();
      };
      const run = async (fn: () => Promise<{ briefing: Briefing }>) => {
        try {
          await apply((await fn()).briefing);
        } catch (e) {
          report(e);
        }
      };
      return {
        list: [],
        currentId: null,
        briefing: null,
        resolved: null,
        previewHtml: '',
        exportLog: [],
        templates: [],
        live: [],
        refreshLive: async () => {
          const id = get().currentId;
          if (!id) return;
          try {
            const { sections } = await api().call('briefings.live', { id });
            if (get().currentId === id) set({ live: sections });
          } catch (e) {
            report(e);
          }
        },
        acceptLive: (sectionId, annotationIds) => run(() => api().call('briefings.live.accept', { sectionId, annotationIds })),
        dismissLive: (sectionId, annotationIds) => run(() => api().call('briefings.live.dismiss', { sectionId, annotationIds })),
        followPillar: (sectionId, pillarId) => run(() => api().call('briefings.sections.follow', { sectionId, pillarId })),
        loadTemplates: async () => {
          try {
            set({ templates: (await api().call('briefings.templates.list', {})).templates });
          } catch (e) {
            report(e);
          }
        },
        duplicate: async () => {
          const b = get().briefing;
          if (!b) return;
          const copyTitle = `${b.title}${b.language === 'en' ? ' (copy)' : '（複製）'}`;
          await run(() => api().call('briefings.duplicate', { id: b.id, title: copyTitle }));
        },
        remove: async () => {
          const b = get().briefing;
          if (!b) return;
          try {
            const { deleted } = await api().call('briefings.delete', { id: b.id });
            set({ currentId: null, briefing: null, resolved: null, previewHtml: '', exportLog: [] });
            await get().loadList();
            useUi.getState().notify(
              { ja: `「${deleted.title}」を削除しました。`, en: `Deleted "${deleted.title}".` },
              { label: { ja: '元に戻す', en: 'Undo' }, run: () => void run(() => api().call('briefings.undoDelete', { id: deleted.id })) },
            );
          } catch (e) {
            report(e);
          }
        },
        saveTemplate: async (name) => {
          const id = get().currentId;
          if (!id) return;
          try {
            const { template } = await api().call('briefings.templates.save', { briefingId: id, name });
            await get().loadTemplates();
            useUi.getState().notify({ ja: `ひな形「${template.name}」を保存しました。`, en: `Saved the template "${template.name}".` });
          } catch (e) {
            report(e);
          }
        },
        loadList: async () => {
          try {
            const { briefings } = await api().call('briefings.list', {});
            set({ list: briefings });
            const id = get().currentId;
            if (id && !briefings.some((b) => b.id === id)) set({ currentId: null, briefing: null, resolved: null, previewHtml: '' });
          } catch (e) {
            report(e);
          }
        },
        select: async (id) => {
          set({ currentId: id, briefing: null, resolved: null, previewHtml: '', exportLog: [], live: [] });
          if (id) await get().refresh();
        },
        refresh: async () => {
          const id = get().currentId;
          if (!id) return;
          try {
            const [got, preview, log, list, live] = await Promise.all([
              api().call('briefings.get', { id }),
              api().call('briefings.preview', { id }),
              api().call('briefings.exportLog', { briefingId: id, limit: 20 }),
              api().call('briefings.list', {}),
              api().call('briefings.live', { id }),
            ]);
            if (get().currentId !== id) return;
            set({ briefing: got.briefing, resolved: got.resolved, previewHtml: preview.html, exportLog: log.entries, list: list.briefings, live: live.sections });
          } catch (e) {
            report(e);
          }
        },
        create: async (title, template) => {
          try {
            const { briefing } = await api().call('briefings.create', { title, date: todayIso(), template: template ?? { from: 'empty' } });
            await apply(briefing);
            return briefing;
          } catch (e) {
            report(e);
            return null;
          }
        },
        update: (patch) => run(() => api().call('briefings.update', { id: get().currentId!, ...patch })),
        addSection: (heading) => run(() => api().call('briefings.sections.add', { briefingId: get().currentId!, heading })),
        updateSection: (sectionId, patch) => run(() => api().call('briefings.sections.update', { sectionId, ...patch })),
        moveSection: (sectionId, position) => run(() => api().call('briefings.sections.move', { sectionId, position })),
        deleteSection: (sectionId) => run(() => api().call('briefings.sections.delete', { sectionId })),
        addItem: (sectionId, evidence, position) => run(() => api().call('briefings.items.add', { sectionId, ...evidence, position })),
        updateItem: (itemId, comment) => run(() => api().call('briefings.items.update', { itemId, comment })),
        moveItem: (itemId, position, sectionId) => run(() => api().call('briefings.items.move', { itemId, position, sectionId })),
        deleteItem: (itemId) => run(() => api().call('briefings.items.delete', { itemId })),
        placing: null,
        placeEvidence: (evidence) => set({ placing: evidence }),
        cancelPlacing: () => set({ placing: null }),
        addEvidenceTo: async (place, evidence) => {
          const added = await api().call('briefings.items.add', { sectionId: place.sectionId, ...evidence });
          set({ placing: null });
          await apply(added.briefing);
          const heading = added.briefing.sections.find((s) => s.id === place.sectionId)?.heading ?? '';
          const notice: LocalizedText = { ja: `「${added.briefing.title}」の節「${heading}」に追加しました。`, en: `Added to "${added.briefing.title}", section "${heading}".` };
          useUi.getState().notify(notice);
        },
        exportJob: null,
        exportTo: async (format, target) => {
          const id = get().currentId;
          if (!id) return null;
          const job = `export-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
          set({ exportJob: job });
          try {
            const r = await api().call('briefings.export', { id, format, target, job });
            await get().refresh();
            return r;
          } catch (e) {
            if (errorData(e).code === 'cancelled') return 'cancelled';
            report(e);
            return null;
          } finally {
            if (get().exportJob === job) set({ exportJob: null });
          }
        },
        cancelExport: async () => {
          const job = get().exportJob;
          if (!job) return;
          try {
            await api().call('briefings.exportCancel', { job });
          } catch (e) {
            report(e);
          }
        },
        afterHistory: async (briefingIds) => {
          if (briefingIds.length === 0) return;
          await get().loadList();
          const id = get().currentId;
          if (id && briefingIds.includes(id)) {
            await get().refresh();
            return;
          }
          if (id) return;
          const back = briefingIds.find((b) => get().list.some((x) => x.id === b));
          if (back) await get().select(back);
        },
      };
    },
    { name: 'workbench.briefing', version: 1, storage: createJSONStorage(() => localStorage), partialize: (s) => ({ currentId: s.currentId }) },
  ),
);
