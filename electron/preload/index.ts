// The renderer's only door to the back end: one invoke function, the save/open dialogs and the
// startup progress, via contextBridge. Sandboxed preloads cannot require files: self-contained.
import { contextBridge, ipcRenderer } from 'electron';

const INVOKE = 'workbench:invoke';
const SAVE_DIALOG = 'workbench:save-dialog';
const OPEN_DIALOG = 'workbench:open-dialog';
const STARTUP_STATE = 'workbench:startup-state';
const STARTUP_EVENT = 'workbench:startup';

contextBridge.exposeInMainWorld('workbench', {
  invoke: (method: string, params: unknown): Promise<unknown> => {
    if (typeof method !== 'string') return Promise.reject(new TypeError('method must be a string'));
    return ipcRenderer.invoke(INVOKE, method, params);
  },
  // The native dialogs answer with an opaque, single-use handle for the chosen file (and its
  // name), never a path: only the main process knows which file a handle stands for.
  saveDialog: (opts: { defaultName?: string; filters?: { name: string; extensions: string[] }[] }): Promise<{ handle: string; name: string } | null> =>
    ipcRenderer.invoke(SAVE_DIALOG, opts),
  openDialog: (opts: { filters?: { name: string; extensions: string[] }[] }): Promise<{ handle: string; name: string } | null> => ipcRenderer.invoke(OPEN_DIALOG, opts),
  // Startup progress (opening the database, ingesting the corpus) for the window's first screen.
  startupState: (): Promise<unknown> => ipcRenderer.invoke(STARTUP_STATE),
  onStartup: (listener: (progress: unknown) => void): (() => void) => {
    const forward = (_event: unknown, progress: unknown) => listener(progress);
    ipcRenderer.on(STARTUP_EVENT, forward);
    return () => ipcRenderer.removeListener(STARTUP_EVENT, forward);
  },
  platform: process.platform,
});
