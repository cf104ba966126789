// An in-process API client over the real dispatcher: what the renderer sees, minus IPC. The
// desktop variant also plays the main process's part for files: it issues dialog handles for
// paths the test chooses and redeems them beside each call, exactly as electron/main/ipc.ts does.
import { createClient, type ApiClient } from '../../shared/api/client';
import type { ResponseOf } from '../../shared/api/contract';
import type { AppContext } from '../../electron/app/context';
import { createDispatcher } from '../../electron/api/dispatch';
import { handlers } from '../../electron/api/handlers';
import { FileHandleRegistry, fileHost } from '../../electron/files/handles';

export function apiFor(ctx: AppContext): ApiClient {
  const dispatch = createDispatcher(handlers, ctx, { validateResponses: true });
  return createClient((method, params) => dispatch(method, params));
}

export interface DesktopApi {
  api: ApiClient;
  handles: FileHandleRegistry;
  /** What the save dialog answers when the analyst picks `file`. */
  saveTo(file: string): { handle: string };
  /** What the open dialog answers when the analyst picks `file`. */
  openFrom(file: string): { handle: string };
}

export function desktopApiFor(ctx: AppContext, handles = new FileHandleRegistry()): DesktopApi {
  const host = fileHost(createDispatcher(handlers, ctx, { validateResponses: true }), handles);
  return { api: createClient((method, params) => host.invoke(method, params)), handles, saveTo: (file) => host.saveTo(file, { replace: true }), openFrom: host.openFrom };
}

/** Everything an offered download holds, fetched chunk by chunk as the page does. */
export async function downloadBytes(api: ApiClient, download: NonNullable<ResponseOf<'briefings.export'>['download']>): Promise<Buffer> {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const r = await api.call('downloads.read', { id: download.id, offset });
    const chunk = Buffer.from(r.chunkBase64, 'base64');
    parts.push(chunk);
    offset += chunk.length;
    if (r.done) break;
  }
  return Buffer.concat(parts);
}

/** Sends bytes as the page does (chunked uploads.append): the source to import them from. */
export async function uploadBytes(api: ApiClient, fileName: string, bytes: Uint8Array, chunk = 1024 * 1024): Promise<{ upload: string; fileName: string }> {
  let id: string | undefined;
  let offset = 0;
  do {
    const part = Buffer.from(bytes.subarray(offset, offset + chunk)).toString('base64');
    ({ id } = await api.call('uploads.append', id === undefined ? { chunkBase64: part } : { id, chunkBase64: part }));
    offset += chunk;
  } while (offset < bytes.length);
  return { upload: id, fileName };
}
