// Hardening of every window and session: no network of any kind, no navigation away from
// the bundle, no new windows, a strict CSP on every response, no permissions granted.
import { app, session, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../security/csp';

export function isAppUrl(url: string): boolean {
  return url.startsWith('file://') || url.startsWith('devtools://');
}

export function hardenSession(): void {
  const ses = session.defaultSession;
  ses.webRequest.onBeforeRequest((details, callback) => {
    // The app is offline by design: anything that is not our own bundle is cancelled.
    callback({ cancel: !(isAppUrl(details.url) || details.url.startsWith('data:') || details.url.startsWith('blob:') || details.url === 'about:blank' || details.url === 'about:srcdoc') });
  });
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
}

export function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function hardenApp(): void {
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
}
