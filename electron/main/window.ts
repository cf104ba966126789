// The one main window, with secure defaults that are never relaxed (not even in development).
import path from 'node:path';
import { BrowserWindow } from 'electron';

export function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: '経済安全保障ワークベンチ',
    webPreferences: {
      preload: path.join(__dirname, '..', 'preload', 'index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  // dist/electron/main -> dist/renderer/index.html: loaded from the bundle, never from a server.
  void win.loadFile(path.join(__dirname, '..', '..', 'renderer', 'index.html'));
  return win;
}
