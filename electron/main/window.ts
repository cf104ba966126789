// The one main window, with secure defaults that are never relaxed (not even in development),
// loaded from the app's own origin (app://workbench/), never from file:// or a server.
import path from 'node:path';
import { app, BrowserWindow } from 'electron';
import { APP_INDEX_URL } from '../security/app-protocol';
import { trustContents } from './security';

export function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: '経済安全保障ワークベンチ',
    // Written out here (not built elsewhere) so static checkers such as electronegativity see them.
    webPreferences: {
      preload: path.join(__dirname, '..', 'preload', 'index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      // A middle click opens no window either (the open handler denies it anyway).
      disableBlinkFeatures: 'Auxclick',
      // DevTools exist only in an unpackaged (developer) build.
      devTools: !app.isPackaged,
    },
  });
  trustContents(win.webContents);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_INDEX_URL);
  return win;
}
