// What jsdom lacks for files, played by the test: object URLs (each download's Blob is kept so the
// test can read what the browser would save, and the clicked link's file name) and Blob bytes.
import { vi } from 'vitest';

export interface SavedDownload {
  fileName: string;
  blob: Blob;
}

/** Blob contents, through FileReader (jsdom's Blob has no arrayBuffer()). */
export function blobBytes(blob: Blob): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(blob);
  });
}

/** Installs the fakes; returns the downloads the page started, in order, and an undo. */
export function fakeBrowserFiles(): { saved: SavedDownload[]; restore(): void } {
  const saved: SavedDownload[] = [];
  const blobs = new Map<string, Blob>();
  const url = URL as unknown as { createObjectURL?: (b: Blob) => string; revokeObjectURL?: (u: string) => void };
  const had = { create: url.createObjectURL, revoke: url.revokeObjectURL, arrayBuffer: Blob.prototype.arrayBuffer };
  url.createObjectURL = (b: Blob) => {
    const u = `blob:test/${blobs.size}`;
    blobs.set(u, b);
    return u;
  };
  url.revokeObjectURL = () => undefined;
  const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    const blob = blobs.get(this.getAttribute('href') ?? '');
    if (blob && this.download) saved.push({ fileName: this.download, blob });
  });
  if (!Blob.prototype.arrayBuffer) {
    Blob.prototype.arrayBuffer = function (this: Blob) {
      return blobBytes(this).then((b) => b.buffer as ArrayBuffer);
    };
  }
  return {
    saved,
    restore() {
      url.createObjectURL = had.create;
      url.revokeObjectURL = had.revoke;
      Blob.prototype.arrayBuffer = had.arrayBuffer;
      click.mockRestore();
    },
  };
}

/** Base64 of UTF-8 text or bytes, as the API carries them (the renderer side has no Buffer). */
export function base64Of(data: string | Uint8Array): string {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  return btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(''));
}

export function textOfBase64(b64: string): string {
  return new TextDecoder().decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
}
