// The Electron main process, run against a mock of the electron module (tests never load the
// real one): the window's secure defaults, the network block, navigation denial, IPC origin checks.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const state = vi.hoisted(() => ({
  windows: [] as { options: Record<string, unknown>; loaded: string | null }[],
  ipc: new Map<string, (...args: unknown[]) => unknown>(),
  beforeRequest: null as null | ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void),
  headers: null as null | ((d: { responseHeaders: Record<string, string[]> }, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void),
  permission: null as null | ((wc: unknown, p: string, cb: (ok: boolean) => void) => void),
  menu: null as unknown,
}));

// The database worker, played by the test: it reports progress and becomes ready when told.
const worker = vi.hoisted(() => ({
  progress: null as null | ((p: unknown) => void),
  resolve: null as null | ((w: unknown) => void),
}));
vi.mock('../../electron/app/worker-client', () => ({
  ApiWorker: {
    defaultScript: () => 'api-worker.js',
    start: (_start: unknown, _script: unknown, _printer: unknown, onProgress: (p: unknown) => void) =>
      new Promise((resolve) => {
        worker.progress = onProgress;
        worker.resolve = resolve;
      }),
  },
}));

vi.mock('electron', () => {
  let nextId = 1;
  class BrowserWindow {
    options: Record<string, unknown>;
    loaded: string | null = null;
    sent: unknown[] = [];
    readonly id = nextId++;
    webContents = {
      id: this.id,
      mainFrame: { url: 'app://workbench/index.html', parent: null, processId: 1, routingId: this.id },
      send: (channel: string, payload: unknown) => this.sent.push([channel, payload]),
    };
    isDestroyed() {
      return false;
    }
    constructor(options: Record<string, unknown>) {
      this.options = options;
      state.windows.push(this);
    }
    once() {}
    show() {}
    loadURL(url: string) {
      this.loaded = url;
      return Promise.resolve();
    }
    static fromWebContents() {
      return null;
    }
  }
  return {
    BrowserWindow,
    app: { on: vi.fn(), whenReady: () => Promise.resolve(), getLocale: () => 'ja', exit: vi.fn(), quit: vi.fn(), enableSandbox: vi.fn(), isPackaged: true, getPath: (name: string) => `/home/analyst/${name}` },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    dialog: { showMessageBox: vi.fn(async () => ({ response: 0 })), showSaveDialog: vi.fn(async () => ({ canceled: false, filePath: '/tmp/out.docx' })), showOpenDialog: vi.fn(async () => ({ canceled: false, filePaths: ['/media/usb/notes.json'] })), showErrorBox: vi.fn() },
    ipcMain: { handle: (channel: string, fn: (...args: unknown[]) => unknown) => state.ipc.set(channel, fn) },
    session: {
      defaultSession: {
        webRequest: {
          onBeforeRequest: (fn: typeof state.beforeRequest) => (state.beforeRequest = fn),
          onHeadersReceived: (fn: typeof state.headers) => (state.headers = fn),
        },
        setPermissionRequestHandler: (fn: typeof state.permission) => (state.permission = fn),
        setPermissionCheckHandler: vi.fn(),
        setDevicePermissionHandler: vi.fn(),
        setSpellCheckerEnabled: vi.fn(),
        setSpellCheckerDictionaryDownloadURL: vi.fn(),
        on: vi.fn(),
      },
      fromPartition: () => ({
        webRequest: { onBeforeRequest: vi.fn(), onHeadersReceived: vi.fn() },
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
        setDevicePermissionHandler: vi.fn(),
        setSpellCheckerEnabled: vi.fn(),
        setSpellCheckerDictionaryDownloadURL: vi.fn(),
        on: vi.fn(),
      }),
    },
    Menu: { setApplicationMenu: (m: unknown) => (state.menu = m), buildFromTemplate: (t: unknown) => t },
  };
});

import { createMainWindow } from '../../electron/main/window';
import { hardenContents, hardenSession } from '../../electron/main/security';
import { registerIpc } from '../../electron/main/ipc';
import { buildMenu } from '../../electron/main/menu';
import { createDispatcher } from '../../electron/api/dispatch';
import { handlers } from '../../electron/api/handlers';
import { closeContext, corpusContext } from '../helpers/db';

beforeEach(() => {
  state.windows.length = 0;
});

/** An IPC event from the main frame of the (latest) main window, at app://workbench. */
function fromOurWindow(): { sender: unknown; senderFrame: unknown } {
  const win = state.windows.find((w) => String(w.loaded ?? '').startsWith('app://')) as unknown as { webContents: { mainFrame: unknown } } | undefined;
  const contents = (win ?? (createMainWindow() as unknown as { webContents: { mainFrame: unknown } })).webContents;
  return { sender: contents, senderFrame: contents.mainFrame };
}

describe('main process', () => {
  it('creates the window with context isolation, sandbox and no Node, from the bundle', () => {
    createMainWindow();
    const [win] = state.windows;
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, allowRunningInsecureContent: false });
    expect(win.loaded).toBe('app://workbench/index.html');
  });

  it('cancels every request that is not the app origin, data: or blob:', async () => {
    // The mocked module (vi.mock above), read without naming 'electron' in an import.
    const electronMock = await vi.importMock('electron');
    hardenSession((electronMock as unknown as { session: { defaultSession: never } }).session.defaultSession);
    const verdict = (url: string) => {
      let cancel = false;
      state.beforeRequest!({ url }, (r) => (cancel = r.cancel));
      return cancel;
    };
    expect(verdict('app://workbench/assets/index.js')).toBe(false);
    expect(verdict('file:///app/dist/renderer/index.html')).toBe(true);
    expect(verdict('https://example.com/x.js')).toBe(true);
    expect(verdict('http://127.0.0.1:8080/api')).toBe(true);
    expect(verdict('ws://localhost:1/')).toBe(true);
    let granted = true;
    state.permission!(null, 'media', (ok) => (granted = ok));
    expect(granted).toBe(false);
  });

  it('denies every navigation (even to the app itself) and every new window', () => {
    const handlers = new Map<string, (...a: unknown[]) => void>();
    let openHandler: (() => { action: string }) | null = null;
    const contents = {
      on: (ev: string, fn: (...a: unknown[]) => void) => handlers.set(ev, fn),
      setWindowOpenHandler: (fn: () => { action: string }) => (openHandler = fn),
    };
    hardenContents(contents as never);
    const nav = { prevented: false, preventDefault() { this.prevented = true; } };
    handlers.get('will-navigate')!(nav, 'https://evil.example/');
    expect(nav.prevented).toBe(true);
    const local = { prevented: false, preventDefault() { this.prevented = true; } };
    handlers.get('will-navigate')!(local, 'file:///app/dist/renderer/index.html');
    expect(local.prevented).toBe(true);
    expect((openHandler as unknown as (d: { url: string }) => { action: string })({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('serves the typed API over IPC only to our own page', async () => {
    const ctx = corpusContext();
    const dispatch = createDispatcher(handlers, ctx);
    registerIpc((m, p) => dispatch(m, p));
    const invoke = state.ipc.get('workbench:invoke')!;
    const ours = fromOurWindow();
    const ok = (await invoke(ours, 'documents.list', {})) as { ok: boolean; value: { documents: unknown[] } };
    expect(ok.ok).toBe(true);
    expect(ok.value.documents).toHaveLength(5);
    const foreign = (await invoke({ senderFrame: { url: 'https://evil.example/' } }, 'documents.list', {})) as { ok: boolean };
    expect(foreign.ok).toBe(false);
    const bad = (await invoke(ours, 'statements.get', { id: 1 })) as { ok: boolean; error: { code: string } };
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(await state.ipc.get('workbench:open-dialog')!({ senderFrame: { url: 'https://evil.example/' }, sender: {} }, {})).toBeNull();
    closeContext(ctx);
  });

  it('answers the save and open dialogs with a single-use handle, never a path, and forwards the path beside the call', async () => {
    const { dialog } = await import('electron');
    const calls: { method: unknown; params: unknown; grant: unknown }[] = [];
    registerIpc(async (method, params, grant) => {
      calls.push({ method, params, grant });
      return { ok: true, value: null };
    });
    const ours = fromOurWindow();
    const saved = (await state.ipc.get('workbench:save-dialog')!(ours, { defaultName: '所見.docx', filters: [{ name: 'Word', extensions: ['docx'] }, { name: 'bad', extensions: ['../x'] }] })) as { handle: string; name: string };
    expect(saved).toEqual({ handle: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/), name: 'out.docx' });
    expect(JSON.stringify(saved)).not.toContain('/tmp');
    // The dialog opens in the documents folder with the proposed name; filters that are not plain extensions are dropped.
    expect(vi.mocked(dialog.showSaveDialog).mock.calls.at(-1)).toEqual([{ defaultPath: '/home/analyst/documents/所見.docx', filters: [{ name: 'Word', extensions: ['docx'] }] }]);
    // A proposed name with folders in it is ignored, not followed.
    await state.ipc.get('workbench:save-dialog')!(ours, { defaultName: '../../.bashrc' });
    expect(vi.mocked(dialog.showSaveDialog).mock.calls.at(-1)).toEqual([{ defaultPath: undefined, filters: undefined }]);
    const opened = (await state.ipc.get('workbench:open-dialog')!(ours, { filters: [{ name: 'JSON', extensions: ['json'] }] })) as { handle: string; name: string };
    expect(opened).toEqual({ handle: expect.any(String), name: 'notes.json' });

    const invoke = state.ipc.get('workbench:invoke')!;
    const request = { id: 'b1', format: 'docx', target: { handle: saved.handle } };
    expect(await invoke(ours, 'briefings.export', request)).toEqual({ ok: true, value: null });
    expect(calls).toEqual([{ method: 'briefings.export', params: request, grant: { handle: saved.handle, path: '/tmp/out.docx', mode: 'write', replace: true } }]);
    // Used once: the second call is refused here, before it reaches the worker.
    expect(await invoke(ours, 'briefings.export', request)).toMatchObject({ ok: false, error: { code: 'invalid-request', subject: 'handle' } });
    // An open-dialog handle cannot be written to; a made-up one is unknown.
    expect(await invoke(ours, 'briefings.export', { ...request, target: { handle: opened.handle } })).toMatchObject({ ok: false, error: { message: { en: expect.stringContaining('chosen for reading') } } });
    expect(await invoke(ours, 'annotations.import', { source: { handle: 'AAAAAAAAAAAAAAAAAAAAAAAA' } })).toMatchObject({ ok: false, error: { message: { en: expect.stringContaining('unknown handle') } } });
    // Calls without a handle pass straight through, with no grant.
    await invoke(ours, 'documents.list', {});
    expect(calls.at(-1)).toEqual({ method: 'documents.list', params: {}, grant: undefined });
    expect(calls).toHaveLength(2);
  });

  it('opens the window at once, shows the worker’s progress in it, and answers calls once it is ready', async () => {
    await import('../../electron/main/index');
    await vi.waitFor(() => expect(worker.resolve).not.toBeNull());
    const win = state.windows.find((w) => String(w.loaded ?? '').endsWith('index.html')) as unknown as { sent: [string, { phase: string; done: number }][]; webContents: { mainFrame: unknown } };
    expect(win).toBeTruthy();
    worker.progress!({ phase: 'ingesting', done: 1, total: 5, document: '議事要旨' });
    expect(win.sent.at(-1)).toEqual(['workbench:startup', { phase: 'ingesting', done: 1, total: 5, document: '議事要旨' }]);
    // A call made before the worker is ready waits for it rather than failing.
    const call = state.ipc.get('workbench:invoke')!({ sender: win.webContents, senderFrame: win.webContents.mainFrame }, 'documents.list', {}) as Promise<unknown>;
    let settled = false;
    void call.then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(settled).toBe(false);
    worker.resolve!({ invoke: async (method: string) => ({ ok: true, value: `answered ${method}` }), close: async () => undefined });
    expect(await call).toEqual({ ok: true, value: 'answered documents.list' });
    await vi.waitFor(() => expect(win.sent.at(-1)).toEqual(['workbench:startup', { phase: 'ready', done: 0, total: 0 }]));
  });

  it('builds the menu before the worker is ready; its commands wait for it', async () => {
    let ready: () => void = () => undefined;
    const opened = new Promise<void>((r) => (ready = r));
    const calls: string[] = [];
    buildMenu(async (method) => {
      await opened;
      calls.push(String(method));
      return { ok: true, value: { backup: { path: '/data/backups/workbench-1.db' } } };
    });
    const template = state.menu as { label?: string; submenu?: { label?: string; click?: () => Promise<void> }[] }[];
    const file = template.find((m) => m.label === 'ファイル')!;
    const backupNow = file.submenu!.find((i) => i.label === '今すぐバックアップ')!;
    const clicked = backupNow.click!();
    await new Promise((r) => setTimeout(r, 10));
    expect(calls).toEqual([]);
    ready();
    await clicked;
    expect(calls).toEqual(['backups.create']);
  });

  it('tells our own page how far start-up is, and passes each step to the window', async () => {
    // A fresh copy of the module: the start-up state is per process, and the test above finished one.
    vi.resetModules();
    const { registerStartupIpc, reportStartup } = await import('../../electron/main/startup');
    registerStartupIpc();
    const sent: unknown[] = [];
    const win = { isDestroyed: () => false, webContents: { send: (channel: string, p: unknown) => sent.push([channel, p]) } };
    reportStartup(win as never, { phase: 'ingesting', done: 2, total: 5, document: '議事要旨' });
    // A late "opening" from a retried open never moves the state back.
    reportStartup(win as never, { phase: 'opening', done: 0, total: 0 });
    const ask = state.ipc.get('workbench:startup-state')!;
    // The fresh modules trust only a window they created themselves.
    const { createMainWindow: freshWindow } = await import('../../electron/main/window');
    const ours = freshWindow() as unknown as { webContents: { mainFrame: unknown } };
    expect(await ask({ sender: ours.webContents, senderFrame: ours.webContents.mainFrame })).toEqual({ phase: 'ingesting', done: 2, total: 5, document: '議事要旨' });
    expect(await ask({ senderFrame: { url: 'https://evil.example/' } })).toBeNull();
    reportStartup(win as never, { phase: 'ready', done: 0, total: 0 });
    expect(sent.map((x) => (x as [string, { phase: string }])[1].phase)).toEqual(['ingesting', 'ingesting', 'ready']);
    expect(sent.every((x) => (x as [string])[0] === 'workbench:startup')).toBe(true);
    // A closed window is not written to.
    reportStartup({ isDestroyed: () => true, webContents: { send: () => sent.push('x') } } as never, { phase: 'ready', done: 0, total: 0 });
    expect(sent).toHaveLength(3);
  });
});
