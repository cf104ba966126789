// The loopback dev/test host: 127.0.0.1 only, token on every API call, strict CSP on every
// response, no path traversal out of the renderer bundle, typed errors for bad bodies, and the
// same rules on the WebSocket channel.
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { MAX_BODY, MAX_CONNECTIONS, startDevHost, type DevHost } from '../../electron/devhost/server';
import { RESOURCES_DIR, tempDbPath, tempDir } from '../helpers/db';

let host: DevHost;
let base: string;
const rendererDir = tempDir('wb-renderer-');

beforeAll(async () => {
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  fs.writeFileSync(path.join(path.dirname(rendererDir), 'secret.txt'), 'top secret');
  host = await startDevHost({ dbPath: tempDbPath(), rendererDir, resourcesDir: RESOURCES_DIR });
  base = new URL(host.url).origin;
});
afterAll(() => host.close());

function raw(pathname: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const url = new URL(pathname, base);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path: pathname, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

const call = (method: string, params: unknown, token = host.token) =>
  raw(`/api/${method}`, { method: 'POST', headers: { 'X-Workbench-Token': token, 'Content-Type': 'application/json' }, body: JSON.stringify(params) });

describe('dev host', () => {
  it('binds to 127.0.0.1 and prints a URL with a fresh token', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
  });

  it('serves the API with the token, refuses without or with a wrong one', async () => {
    const ok = await call('documents.list', {});
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body).value.documents).toHaveLength(5);
    expect((await call('documents.list', {}, 'wrong')).status).toBe(401);
    expect((await raw('/api/documents.list', { method: 'POST', body: '{}' })).status).toBe(401);
    expect((await raw('/api/documents.list', { headers: { 'X-Workbench-Token': host.token } })).status).toBe(405);
  });

  it('refuses requests for another Host (DNS rebinding)', async () => {
    const r = await raw('/api/documents.list', { method: 'POST', headers: { Host: 'evil.example:80', 'X-Workbench-Token': host.token }, body: '{}' });
    expect(r.status).toBe(403);
  });

  it('answers only to its exact 127.0.0.1:PORT, not another port or name for the same machine', async () => {
    const port = new URL(base).port;
    for (const Host of [`127.0.0.1:${Number(port) + 1}`, `localhost:${port}`, '127.0.0.1', `[::1]:${port}`, `127.0.0.1:${port}.evil.example`]) {
      const r = await raw('/api/documents.list', { method: 'POST', headers: { Host, 'X-Workbench-Token': host.token }, body: '{}' });
      expect([Host, r.status]).toEqual([Host, 403]);
    }
    expect((await raw('/', { headers: { Host: `localhost:${port}` } })).status).toBe(403);
  });

  it('refuses a 5 MB JSON body with a clear message, and keeps serving', async () => {
    const big = JSON.stringify({ text: 'あ'.repeat((5 * 1024 * 1024) / 3) });
    expect(Buffer.byteLength(big)).toBeGreaterThan(MAX_BODY);
    const r = await raw('/api/suggest.text', { method: 'POST', headers: { 'X-Workbench-Token': host.token, 'Content-Type': 'application/json' }, body: big });
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'invalid-request', message: { en: 'The request is larger than the 4 MB this host accepts; large files go in chunks.' } } });
    expect((await call('documents.list', {})).status).toBe(200);
  });

  it('caps its open connections: one past the limit is closed at once, and a slot frees when one ends', async () => {
    const url = new URL(base);
    const open = (): Promise<net.Socket> =>
      new Promise((resolve, reject) => {
        const sock = net.connect(Number(url.port), url.hostname, () => resolve(sock));
        sock.on('error', reject);
      });
    const closedSoon = (sock: net.Socket) => new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 1500);
      sock.once('close', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    // Earlier tests' keep-alive connections would hold slots: close them first.
    http.globalAgent.destroy();
    await new Promise((r) => setTimeout(r, 200));
    const held: net.Socket[] = [];
    try {
      for (let i = 0; i < MAX_CONNECTIONS; i++) held.push(await open());
      const extra = await open();
      expect(await closedSoon(extra)).toBe(true);
      expect(held.filter((sock) => sock.readyState === 'open')).toHaveLength(MAX_CONNECTIONS);
      held.pop()!.destroy();
      await new Promise((r) => setTimeout(r, 100));
      const next = await open();
      expect(await closedSoon(next)).toBe(false);
      next.destroy();
    } finally {
      for (const sock of held) sock.destroy();
      // Let the host see them go before the next test connects.
      await new Promise((r) => setTimeout(r, 200));
    }
  });

  it('answers bad JSON and bad params with typed errors', async () => {
    const badJson = await raw('/api/documents.list', { method: 'POST', headers: { 'X-Workbench-Token': host.token }, body: '{nope' });
    expect(JSON.parse(badJson.body)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    const badField = await call('statements.get', { id: 7 });
    expect(JSON.parse(badField.body)).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });

  it('serves the bundle with a strict CSP and never files outside it', async () => {
    const index = await raw('/');
    expect(index.status).toBe(200);
    const csp = String(index.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect((await raw('/../secret.txt')).body).not.toContain('top secret');
    expect((await raw('/%2e%2e/secret.txt')).body).not.toContain('top secret');
    expect((await raw('/%E0%A4%A')).status).toBe(404);
    expect((await raw('/index.html%00.js')).status).toBe(404);
    expect((await raw('/%2e%2e%2fsecret.txt')).body).not.toContain('top secret');
    expect(String((await raw('/')).headers['content-security-policy'])).toContain("require-trusted-types-for 'script'");
  });
});

describe('dev host WebSocket channel', () => {
  const hostHeader = () => new URL(base).host;
  const connect = (opts: { protocols?: string[]; origin?: string; host?: string; path?: string } = {}) =>
    new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(`ws://${hostHeader()}${opts.path ?? '/api/ws'}`, opts.protocols ?? ['workbench.api.v1', `token.${host.token}`], {
        origin: opts.origin ?? base,
        headers: opts.host ? { Host: opts.host } : undefined,
      });
      ws.once('open', () => resolve(ws));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    });
  const exchange = (ws: WebSocket, frames: unknown[]) =>
    new Promise<{ id: number | null; result: { ok: boolean; value?: unknown; error?: { code: string; message: { ja: string; en: string } } } }[]>((resolve) => {
      const replies: never[] = [];
      ws.on('message', (data) => {
        replies.push(JSON.parse(String(data)) as never);
        if (replies.length === frames.length) resolve(replies);
      });
      for (const f of frames) ws.send(typeof f === 'string' ? f : JSON.stringify(f));
    });

  it('answers API frames by id with the token in the subprotocol, selecting only the API protocol', async () => {
    const ws = await connect();
    expect(ws.protocol).toBe('workbench.api.v1');
    const replies = await exchange(ws, [
      { id: 1, method: 'documents.list', params: {} },
      { id: 2, method: 'search.query', params: { query: '強靭化', limit: 3 } },
    ]);
    const byId = new Map(replies.map((r) => [r.id, r.result]));
    expect((byId.get(1)?.value as { documents: unknown[] }).documents).toHaveLength(5);
    expect((byId.get(2)?.value as { total: number }).total).toBe(10);
    ws.close();
  });

  it('refuses a missing or wrong token, a foreign Origin or Host, and other paths before the handshake', async () => {
    await expect(connect({ protocols: ['workbench.api.v1'] })).rejects.toThrow('HTTP 401');
    await expect(connect({ protocols: ['workbench.api.v1', 'token.wrong'] })).rejects.toThrow('HTTP 401');
    await expect(connect({ protocols: [`token.${host.token}`] })).rejects.toThrow('HTTP 401');
    await expect(connect({ origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
    await expect(connect({ host: 'evil.example:80' })).rejects.toThrow('HTTP 403');
    await expect(connect({ path: '/api/other' })).rejects.toThrow('HTTP 404');
  });

  it('answers broken frames with typed errors and keeps the connection usable', async () => {
    const ws = await connect();
    const replies = await exchange(ws, ['{nope', JSON.stringify({ method: 'app.info' }), { id: 3, method: 7 }, { id: 4, method: 'statements.get', params: { id: 7 } }, { id: 5, method: 'no.such' }]);
    for (const r of replies) expect(r.result).toMatchObject({ ok: false, error: { code: r.id === 5 ? 'unknown-method' : 'invalid-request' } });
    expect(replies.map((r) => r.id).sort()).toEqual([3, 4, 5, null, null]);
    expect(replies.find((r) => r.id === 3)?.result.error?.message.en).toContain('"method" must be a string');
    const again = await exchange(ws, [{ id: 6, method: 'documents.list', params: {} }]);
    expect(again[0].result.ok).toBe(true);
    ws.close();
  });

  it('closes a socket that sends an oversized frame', async () => {
    const ws = await connect();
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    ws.on('error', () => undefined);
    ws.send(JSON.stringify({ id: 1, method: 'documents.list', params: { pad: 'x'.repeat(5 * 1024 * 1024) } }));
    expect(await closed).toBe(1009);
  });
});
