// Where an export goes and where an import comes from, for every host: the file a desktop handle
// stands for (the main process redeemed it and put the grant beside the call), or bytes held for
// a browser download or received as an upload. No request can name a path itself.
import path from 'node:path';
import { filesApi, type FileSource, type FileTarget } from '../../shared/api/files';
import { AppError } from '../../shared/errors';
import type { FileGrant, FileMode } from '../files/handles';
import { readRegularFile } from '../files/read';
import { appendUpload, readDownload, takeUpload } from '../files/transfers';
import type { CallScope, DomainHandlers } from './dispatch';

export const filesHandlers: DomainHandlers<typeof filesApi> = {
  'downloads.read': (req) => readDownload(req.id, req.offset),
  'uploads.append': (req) => appendUpload(req.id, req.chunkBase64),
};

/** The grant the host attached for exactly this handle and mode; anything else is refused. */
function grantOf(handle: string, mode: FileMode, scope: CallScope): FileGrant {
  const grant = scope.grant;
  if (!grant || grant.handle !== handle || grant.mode !== mode) {
    throw new AppError(
      'invalid-request',
      {
        ja: 'ファイル指定（ハンドル）はデスクトップアプリの保存・開くダイアログでのみ発行されます。このホストでは使えません。',
        en: 'File handles are issued only by the desktop app’s save and open dialogs; this host cannot use them.',
      },
      { subject: 'handle', hint: { ja: 'ブラウザーではダウンロードとアップロードを使います。', en: 'In a browser, exports are downloads and imports are uploads.' } },
    );
  }
  return grant;
}

/** A resolved export target: a file path granted by the desktop host, or a download. */
export type ResolvedTarget = { kind: 'file'; path: string; replace: boolean } | { kind: 'download' };

export function resolveTarget(target: FileTarget, scope: CallScope): ResolvedTarget {
  if ('handle' in target) {
    const grant = grantOf(target.handle, 'write', scope);
    return { kind: 'file', path: grant.path, replace: grant.replace };
  }
  return { kind: 'download' };
}

/** A resolved import source: its name (for messages) and its bytes, read with the size limit. */
export function readSource(source: FileSource, scope: CallScope, maxBytes: number): { name: string; bytes: Uint8Array } {
  if ('handle' in source) {
    const file = grantOf(source.handle, 'read', scope).path;
    return { name: file, bytes: readRegularFile(file, maxBytes) };
  }
  const bytes = takeUpload(source.upload);
  if (bytes.length > maxBytes) throw new AppError('bad-input', { ja: `${source.fileName} は大きすぎます（${bytes.length} バイト）。`, en: `${source.fileName} is too large (${bytes.length} bytes).` }, { subject: source.fileName });
  return { name: source.fileName, bytes };
}

/** The name shown for a target: the chosen file's name, or the suggested download name. */
export function targetName(target: ResolvedTarget, suggested: string): string {
  return target.kind === 'file' ? path.basename(target.path) : suggested;
}
