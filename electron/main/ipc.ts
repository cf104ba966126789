// IPC wiring: the typed API (served by the database worker) behind one channel, callable only from our own page,
// plus the native save and open dialogs (exports, annotation files).
import { BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { IPC_CHANNELS } from '../../shared/api/bridge';
import type { Invoke } from '../../shared/api/define';
import { isTrustedSender } from './security';

/** The main frame of our window at app://workbench (see isTrustedSender). */
export function fromOurPage(event: IpcMainInvokeEvent): boolean {
  return isTrustedSender(event);
}

/** `invoke` is where API calls go: the database worker in the app, a dispatcher in tests. */
export function registerIpc(invoke: Invoke<unknown>): void {
  ipcMain.handle(IPC_CHANNELS.invoke, (event, method: unknown, params: unknown) => {
    if (!fromOurPage(event)) {
      return { ok: false, error: { code: 'invalid-request', message: { ja: '許可されていない呼び出し元です。', en: 'Caller not allowed.' } } };
    }
    return invoke(method, params);
  });
  ipcMain.handle(IPC_CHANNELS.saveDialog, async (event, opts: unknown) => {
    if (!fromOurPage(event)) return null;
    const o = (opts ?? {}) as { defaultPath?: unknown; filters?: unknown };
    const win = BrowserWindow.fromWebContents(event.sender);
    const options = {
      defaultPath: typeof o.defaultPath === 'string' ? o.defaultPath : undefined,
      filters: Array.isArray(o.filters) ? (o.filters as { name: string; extensions: string[] }[]) : undefined,
    };
    const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    return result.canceled ? null : (result.filePath ?? null);
  });
  ipcMain.handle(IPC_CHANNELS.openDialog, async (event, opts: unknown) => {
    if (!fromOurPage(event)) return null;
    const o = (opts ?? {}) as { filters?: unknown };
    const win = BrowserWindow.fromWebContents(event.sender);
    const options = {
      properties: ['openFile' as const],
      filters: Array.isArray(o.filters) ? (o.filters as { name: string; extensions: string[] }[]) : undefined,
    };
    const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  });
}
