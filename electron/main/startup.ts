// The window opens at once and shows what the database worker is doing (opening, ingesting the
// bundled corpus) until it is ready; the renderer asks for the state and listens for changes.
import { ipcMain, type BrowserWindow } from 'electron';
import { laterProgress, type StartupProgress } from '../../shared/startup';
import { fromOurPage } from './ipc';

export const STARTUP_STATE = 'workbench:startup-state';
export const STARTUP_EVENT = 'workbench:startup';

let current: StartupProgress = { phase: 'opening', done: 0, total: 0 };

export function registerStartupIpc(): void {
  ipcMain.handle(STARTUP_STATE, (event) => (fromOurPage(event) ? current : null));
}

/** Records the worker's progress and passes it to the window (if it is still there). */
export function reportStartup(win: BrowserWindow | null, progress: StartupProgress): void {
  current = laterProgress(current, progress);
  if (win && !win.isDestroyed()) win.webContents.send(STARTUP_EVENT, current);
}

export function startupState(): StartupProgress {
  return current;
}
