// Bytes that travel through the API instead of paths: an export offered as a browser download,
// read back in chunks, and an upload (an annotations file) sent in chunks before it is imported.
// Both live in the back end's memory only briefly: single use, expiring, bounded in number and size.
import crypto from 'node:crypto';
import { AppError } from '../../shared/errors';
import { DOWNLOAD_CHUNK_BYTES, MAX_UPLOAD_BYTES } from '../../shared/api/files';

// Long enough for a slow page to fetch every chunk; a download nobody fetches is then dropped.
const TRANSFER_TTL_MS = 10 * 60 * 1000;
// At most this many of each kept at once: a page starting transfers in a loop cannot fill memory.
const MAX_PENDING = 8;

export interface Download {
  id: string;
  fileName: string;
  mime: string;
  size: number;
}

interface Pending<T> {
  value: T;
  expires: number;
}

const downloads = new Map<string, Pending<{ info: Download; bytes: Uint8Array }>>();
const uploads = new Map<string, Pending<{ chunks: Buffer[]; size: number }>>();

function sweep<T>(map: Map<string, Pending<T>>, now: number): void {
  for (const [id, p] of map) if (now > p.expires) map.delete(id);
  while (map.size >= MAX_PENDING) map.delete(map.keys().next().value as string);
}

function unknown(kind: { ja: string; en: string }, id: string): AppError {
  return new AppError(
    'not-found',
    { ja: `${kind.ja}「${id.slice(0, 40)}」はありません（完了済みか期限切れ）。`, en: `There is no ${kind.en} "${id.slice(0, 40)}" (finished or expired).` },
    { subject: id.slice(0, 40), hint: { ja: 'もう一度やり直してください。', en: 'Start again.' } },
  );
}

/** Keeps `bytes` for the page to fetch with `readDownload`. */
export function offerDownload(bytes: Uint8Array, fileName: string, mime: string, now = Date.now()): Download {
  sweep(downloads, now);
  const info: Download = { id: crypto.randomBytes(18).toString('base64url'), fileName, mime, size: bytes.length };
  downloads.set(info.id, { value: { info, bytes }, expires: now + TRANSFER_TTL_MS });
  return info;
}

/** One chunk of a download; the last chunk forgets the download. */
export function readDownload(id: string, offset: number, now = Date.now()): { chunkBase64: string; offset: number; size: number; done: boolean } {
  const pending = downloads.get(id);
  if (!pending || now > pending.expires) {
    downloads.delete(id);
    throw unknown({ ja: 'ダウンロード', en: 'download' }, id);
  }
  const { bytes } = pending.value;
  if (offset > bytes.length) throw new AppError('invalid-request', { ja: `offset ${offset} はファイルの長さ ${bytes.length} を超えています。`, en: `offset ${offset} is past the end (${bytes.length} bytes).` }, { subject: 'offset' });
  const end = Math.min(bytes.length, offset + DOWNLOAD_CHUNK_BYTES);
  const done = end === bytes.length;
  if (done) downloads.delete(id);
  return { chunkBase64: Buffer.from(bytes.buffer, bytes.byteOffset + offset, end - offset).toString('base64'), offset, size: bytes.length, done };
}

/** Adds a chunk to an upload (a new one without `id`); the total is bounded. */
export function appendUpload(id: string | undefined, chunkBase64: string, now = Date.now()): { id: string; bytes: number } {
  const chunk = Buffer.from(chunkBase64, 'base64');
  let pending = id === undefined ? undefined : uploads.get(id);
  if (id !== undefined && (!pending || now > pending.expires)) {
    uploads.delete(id);
    throw unknown({ ja: 'アップロード', en: 'upload' }, id);
  }
  if (!pending) {
    sweep(uploads, now);
    id = crypto.randomBytes(18).toString('base64url');
    pending = { value: { chunks: [], size: 0 }, expires: now + TRANSFER_TTL_MS };
    uploads.set(id, pending);
  }
  const size = pending.value.size + chunk.length;
  if (size > MAX_UPLOAD_BYTES) {
    uploads.delete(id as string);
    throw new AppError('bad-input', { ja: `アップロードが大きすぎます（上限 ${MAX_UPLOAD_BYTES} バイト）。`, en: `The upload is too large (the limit is ${MAX_UPLOAD_BYTES} bytes).` }, { subject: 'upload' });
  }
  pending.value.chunks.push(chunk);
  pending.value.size = size;
  pending.expires = now + TRANSFER_TTL_MS;
  return { id: id as string, bytes: size };
}

/** The whole upload, once. */
export function takeUpload(id: string, now = Date.now()): Buffer {
  const pending = uploads.get(id);
  uploads.delete(id);
  if (!pending || now > pending.expires) throw unknown({ ja: 'アップロード', en: 'upload' }, id);
  return Buffer.concat(pending.value.chunks, pending.value.size);
}
