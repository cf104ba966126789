// Handlers for REFI-QDA interchange (shared/api/qda.ts): thin calls into electron/exchange/qda.
// Files come and go through handles or transfers (electron/api/files.ts), never paths.
import path from 'node:path';
import { qdaApi } from '../../shared/api/qda';
import type { AppContext } from '../store/context';
import { buildQdc, buildQdpx } from '../exchange/qda/export';
import { importQdaProject, previewQdaImport } from '../exchange/qda/import';
import { readQdaProject } from '../exchange/qda/read';
import { stageProject, takeStaged } from '../exchange/qda/staged';
import { writeFileAtomic } from '../export/write';
import { offerDownload } from '../files/transfers';
import type { DomainHandlers } from './dispatch';
import { readSource, resolveTarget } from './files';

/** A project file read from disk or upload (a .qdpx of a few dozen sources is a few MB). */
export const MAX_QDA_FILE_BYTES = 200 * 1024 * 1024;

function actor(ctx: AppContext) {
  return { db: ctx.db, author: ctx.author };
}

export const qdaHandlers: DomainHandlers<typeof qdaApi> = {
  'exchange.qdaExport': (req, ctx, scope) => {
    const target = resolveTarget(req.target, scope);
    const built = req.format === 'qdpx' ? buildQdpx(actor(ctx), req) : buildQdc(actor(ctx), req);
    const counts = { codes: built.summary.codes, sources: built.summary.sources, selections: built.summary.selections, orphansLeftOut: built.summary.orphansLeftOut };
    if (target.kind === 'file') {
      // Replacing a file: the save dialog already asked the analyst (the CLI: --force).
      const written = writeFileAtomic(target.path, built.bytes, { force: target.replace });
      return { fileName: path.basename(written.path), path: written.path, bytes: written.bytes, download: null, ...counts };
    }
    const fileName = `annotations-${new Date().toISOString().slice(0, 10)}.${req.format}`;
    const mime = req.format === 'qdpx' ? 'application/zip' : 'application/xml';
    return { fileName, path: null, bytes: built.bytes.length, download: offerDownload(built.bytes, fileName, mime), ...counts };
  },
  'exchange.qdaPreview': (req, ctx, scope) => {
    const { name, bytes } = readSource(req.source, scope, MAX_QDA_FILE_BYTES);
    const project = readQdaProject(bytes, name);
    const plan = previewQdaImport(actor(ctx), project);
    return { ...plan, staged: stageProject(project) };
  },
  'exchange.qdaImport': async (req, ctx, scope) => {
    let project;
    if ('staged' in req) project = takeStaged(req.staged);
    else {
      const { name, bytes } = readSource(req.source, scope, MAX_QDA_FILE_BYTES);
      project = readQdaProject(bytes, name);
    }
    return importQdaProject(actor(ctx), project);
  },
};
