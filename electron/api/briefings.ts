// Handlers for the briefing methods (shared/api/briefings.ts): thin calls into electron/briefing
// and electron/export, with the context's author for new briefings and export log entries.
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
  'briefings.create': (req, { db, author }) => {
    const { template, ...header } = req;
    const draft = buildDraft(db, header, template ?? { from: 'empty' });
    return { briefing: repo.createBriefing(db, draft, author) };
  },
  'briefings.update': (req, { db, author }) => {
    const { id, ...patch } = req;
    return { briefing: repo.updateBriefing(db, id, patch, author) };
  },
  'briefings.duplicate': (req, { db, author }) => ({ briefing: repo.duplicateBriefing(db, req.id, req.title, author) }),
  'briefings.delete': (req, { db, author }) => {
    const meta = repo.deleteBriefing(db, req.id, author);
    return { deleted: { id: meta.id, title: meta.title } };
  },
  'briefings.undoDelete': (req, { db, author }) => {
    const id = req.id ?? repo.lastDeletedBriefingId(db);
    if (!id) throw new AppError('not-found', { ja: '元に戻せる削除済みのブリーフィングはありません。', en: 'There is no deleted briefing to bring back.' });
    return { briefing: repo.undoDeleteBriefing(db, id, author) };
  },
  'briefings.sections.add': (req, { db, author }) => repo.addSection(db, req.briefingId, req, author),
  'briefings.sections.update': (req, { db, author }) => ({ briefing: repo.updateSection(db, req.sectionId, req, author) }),
  'briefings.sections.move': (req, { db, author }) => ({ briefing: repo.moveSection(db, req.sectionId, req.position, author) }),
  'briefings.sections.delete': (req, { db, author }) => ({ briefing: repo.deleteSection(db, req.sectionId, author) }),
  'briefings.items.add': (req, { db, author }) =>
    repo.addItem(db, req.sectionId, req.annotationId !== undefined ? { annotationId: req.annotationId } : { statementId: req.statementId as string }, {
      comment: req.comment,
      position: req.position,
    }, author),
  'briefings.items.update': (req, { db, author }) => ({ briefing: repo.updateItem(db, req.itemId, { comment: req.comment }, author) }),
  'briefings.items.move': (req, { db, author }) => ({ briefing: repo.moveItem(db, req.itemId, { sectionId: req.sectionId, position: req.position }, author) }),
  'briefings.items.delete': (req, { db, author }) => ({ briefing: repo.deleteItem(db, req.itemId, author) }),
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
