// Handlers for the briefing methods (shared/api/briefings.ts): thin calls into electron/briefing
// and electron/export; writes run with the context as their Actor (its db and author), like annotations.
import path from 'node:path';
import type Database from 'better-sqlite3';
import { briefingsApi } from '../../shared/api/briefings';
import type { ResponseOf } from '../../shared/api/contract';
import type { BriefingReview, ExportFormat, ResolvedBriefing } from '../../shared/briefing';
import { todayIso } from '../../shared/date';
import { AppError } from '../../shared/errors';
import * as repo from '../briefing/repo';
import { listExports } from '../briefing/export-log';
import { acceptLive, dismissLive, followPillar, liveCandidates } from '../briefing/live';
import { placements, rememberSection } from '../briefing/placement';
import { resolveBriefing } from '../briefing/resolve';
import { buildDraft, deleteTemplate, draftAsBriefing, listTemplates, saveTemplate } from '../briefing/templates';
import { exportResolved, MIME_TYPES, printJob, renderForDownload, resolvedFor } from '../export';
import { offerDownload } from '../files/transfers';
import { readSource, resolveTarget, type ResolvedTarget } from './files';
import { HTML_CSP } from '../export/html';
import type { DomainHandlers } from './dispatch';
import { cancelExportJob, startExportJob } from '../export/jobs';

type ExportResponse = ResponseOf<'briefings.export'>;

/** Writes a resolved briefing to the granted file (replacing only when the grant says so), or holds it as a download. */
async function exportTo(db: Database.Database, doc: ResolvedBriefing, target: ResolvedTarget, opts: { format: ExportFormat; author: string; signal?: AbortSignal }): Promise<ExportResponse> {
  if (target.kind === 'file') {
    // Replacing a file: the save dialog already asked the analyst (the CLI: --force).
    const r = await exportResolved(db, doc, { ...opts, path: target.path, force: target.replace });
    return { fileName: path.basename(r.path), path: r.path, bytes: r.bytes, format: r.format, log: r.log, download: null };
  }
  const r = await renderForDownload(db, doc, opts);
  return { fileName: r.fileName, path: null, bytes: r.data.length, format: opts.format, log: r.log, download: offerDownload(r.data, r.fileName, MIME_TYPES[opts.format]) };
}

/** A reviewed note is a few hundred kilobytes; anything near this is not one of ours. */
const MAX_REVIEW_BYTES = 32 * 1024 * 1024;

/**
 * What the reviewer did, beside the briefing as it stands: their comments (ours, the annotation
 * notes the export carried, are marked), tracked changes, or, when the reviewer edited without
 * tracking, the paragraphs that differ from a fresh export of the briefing. Writes nothing.
 */
async function readReview(db: Database.Database, id: string, file: { name: string; bytes: Uint8Array }): Promise<BriefingReview> {
  const fileName = path.basename(file.name);
  // Word reading and writing load on first use (not at every start: see electron/export/index.ts).
  const [{ paragraphChanges, readReviewedDocx, renderedParagraphs }, { renderBriefingDocx }] = await Promise.all([import('../import/review-docx'), import('../export/docx')]);
  const reviewed = readReviewedDocx(file.bytes, fileName);
  const resolved = resolvedFor(db, repo.getBriefing(db, id));
  if (reviewed.briefingId !== id) {
    throw new AppError(
      'bad-input',
      { ja: `${fileName}: 別のブリーフィング（${reviewed.briefingId}）から書き出した資料です。`, en: `${fileName}: it was exported from another briefing (${reviewed.briefingId}).` },
      { subject: fileName },
    );
  }
  const ours = new Set(resolved.sections.flatMap((s) => s.items.map((it) => it.annotationComment?.trim()).filter((c): c is string => !!c)));
  const comments = reviewed.comments.map((c) => ({ ...c, fromExport: c.author === resolved.author && ours.has(c.text) }));
  const changes = reviewed.edits.length ? [] : paragraphChanges(renderedParagraphs(await renderBriefingDocx(resolved)), reviewed.paragraphs);
  return { briefingId: id, fileName, exportedAt: reviewed.exportedAt, comments, edits: reviewed.edits, changes };
}

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
    repo.addItem(
      ctx,
      req.sectionId,
      req.annotationId !== undefined ? { annotationId: req.annotationId } : req.memoId !== undefined ? { memoId: req.memoId } : { statementId: req.statementId as string },
      { comment: req.comment, position: req.position },
    ),
  'briefings.placement': (req, { db }) => ({ briefings: placements(db, req.annotationIds) }),
  'briefings.placement.remember': (req, { db }) => {
    rememberSection(db, req.briefingId, req.sectionId);
    return { remembered: true as const };
  },
  'briefings.sections.follow': (req, ctx) => ({ briefing: followPillar(ctx, req.sectionId, req.pillarId) }),
  'briefings.live': (req, { db }) => ({ sections: liveCandidates(db, req.id) }),
  'briefings.live.accept': (req, ctx) => acceptLive(ctx, req.sectionId, req.annotationIds),
  'briefings.live.dismiss': (req, ctx) => ({ briefing: dismissLive(ctx, req.sectionId, req.annotationIds) }),
  'briefings.items.update': (req, ctx) => ({ briefing: repo.updateItem(ctx, req.itemId, { comment: req.comment }) }),
  'briefings.items.move': (req, ctx) => ({ briefing: repo.moveItem(ctx, req.itemId, { sectionId: req.sectionId, position: req.position }) }),
  'briefings.items.delete': (req, ctx) => ({ briefing: repo.deleteItem(ctx, req.itemId) }),
  'briefings.templates.list': (_req, { db }) => ({ templates: listTemplates(db) }),
  'briefings.templates.save': (req, { db }) => ({ template: saveTemplate(db, req.briefingId, req.name, { groupBy: req.groupBy, pillars: req.pillars }) }),
  'briefings.templates.delete': (req, { db }) => {
    deleteTemplate(db, req.id);
    return { deleted: true as const };
  },
  'briefings.export': async (req, { db, author }, scope) => {
    const job = startExportJob(req.job);
    try {
      return await exportTo(db, resolvedFor(db, req.id), resolveTarget(req.target, scope), { format: req.format, author, signal: job.signal });
    } finally {
      job.done();
    }
  },
  'briefings.exportDraft': (req, { db, author }, scope) => {
    const { template, format, target, ...header } = req;
    const resolved = resolveTarget(target, scope);
    const draft = buildDraft(db, header, template ?? { from: 'annotations' });
    return exportTo(db, resolvedFor(db, draftAsBriefing(db, draft, author, todayIso())), resolved, { format, author });
  },
  'briefings.exportCancel': (req) => ({ cancelled: cancelExportJob(req.job) }),
  'briefings.exportLog': (req, { db }) => ({ entries: listExports(db, { briefingId: req.briefingId, limit: req.limit }) }),
  'briefings.review': async (req, { db }, scope) => ({ review: await readReview(db, req.id, readSource(req.source, scope, MAX_REVIEW_BYTES)) }),
  'briefings.preview': (req, { db }) => ({ html: printJob(resolveBriefing(db, repo.getBriefing(db, req.id))).html, csp: HTML_CSP }),
};
