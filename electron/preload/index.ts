// The renderer's only door to the back end: one invoke function, the save/open dialogs and the
// startup progress, via contextBridge. A sandboxed preload cannot require our files, so the build
// bundles it into one self-contained script (scripts/build-preload.js); only `electron` stays out.
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_CHANNELS, type WorkbenchBridge } from '../../shared/api/bridge';

// `satisfies` checks both ways: every member the renderer may use is here with its type, and an
// object literal with a member the bridge type does not declare is an error.
const bridge = {
  invoke: (method, params) => {
    if (typeof method !== 'string') return Promise.reject(new TypeError('method must be a string'));
    return ipcRenderer.invoke(IPC_CHANNELS.invoke, method, params);
  },
  // The native dialogs answer with an opaque, single-use handle for the chosen file (and its
  // name), never a path: only the main process knows which file a handle stands for.
  saveDialog: (opts) => ipcRenderer.invoke(IPC_CHANNELS.saveDialog, opts),
  openDialog: (opts) => ipcRenderer.invoke(IPC_CHANNELS.openDialog, opts),
  // Startup progress (opening the database, ingesting the corpus) for the window's first screen.
  startupState: () => ipcRenderer.invoke(IPC_CHANNELS.startupState),
  onStartup: (listener) => {
    const forward = (_event: unknown, progress: unknown) => listener(progress);
    ipcRenderer.on(IPC_CHANNELS.startupEvent, forward);
    return () => ipcRenderer.removeListener(IPC_CHANNELS.startupEvent, forward);
  },
  showExportInFolder: (exportId) => ipcRenderer.invoke(IPC_CHANNELS.showExport, exportId),
  platform: process.platform,
} satisfies WorkbenchBridge;

contextBridge.exposeInMainWorld('workbench', bridge);
