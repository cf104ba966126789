// The Electron main process: a thin host that opens the database, ingests the bundled corpus
// when it changed, wires IPC and creates the hardened window. All logic lives in the services.
import { app, dialog } from 'electron';
import { closeContext, ensureCorpus, openContext, type AppContext } from '../app/context';
import { formatError, toErrorData } from '../../shared/errors';
import { registerIpc } from './ipc';
import { buildMenu } from './menu';
import { hardenApp, hardenSession } from './security';
import { createMainWindow } from './window';

let ctx: AppContext | null = null;

function dbArg(argv: string[]): string | null {
  const i = argv.indexOf('--db');
  return i >= 0 && argv[i + 1] ? argv[i + 1] : null;
}

async function start(): Promise<void> {
  hardenApp();
  await app.whenReady();
  hardenSession();
  try {
    ctx = openContext({ dbPath: dbArg(process.argv), fullCheck: true });
    ensureCorpus(ctx);
  } catch (e) {
    const data = toErrorData(e);
    const lang = app.getLocale().startsWith('ja') ? 'ja' : 'en';
    dialog.showErrorBox(lang === 'ja' ? 'データベースを開けません' : 'Cannot open the database', formatError(data, lang));
    app.exit(1);
    return;
  }
  registerIpc(ctx);
  buildMenu(ctx);
  createMainWindow();
  app.on('window-all-closed', () => app.quit());
}

app.on('will-quit', () => {
  if (ctx) closeContext(ctx);
});

void start();
