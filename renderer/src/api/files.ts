// Files in and out of the window without paths. In the desktop app the native dialogs hand the
// page an opaque handle for the chosen file (the main process alone knows the path). In the
// browser host an export comes back as bytes, fetched in chunks and saved as a browser download,
// and an import is an upload, sent in chunks. Panels call these and never see which host it is.
import type { FileSource, FileTarget } from '../../../shared/api/files';
import { UPLOAD_CHUNK_BYTES } from '../../../shared/api/files';
import type { ResponseOf } from '../../../shared/api/contract';
import { api } from './client';
import { bridgeOf } from './transport';

type Filter = { name: string; extensions: string[] };
type Download = NonNullable<ResponseOf<'briefings.export'>['download']>;

/** Where an export goes: the file chosen in the save dialog (desktop), or a download; null when cancelled. */
export async function chooseExportTarget(defaultName: string, filters: Filter[]): Promise<FileTarget | null> {
  const bridge = bridgeOf(window);
  if (!bridge?.saveDialog) return { download: true };
  // The native dialog also asks about replacing an existing file.
  const chosen = await bridge.saveDialog({ defaultName, filters });
  return chosen ? { handle: chosen.handle } : null;
}

/** True in the desktop app, where imports come from the native open dialog. */
export function hasOpenDialog(): boolean {
  return !!bridgeOf(window)?.openDialog;
}

/** The native open dialog's choice as an import source (and its name), or null when cancelled. */
export async function chooseImportSource(filters: Filter[]): Promise<{ source: FileSource; name: string } | null> {
  const chosen = await bridgeOf(window)?.openDialog?.({ filters });
  return chosen ? { source: { handle: chosen.handle }, name: chosen.name } : null;
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  // fromCharCode takes arguments: in slices, so a megabyte never overflows the call stack.
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(b64: string): Uint8Array<ArrayBuffer> {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** Sends a picked or dropped file to the back end in chunks; the source to import it from. */
export async function uploadFile(file: Blob & { name: string }): Promise<FileSource> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let id: string | undefined;
  let offset = 0;
  do {
    const chunk = bytes.subarray(offset, offset + UPLOAD_CHUNK_BYTES);
    ({ id } = await api().call('uploads.append', id === undefined ? { chunkBase64: toBase64(chunk) } : { id, chunkBase64: toBase64(chunk) }));
    offset += chunk.length;
  } while (offset < bytes.length);
  return { upload: id, fileName: file.name };
}

/** Fetches an offered download chunk by chunk and hands it to the browser as a file download. */
export async function saveDownload(download: Download): Promise<void> {
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let offset = 0;
  for (;;) {
    const r = await api().call('downloads.read', { id: download.id, offset });
    const chunk = fromBase64(r.chunkBase64);
    parts.push(chunk);
    offset += chunk.length;
    if (r.done) break;
  }
  const url = URL.createObjectURL(new Blob(parts, { type: download.mime }));
  try {
    const a = document.createElement('a');
    a.href = url;
    a.download = download.fileName;
    a.style.display = 'none';
    document.body.append(a);
    a.click();
    a.remove();
  } finally {
    // The click has started the download; the URL is no longer needed once it has been read.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}

/** "Show in folder" where the desktop app offers it (the browser host has no file manager to open). */
export function showInFolderFor(): ((exportId: number) => Promise<boolean>) | null {
  const bridge = bridgeOf(window);
  return bridge?.showExportInFolder ? (id) => bridge.showExportInFolder!(id) : null;
}
