// The window opens at once and shows what the database worker is doing (opening, ingesting the
// bundled corpus) until it is ready; the renderer asks for the state and listens for changes.
import { ipcMain, type BrowserWindow } from 'electron';
import { IPC_CHANNELS } from '../../shared/api/bridge';
import { laterProgress, type StartupProgress } from '../../shared/startup';
import { fromOurPage } from './ipc';

let current: StartupProgress = { phase: 'opening', done: 0, total: 0 };

export function registerStartupIpc(): void {
  ipcMain.handle(IPC_CHANNELS.startupState, (event) => (fromOurPage(event) ? current : null));
}

/** Records the worker's progress and passes it to the window (if it is still there). */
export function reportStartup(win: BrowserWindow | null, progress: StartupProgress): void {
  current = laterProgress(current, progress);
  if (win && !win.isDestroyed()) win.webContents.send(IPC_CHANNELS.startupEvent, current);
}

export function startupState(): StartupProgress {
  return current;
}
