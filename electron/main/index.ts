// The Electron main process: a thin host that creates the window, starts the database worker
// (which opens the database and ingests the bundled corpus when it changed) and wires IPC.
import { app, BrowserWindow, dialog, session } from 'electron';
import { electronPdfRenderer } from '../export/pdf';
import { ApiWorker } from '../app/worker-client';
import { resolveDbPath } from '../store/paths';
import { formatError, toErrorData } from '../../shared/errors';
import { registerIpc, type GrantedInvoke } from './ipc';
import { registerShowInFolder } from './show-in-folder';
import { offerBackupOnDamage } from './backup-dialogs';
import { buildMenu } from './menu';
import { hardenApp, hardenPrintSession, hardenSession } from './security';
import { registerAppProtocol, registerAppScheme } from './protocol';
import { ownerOnlyFiles } from '../store/file-modes';
import { enableCompileCache } from '../app/compile-cache';
import { registerStartupIpc, reportStartup } from './startup';
import type { StartupProgress } from '../../shared/startup';
import { createMainWindow } from './window';

let worker: ApiWorker | null = null;

// Before anything else: owner-only files, every renderer sandboxed, our scheme privileged.
ownerOnlyFiles();
// Modules loaded from here on (and the database worker's, which is told the folder) are compiled
// once and cached in the user's data folder; see electron/app/compile-cache.ts.
enableCompileCache(app.getPath('userData'));
app.enableSandbox();
registerAppScheme();

/** The hidden print window's in-memory session: it may load only its own temporary print file. */
const PRINT_PARTITION = 'workbench-print';

// PDF in the app: Electron's own Chromium prints the briefing's print HTML in a hidden window
// with JavaScript off; the CLI prints the same job with a system Chromium.
const printer = electronPdfRenderer(
  () =>
    new BrowserWindow({
      show: false,
      webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, spellcheck: false, devTools: false, disableBlinkFeatures: 'Auxclick', partition: PRINT_PARTITION },
    }),
);

function dbArg(argv: string[]): string | null {
  const i = argv.indexOf('--db');
  return i >= 0 && argv[i + 1] ? argv[i + 1] : null;
}

/** Opens the database in its worker; on a damaged file offers the newest good backup, then retries. */
async function openWorker(dbPath: string, lang: 'ja' | 'en', onProgress: (p: StartupProgress) => void): Promise<ApiWorker | null> {
  for (;;) {
    try {
      return await ApiWorker.start({ dbPath, compileCacheDataDir: app.getPath('userData') }, ApiWorker.defaultScript(), printer, onProgress);
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
  hardenSession(session.defaultSession);
  hardenPrintSession(session.fromPartition(PRINT_PARTITION));
  registerAppProtocol();
  const lang = app.getLocale().startsWith('ja') ? 'ja' : 'en';
  // The window first, showing the worker's progress: a changed corpus takes a while to ingest.
  registerStartupIpc();
  app.on('window-all-closed', () => app.quit());
  const win = createMainWindow();
  const opening = openWorker(resolveDbPath(dbArg(process.argv)), lang, (p) => reportStartup(win, p));
  // Calls wait for the worker (the renderer makes none before "ready", but must never get lost).
  const invoke: GrantedInvoke = async (method, params, grant) => {
    const api = await opening;
    return api ? api.invoke(method, params, grant) : { ok: false, error: { code: 'unavailable', message: { ja: 'データベースを開けませんでした。', en: 'The database could not be opened.' } } };
  };
  registerIpc(invoke);
  registerShowInFolder(invoke);
  buildMenu(invoke);
  worker = await opening;
  if (!worker) {
    app.exit(1);
    return;
  }
  reportStartup(win, { phase: 'ready', done: 0, total: 0 });
}

app.on('will-quit', () => {
  void worker?.close();
});

void start();
