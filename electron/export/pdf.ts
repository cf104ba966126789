// PDF from the print HTML. The CLI and tests drive a headless Chromium (playwright-core, system
// browser, never downloaded); the Electron app installs its own renderer (webContents.printToPDF).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '../../shared/errors';
import type { PrintJob } from './html';

/** `signal` (optional to honour) asks the renderer to stop early: its export was cancelled. */
export type PdfRenderer = (job: PrintJob, signal?: AbortSignal) => Promise<Uint8Array>;

/** Where a Chromium-family browser is commonly installed; WORKBENCH_CHROMIUM overrides. */
export function chromiumCandidates(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string[] {
  const list: string[] = [];
  if (env.WORKBENCH_CHROMIUM) list.push(env.WORKBENCH_CHROMIUM);
  if (platform === 'win32') {
    for (const base of [env['PROGRAMFILES'], env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter(Boolean) as string[]) {
      list.push(path.join(base, 'Microsoft', 'Edge', 'Application', 'msedge.exe'), path.join(base, 'Google', 'Chrome', 'Application', 'chrome.exe'));
    }
  } else if (platform === 'darwin') {
    list.push('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge');
  } else {
    list.push('/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/usr/bin/microsoft-edge');
  }
  return list;
}

export function findChromium(env: NodeJS.ProcessEnv = process.env, candidates: string[] = chromiumCandidates(env)): string | null {
  for (const p of candidates) {
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      /* try the next */
    }
  }
  return null;
}

export function chromiumMissing(env: NodeJS.ProcessEnv = process.env, candidates: string[] = chromiumCandidates(env)): AppError {
  const tried = candidates.join(', ');
  return new AppError(
    'unavailable',
    {
      ja: `PDF の書き出しには Chromium（または Chrome / Edge）が必要ですが見つかりません（確認した場所: ${tried}）。`,
      en: `PDF export needs Chromium (or Chrome / Edge), which was not found (looked in: ${tried}).`,
    },
    {
      subject: 'chromium',
      hint: {
        ja: 'Debian/Ubuntu では `apt-get install chromium` を実行するか、WORKBENCH_CHROMIUM にブラウザーのパスを設定してください。アプリからは PDF を直接書き出せます。',
        en: 'On Debian/Ubuntu run `apt-get install chromium`, or set WORKBENCH_CHROMIUM to the browser’s path. The desktop app can export PDF without it.',
      },
    },
  );
}

/**
 * Zero egress: every switch that stops Chromium from reaching out on its own (component and
 * extension updates, sync, field trials, safe browsing lists, metrics, DNS prefetch, pings,
 * domain reliability), and a host resolver that resolves no name at all. The page is our own
 * escaped HTML (CSP default-src 'none', JavaScript off) loaded from a file; Playwright drives
 * the browser over a pipe, so no debugging port is opened either.
 */
export const CHROMIUM_ARGS = [
  '--disable-gpu',
  '--no-first-run',
  '--no-default-browser-check',
  '--no-pings',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-domain-reliability',
  '--disable-breakpad',
  '--disable-client-side-phishing-detection',
  '--disable-default-apps',
  '--disable-extensions',
  '--disable-field-trial-config',
  '--metrics-recording-only',
  '--safebrowsing-disable-auto-update',
  // One list each: Chromium keeps only the last --disable-features/--enable-features, so these
  // repeat what Playwright passes (its own startup-traffic switches) and add ours.
  '--disable-features=AsyncDns,DnsOverHttpsUpgrade,OptimizationHints,NetworkTimeServiceQuerying,AimEnabled,PreconnectToSearch,MediaRouter,DialMediaRouteProvider,Translate,AutofillServerCommunication,CertificateTransparencyComponentUpdater,InterestFeedContentSuggestions,AvoidUnnecessaryBeforeUnloadCheckSync,DestroyProfileOnBrowserClose,HttpsUpgrades,HttpsFirstBalancedModeAutoEnable,LensOverlay,PaintHolding,ThirdPartyStoragePartitioning',
  // No account lookups without a sign-in (as Playwright asks).
  '--enable-features=SkipListAccountsWithoutGaiaCookies',
  '--host-resolver-rules=MAP * ~NOTFOUND',
];

/**
 * Chromium's own sandbox stays on, except where Chromium cannot run it: as root (Linux), it
 * refuses to start sandboxed at all. There the CLI runs it with --no-sandbox and says why on
 * stderr once; JavaScript is off and the page is our own, so nothing untrusted runs in it, but
 * the analyst should not run the CLI as root (docs/security.md).
 */
export function chromiumSandbox(uid: number | null = typeof process.getuid === 'function' ? process.getuid() : null): { sandbox: boolean; args: string[] } {
  if (uid === 0) return { sandbox: false, args: [...CHROMIUM_ARGS, '--no-sandbox'] };
  return { sandbox: true, args: CHROMIUM_ARGS };
}

let rootWarned = false;

/** Headless Chromium: a fresh profile, JavaScript off, the page loaded from a local file. */
export function chromiumPdfRenderer(opts: { candidates?: string[] } = {}): PdfRenderer {
  return (job, signal) => printWithChromium(job, opts.candidates ?? chromiumCandidates(), signal);
}

async function printWithChromium(job: PrintJob, candidates: string[], signal?: AbortSignal): Promise<Uint8Array> {
  const executablePath = findChromium(process.env, candidates);
  if (!executablePath) throw chromiumMissing(process.env, candidates);
  // Loaded lazily: the app and the other exports never pay for playwright-core.
  let chromium: typeof import('playwright-core').chromium;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    ({ chromium } = require('playwright-core') as typeof import('playwright-core'));
  } catch (e) {
    throw new AppError(
      'unavailable',
      { ja: 'PDF の書き出しに必要な playwright-core が見つかりません。', en: 'PDF export from the command line needs the playwright-core package, which is not installed.' },
      { subject: 'playwright-core', cause: e, hint: { ja: 'アプリから PDF を書き出すか、npm install を実行してください。', en: 'Export the PDF from the app, or run npm install.' } },
    );
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-pdf-'));
  try {
    const launch = chromiumSandbox();
    if (!launch.sandbox && !rootWarned) {
      rootWarned = true;
      process.stderr.write('workbench: running as root, so Chromium prints the PDF without its sandbox (Chromium cannot sandbox itself as root). Run the CLI as a normal user to keep it.\n');
    }
    const context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      // Playwright would add --no-sandbox by default; ours is on unless Chromium cannot have it.
      chromiumSandbox: launch.sandbox,
      args: launch.args,
      javaScriptEnabled: false,
      offline: true,
      timeout: 60_000,
    });
    // Belt and braces: the page may load its own file and inline data, nothing else.
    await context.route(/^(?!file:|data:)/, (route) => route.abort());
    // A cancelled export closes the browser at once instead of letting it finish for nothing.
    const stop = () => void context.close().catch(() => undefined);
    signal?.addEventListener('abort', stop, { once: true });
    try {
      if (signal?.aborted) throw new Error('cancelled');
      const page = context.pages()[0] ?? (await context.newPage());
      const file = path.join(profile, 'briefing.html');
      fs.writeFileSync(file, job.html, { encoding: 'utf8', mode: 0o600 });
      await page.goto(`file://${file}`, { waitUntil: 'load' });
      const m = job.marginsMm;
      const pdf = await page.pdf({
        format: job.pageSize,
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: job.headerTemplate,
        footerTemplate: job.footerTemplate,
        margin: { top: `${m.top}mm`, bottom: `${m.bottom}mm`, left: `${m.left}mm`, right: `${m.right}mm` },
        preferCSSPageSize: false,
        // A tagged PDF (structure tree) with an outline: screen readers and copy-paste follow it.
        tagged: true,
        outline: true,
      });
      return new Uint8Array(pdf);
    } finally {
      signal?.removeEventListener('abort', stop);
      await context.close();
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    // Chromium's sandbox needs user namespaces (or its setuid helper); some hardened kernels and
    // containers have neither. The sandbox is not switched off for that: the analyst is told.
    const noSandbox = /no usable sandbox|setuid sandbox|namespace/i.test((e as Error).message);
    throw new AppError(
      'unavailable',
      { ja: `Chromium（${executablePath}）で PDF を作成できませんでした: ${(e as Error).message}`, en: `Chromium (${executablePath}) could not produce the PDF: ${(e as Error).message}` },
      {
        subject: executablePath,
        cause: e,
        hint: noSandbox
          ? {
              ja: 'この環境では Chromium のサンドボックスを起動できません（ユーザー名前空間が無効）。PDF はデスクトップアプリから書き出すか、管理者にユーザー名前空間の有効化を依頼してください。',
              en: 'Chromium cannot start its sandbox here (user namespaces are disabled). Export the PDF from the desktop app, or ask an administrator to enable unprivileged user namespaces.',
            }
          : undefined,
      },
    );
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

/** The default renderer of the CLI and the tests: the first installed Chromium-family browser. */
export const renderPdfWithChromium: PdfRenderer = (job, signal) => printWithChromium(job, chromiumCandidates(), signal);

let current: PdfRenderer = renderPdfWithChromium;

/** The Electron main process installs a printToPDF-based renderer here at start. */
export function setPdfRenderer(renderer: PdfRenderer | null): void {
  current = renderer ?? renderPdfWithChromium;
}

export function pdfRenderer(): PdfRenderer {
  return current;
}

/**
 * Options for Electron's webContents.printToPDF matching the print job (margins in inches), so
 * electron/main can print the same page without this module importing electron.
 */
export function electronPrintOptions(job: PrintJob) {
  const inch = (mm: number) => mm / 25.4;
  return {
    pageSize: job.pageSize,
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: job.headerTemplate,
    footerTemplate: job.footerTemplate,
    preferCSSPageSize: false,
    generateTaggedPDF: true,
    generateDocumentOutline: true,
    margins: { top: inch(job.marginsMm.top), bottom: inch(job.marginsMm.bottom), left: inch(job.marginsMm.left), right: inch(job.marginsMm.right) },
  };
}

/** The slice of Electron's BrowserWindow the printer uses: this module never imports electron. */
export interface PrintingWindow {
  loadURL(url: string): Promise<unknown>;
  webContents: { printToPDF(options: ReturnType<typeof electronPrintOptions>): Promise<Uint8Array> };
  destroy(): void;
}

/**
 * A PdfRenderer over Electron's printer, for electron/main:
 * `setPdfRenderer(electronPdfRenderer(() => new BrowserWindow({ show: false, webPreferences: { sandbox: true, javascript: false } })))`.
 * The page is loaded from a temporary file (no size limit, unlike a data: URL) that is removed afterwards.
 */
export function electronPdfRenderer(createWindow: () => PrintingWindow): PdfRenderer {
  return async (job, signal) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-print-'));
    const file = path.join(dir, 'briefing.html');
    const win = createWindow();
    // A cancelled export destroys the hidden window, which stops its print at once.
    let destroyed = false;
    const stop = () => {
      if (destroyed) return;
      destroyed = true;
      win.destroy();
    };
    signal?.addEventListener('abort', stop, { once: true });
    try {
      if (signal?.aborted) throw new Error('cancelled');
      fs.writeFileSync(file, job.html, { encoding: 'utf8', mode: 0o600 });
      await win.loadURL(pathToFileURL(file).href);
      return new Uint8Array(await win.webContents.printToPDF(electronPrintOptions(job)));
    } catch (e) {
      throw new AppError(
        'internal',
        { ja: `PDF を印刷できませんでした: ${(e as Error).message}`, en: `Printing the PDF failed: ${(e as Error).message}` },
        { subject: 'printToPDF', cause: e },
      );
    } finally {
      signal?.removeEventListener('abort', stop);
      stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
}
