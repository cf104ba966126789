// @vitest-environment jsdom
// How the renderer reaches the back end: the preload bridge when Electron provides it, else the
// loopback host with the page's token on every call; transport failures become typed errors.
import { afterEach, describe, expect, it } from 'vitest';
import { bridgeOf, httpTransport, selectTransport } from '../../renderer/src/api/transport';

afterEach(() => {
  delete (window as unknown as { workbench?: unknown }).workbench;
  window.history.replaceState(null, '', '/');
});

function fakeFetch(respond: (url: string, init: RequestInit) => Response | Promise<Response>) {
  const calls: { url: string; init: RequestInit }[] = [];
  const impl = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return respond(url, init);
  }) as unknown as typeof fetch;
  return { calls, impl };
}

describe('transport selection', () => {
  it('uses the preload bridge when window.workbench is there', async () => {
    const seen: unknown[] = [];
    (window as unknown as { workbench: unknown }).workbench = {
      invoke: async (method: string, params: unknown) => {
        seen.push([method, params]);
        return { ok: true, value: { documents: [] } };
      },
    };
    expect(bridgeOf(window)).not.toBeNull();
    const result = await selectTransport(window)('documents.list', {});
    expect(result).toEqual({ ok: true, value: { documents: [] } });
    expect(seen).toEqual([['documents.list', {}]]);
  });

  it('ignores a window.workbench without invoke (not our preload)', () => {
    (window as unknown as { workbench: unknown }).workbench = { something: 1 };
    expect(bridgeOf(window)).toBeNull();
  });
});

describe('loopback HTTP transport', () => {
  it('POSTs JSON to /api/<method> with the token header and returns the Result body', async () => {
    const { calls, impl } = fakeFetch(() => new Response(JSON.stringify({ ok: true, value: { n: 1 } }), { status: 200 }));
    const result = await httpTransport('tok-123', impl)('statements.get', { id: 'a:b' });
    expect(result).toEqual({ ok: true, value: { n: 1 } });
    expect(calls[0].url).toBe('/api/statements.get');
    expect(calls[0].init.method).toBe('POST');
    expect((calls[0].init.headers as Record<string, string>)['X-Workbench-Token']).toBe('tok-123');
    expect(JSON.parse(calls[0].init.body as string)).toEqual({ id: 'a:b' });
  });

  it('turns a rejected token into a plain-language error', async () => {
    const { impl } = fakeFetch(() => new Response('{"error":"missing or wrong token"}', { status: 401 }));
    const result = await httpTransport('bad', impl)('app.info', {});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message.ja).toContain('トークンが無効です');
  });

  it('turns a host that went away into a plain-language error', async () => {
    const { impl } = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    const result = await httpTransport('t', impl)('app.info', {});
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('unavailable');
      expect(result.error.message.en).toBe('Cannot reach the workbench host. Check that it is still running.');
    }
  });

  it('reads the token from the page URL, for the socket and for HTTP when the socket is refused', async () => {
    window.history.replaceState(null, '', '/?token=from-url');
    const original = { fetch: window.fetch, WebSocket: window.WebSocket };
    const seen: string[] = [];
    const sockets: { url: string; protocols: string[] }[] = [];
    window.fetch = (async (_url: string, init: RequestInit) => {
      seen.push((init.headers as Record<string, string>)['X-Workbench-Token']);
      return new Response('{"ok":true,"value":{}}');
    }) as unknown as typeof fetch;
    // A host that refuses the upgrade: the socket closes without ever opening.
    window.WebSocket = class {
      readyState = 0;
      protocol = '';
      onopen = null;
      onmessage = null;
      onerror = null;
      onclose: ((ev: unknown) => void) | null = null;
      constructor(url: string, protocols: string[]) {
        sockets.push({ url, protocols });
        setTimeout(() => this.onclose?.({}), 0);
      }
      send() {}
      close() {}
    } as unknown as typeof WebSocket;
    try {
      expect(await selectTransport(window)('app.info', {})).toEqual({ ok: true, value: {} });
    } finally {
      window.fetch = original.fetch;
      window.WebSocket = original.WebSocket;
    }
    expect(sockets).toEqual([{ url: `ws://${window.location.host}/api/ws`, protocols: ['workbench.api.v1', 'token.from-url'] }]);
    expect(seen).toEqual(['from-url']);
  });
});
