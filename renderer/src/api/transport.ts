// Picks how the renderer reaches the back end: the Electron preload bridge when present,
// else the loopback dev host (WebSocket, HTTP as fallback) with the token from the page URL.
import type { WorkbenchBridge } from '../../../shared/api/bridge';
import type { Invoke, Result } from '../../../shared/api/define';
import { socketTransport, socketUrl, type SocketLike } from './socket';

/**
 * `window.workbench` as the page may find it: Electron's preload gives every member of
 * WorkbenchBridge; anything else (a test's stand-in, the browser host: none) may give less, so
 * the page checks each optional member before using it.
 */
export type PageBridge = Pick<WorkbenchBridge, 'invoke'> & Partial<Omit<WorkbenchBridge, 'invoke'>>;

export function bridgeOf(win: Window): PageBridge | null {
  const candidate = (win as unknown as { workbench?: PageBridge }).workbench;
  return candidate && typeof candidate.invoke === 'function' ? candidate : null;
}

function transportError(ja: string, en: string): Result<unknown> {
  return { ok: false, error: { code: 'unavailable', message: { ja, en } } };
}

export function ipcTransport(bridge: PageBridge): Invoke {
  return (method, params) => bridge.invoke(method, params);
}

export function httpTransport(token: string, fetchImpl: typeof fetch = (...a) => fetch(...a)): Invoke {
  return async (method, params) => {
    let response: Response;
    try {
      response = await fetchImpl(`/api/${encodeURIComponent(method)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Workbench-Token': token },
        body: JSON.stringify(params ?? {}),
      });
    } catch {
      return transportError('ワークベンチのサーバーに接続できません。ホストが起動しているか確認してください。', 'Cannot reach the workbench host. Check that it is still running.');
    }
    if (response.status === 401) {
      return transportError('アクセス用トークンが無効です。ホストが表示した URL から開き直してください。', 'The access token is missing or wrong. Reopen the page from the URL the host printed.');
    }
    try {
      return (await response.json()) as Result<unknown>;
    } catch {
      return transportError(`サーバーの応答を読めませんでした (HTTP ${response.status})。`, `Could not read the host's answer (HTTP ${response.status}).`);
    }
  };
}

const TOKEN_KEY = 'workbench.devhost.token';

/**
 * The dev host's per-run token: read from the address the host printed, then removed from the
 * address bar (history, screenshots, shoulder-surfing) and kept for this tab only, so a reload
 * still works.
 */
export function takeHostToken(win: Window): string {
  const params = new URLSearchParams(win.location.search);
  const fromUrl = params.get('token');
  if (fromUrl === null) return win.sessionStorage.getItem(TOKEN_KEY) ?? '';
  win.sessionStorage.setItem(TOKEN_KEY, fromUrl);
  params.delete('token');
  const rest = params.toString();
  win.history.replaceState(win.history.state, '', `${win.location.pathname}${rest ? `?${rest}` : ''}${win.location.hash}`);
  return fromUrl;
}

export function selectTransport(win: Window): Invoke {
  const bridge = bridgeOf(win);
  if (bridge) return ipcTransport(bridge);
  const token = takeHostToken(win);
  const http = httpTransport(token);
  const Socket = (win as unknown as { WebSocket?: new (url: string, protocols: string[]) => SocketLike }).WebSocket;
  if (!Socket) return http;
  return socketTransport(socketUrl(win.location), token, http, (url, protocols) => new Socket(url, protocols));
}
