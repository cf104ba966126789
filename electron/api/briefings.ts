// Handlers for the briefing methods (shared/api/briefings.ts): thin calls into electron/briefing
// and electron/export; writes run with the context as their Actor (its db and author), like annotations.
import { briefingsApi } from '../../shared/api/briefings';
import { todayIso } from '../../shared/date';
import { AppError } from '../../shared/errors';
import * as repo from '../briefing/repo';
import { listExports } from '../briefing/export-log';
import { resolveBriefing } from '../briefing/resolve';
import { buildDraft, deleteTemplate, draftAsBriefing, listTemplates, saveTemplate } from '../briefing/templates';
import { exportBriefing, exportResolved, printJob, resolvedFor } from '../export';
import { HTML_CSP } from '../export/html';
import type { DomainHandlers } from './dispatch';
import { requireAbsolutePath } from './paths';
import { cancelExportJob, startExportJob } from '../export/jobs';

export const briefingsHandlers: DomainHandlers<typeof briefingsApi> = {
  'briefings.list': (_req, { db }) => ({ briefings: repo.listBriefings(db) }),
  'briefings.get': (req, { db }) => {
    const briefing = repo.getBriefing(db, req.id);
    return { briefing, resolved: resolveBriefing(db, briefing) };
  },
  'briefings.create': (req, ctx) => {
    const { template, ...header } = req;
    const draft = buildDraft(ctx.db, header, template ?? { from: 'empty' });
    return { briefing: repo.createBriefing(ctx, draft) };
  },
  'briefings.update': (req, ctx) => {
    const { id, ...patch } = req;
    return { briefing: repo.updateBriefing(ctx, id, patch) };
  },
  'briefings.duplicate': (req, ctx) => ({ briefing: repo.duplicateBriefing(ctx, req.id, req.title) }),
  'briefings.delete': (req, ctx) => {
    const meta = repo.deleteBriefing(ctx, req.id);
    return { deleted: { id: meta.id, title: meta.title } };
  },
  'briefings.undoDelete': (req, ctx) => {
    const id = req.id ?? repo.lastDeletedBriefingId(ctx.db);
    if (!id) throw new AppError('not-found', { ja: '元に戻せる削除済みのブリーフィングはありません。', en: 'There is no deleted briefing to bring back.' });
    return { briefing: repo.undoDeleteBriefing(ctx, id) };
  },
  'briefings.sections.add': (req, ctx) => repo.addSection(ctx, req.briefingId, req),
  'briefings.sections.update': (req, ctx) => ({ briefing: repo.updateSection(ctx, req.sectionId, req) }),
  'briefings.sections.move': (req, ctx) => ({ briefing: repo.moveSection(ctx, req.sectionId, req.position) }),
  'briefings.sections.delete': (req, ctx) => ({ briefing: repo.deleteSection(ctx, req.sectionId) }),
  'briefings.items.add': (req, ctx) =>
    repo.addItem(ctx, req.sectionId, req.annotationId !== undefined ? { annotationId: req.annotationId } : { statementId: req.statementId as string }, {
      comment: req.comment,
      position: req.position,
    }),
  'briefings.items.update': (req, ctx) => ({ briefing: repo.updateItem(ctx, req.itemId, { comment: req.comment }) }),
  'briefings.items.move': (req, ctx) => ({ briefing: repo.moveItem(ctx, req.itemId, { sectionId: req.sectionId, position: req.position }) }),
  'briefings.items.delete': (req, ctx) => ({ briefing: repo.deleteItem(ctx, req.itemId) }),
  'briefings.templates.list': (_req, { db }) => ({ templates: listTemplates(db) }),
  'briefings.templates.save': (req, { db }) => ({ template: saveTemplate(db, req.briefingId, req.name, { groupBy: req.groupBy, pillars: req.pillars }) }),
  'briefings.templates.delete': (req, { db }) => {
    deleteTemplate(db, req.id);
    return { deleted: true as const };
  },
  'briefings.export': async (req, { db, author }) => {
    requireAbsolutePath(req.path, { ja: '書き出し先', en: 'export path' });
    const job = startExportJob(req.job);
    try {
      return await exportBriefing(db, req.id, { format: req.format, path: req.path, force: req.force, author, signal: job.signal });
    } finally {
      job.done();
    }
  },
  'briefings.exportDraft': (req, { db, author }) => {
    const { template, format, path, force, ...header } = req;
    requireAbsolutePath(path, { ja: '書き出し先', en: 'export path' });
    const draft = buildDraft(db, header, template ?? { from: 'annotations' });
    return exportResolved(db, resolvedFor(db, draftAsBriefing(db, draft, author, todayIso())), { format, path, force, author });
  },
  'briefings.exportCancel': (req) => ({ cancelled: cancelExportJob(req.job) }),
  'briefings.exportLog': (req, { db }) => ({ entries: listExports(db, { briefingId: req.briefingId, limit: req.limit }) }),
  'briefings.preview': (req, { db }) => ({ html: printJob(resolveBriefing(db, repo.getBriefing(db, req.id))).html, csp: HTML_CSP }),
};
