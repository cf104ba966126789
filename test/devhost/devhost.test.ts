// The loopback dev/test host: 127.0.0.1 only, token on every API call, strict CSP on every
// response, no path traversal out of the renderer bundle, typed errors for bad bodies.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevHost, type DevHost } from '../../electron/devhost/server';
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
  });
});
