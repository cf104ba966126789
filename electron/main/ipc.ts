// IPC wiring: the typed API (served by the database worker) behind one channel, callable only from our own page,
// plus the native save and open dialogs, which answer with an opaque file handle, never a path.
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { IPC_CHANNELS, type FileChoice } from '../../shared/api/bridge';
import type { Result } from '../../shared/api/define';
import { callWithGrant, FileHandleRegistry, type FileGrant, type FileMode } from '../files/handles';
import { isTrustedSender } from './security';

/** Where API calls go: the database worker in the app, a dispatcher in tests. `grant`: the file a handle stood for. */
export type GrantedInvoke = (method: unknown, params: unknown, grant?: FileGrant) => Promise<Result<unknown>>;

/** The main frame of our window at app://workbench (see isTrustedSender). */
export function fromOurPage(event: IpcMainInvokeEvent): boolean {
  return isTrustedSender(event);
}

type Filter = { name: string; extensions: string[] };

/** Dialog options from the page, reduced to what is valid: a bare file name, a few plain filters. */
function dialogOptions(opts: unknown): { defaultName?: string; filters?: Filter[] } {
  const o = (typeof opts === 'object' && opts !== null ? opts : {}) as { defaultName?: unknown; filters?: unknown };
  const defaultName = typeof o.defaultName === 'string' && o.defaultName.length <= 255 && /^(?!\.{1,2}$)[^/\\\u0000]+$/.test(o.defaultName) ? o.defaultName : undefined;
  const filters = Array.isArray(o.filters)
    ? (o.filters as unknown[])
        .slice(0, 10)
        .filter((f): f is Filter => {
          const x = f as Partial<Filter> | null;
          return !!x && typeof x.name === 'string' && x.name.length <= 100 && Array.isArray(x.extensions) && x.extensions.length <= 10 && x.extensions.every((e) => typeof e === 'string' && /^[a-z0-9]{1,10}$/i.test(e));
        })
        .map((f) => ({ name: f.name, extensions: [...f.extensions] }))
    : undefined;
  return { defaultName, filters };
}

function documentsFolder(): string | undefined {
  try {
    return app.getPath('documents');
  } catch {
    return undefined;
  }
}

export function registerIpc(invoke: GrantedInvoke, handles = new FileHandleRegistry()): void {
  const choice = (file: string, mode: FileMode): FileChoice => ({ handle: handles.issue(file, mode), name: path.basename(file) });

  ipcMain.handle(IPC_CHANNELS.invoke, (event, method: unknown, params: unknown) => {
    if (!fromOurPage(event)) {
      return { ok: false, error: { code: 'invalid-request', message: { ja: '許可されていない呼び出し元です。', en: 'Caller not allowed.' } } };
    }
    // A handle in the request is redeemed here (once, before it expires); the worker gets the path beside the call.
    return callWithGrant(handles, params, (grant) => invoke(method, params, grant));
  });
  ipcMain.handle(IPC_CHANNELS.saveDialog, async (event, opts: unknown): Promise<FileChoice | null> => {
    if (!fromOurPage(event)) return null;
    const o = dialogOptions(opts);
    const win = BrowserWindow.fromWebContents(event.sender);
    const folder = documentsFolder();
    const options = { defaultPath: o.defaultName && folder ? path.join(folder, o.defaultName) : o.defaultName, filters: o.filters };
    const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : choice(result.filePath, 'write');
  });
  ipcMain.handle(IPC_CHANNELS.openDialog, async (event, opts: unknown): Promise<FileChoice | null> => {
    if (!fromOurPage(event)) return null;
    const o = dialogOptions(opts);
    const win = BrowserWindow.fromWebContents(event.sender);
    const options = { properties: ['openFile' as const], filters: o.filters };
    const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    const file = result.canceled ? undefined : result.filePaths[0];
    return file ? choice(file, 'read') : null;
  });
}
