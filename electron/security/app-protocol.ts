// The app's own origin (app://workbench/): which file of the packaged renderer folder a URL names.
// Plain Node (no electron import) so the Electron protocol handler and the loopback dev host
// share one resolver and the tests can run it against a real folder with real symlinks.
import fs from 'node:fs';
import path from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'workbench';
/** The one origin the renderer runs at; the CSP's 'self' and the IPC sender check mean this. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** True for a URL at exactly our origin (scheme and host, no port, no credentials). */
export function isAppOrigin(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && u.username === '' && u.password === '';
}

export type AppPathVerdict = { ok: true; segments: string[] } | { ok: false; status: 400 | 403 | 404; reason: string };

// Escapes that could smuggle a separator, a dot segment or a NUL past a naive decode. The URL
// parser already folds literal and %2e dot segments, so they are refused on the raw text too.
const SMUGGLING = /%(?:2e|2f|5c|00)/i;
const SEGMENT_OK = /^[A-Za-z0-9._-]+$/;

/**
 * The pure half: the folder-relative segments a request URL names, or why it is refused.
 * Refused: another origin, `..`/`.` segments (literal or encoded), encoded `/`, `\\` or NUL, a
 * backslash or drive letter (an absolute Windows path), and any name outside [A-Za-z0-9._-]
 * (the built renderer uses nothing else). `/` is index.html.
 */
export function appPathSegments(rawUrl: string): AppPathVerdict {
  if (rawUrl.includes('\0') || rawUrl.includes('\\')) return { ok: false, status: 400, reason: 'NUL or backslash in the URL' };
  if (!rawUrl.startsWith(`${APP_ORIGIN}/`) || !isAppOrigin(rawUrl)) return { ok: false, status: 403, reason: 'not the app origin' };
  return staticPathSegments(rawUrl.slice(APP_ORIGIN.length));
}

/** The same rules for the path part alone (`/assets/x.js?v=1`), as the dev host receives it. */
export function staticPathSegments(rawPathAndQuery: string): AppPathVerdict {
  if (rawPathAndQuery.includes('\0') || rawPathAndQuery.includes('\\')) return { ok: false, status: 400, reason: 'NUL or backslash in the URL' };
  const rawPath = rawPathAndQuery.split(/[?#]/, 1)[0];
  if (!rawPath.startsWith('/')) return { ok: false, status: 400, reason: 'not an absolute URL path' };
  if (SMUGGLING.test(rawPath)) return { ok: false, status: 400, reason: 'encoded dot, separator or NUL' };
  const rawSegments = rawPath.split('/').slice(1);
  if (rawSegments.some((s) => s === '.' || s === '..')) return { ok: false, status: 400, reason: 'dot segment' };
  let decoded: string[];
  try {
    decoded = rawSegments.map((s) => decodeURIComponent(s));
  } catch {
    return { ok: false, status: 400, reason: 'malformed escape' };
  }
  const segments = decoded.length === 1 && decoded[0] === '' ? ['index.html'] : decoded;
  for (const s of segments) {
    if (s === '' || s === '.' || s === '..' || !SEGMENT_OK.test(s)) return { ok: false, status: 400, reason: `bad path segment "${s.slice(0, 40)}"` };
  }
  return { ok: true, segments };
}

export type AppFileVerdict = { ok: true; file: string } | { ok: false; status: 400 | 403 | 404; reason: string };

/**
 * The file half: the real path of a regular file inside `rootDir` (itself resolved through
 * symlinks once), or why not. A symlink that leads out of the folder is refused, as is anything
 * that is not a regular file (folder, FIFO, device).
 */
export function resolveAppFile(rootDir: string, rawUrl: string): AppFileVerdict {
  return resolveStaticFile(rootDir, appPathSegments(rawUrl));
}

export function resolveStaticFile(rootDir: string, parsed: AppPathVerdict): AppFileVerdict {
  if (!parsed.ok) return parsed;
  let root: string;
  let real: string;
  try {
    root = fs.realpathSync(rootDir);
    real = fs.realpathSync(path.join(root, ...parsed.segments));
  } catch {
    return { ok: false, status: 404, reason: 'no such file' };
  }
  if (!real.startsWith(root + path.sep)) return { ok: false, status: 403, reason: 'outside the renderer folder' };
  let stat: fs.Stats;
  try {
    stat = fs.statSync(real);
  } catch {
    return { ok: false, status: 404, reason: 'no such file' };
  }
  if (!stat.isFile()) return { ok: false, status: 404, reason: 'not a regular file' };
  return { ok: true, file: real };
}

/** Content types of what the renderer build contains; anything else is served as bytes. */
export const APP_CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
  '.ico': 'image/x-icon',
};

export function contentTypeOf(file: string): string {
  return APP_CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}
