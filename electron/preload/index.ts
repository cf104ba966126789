// The renderer's only door to the back end: one invoke function and the save/open dialogs, exposed
// through contextBridge. Sandboxed preloads cannot require local files, so this file is self-contained.
import { contextBridge, ipcRenderer } from 'electron';

const INVOKE = 'workbench:invoke';
const SAVE_DIALOG = 'workbench:save-dialog';
const OPEN_DIALOG = 'workbench:open-dialog';

contextBridge.exposeInMainWorld('workbench', {
  invoke: (method: string, params: unknown): Promise<unknown> => {
    if (typeof method !== 'string') return Promise.reject(new TypeError('method must be a string'));
    return ipcRenderer.invoke(INVOKE, method, params);
  },
  saveDialog: (opts: { defaultPath?: string; filters?: { name: string; extensions: string[] }[] }): Promise<string | null> =>
    ipcRenderer.invoke(SAVE_DIALOG, opts),
  openDialog: (opts: { filters?: { name: string; extensions: string[] }[] }): Promise<string | null> => ipcRenderer.invoke(OPEN_DIALOG, opts),
  platform: process.platform,
});
