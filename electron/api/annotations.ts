// Handlers for the analyst's layer (shared/api/annotations.ts): thin calls into electron/annotate
// and electron/backup. The dispatcher runs the after-write step (electron/api/after-write.ts).
import path from 'node:path';
import { annotationsApi } from '../../shared/api/annotations';
import type { AppContext } from '../store/context';
import type { SuggestActor } from '../annotate/suggestions';
import { getAnnotation } from '../annotate/annotation-rows';
import { createAnnotation, deleteAnnotation, listAnnotations, listTags, updateAnnotation } from '../annotate/annotations';
import { encodeExport, importAnnotationsData, MAX_ANNOTATIONS_FILE_BYTES, parseAnnotationsFile } from '../exchange/annotations-file';
import { writeFileAtomic } from '../export/write';
import { offerDownload } from '../files/transfers';
import { activityFor } from '../journal/journal';
import { getPillar, listPillars } from '../annotate/pillar-rows';
import { archivePillar, createPillar, deletePillar, reorderPillars, updatePillar } from '../annotate/pillars';
import { acceptSuggestion, rejectSuggestion, setPillarTerm, suggestForDocument, suggestForStatement, suggestForText, unfiledSuggestions } from '../annotate/suggestions';
import { effectiveTerms } from '../annotate/terms';
import { redoStep, undoRedoState, undoStep } from '../journal/undo';
import { backupDirForPath, listBackups } from '../backup/backups';
import { manualBackup, restoreInContext } from '../backup/recovery';
import type { DomainHandlers } from './dispatch';
import { readSource, resolveTarget } from './files';

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

  // Read ahead first (an import's documents are re-made from their originals), then one transaction.
  'history.undo': async (_req, ctx) => {
    const r = await undoStep(actor(ctx));
    return { done: !!r, kind: r?.kind ?? null, label: r?.label ?? null, annotationIds: r?.annotationIds ?? [], pillarIds: r?.pillarIds ?? [], briefingIds: r?.briefingIds ?? [], state: undoRedoState(ctx) };
  },
  'history.redo': async (_req, ctx) => {
    const r = await redoStep(actor(ctx));
    return { done: !!r, kind: r?.kind ?? null, label: r?.label ?? null, annotationIds: r?.annotationIds ?? [], pillarIds: r?.pillarIds ?? [], briefingIds: r?.briefingIds ?? [], state: undoRedoState(ctx) };
  },
  'history.state': (_req, ctx) => undoRedoState(ctx),
  'history.forStatement': (req, ctx) => ({ activity: activityFor(ctx.db, req.statementId, req.limit ?? 200) }),

  'backups.list': (_req, ctx) => ({ directory: backupDirForPath(ctx.dbPath), backups: listBackups(ctx.dbPath) }),
  'backups.create': async (_req, ctx) => {
    const { pruned, pruneRefused, ...backup } = await manualBackup(ctx);
    return { backup, pruned, pruneRefused };
  },
  'backups.restore': (req, ctx) => restoreInContext(ctx, req.file),

  'annotations.export': (req, ctx, scope) => {
    const target = resolveTarget(req.target, scope);
    const { bytes, annotations } = encodeExport(actor(ctx), req);
    if (target.kind === 'file') {
      // Replacing a file: the save dialog already asked the analyst (the CLI: --force).
      const written = writeFileAtomic(target.path, bytes, { force: target.replace });
      return { fileName: path.basename(written.path), path: written.path, annotations, bytes: written.bytes, download: null };
    }
    const fileName = `annotations-${new Date().toISOString().slice(0, 10)}.json`;
    return { fileName, path: null, annotations, bytes: bytes.length, download: offerDownload(bytes, fileName, 'application/json') };
  },
  'annotations.import': (req, ctx, scope) => {
    // Read and validated before the write starts: a bad file changes nothing.
    const { name, bytes } = readSource(req.source, scope, MAX_ANNOTATIONS_FILE_BYTES);
    const data = parseAnnotationsFile(name, bytes);
    return importAnnotationsData(actor(ctx), name, data);
  },
};
