// The main process's security surface against a fake `electron` (tests never load the real one):
// the window's options, the CSP string, the app:// handler with a table of hostile URLs against a
// real folder with real symlinks, the navigation/redirect/frame/window-open guards, the IPC
// sender check, the session's request filter and permission handlers, the View menu of a
// packaged build, and the fuses and installers declared in electron-builder.yml.
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { REPO_ROOT, tempDir } from '../helpers/db';

const fake = vi.hoisted(() => ({
  packaged: true,
  windows: [] as { options: Record<string, unknown>; url: string | null; webContents: { id: number; mainFrame: unknown } }[],
  appEvents: new Map<string, (...a: unknown[]) => void>(),
}));

vi.mock('electron', () => {
  let nextId = 100;
  class BrowserWindow {
    options: Record<string, unknown>;
    url: string | null = null;
    webContents: { id: number; mainFrame: unknown };
    constructor(options: Record<string, unknown>) {
      this.options = options;
      const id = nextId++;
      this.webContents = { id, mainFrame: { url: 'app://workbench/index.html', parent: null, processId: 7, routingId: id } };
      fake.windows.push(this);
    }
    once() {}
    loadURL(url: string) {
      this.url = url;
      return Promise.resolve();
    }
  }
  return {
    BrowserWindow,
    app: {
      get isPackaged() {
        return fake.packaged;
      },
      on: (event: string, fn: (...a: unknown[]) => void) => fake.appEvents.set(event, fn),
    },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
  };
});

import { CONTENT_SECURITY_POLICY } from '../../electron/security/csp';
import { appPathSegments, isAppOrigin, resolveAppFile } from '../../electron/security/app-protocol';
import { appProtocolHandler } from '../../electron/main/protocol';
import { hardenApp, hardenContents, hardenPrintSession, hardenSession, isAllowedPrintRequest, isAllowedRequest, isTrustedSender, NO_DICTIONARIES_URL } from '../../electron/main/security';
import { createMainWindow } from '../../electron/main/window';
import { viewMenu } from '../../electron/main/menu';

describe('the main window', () => {
  it('has every secure option, no DevTools when packaged, and loads app://workbench/index.html', () => {
    fake.packaged = true;
    createMainWindow();
    const win = fake.windows.at(-1)!;
    expect(win.url).toBe('app://workbench/index.html');
    expect(win.options.webPreferences).toEqual({
      preload: expect.stringMatching(/preload[\\/]index\.js$/),
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
      disableBlinkFeatures: 'Auxclick',
      devTools: false,
    });
    fake.packaged = false;
    createMainWindow();
    expect((fake.windows.at(-1)!.options.webPreferences as { devTools: boolean }).devTools).toBe(true);
    fake.packaged = true;
  });

  it('has no DevTools or reload in the View menu of a packaged build', () => {
    const roles = (packaged: boolean) => (viewMenu('en', packaged).submenu as { role?: string }[]).map((i) => i.role).filter(Boolean);
    expect(roles(true)).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
    expect(roles(false)).toEqual(['reload', 'toggleDevTools', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
  });
});

describe('the Content-Security-Policy', () => {
  it('is exactly the one string both hosts send', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; style-src-elem 'self' 'unsafe-inline'; style-src-attr 'none'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; media-src 'none'; object-src 'none'; worker-src 'none'; manifest-src 'none'; frame-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; require-trusted-types-for 'script'; trusted-types default",
    );
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*/);
  });
});

describe('the app:// protocol', () => {
  let root: string;
  let outside: string;
  beforeAll(() => {
    const base = tempDir('wb-proto-');
    root = path.join(base, 'renderer');
    fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>ok</title>');
    fs.writeFileSync(path.join(root, 'assets', 'app-1.js'), 'export {};');
    outside = path.join(base, 'secret.txt');
    fs.writeFileSync(outside, 'top secret');
    fs.symlinkSync(outside, path.join(root, 'assets', 'leak.js'));
    fs.symlinkSync(path.join(root, 'assets', 'app-1.js'), path.join(root, 'assets', 'alias.js'));
    fs.mkdirSync(path.join(root, 'folder.js'));
  });

  it.each([
    ['app://workbench/', 200],
    ['app://workbench/index.html', 200],
    ['app://workbench/assets/app-1.js?v=3#x', 200],
    ['app://workbench/assets/alias.js', 200], // a symlink that stays inside the folder
    ['app://workbench/../secret.txt', 400],
    ['app://workbench/assets/../../secret.txt', 400],
    ['app://workbench/%2e%2e/secret.txt', 400],
    ['app://workbench/%2E%2E%2Fsecret.txt', 400],
    ['app://workbench/assets%2f..%2f..%2fsecret.txt', 400],
    ['app://workbench/assets/%5c..%5csecret.txt', 400],
    ['app://workbench/index.html%00.js', 400],
    ['app://workbench/index.html\u0000', 400],
    ['app://workbench//etc/passwd', 400],
    ['app://workbench/C:/Windows/win.ini', 400],
    ['app://workbench/assets\\..\\..\\secret.txt', 400],
    ['app://workbench/assets/leak.js', 403], // a symlink out of the folder
    ['app://workbench/missing.js', 404],
    ['app://workbench/folder.js', 404], // not a regular file
    ['app://evil/index.html', 403],
    ['app://workbench.evil/index.html', 403],
    ['app://user@workbench/index.html', 403],
    ['file:///etc/passwd', 403],
  ])('%s → %i', async (url, status) => {
    const res = appProtocolHandler(root)({ url, method: 'GET' });
    expect(res.status).toBe(status);
    expect(res.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    const body = await res.text();
    expect(body).not.toContain('top secret');
    if (status === 200) expect(body.length).toBeGreaterThan(0);
  });

  it('serves the right file with its type, and nothing but GET/HEAD', async () => {
    const res = appProtocolHandler(root)({ url: 'app://workbench/assets/app-1.js', method: 'GET' });
    expect(res.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
    expect(await res.text()).toBe('export {};');
    expect(appProtocolHandler(root)({ url: 'app://workbench/index.html', method: 'POST' }).status).toBe(405);
    expect(resolveAppFile(root, 'app://workbench/')).toEqual({ ok: true, file: fs.realpathSync(path.join(root, 'index.html')) });
    expect(appPathSegments('app://workbench/a/b.js')).toEqual({ ok: true, segments: ['a', 'b.js'] });
  });

  it('knows its one origin', () => {
    expect(isAppOrigin('app://workbench/index.html')).toBe(true);
    expect(isAppOrigin('app://workbench:8080/index.html')).toBe(false);
    expect(isAppOrigin('app://other/index.html')).toBe(false);
    expect(isAppOrigin('file:///app/dist/renderer/index.html')).toBe(false);
    expect(isAppOrigin('not a url')).toBe(false);
  });
});

describe('navigation, redirects, frames and new windows', () => {
  const handlers = new Map<string, (...a: unknown[]) => void>();
  let openHandler: ((d: { url: string }) => { action: string }) | null = null;
  beforeAll(() => {
    hardenContents({
      on: (ev: string, fn: (...a: unknown[]) => void) => handlers.set(ev, fn),
      setWindowOpenHandler: (fn: typeof openHandler) => (openHandler = fn),
    } as never);
  });
  const event = (extra: Record<string, unknown> = {}) => ({ prevented: false, preventDefault() { this.prevented = true; }, ...extra });

  it.each([
    'file:///home/analyst/Downloads/dropped.html', // a dropped .html file
    'file:///home/analyst/Downloads/map.svg',
    'file:///home/analyst/Downloads/report.pdf',
    'https://evil.example/',
    'app://workbench/index.html', // even our own page: the app never navigates
    'javascript:alert(1)',
  ])('prevents navigating the window to %s', (url) => {
    const e = event();
    handlers.get('will-navigate')!(e, url);
    expect(e.prevented).toBe(true);
  });

  it('prevents every redirect and webview, denies every new window', () => {
    const r = event();
    handlers.get('will-redirect')!(r, 'app://workbench/index.html');
    expect(r.prevented).toBe(true);
    const w = event();
    handlers.get('will-attach-webview')!(w);
    expect(w.prevented).toBe(true);
    expect(openHandler!({ url: 'app://workbench/index.html' })).toEqual({ action: 'deny' });
    expect(openHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('lets a frame load only the preview srcdoc', () => {
    const srcdoc = event({ url: 'about:srcdoc', isMainFrame: false });
    handlers.get('will-frame-navigate')!(srcdoc);
    expect(srcdoc.prevented).toBe(false);
    for (const url of ['file:///etc/passwd', 'https://evil.example/', 'app://workbench/index.html', 'blob:app://workbench/1']) {
      const e = event({ url, isMainFrame: false });
      handlers.get('will-frame-navigate')!(e);
      expect([url, e.prevented]).toEqual([url, true]);
    }
    const main = event({ url: 'about:srcdoc', isMainFrame: true });
    handlers.get('will-frame-navigate')!(main);
    expect(main.prevented).toBe(true);
  });

  it('hardens every web contents and every session the app makes', () => {
    hardenApp();
    expect(fake.appEvents.has('web-contents-created')).toBe(true);
    expect(fake.appEvents.has('session-created')).toBe(true);
  });
});

describe('the IPC sender check', () => {
  it('accepts only the main frame of our window at exactly app://workbench', () => {
    createMainWindow();
    const ours = fake.windows.at(-1)!.webContents as { id: number; mainFrame: { url: string; parent: null; processId: number; routingId: number } };
    const main = ours.mainFrame;
    expect(isTrustedSender({ sender: ours, senderFrame: main } as never)).toBe(true);
    // A subframe of our window (the preview), even claiming our URL.
    expect(isTrustedSender({ sender: ours, senderFrame: { ...main, parent: main, routingId: 999 } } as never)).toBe(false);
    // Our window's main frame after it somehow left the app origin.
    for (const url of ['file:///home/analyst/dropped.html', 'app://evil/index.html', 'app://workbench.evil/x', 'https://evil.example/', 'about:blank']) {
      expect([url, isTrustedSender({ sender: ours, senderFrame: { ...main, url } } as never)]).toEqual([url, false]);
    }
    // Another web contents (the print window, a devtools page) at our URL.
    const other = { id: ours.id + 1000, mainFrame: { ...main, routingId: 1 } };
    expect(isTrustedSender({ sender: other, senderFrame: other.mainFrame } as never)).toBe(false);
    expect(isTrustedSender({ sender: ours, senderFrame: null } as never)).toBe(false);
  });
});

describe('sessions', () => {
  function fakeSession() {
    const s = {
      before: null as null | ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void),
      headers: null as null | ((d: { responseHeaders: Record<string, string[]> }, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void),
      request: null as null | ((wc: unknown, p: string, cb: (ok: boolean) => void) => void),
      check: null as null | (() => boolean),
      device: null as null | (() => boolean),
      spell: null as null | boolean,
      dictionaries: null as null | string,
      events: new Map<string, (...a: unknown[]) => void>(),
    };
    const ses = {
      webRequest: { onBeforeRequest: (fn: typeof s.before) => (s.before = fn), onHeadersReceived: (fn: typeof s.headers) => (s.headers = fn) },
      setPermissionRequestHandler: (fn: typeof s.request) => (s.request = fn),
      setPermissionCheckHandler: (fn: typeof s.check) => (s.check = fn),
      setDevicePermissionHandler: (fn: typeof s.device) => (s.device = fn),
      setSpellCheckerEnabled: (on: boolean) => (s.spell = on),
      setSpellCheckerDictionaryDownloadURL: (url: string) => (s.dictionaries = url),
      on: (ev: string, fn: (...a: unknown[]) => void) => s.events.set(ev, fn),
    };
    return { s, ses };
  }
  const cancelled = (s: ReturnType<typeof fakeSession>['s'], url: string) => {
    let cancel: boolean | null = null;
    s.before!({ url }, (r) => (cancel = r.cancel));
    return cancel;
  };

  it('lets through only the app origin, data: and blob:, and logs each request it blocks', () => {
    const { s, ses } = fakeSession();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    hardenSession(ses as never);
    for (const url of ['app://workbench/index.html', 'app://workbench/assets/x.js', 'data:image/png;base64,AA==', 'blob:app://workbench/5f1c']) expect([url, cancelled(s, url)]).toEqual([url, false]);
    for (const url of ['file:///etc/passwd', 'https://update.googleapis.com/', 'http://127.0.0.1:9/', 'ws://localhost:1/', 'app://evil/x', 'devtools://devtools/bundled/x.html', 'https://dictionaries.invalid/ja.bdic']) {
      expect([url, cancelled(s, url)]).toEqual([url, true]);
    }
    expect(warn.mock.calls.map((c) => String(c[0]))).toContain('[workbench] blocked request: https://update.googleapis.com/');
    warn.mockRestore();
    let headers: Record<string, string[]> = {};
    s.headers!({ responseHeaders: { 'Content-Security-Policy': ["default-src *"] } }, (r) => (headers = r.responseHeaders));
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
  });

  it('grants no permission, checks none, offers no device, has no spellchecker and no dictionary source, cancels downloads', () => {
    const { s, ses } = fakeSession();
    hardenSession(ses as never);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      let granted: boolean | null = null;
      s.request!(null, permission, (ok) => (granted = ok));
      expect([permission, granted]).toEqual([permission, false]);
    }
    expect(s.check!()).toBe(false);
    expect(s.device!()).toBe(false);
    expect(s.spell).toBe(false);
    expect(s.dictionaries).toBe(NO_DICTIONARIES_URL);
    expect(new URL(NO_DICTIONARIES_URL).hostname.endsWith('.invalid')).toBe(true);
    const download = { prevented: false, preventDefault() { this.prevented = true; } };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    s.events.get('will-download')!(download, { getURL: () => 'blob:app://workbench/1' });
    warn.mockRestore();
    expect(download.prevented).toBe(true);
  });

  it('gives a session its handlers once, however often it is hardened', () => {
    const { s, ses } = fakeSession();
    let downloads = 0;
    (ses as { on: (ev: string, fn: unknown) => void }).on = (ev: string) => {
      if (ev === 'will-download') downloads++;
      s.events.set(ev, () => undefined);
    };
    hardenSession(ses as never);
    hardenSession(ses as never);
    expect(downloads).toBe(1);
  });

  it('lets DevTools load only in an unpackaged build', () => {
    expect(isAllowedRequest('devtools://devtools/bundled/inspector.html', false)).toBe(true);
    expect(isAllowedRequest('devtools://devtools/bundled/inspector.html', true)).toBe(false);
  });

  it('lets the print window read its own temporary print file and nothing else', () => {
    const tmp = '/tmp';
    expect(isAllowedPrintRequest('file:///tmp/wb-print-Ab12Cd/briefing.html', tmp)).toBe(true);
    for (const url of ['file:///tmp/wb-print-Ab12Cd/../../etc/passwd', 'file:///etc/passwd', 'file:///tmp/other/briefing.html', 'file:///tmp/wb-print-x/y/briefing.html', 'https://evil.example/', 'app://workbench/index.html']) {
      expect([url, isAllowedPrintRequest(url, tmp)]).toEqual([url, false]);
    }
    const { s, ses } = fakeSession();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    hardenPrintSession(ses as never);
    expect(cancelled(s, 'https://evil.example/font.woff2')).toBe(true);
    warn.mockRestore();
    expect(s.spell).toBe(false);
    // The print page keeps its own CSP: the app's header rewrite is removed from this session.
    expect(s.headers).toBeNull();
  });
});

describe('electron-builder.yml', () => {
  const config = yaml.load(fs.readFileSync(path.join(REPO_ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;

  it('flips every fuse the security review asks for', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('builds per-user installers (NSIS without admin, dmg, AppImage, deb), no update feed, no dev host', () => {
    expect(config.nsis).toMatchObject({ perMachine: false, allowElevation: false });
    expect((config.win as { target: string[] }).target).toEqual(['nsis']);
    expect((config.mac as { target: string[] }).target).toEqual(['dmg']);
    expect((config.linux as { target: string[] }).target).toEqual(['AppImage', 'deb']);
    expect(config.publish).toBeNull();
    expect(config.files).toContain('!dist/electron/devhost/**');
  });
});
