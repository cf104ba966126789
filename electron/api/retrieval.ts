// Handlers for the retrieval methods (shared/api/retrieval.ts): the matrix, co-occurrence, coded
// segments (page, export, into a briefing), the timeline and memos.
import path from 'node:path';
import { retrievalApi } from '../../shared/api/retrieval';
import { addItems } from '../briefing/repo';
import { encodeSegments } from '../export/segments';
import { writeFileAtomic } from '../export/write';
import { offerDownload } from '../files/transfers';
import { cooccurrence } from '../retrieval/cooccurrence';
import { codingMatrix } from '../retrieval/matrix';
import { createMemo, deleteMemo, getMemo, listMemos, updateMemo } from '../retrieval/memos';
import { segmentPage } from '../retrieval/segments';
import { codingTimeline } from '../retrieval/timeline';
import type { AppContext } from '../store/context';
import type { DomainHandlers } from './dispatch';
import { resolveTarget } from './files';

const MIME = { csv: 'text/csv; charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

function actor(ctx: AppContext) {
  return { db: ctx.db, author: ctx.author };
}

export const retrievalHandlers: DomainHandlers<typeof retrievalApi> = {
  'retrieval.matrix': (req, { db }) => codingMatrix(db, req.rows, req.cols),
  'retrieval.cooccurrence': (req, { db }) => cooccurrence(db, req.limit),
  'retrieval.segments': (req, { db }) => segmentPage(db, req),
  'retrieval.segments.export': async (req, { db }, scope) => {
    const target = resolveTarget(req.target, scope);
    const { bytes, segments } = await encodeSegments(db, req);
    if (target.kind === 'file') {
      // Replacing a file: the save dialog already asked the analyst (the CLI: --force).
      const written = writeFileAtomic(target.path, bytes, { force: target.replace });
      return { fileName: path.basename(written.path), path: written.path, segments, bytes: written.bytes, download: null };
    }
    const fileName = `segments-${new Date().toISOString().slice(0, 10)}.${req.format}`;
    return { fileName, path: null, segments, bytes: bytes.length, download: offerDownload(bytes, fileName, MIME[req.format]) };
  },
  'retrieval.segments.toBriefing': (req, ctx) => addItems(actor(ctx), req.sectionId, req.annotationIds.map((annotationId) => ({ annotationId }))),
  'retrieval.timeline': (req, { db }) => codingTimeline(db, req.filter, req.bucket),
  'memo.list': (req, { db }) => ({ memos: listMemos(db, req.documentId) }),
  'memo.get': (req, { db }) => getMemo(db, req.id),
  'memo.create': (req, ctx) => createMemo(actor(ctx), req),
  'memo.update': (req, ctx) => updateMemo(actor(ctx), req.id, req),
  'memo.delete': (req, ctx) => deleteMemo(actor(ctx), req.id),
};
