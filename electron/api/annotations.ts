// Handlers for the analyst's layer (shared/api/annotations.ts): thin calls into electron/annotate
// and electron/backup. The dispatcher runs the after-write step (electron/api/after-write.ts).
import { annotationsApi } from '../../shared/api/annotations';
import type { AppContext } from '../store/context';
import type { SuggestActor } from '../annotate/suggestions';
import { getAnnotation } from '../annotate/annotation-rows';
import { createAnnotation, deleteAnnotation, listAnnotations, listTags, updateAnnotation } from '../annotate/annotations';
import { exportAnnotations, importAnnotations } from '../exchange/annotations-file';
import { activityFor } from '../journal/journal';
import { getPillar, listPillars } from '../annotate/pillar-rows';
import { archivePillar, createPillar, deletePillar, reorderPillars, updatePillar } from '../annotate/pillars';
import { acceptSuggestion, rejectSuggestion, setPillarTerm, suggestForDocument, suggestForStatement, suggestForText, unfiledSuggestions } from '../annotate/suggestions';
import { effectiveTerms } from '../annotate/terms';
import { redo, undo, undoRedoState } from '../journal/undo';
import { listBackups } from '../backup/backups';
import { manualBackup, restoreInContext } from '../backup/recovery';
import { backupDirFor } from '../store/paths';
import type { DomainHandlers } from './dispatch';
import { requireAbsolutePath } from './paths';

function actor(ctx: AppContext): SuggestActor {
  return { db: ctx.db, author: ctx.author, resourcesDir: ctx.resourcesDir };
}

export const annotationsHandlers: DomainHandlers<typeof annotationsApi> = {
  'pillars.list': (req, ctx) => ({ pillars: listPillars(ctx.db, { includeArchived: req.includeArchived ?? true }) }),
  'pillars.create': (req, ctx) => ({ pillar: createPillar(actor(ctx), req) }),
  'pillars.update': (req, ctx) => ({ pillar: updatePillar(actor(ctx), req.id, req) }),
  'pillars.archive': (req, ctx) => ({ pillar: archivePillar(actor(ctx), req.id, req.archived) }),
  'pillars.delete': (req, ctx) => {
    deletePillar(actor(ctx), req.id);
    return { deleted: true as const };
  },
  'pillars.reorder': (req, ctx) => ({ pillars: reorderPillars(actor(ctx), req.parentId, req.ids) }),
  'pillars.terms': (req, ctx) => {
    if (req.pillarId !== undefined) getPillar(ctx.db, req.pillarId);
    const rules = effectiveTerms(ctx.db, ctx.resourcesDir);
    return { threshold: rules.threshold, saturation: rules.saturation, terms: rules.terms.filter((t) => req.pillarId === undefined || t.pillarId === req.pillarId) };
  },
  'pillars.setTerm': (req, ctx) => {
    setPillarTerm(actor(ctx), req.pillarId, req.term, req.weight);
    return { ok: true as const };
  },

  'annotations.create': (req, ctx) => ({ annotation: createAnnotation(actor(ctx), req) }),
  'annotations.update': (req, ctx) => ({ annotation: updateAnnotation(actor(ctx), req.id, req) }),
  'annotations.delete': (req, ctx) => {
    deleteAnnotation(actor(ctx), req.id);
    return { deleted: true as const, state: undoRedoState(ctx) };
  },
  'annotations.get': (req, ctx) => ({ annotation: getAnnotation(ctx.db, req.id) }),
  'annotations.list': (req, ctx) => ({ annotations: listAnnotations(ctx, req) }),
  'tags.list': (_req, ctx) => ({ tags: listTags(ctx) }),

  'suggestions.forStatement': (req, ctx) => ({ suggestions: suggestForStatement(actor(ctx), req.statementId, { includeRejected: req.includeRejected }) }),
  'suggestions.forDocument': (req, ctx) => ({ statements: suggestForDocument(actor(ctx), req.documentId) }),
  'suggestions.unfiled': (req, ctx) => {
    if (req.pillarId !== undefined) getPillar(ctx.db, req.pillarId);
    return unfiledSuggestions(actor(ctx), req);
  },
  'suggestions.forText': (req, ctx) => ({ suggestions: suggestForText(actor(ctx), req.text) }),
  'suggestions.accept': (req, ctx) => acceptSuggestion(actor(ctx), req.statementId, req.pillarId),
  'suggestions.reject': (req, ctx) => {
    rejectSuggestion(actor(ctx), req.statementId, req.pillarId);
    return { ok: true as const };
  },

  'history.undo': (_req, ctx) => {
    const r = undo(actor(ctx));
    return { done: !!r, kind: r?.kind ?? null, label: r?.label ?? null, annotationIds: r?.annotationIds ?? [], pillarIds: r?.pillarIds ?? [], briefingIds: r?.briefingIds ?? [], state: undoRedoState(ctx) };
  },
  'history.redo': (_req, ctx) => {
    const r = redo(actor(ctx));
    return { done: !!r, kind: r?.kind ?? null, label: r?.label ?? null, annotationIds: r?.annotationIds ?? [], pillarIds: r?.pillarIds ?? [], briefingIds: r?.briefingIds ?? [], state: undoRedoState(ctx) };
  },
  'history.state': (_req, ctx) => undoRedoState(ctx),
  'history.forStatement': (req, ctx) => ({ activity: activityFor(ctx.db, req.statementId, req.limit ?? 200) }),

  'backups.list': (_req, ctx) => ({ directory: backupDirFor(ctx.dbPath), backups: listBackups(ctx.dbPath) }),
  'backups.create': async (_req, ctx) => ({ backup: await manualBackup(ctx) }),
  'backups.restore': (req, ctx) => restoreInContext(ctx, req.file),

  'annotations.export': (req, ctx) => exportAnnotations(actor(ctx), { ...req, path: requireAbsolutePath(req.path, { ja: '書き出し先', en: 'export path' }), overwrite: req.overwrite }),
  'annotations.import': (req, ctx) => importAnnotations(actor(ctx), requireAbsolutePath(req.path, { ja: '読み込むファイル', en: 'file to import' })),
};
