// How files cross the API without paths. An export goes to a `target`: a handle the desktop app's
// main process issued from its native save dialog, or a download the page fetches in chunks. An
// import comes from a `source`: a handle from the open dialog, or an upload sent in chunks. A
// handle is opaque to the renderer; only the host that issued it knows which file it stands for.
import { z } from 'zod';
import { method } from './define';
import { FileName } from './schemas';

/** Raw bytes per download chunk: ~1.4 MB of base64, well under every transport's frame limit. */
export const DOWNLOAD_CHUNK_BYTES = 1024 * 1024;
/** Raw bytes per upload chunk the renderer sends (the dev host accepts 4 MB bodies). */
export const UPLOAD_CHUNK_BYTES = 1024 * 1024;
/** The largest upload the back end keeps in memory before importing it. */
export const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;

const base64Length = (bytes: number) => 4 * Math.ceil(bytes / 3);

/** An opaque token (random, base64url) naming a file choice, a download or an upload. */
const Token = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'an opaque token');
export const FileHandle = Token.describe('a single-use handle from the desktop app’s save or open dialog');

export const FileTargetSchema = z.union([
  z.object({ handle: FileHandle }).strict(),
  /** The browser host: the back end keeps the bytes for the page to fetch (downloads.read). */
  z.object({ download: z.literal(true) }).strict(),
]);
export type FileTarget = z.input<typeof FileTargetSchema>;

export const FileSourceSchema = z.union([
  z.object({ handle: FileHandle }).strict(),
  /** The browser host: bytes sent beforehand with uploads.append; the name is for messages only. */
  z.object({ upload: Token, fileName: FileName }).strict(),
]);
export type FileSource = z.input<typeof FileSourceSchema>;

export const DownloadSchema = z.object({ id: Token, fileName: z.string(), mime: z.string(), size: z.number().int() });

export const filesApi = {
  'downloads.read': method(
    z.object({ id: Token, offset: z.number().int().min(0) }).strict(),
    z.object({ chunkBase64: z.string(), offset: z.number().int(), size: z.number().int(), done: z.boolean() }),
    'A chunk of an export offered as a download (from offset); the last chunk ends the download.',
  ),
  'uploads.append': method(
    z.object({ id: Token.optional(), chunkBase64: z.string().max(base64Length(UPLOAD_CHUNK_BYTES)) }).strict(),
    z.object({ id: Token, bytes: z.number().int() }),
    'Send a chunk of a file to import (without id: a new upload); then import it with source {upload: id}.',
  ),
};
