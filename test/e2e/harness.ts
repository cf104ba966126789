// End-to-end harness: the real dev host over a fresh corpus database, and Debian's Chromium
// driven by playwright-core, with every console error and off-origin request recorded.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startDevHost, type DevHost } from '../../electron/devhost/server';
import { REPO_ROOT, tempDbPath } from '../helpers/db';

export const CHROMIUM = process.env.WORKBENCH_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test-output', 'screenshots');
export const RENDERER_INDEX = path.join(REPO_ROOT, 'dist', 'renderer', 'index.html');

export interface App {
  host: DevHost;
  context: BrowserContext;
  page: Page;
  origin: string;
  consoleErrors: string[];
  foreignRequests: string[];
  /** WebSockets the page opened (to its own host), and API calls that went over HTTP instead. */
  sockets: string[];
  httpApiCalls: string[];
  /** Every API method the page called, in order, whichever way it went. */
  apiCalls: string[];
  downloadsDir: string;
  close(): Promise<void>;
}

export function assertPrerequisites(): void {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not installed at ${CHROMIUM}. Install it with "apt-get install chromium" (.ci/run does), or point WORKBENCH_CHROMIUM at a Chromium binary.`);
  }
  if (!fs.existsSync(RENDERER_INDEX)) {
    throw new Error(`The renderer is not built (${RENDERER_INDEX} is missing). Run "npm run build" first; "npm test" does.`);
  }
}

/** `dbPath`: a database the test prepared (e.g. with an imported document); a fresh one by default. */
export async function startApp(opts: { width?: number; height?: number; locale?: string; dbPath?: string } = {}): Promise<App> {
  assertPrerequisites();
  const host = await startDevHost({ dbPath: opts.dbPath ?? tempDbPath() });
  const origin = new URL(host.url).origin;
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-chromium-'));
  const downloadsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-exports-'));
  // A persistent context on a fresh directory: the profile is ours, new for every run.
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--lang=ja-JP'],
    viewport: { width: opts.width ?? 1440, height: opts.height ?? 900 },
    locale: opts.locale ?? 'ja-JP',
    deviceScaleFactor: 1,
    acceptDownloads: true,
  });
  const consoleErrors: string[] = [];
  const foreignRequests: string[] = [];
  const sockets: string[] = [];
  const httpApiCalls: string[] = [];
  const apiCalls: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin + '/api/')) {
      httpApiCalls.push(url);
      apiCalls.push(decodeURIComponent(new URL(url).pathname.slice('/api/'.length)));
    }
    if (url.startsWith(origin + '/') || url === origin || url.startsWith('data:') || url.startsWith('about:') || url.startsWith('blob:')) return route.continue();
    foreignRequests.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  // WebSockets bypass routing: the page may open one, to its own host only.
  const socketOrigin = origin.replace(/^http/, 'ws');
  page.on('websocket', (ws) => {
    sockets.push(ws.url());
    ws.on('framesent', ({ payload }) => {
      try {
        apiCalls.push(String((JSON.parse(String(payload)) as { method?: unknown }).method));
      } catch {
        apiCalls.push('(unreadable frame)');
      }
    });
    if (!ws.url().startsWith(socketOrigin + '/')) foreignRequests.push(ws.url());
  });
  await page.goto(host.url);
  return {
    host,
    context,
    page,
    origin,
    consoleErrors,
    foreignRequests,
    sockets,
    httpApiCalls,
    apiCalls,
    downloadsDir,
    close: async () => {
      await context.close().catch(() => undefined);
      await host.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
