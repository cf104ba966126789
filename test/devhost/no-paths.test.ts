// Through the browser host no API call can make the back end read or write a path of the caller's
// choosing: the old path-taking shapes and made-up handles are refused, exports come back as bytes
// (a download fetched in chunks), imports go in as bytes (an upload), and a 5 MB body is refused
// with a clear answer while the host keeps serving.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { SOCKET_PATH, SOCKET_PROTOCOL, SOCKET_TOKEN_PREFIX } from '../../shared/api/socket';
import { startDevHost, type DevHost } from '../../electron/devhost/server';
import { RESOURCES_DIR, tempDbPath, tempDir } from '../helpers/db';

let host: DevHost;
let base: string;
const rendererDir = tempDir('wb-renderer-');
const outside = tempDir('wb-outside-');

beforeAll(async () => {
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  host = await startDevHost({ dbPath: tempDbPath(), rendererDir, resourcesDir: RESOURCES_DIR });
  base = new URL(host.url).origin;
}, 120_000);
afterAll(() => host.close());

function post(method: string, body: string | Buffer): Promise<{ status: number; body: string }> {
  const url = new URL(`/api/${method}`, base);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'X-Workbench-Token': host.token, 'Content-Type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function call(method: string, params: unknown): Promise<{ ok: boolean; value?: never; error?: { code: string; message: { en: string }; subject?: string } }> {
  const r = await post(method, JSON.stringify(params));
  return JSON.parse(r.body);
}

describe('browser host: no paths', () => {
  it('refuses every old path-taking request and any handle, and writes or reads nothing', async () => {
    const { value: created } = await call('briefings.create', { title: 'import os; os.system("id")' });
    const id = (created as unknown as { briefing: { id: string } }).briefing.id;
    const pth = path.join(outside, 'evil.pth');
    const secret = path.join(outside, 'secret.json');
    fs.writeFileSync(secret, '{"format":"keizai-anpo-workbench/annotations","version":1,"exportedAt":"x","exportedBy":"SECRET-NAME","pillars":[],"annotations":[]}', { mode: 0o600 });
    const attempts: [string, unknown][] = [
      ['briefings.export', { id, format: 'md', path: pth, force: true }],
      ['briefings.export', { id, format: 'md', target: { path: pth } }],
      ['briefings.export', { id, format: 'md', target: pth }],
      ['briefings.export', { id, format: 'md', target: { handle: 'AAAAAAAAAAAAAAAAAAAAAAAA' } }],
      ['annotations.export', { path: pth, overwrite: true }],
      ['annotations.export', { target: { handle: 'AAAAAAAAAAAAAAAAAAAAAAAA' } }],
      ['annotations.import', { path: secret }],
      ['annotations.import', { source: { path: secret } }],
      ['annotations.import', { source: { handle: 'AAAAAAAAAAAAAAAAAAAAAAAA' } }],
      ['annotations.import', { source: { upload: 'AAAAAAAAAAAAAAAAAAAA', fileName: secret } }],
      ['backups.restore', { file: secret }],
    ];
    for (const [method, params] of attempts) {
      const r = await call(method, params);
      expect(r.ok, `${method} ${JSON.stringify(params)}`).toBe(false);
      expect(r.error?.code, `${method} ${JSON.stringify(params)}`).toBe('invalid-request');
      expect(JSON.stringify(r)).not.toContain('SECRET-NAME');
    }
    expect(fs.readdirSync(outside)).toEqual(['secret.json']);
    // Nothing landed next to the database, in the working directory or in the temp folder either.
    expect(fs.existsSync(path.resolve('evil.pth'))).toBe(false);
    expect(fs.readdirSync(os.tmpdir()).filter((f) => f.includes('evil.pth'))).toEqual([]);
  });

  it('exports as bytes fetched in chunks, and imports an upload', async () => {
    const { value } = await call('annotations.export', { target: { download: true } });
    const exported = value as unknown as { path: null; download: { id: string; size: number } };
    expect(exported.path).toBeNull();
    const parts: Buffer[] = [];
    for (let offset = 0; ; ) {
      const { value: chunk } = await call('downloads.read', { id: exported.download.id, offset });
      const c = chunk as unknown as { chunkBase64: string; done: boolean };
      parts.push(Buffer.from(c.chunkBase64, 'base64'));
      offset += parts.at(-1)!.length;
      if (c.done) break;
    }
    const file = Buffer.concat(parts);
    expect(file.length).toBe(exported.download.size);
    expect(JSON.parse(file.toString('utf8')).format).toBe('keizai-anpo-workbench/annotations');
    const { value: up } = await call('uploads.append', { chunkBase64: file.toString('base64') });
    const report = await call('annotations.import', { source: { upload: (up as unknown as { id: string }).id, fileName: 'annotations.json' } });
    expect(report).toMatchObject({ ok: true, value: { annotations: 0 } });
  });

  it('refuses a 5 MB JSON body with a clear answer, and keeps serving', async () => {
    const big = JSON.stringify({ chunkBase64: 'A'.repeat(5 * 1024 * 1024) });
    const r = await post('uploads.append', big);
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'invalid-request', message: { en: 'The request is larger than the 4 MB this host accepts; large files go in chunks.' } } });
    expect(JSON.parse((await post('documents.list', '{}')).body).ok).toBe(true);
  });

  it('closes a WebSocket that sends a 5 MB frame, and answers the next socket', async () => {
    const url = `ws://127.0.0.1:${new URL(base).port}${SOCKET_PATH}`;
    const open = () => new WebSocket(url, [SOCKET_PROTOCOL, `${SOCKET_TOKEN_PREFIX}${host.token}`], { headers: { Origin: base } });
    const ws = open();
    await new Promise((resolve) => ws.once('open', resolve));
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send(JSON.stringify({ id: 1, method: 'uploads.append', params: { chunkBase64: 'A'.repeat(5 * 1024 * 1024) } }));
    expect(await closed).toBe(1009);
    const next = open();
    await new Promise((resolve) => next.once('open', resolve));
    const answer = new Promise<string>((resolve) => next.once('message', (d) => resolve(d.toString())));
    next.send(JSON.stringify({ id: 2, method: 'documents.list', params: {} }));
    expect(JSON.parse(await answer)).toMatchObject({ id: 2, result: { ok: true } });
    next.close();
  });
});
