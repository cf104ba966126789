// The wire format of the loopback host's WebSocket channel, shared by the dev host and the
// renderer: where it lives, how the token travels, and the request/reply frames.
import type { Result } from './define';

export const SOCKET_PATH = '/api/ws';
/** The API's subprotocol; the server selects it, so a page knows it reached the right thing. */
export const SOCKET_PROTOCOL = 'workbench.api.v1';
/** The per-run token travels as a second subprotocol (`token.<base64url>`): browsers cannot set headers. */
export const SOCKET_TOKEN_PREFIX = 'token.';

export interface SocketRequest {
  id: number;
  method: string;
  params: unknown;
}

/** `id` is null only when the request was too broken to carry one. */
export interface SocketReply {
  id: number | null;
  result: Result<unknown>;
}
