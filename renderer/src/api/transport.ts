// Picks how the renderer reaches the back end: the Electron preload bridge when present,
// else the loopback dev host (WebSocket, HTTP as fallback) with the token from the page URL.
import type { Transport } from '../../../shared/api/client';
import type { Result } from '../../../shared/api/define';
import { socketTransport, socketUrl, type SocketLike } from './socket';

export interface SaveDialogOptions {
  /** A file name to propose (the main process picks the folder). */
  defaultName?: string;
  filters?: { name: string; extensions: string[] }[];
}

/** The file the analyst chose in a native dialog: an opaque single-use handle, and its name to show. */
export interface FileChoice {
  handle: string;
  name: string;
}

/** What electron/preload exposes as `window.workbench`. */
export interface WorkbenchBridge {
  invoke(method: string, params: unknown): Promise<unknown>;
  /** The native save dialog (Electron only): a handle for the chosen file, or null when cancelled. */
  saveDialog?(opts: SaveDialogOptions): Promise<FileChoice | null>;
  /** The native open-file dialog (Electron only): a handle for the chosen file, or null when cancelled. */
  openDialog?(opts: Pick<SaveDialogOptions, 'filters'>): Promise<FileChoice | null>;
  /** Electron only: how far the database worker is (see shared/startup.ts), and its changes. */
  startupState?(): Promise<unknown>;
  onStartup?(listener: (progress: unknown) => void): () => void;
  platform?: string;
}

export function bridgeOf(win: Window): WorkbenchBridge | null {
  const candidate = (win as unknown as { workbench?: WorkbenchBridge }).workbench;
  return candidate && typeof candidate.invoke === 'function' ? candidate : null;
}

function transportError(ja: string, en: string): Result<unknown> {
  return { ok: false, error: { code: 'unavailable', message: { ja, en } } };
}

export function ipcTransport(bridge: WorkbenchBridge): Transport {
  return async (method, params) => (await bridge.invoke(method, params)) as Result<unknown>;
}

export function httpTransport(token: string, fetchImpl: typeof fetch = (...a) => fetch(...a)): Transport {
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

export function selectTransport(win: Window): Transport {
  const bridge = bridgeOf(win);
  if (bridge) return ipcTransport(bridge);
  const token = new URLSearchParams(win.location.search).get('token') ?? '';
  const http = httpTransport(token);
  const Socket = (win as unknown as { WebSocket?: new (url: string, protocols: string[]) => SocketLike }).WebSocket;
  if (!Socket) return http;
  return socketTransport(socketUrl(win.location), token, http, (url, protocols) => new Socket(url, protocols));
}
