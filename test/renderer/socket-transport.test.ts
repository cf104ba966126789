// The loopback WebSocket transport: frames matched to calls by id (answers may come out of
// order), calls queued while connecting, HTTP when the socket is refused, and no silent retry
// of a call that may already have been applied when the connection drops.
import { describe, expect, it } from 'vitest';
import type { Result } from '../../shared/api/define';
import { socketTransport, socketUrl, type SocketLike } from '../../renderer/src/api/socket';

class FakeSocket implements SocketLike {
  readyState = 0;
  protocol = '';
  sent: { id: number; method: string; params: unknown }[] = [];
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {}
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.readyState = 3;
    this.onclose?.({});
  }
  accept(protocol = 'workbench.api.v1') {
    this.readyState = 1;
    this.protocol = protocol;
    this.onopen?.({});
  }
  reply(id: number | null, result: Result<unknown>) {
    this.onmessage?.({ data: JSON.stringify({ id, result }) });
  }
}

function setup() {
  const sockets: FakeSocket[] = [];
  const httpCalls: string[] = [];
  const fallback = async (method: string): Promise<Result<unknown>> => {
    httpCalls.push(method);
    return { ok: true, value: { via: 'http' } };
  };
  const transport = socketTransport('ws://127.0.0.1:1/api/ws', 'tok', fallback, (url, protocols) => {
    const s = new FakeSocket(url, protocols);
    sockets.push(s);
    return s;
  });
  return { sockets, httpCalls, transport };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('socket transport', () => {
  it('opens one socket with the API protocol and the token, queues calls until it opens', async () => {
    const { sockets, transport } = setup();
    const a = transport('documents.list', {});
    const b = transport('search.query', { query: '中国' });
    expect(sockets).toHaveLength(1);
    expect(sockets[0].protocols).toEqual(['workbench.api.v1', 'token.tok']);
    expect(sockets[0].sent).toEqual([]);
    sockets[0].accept();
    expect(sockets[0].sent.map((f) => f.method)).toEqual(['documents.list', 'search.query']);
    expect(sockets[0].sent[1].params).toEqual({ query: '中国' });
    // Answers out of order still reach the right callers.
    sockets[0].reply(sockets[0].sent[1].id, { ok: true, value: 'second' });
    sockets[0].reply(sockets[0].sent[0].id, { ok: true, value: 'first' });
    expect(await a).toEqual({ ok: true, value: 'first' });
    expect(await b).toEqual({ ok: true, value: 'second' });
  });

  it('sends at once on an open socket and ignores frames it cannot place', async () => {
    const { sockets, transport } = setup();
    void transport('app.info', {});
    sockets[0].accept();
    const c = transport('app.info', undefined);
    const frame = sockets[0].sent[1];
    expect(frame.params).toEqual({});
    sockets[0].onmessage?.({ data: 'not json' });
    sockets[0].reply(null, { ok: false, error: { code: 'invalid-request', message: { ja: 'x', en: 'x' } } });
    sockets[0].reply(999, { ok: true, value: 'stray' });
    sockets[0].reply(frame.id, { ok: true, value: 'mine' });
    expect(await c).toEqual({ ok: true, value: 'mine' });
  });

  it('falls back to HTTP for queued and later calls when the socket never opens', async () => {
    const { sockets, httpCalls, transport } = setup();
    const a = transport('documents.list', {});
    sockets[0].close();
    expect(await a).toEqual({ ok: true, value: { via: 'http' } });
    expect(await transport('search.query', { query: 'x' })).toEqual({ ok: true, value: { via: 'http' } });
    expect(httpCalls).toEqual(['documents.list', 'search.query']);
    expect(sockets).toHaveLength(1);
  });

  it('refuses a server that does not select the API protocol', async () => {
    const { sockets, httpCalls, transport } = setup();
    const a = transport('documents.list', {});
    sockets[0].accept('something-else');
    expect(await a).toEqual({ ok: true, value: { via: 'http' } });
    expect(sockets[0].sent).toEqual([]);
    expect(httpCalls).toEqual(['documents.list']);
  });

  it('answers calls in flight with a plain-language error when the connection drops, then reconnects', async () => {
    const { sockets, httpCalls, transport } = setup();
    const a = transport('annotations.create', { statementId: 's' });
    sockets[0].accept();
    sockets[0].close();
    const lost = await a;
    expect(lost.ok).toBe(false);
    if (!lost.ok) {
      expect(lost.error.code).toBe('unavailable');
      expect(lost.error.message.ja).toContain('接続が切れました');
    }
    // Not retried over HTTP: it may already have been applied.
    expect(httpCalls).toEqual([]);
    const b = transport('documents.list', {});
    expect(sockets).toHaveLength(2);
    sockets[1].accept();
    sockets[1].reply(sockets[1].sent[0].id, { ok: true, value: 'again' });
    expect(await b).toEqual({ ok: true, value: 'again' });
  });

  it('sends calls made while the socket was closing on a fresh one', async () => {
    const { sockets, transport } = setup();
    void transport('app.info', {});
    sockets[0].accept();
    sockets[0].readyState = 2;
    const b = transport('documents.list', {});
    sockets[0].close();
    await tick();
    expect(sockets).toHaveLength(2);
    sockets[1].accept();
    expect(sockets[1].sent.map((f) => f.method)).toEqual(['documents.list']);
    sockets[1].reply(sockets[1].sent[0].id, { ok: true, value: 'fresh' });
    expect(await b).toEqual({ ok: true, value: 'fresh' });
  });

  it('derives ws:// or wss:// from the page', () => {
    expect(socketUrl({ protocol: 'http:', host: '127.0.0.1:5173' })).toBe('ws://127.0.0.1:5173/api/ws');
    expect(socketUrl({ protocol: 'https:', host: 'h:1' })).toBe('wss://h:1/api/ws');
  });
});
