// The Electron preload bridge, declared once for both ends: the IPC channel names that
// electron/preload and electron/main use, and `window.workbench` as the preload exposes it
// (checked there with `satisfies`) and the renderer reads it (renderer/src/api/transport.ts).
import type { Invoke } from './define';

export const IPC_CHANNELS = {
  /** Every typed API call (shared/api/contract.ts), answered by the database worker. */
  invoke: 'workbench:invoke',
  saveDialog: 'workbench:save-dialog',
  openDialog: 'workbench:open-dialog',
  /** Start-up progress (opening the database, ingesting the corpus): asked for, then pushed. */
  startupState: 'workbench:startup-state',
  startupEvent: 'workbench:startup',
  /** "Show in folder" for an export, named by its export-log id (never by a path). */
  showExport: 'workbench:show-export',
} as const;

export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface SaveDialogOptions {
  /** A file name to propose (the main process picks the folder). */
  defaultName?: string;
  filters?: FileFilter[];
}

/** The file the analyst chose in a native dialog: an opaque single-use handle, and its name to show. */
export interface FileChoice {
  handle: string;
  name: string;
}

/** What electron/preload exposes as `window.workbench`, every member present. */
export interface WorkbenchBridge {
  invoke: Invoke;
  /** The native save dialog: a handle for the chosen file (never its path), or null when cancelled. */
  saveDialog(opts: SaveDialogOptions): Promise<FileChoice | null>;
  /** The native open-file dialog: a handle for the chosen file (never its path), or null when cancelled. */
  openDialog(opts: Pick<SaveDialogOptions, 'filters'>): Promise<FileChoice | null>;
  /** How far the database worker is (see shared/startup.ts), and its changes. */
  startupState(): Promise<unknown>;
  onStartup(listener: (progress: unknown) => void): () => void;
  /**
   * Shows an exported file in the system file manager, by its export-log id: the main process
   * looks the path up itself. False when there is no such entry or the file is gone.
   */
  showExportInFolder(exportId: number): Promise<boolean>;
  platform: string;
}
