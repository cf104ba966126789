// The renderer's own origin, app://workbench/: a privileged standard scheme whose handler serves
// only regular files inside the packaged renderer folder (electron/security/app-protocol.ts
// decides which), each with the app's CSP. file:// is never used for the app's pages.
import fs from 'node:fs';
import path from 'node:path';
import { protocol } from 'electron';
import { APP_SCHEME, contentTypeOf, resolveAppFile } from '../security/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../security/csp';

/** dist/electron/main → dist/renderer: the built renderer, inside app.asar when packaged. */
export function rendererDir(): string {
  return path.join(__dirname, '..', '..', 'renderer');
}

/** Must run before the app is ready: the scheme is standard (relative URLs, an origin for
 *  'self') and secure (a secure context, so Trusted Types and the like behave as on https). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
}

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

/** The handler itself, separate from its registration so tests call it with a URL table. */
export function appProtocolHandler(root: string): (request: { url: string; method?: string }) => Response {
  return (request) => {
    if (request.method && request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('GET only', { status: 405, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
    }
    const found = resolveAppFile(root, request.url);
    if (!found.ok) {
      console.warn(`[workbench] app:// refused (${found.status}, ${found.reason}): ${request.url.slice(0, 200)}`);
      return new Response('not found', { status: found.status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
    }
    return new Response(fs.readFileSync(found.file), { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': contentTypeOf(found.file) } });
  };
}

export function registerAppProtocol(root = rendererDir()): void {
  protocol.handle(APP_SCHEME, appProtocolHandler(root));
}
