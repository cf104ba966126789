// Hardening of every window and session: no network of any kind (only our app:// origin,
// data: and blob:), no navigation at all, no new windows, no permissions, no spellchecker,
// no downloads, and IPC answered only for the main frame of our window at the app origin.
import os from 'node:os';
import path from 'node:path';
import { app, type Event, type IpcMainEvent, type IpcMainInvokeEvent, type Session, type WebContents } from 'electron';
import { APP_ORIGIN, isAppOrigin } from '../security/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../security/csp';

/** Where Chromium would fetch spellchecker dictionaries from: a reserved name that never resolves
 *  (RFC 2606 .invalid), behind a request filter that would cancel the fetch anyway. */
export const NO_DICTIONARIES_URL = 'https://dictionaries.invalid/';

/** The one window whose main frame may call the API (set when it is created). */
let trustedContentsId: number | null = null;

export function trustContents(contents: Pick<WebContents, 'id'>): void {
  trustedContentsId = contents.id;
}

function logBlocked(what: string, url: string): void {
  console.warn(`[workbench] blocked ${what}: ${url.slice(0, 200)}`);
}

/** Requests the app's own pages may make: our origin, inline data and blobs, nothing else. */
export function isAllowedRequest(url: string, packaged: boolean = app.isPackaged): boolean {
  if (isAppOrigin(url) && url.startsWith(`${APP_ORIGIN}/`)) return true;
  if (url.startsWith('data:') || url.startsWith('blob:') || url === 'about:blank' || url === 'about:srcdoc') return true;
  // DevTools' own pages, in an unpackaged build only (packaged builds have no DevTools).
  return !packaged && url.startsWith('devtools://');
}

/** The hidden print window's session: it may read only the temporary print file it was given. */
export function isAllowedPrintRequest(url: string, tmp: string = os.tmpdir()): boolean {
  if (url.startsWith('data:') || url === 'about:blank') return true;
  if (!url.startsWith('file://')) return false;
  let file: string;
  try {
    file = decodeURIComponent(new URL(url).pathname);
  } catch {
    return false;
  }
  if (process.platform === 'win32') file = file.replace(/^\//, '').replace(/\//g, '\\');
  const rel = path.relative(tmp, file);
  return /^wb-print-[A-Za-z0-9]+[\\/]briefing\.html$/.test(rel);
}

/** Sessions already given their handlers (the default one is seen twice: at creation and at ready). */
const hardened = new WeakSet<Session>();

function denyEverything(ses: Session): void {
  if (hardened.has(ses)) return;
  hardened.add(ses);
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.setSpellCheckerEnabled(false);
  ses.setSpellCheckerDictionaryDownloadURL(NO_DICTIONARIES_URL);
  ses.on('will-download', (event, item) => {
    logBlocked('download', item.getURL());
    event.preventDefault();
  });
}

/** The default session, where the renderer lives. */
export function hardenSession(ses: Session): void {
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequest(details.url);
    if (!allowed) logBlocked('request', details.url);
    callback({ cancel: !allowed });
  });
  // The app protocol sends the CSP itself; this sets it on every response the session sees as well.
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  denyEverything(ses);
}

/** The in-memory session of the hidden print window (see electron/main/index.ts). */
export function hardenPrintSession(ses: Session): void {
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedPrintRequest(details.url);
    if (!allowed) logBlocked('print request', details.url);
    callback({ cancel: !allowed });
  });
  // The print page carries its own, stricter CSP (electron/export/html.ts); the app's is not for it.
  ses.webRequest.onHeadersReceived(null);
  denyEverything(ses);
}

export function hardenContents(contents: WebContents): void {
  // Nothing navigates: the page is one document, and a dropped file or a link would otherwise
  // replace it (with our preload still attached).
  contents.on('will-navigate', (event, url) => {
    logBlocked('navigation', url);
    event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    logBlocked('redirect', url);
    event.preventDefault();
  });
  // Frames: only the preview's srcdoc (and the blank page a frame starts with).
  contents.on('will-frame-navigate', (event) => {
    if (event.isMainFrame || (event.url !== 'about:srcdoc' && event.url !== 'about:blank')) {
      logBlocked('frame navigation', event.url);
      event.preventDefault();
    }
  });
  contents.setWindowOpenHandler(({ url }) => {
    logBlocked('new window', url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** The IPC sender check: the main frame (not a subframe) of our one window, at exactly app://workbench. */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent | IpcMainEvent, 'sender' | 'senderFrame'>): boolean {
  const frame = event.senderFrame;
  const sender = event.sender as WebContents | undefined;
  if (!frame || !sender || trustedContentsId === null || sender.id !== trustedContentsId) return false;
  const main = sender.mainFrame;
  if (frame.parent !== null || !main || frame.processId !== main.processId || frame.routingId !== main.routingId) return false;
  return isAppOrigin(frame.url);
}

/** Before ready: every web contents and every session, including any made later, is hardened. */
export function hardenApp(): void {
  app.on('web-contents-created', (_event: Event, contents: WebContents) => hardenContents(contents));
  app.on('session-created', (ses: Session) => hardenSession(ses));
}
