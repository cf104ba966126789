// Handlers for interchange (shared/api/interchange.ts): thin calls into electron/exchange. Files
// arrive as handles or uploads and leave as handles or downloads (electron/api/files.ts).
import path from 'node:path';
import { interchangeApi } from '../../shared/api/interchange';
import { encodeExport } from '../exchange/annotations-file';
import { BUNDLE_EXTENSION, buildBundle, importBundle, MAX_BUNDLE_BYTES, previewBundle, readBundle } from '../exchange/bundle';
import { importInterchange } from '../exchange/interchange';
import { encodeWebAnnotations } from '../exchange/webanno';
import { writeFileAtomic } from '../export/write';
import { appendUpload, offerDownload } from '../files/transfers';
import { MAX_UPLOAD_BYTES } from '../../shared/api/files';
import type { AppContext } from '../store/context';
import type { DomainHandlers } from './dispatch';
import { readSource, resolveTarget, type ResolvedTarget } from './files';

function actor(ctx: AppContext) {
  return { db: ctx.db, author: ctx.author };
}

/** Writes bytes to the granted file, or offers them as a download under `suggested`. */
function deliver(target: ResolvedTarget, bytes: Uint8Array, suggested: string, mime: string) {
  if (target.kind === 'file') {
    // Replacing a file: the save dialog already asked the analyst (the CLI: --force).
    const written = writeFileAtomic(target.path, bytes, { force: target.replace });
    return { fileName: path.basename(written.path), path: written.path, bytes: written.bytes, download: null };
  }
  return { fileName: suggested, path: null, bytes: bytes.length, download: offerDownload(bytes, suggested, mime) };
}

const today = () => new Date().toISOString().slice(0, 10);

export const interchangeHandlers: DomainHandlers<typeof interchangeApi> = {
  'interchange.export': (req, ctx, scope) => {
    const target = resolveTarget(req.target, scope);
    if (req.format === 'webanno') {
      const { bytes, annotations } = encodeWebAnnotations(actor(ctx), req);
      return { ...deliver(target, bytes, `annotations-${today()}.jsonld`, 'application/ld+json'), format: req.format, annotations };
    }
    if (req.briefingId !== undefined) {
      // The exchange file is filtered by document and pillar only; a briefing's annotations go out as Web Annotations.
      const { bytes, annotations } = encodeWebAnnotations(actor(ctx), req);
      return { ...deliver(target, bytes, `annotations-${today()}.jsonld`, 'application/ld+json'), format: 'webanno' as const, annotations };
    }
    const { bytes, annotations } = encodeExport(actor(ctx), req);
    return { ...deliver(target, bytes, `annotations-${today()}.json`, 'application/json'), format: req.format, annotations };
  },
  'interchange.import': (req, ctx, scope) => {
    const { name, bytes } = readSource(req.source, scope, MAX_BUNDLE_BYTES);
    return importInterchange(actor(ctx), name, bytes, { dryRun: req.dryRun });
  },
  'bundle.export': (req, ctx, scope) => {
    const target = resolveTarget(req.target, scope);
    const { bytes, counts } = buildBundle(actor(ctx), ctx.version);
    return { ...deliver(target, bytes, `workspace-${today()}${BUNDLE_EXTENSION}`, 'application/zip'), counts };
  },
  'bundle.import': (req, ctx, scope) => {
    // Read and checked whole before the merge starts: a bad bundle changes nothing.
    const { name, bytes } = readSource(req.source, scope, MAX_BUNDLE_BYTES);
    const data = readBundle(name, bytes);
    if (!req.dryRun) return importBundle(actor(ctx), name, data);
    const preview = previewBundle(actor(ctx), data);
    // Held as an upload, so the import after the preview needs no second dialog (or upload).
    const staged = bytes.length <= MAX_UPLOAD_BYTES ? { upload: appendUpload(undefined, Buffer.from(bytes).toString('base64')).id, fileName: path.basename(name) } : null;
    return { ...preview, staged };
  },
};
