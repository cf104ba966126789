// The loopback host over one WebSocket: calls are framed with ids and answered out of order.
// If the socket cannot be opened at all, calls go over HTTP instead, so nothing depends on it.
import type { Invoke, Result } from '../../../shared/api/define';
import { SOCKET_PATH, SOCKET_PROTOCOL, SOCKET_TOKEN_PREFIX, type SocketReply, type SocketRequest } from '../../../shared/api/socket';

/** The part of the browser's WebSocket this transport uses (tests pass a fake). */
export interface SocketLike {
  readonly readyState: number;
  readonly protocol: string;
  send(data: string): void;
  close(): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
}
export type SocketFactory = (url: string, protocols: string[]) => SocketLike;

const OPEN = 1;

function lost(): Result<unknown> {
  return {
    ok: false,
    error: {
      code: 'unavailable',
      message: {
        ja: 'ワークベンチのサーバーとの接続が切れました。操作が反映されたか確認してから、もう一度お試しください。',
        en: 'The connection to the workbench host was lost. Check whether the action took effect, then try again.',
      },
    },
  };
}

export function socketUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${SOCKET_PATH}`;
}

/**
 * One socket, opened on the first call and again after it drops. Calls made while it opens
 * wait for it; if it never opens (old host, refused token) they and all later calls use
 * `fallback`, which reports the reason in plain language. A call in flight when the socket
 * drops is not retried (it may have been applied) but answered with a "connection lost" error.
 */
export function socketTransport(url: string, token: string, fallback: Invoke, open: SocketFactory): Invoke {
  let socket: SocketLike | null = null;
  let failed = false;
  let nextId = 1;
  const inFlight = new Map<number, (r: Result<unknown>) => void>();
  let waiting: { frame: SocketRequest; resolve(r: Result<unknown>): void }[] = [];

  const connect = (): SocketLike => {
    const ws = open(url, [SOCKET_PROTOCOL, `${SOCKET_TOKEN_PREFIX}${token}`]);
    let opened = false;
    ws.onopen = () => {
      // Something answered that does not speak our API: treat it like a refused socket.
      if (ws.protocol !== SOCKET_PROTOCOL) return ws.close();
      opened = true;
      const queued = waiting;
      waiting = [];
      for (const w of queued) {
        inFlight.set(w.frame.id, w.resolve);
        ws.send(JSON.stringify(w.frame));
      }
    };
    ws.onmessage = (ev) => {
      let reply: SocketReply;
      try {
        reply = JSON.parse(String(ev.data)) as SocketReply;
      } catch {
        return;
      }
      if (reply.id === null) return;
      const resolve = inFlight.get(reply.id);
      if (!resolve) return;
      inFlight.delete(reply.id);
      resolve(reply.result);
    };
    ws.onerror = () => undefined;
    ws.onclose = () => {
      if (socket === ws) socket = null;
      if (!opened) {
        // Never got through: nothing was sent, so the queued calls can safely go over HTTP.
        failed = true;
        const queued = waiting;
        waiting = [];
        for (const w of queued) void fallback(w.frame.method, w.frame.params).then(w.resolve);
        return;
      }
      const pending = [...inFlight.values()];
      inFlight.clear();
      for (const resolve of pending) resolve(lost());
      // Calls made while it was closing have not been sent: they go on a fresh socket.
      if (waiting.length && !socket) socket = connect();
    };
    return ws;
  };

  return (method, params) => {
    if (failed) return fallback(method, params);
    const frame: SocketRequest = { id: nextId++, method, params: params ?? {} };
    return new Promise<Result<unknown>>((resolve) => {
      socket ??= connect();
      if (socket.readyState === OPEN) {
        inFlight.set(frame.id, resolve);
        socket.send(JSON.stringify(frame));
      } else {
        waiting.push({ frame, resolve });
      }
    });
  };
}
