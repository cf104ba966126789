// The Electron main process: a thin host that starts the database worker (which opens the
// database and ingests the bundled corpus when it changed), wires IPC and creates the window.
import { app, BrowserWindow, dialog } from 'electron';
import { electronPdfRenderer } from '../export/pdf';
import { ApiWorker } from '../app/worker-client';
import { resolveDbPath } from '../store/paths';
import { formatError, toErrorData } from '../../shared/errors';
import { registerIpc } from './ipc';
import { offerBackupOnDamage } from './backup-dialogs';
import { buildMenu } from './menu';
import { hardenApp, hardenSession } from './security';
import { createMainWindow } from './window';

let worker: ApiWorker | null = null;

// PDF in the app: Electron's own Chromium prints the briefing's print HTML in a hidden window
// with JavaScript off; the CLI prints the same job with a system Chromium.
const printer = electronPdfRenderer(
  () => new BrowserWindow({ show: false, webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false } }),
);

function dbArg(argv: string[]): string | null {
  const i = argv.indexOf('--db');
  return i >= 0 && argv[i + 1] ? argv[i + 1] : null;
}

/** Opens the database in its worker; on a damaged file offers the newest good backup, then retries. */
async function openWorker(dbPath: string, lang: 'ja' | 'en'): Promise<ApiWorker | null> {
  for (;;) {
    try {
      return await ApiWorker.start({ dbPath }, ApiWorker.defaultScript(), printer);
    } catch (e) {
      // A damaged database: say so and offer the newest good backup, never an empty new database.
      const damaged = toErrorData(e).code === 'db-corrupt';
      if (damaged && (await offerBackupOnDamage(dbPath, lang))) continue;
      if (!damaged) dialog.showErrorBox(lang === 'ja' ? 'データベースを開けません' : 'Cannot open the database', formatError(toErrorData(e), lang));
      return null;
    }
  }
}

async function start(): Promise<void> {
  hardenApp();
  await app.whenReady();
  hardenSession();
  const lang = app.getLocale().startsWith('ja') ? 'ja' : 'en';
  worker = await openWorker(resolveDbPath(dbArg(process.argv)), lang);
  if (!worker) {
    app.exit(1);
    return;
  }
  const api = worker;
  registerIpc((method, params) => api.invoke(method, params));
  buildMenu(api);
  createMainWindow();
  app.on('window-all-closed', () => app.quit());
}

app.on('will-quit', () => {
  void worker?.close();
});

void start();
