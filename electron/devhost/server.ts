// The loopback dev/test host: serves the built renderer and the typed API (HTTP and WebSocket)
// on 127.0.0.1 only, with a random per-run token on every API call. Never part of the packaged app.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { checkLibraryInBackground, closeContext, ensureLibrary, openContext, type AppContext } from '../app/context';
import { createDispatcher } from '../api/dispatch';
import { handlers } from '../api/handlers';
import { CONTENT_SECURITY_POLICY } from '../security/csp';
import { contentTypeOf, resolveStaticFile, staticPathSegments } from '../security/app-protocol';
import { createSocketChannel } from './socket';
import { warmSearch } from '../app/warm';

export interface DevHostOptions {
  dbPath: string;
  port?: number;
  rendererDir?: string;
  resourcesDir?: string;
  /** Check every answer against the contract (default: on, as this host serves the tests). */
  validateResponses?: boolean;
}

export interface DevHost {
  url: string;
  token: string;
  ctx: AppContext;
  close(): Promise<void>;
}

/** The largest API request (HTTP body or WebSocket frame): far above any real call's size. */
export const MAX_BODY = 4 * 1024 * 1024;
/** Open connections at once (a page keeps one socket plus a few asset fetches); more are dropped. */
export const MAX_CONNECTIONS = 32;

function send(res: http.ServerResponse, status: number, body: string | Buffer, type = 'application/json; charset=utf-8'): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
  });
  res.end(body);
}

class BodyTooLarge extends Error {}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY) return reject(new BodyTooLarge());
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        // Stop keeping the rest; the answer is sent, then the connection is closed.
        chunks.length = 0;
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function tokenMatches(given: string | string[] | undefined, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

export async function startDevHost(opts: DevHostOptions): Promise<DevHost> {
  const ctx = openContext({ dbPath: opts.dbPath, resourcesDir: opts.resourcesDir, program: 'dev host' });
  await ensureLibrary(ctx);
  void checkLibraryInBackground(ctx);
  const dispatch = createDispatcher(handlers, ctx, { validateResponses: opts.validateResponses ?? true });
  const token = crypto.randomBytes(24).toString('base64url');
  // From dist/electron/devhost the bundle is dist/renderer; from the sources (tests) it is too.
  const compiled = __dirname.split(path.sep).includes('dist');
  const rendererDir = path.resolve(opts.rendererDir ?? path.join(__dirname, '..', '..', compiled ? 'renderer' : path.join('dist', 'renderer')));

  let listeningOn = '';
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      // Only our own origin, port included: a page elsewhere (DNS rebinding, another loopback
      // service's port) cannot talk to the host.
      if (req.headers.host !== listeningOn) return send(res, 403, JSON.stringify({ error: 'forbidden host' }));
      if (url.pathname.startsWith('/api/')) {
        if (req.method !== 'POST') return send(res, 405, JSON.stringify({ error: 'POST only' }));
        if (!tokenMatches(req.headers['x-workbench-token'], token)) return send(res, 401, JSON.stringify({ error: 'missing or wrong token' }));
        const method = url.pathname.slice('/api/'.length);
        let params: unknown;
        try {
          const body = await readBody(req);
          params = body ? JSON.parse(body) : {};
        } catch (e) {
          if (e instanceof BodyTooLarge) {
            // The rest is read and dropped so the client sees the answer rather than a reset;
            // a client that keeps sending far past the limit is cut off.
            let drained = 0;
            req.on('data', (c: Buffer) => {
              drained += c.length;
              if (drained > 4 * MAX_BODY) req.destroy();
            });
            req.resume();
            res.shouldKeepAlive = false;
            const mb = MAX_BODY / 1024 / 1024;
            return send(res, 413, JSON.stringify({ ok: false, error: { code: 'invalid-request', message: { ja: `要求が大きすぎます（このホストの上限は ${mb} MB）。大きなファイルは分割して送ります。`, en: `The request is larger than the ${mb} MB this host accepts; large files go in chunks.` } } }));
          }
          return send(res, 400, JSON.stringify({ ok: false, error: { code: 'invalid-request', message: { ja: `要求本文が JSON ではありません: ${(e as Error).message}`, en: `The request body is not JSON: ${(e as Error).message}` } } }));
        }
        const result = await dispatch(method, params);
        return send(res, 200, JSON.stringify(result));
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'GET only', 'text/plain');
      // The app protocol's resolver: no dot segments, encoded separators or symlinks out of the folder.
      const found = resolveStaticFile(rendererDir, staticPathSegments(req.url ?? '/'));
      if (!found.ok) return send(res, found.status === 403 ? 403 : 404, 'not found', 'text/plain');
      return send(res, 200, fs.readFileSync(found.file), contentTypeOf(found.file));
    } catch (e) {
      return send(res, 500, JSON.stringify({ error: (e as Error).message }));
    }
  });

  server.maxConnections = MAX_CONNECTIONS;
  const sockets = createSocketChannel({ dispatch, tokenOk: (given) => tokenMatches(given, token), host: () => listeningOn, maxPayload: MAX_BODY });
  server.on('upgrade', (req, socket, head) => sockets.onUpgrade(req, socket, head));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  listeningOn = `127.0.0.1:${port}`;
  await warmSearch(dispatch);
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    token,
    ctx,
    close: () =>
      new Promise<void>((resolve) => {
        sockets.close();
        server.closeAllConnections?.();
        server.close(() => {
          closeContext(ctx);
          resolve();
        });
      }),
  };
}
