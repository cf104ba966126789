// The dev host's WebSocket channel: the same typed API as POST /api/<method>, one socket per
// page, so as-you-type search pays one loopback frame per call instead of a full HTTP exchange.
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { SOCKET_PATH, SOCKET_PROTOCOL, SOCKET_TOKEN_PREFIX, type SocketReply } from '../../shared/api/socket';
import type { Invoke, Result } from '../../shared/api/define';

export interface SocketChannel {
  /** Wire this into the HTTP server's `upgrade` event. */
  onUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): void;
}

export interface SocketChannelOptions {
  dispatch: Invoke;
  /** True when the token matches this run's; compared in constant time by the caller. */
  tokenOk(given: string): boolean;
  /** The Host header this server answers to (127.0.0.1:<port>), known once it listens. */
  host(): string;
  maxPayload: number;
}

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.write(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}

function protocolsOf(req: http.IncomingMessage): string[] {
  return (req.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
}

function invalid(ja: string, en: string): Result<unknown> {
  return { ok: false, error: { code: 'invalid-request', message: { ja, en } } };
}

export function createSocketChannel(opts: SocketChannelOptions): SocketChannel {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: opts.maxPayload,
    // The token rides in a second subprotocol (browsers cannot set headers on a WebSocket);
    // the server answers with the API protocol only, so the token is never echoed.
    handleProtocols: (protocols) => (protocols.has(SOCKET_PROTOCOL) ? SOCKET_PROTOCOL : false),
  });

  const serve = (ws: WebSocket) => {
    // Oversized or malformed frames: ws closes the socket itself (1009/1002); an unheard
    // 'error' would take the whole host down.
    ws.on('error', () => undefined);
    ws.on('message', (data: RawData, isBinary: boolean) => {
      void answer(ws, data, isBinary);
    });
  };

  const answer = async (ws: WebSocket, data: RawData, isBinary: boolean) => {
    // Frames that arrive together are emitted in one go; yielding first lets the answer to the
    // previous frame (the search) leave before this one (its suggestions) is worked on.
    await new Promise<void>((resolve) => setImmediate(resolve));
    let id: number | null = null;
    let result: Result<unknown>;
    try {
      if (isBinary) throw new Error('binary frames are not accepted');
      const msg = JSON.parse(data.toString()) as { id?: unknown; method?: unknown; params?: unknown };
      if (typeof msg !== 'object' || msg === null) throw new Error('the message is not a JSON object');
      id = typeof msg.id === 'number' && Number.isSafeInteger(msg.id) ? msg.id : null;
      if (id === null) throw new Error('"id" must be an integer');
      if (typeof msg.method !== 'string') throw new Error('"method" must be a string');
      result = await opts.dispatch(msg.method, msg.params ?? {});
    } catch (e) {
      const why = (e as Error).message;
      result = invalid(`要求を読めませんでした: ${why}`, `Could not read the request: ${why}`);
    }
    if (ws.readyState !== ws.OPEN) return;
    const reply: SocketReply = { id, result };
    ws.send(JSON.stringify(reply));
  };

  return {
    onUpgrade(req, socket, head) {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const host = opts.host();
      // Same rules as the HTTP API, plus the Origin a browser always sends on a WebSocket:
      // a page from anywhere else (DNS rebinding, cross-site socket hijacking) gets nothing.
      if (req.headers.host !== host) return refuse(socket, 403, 'Forbidden');
      if (req.headers.origin !== undefined && req.headers.origin !== `http://${host}`) return refuse(socket, 403, 'Forbidden');
      if (url.pathname !== SOCKET_PATH) return refuse(socket, 404, 'Not Found');
      const protocols = protocolsOf(req);
      const token = protocols.find((p) => p.startsWith(SOCKET_TOKEN_PREFIX))?.slice(SOCKET_TOKEN_PREFIX.length) ?? '';
      if (!protocols.includes(SOCKET_PROTOCOL) || !opts.tokenOk(token)) return refuse(socket, 401, 'Unauthorized');
      wss.handleUpgrade(req, socket, head, serve);
    },
    close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
