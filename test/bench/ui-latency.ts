// `npm run bench:ui`: how long from a keystroke in the search field to the results on screen,
// in the real UI (the dev host in its own process, as `npm run dev:host` runs it, + Debian's
// Chromium), measured inside the page: input event → the frame after the count is painted.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { chromium } from 'playwright-core';
import { ApiWorker } from '../../electron/app/worker-client';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const QUERIES = ['経済安全保障', 'サプライチェーン', '強靭化', '中国', '技術', '半導体', 'SIP4D'];
const CHROMIUM = process.env.WORKBENCH_CHROMIUM ?? '/usr/bin/chromium';

// Runs in the page (a string, so the Node-side type check never sees DOM globals): resolves with
// the milliseconds from the next input event to the frame after the count for `expected` shows.
const WATCH = `(expected) => new Promise((resolve) => {
  if (!window.__frames) {
    window.__frames = 0;
    const tick = () => { window.__frames++; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  }
  const input = document.querySelector('#search-input');
  let t0 = 0;
  let f0 = 0;
  input.addEventListener('input', () => { t0 = performance.now(); f0 = window.__frames; }, { once: true, capture: true });
  const check = () => {
    const el = document.querySelector('.search-total');
    if (t0 && el && (el.textContent || '').replace(/\\s/g, '').startsWith(expected + '件')) {
      const domMs = performance.now() - t0;
      const f1 = window.__frames;
      requestAnimationFrame(() => resolve({ domMs, paintMs: performance.now() - t0, frames: f1 - f0 }));
      return true;
    }
    return false;
  };
  const obs = new MutationObserver(() => { if (check()) obs.disconnect(); });
  obs.observe(document.body, { subtree: true, childList: true, characterData: true });
  setTimeout(() => { obs.disconnect(); resolve(null); }, 5000);
})`;

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

/** The dev host as its own process (sharing an event loop with Playwright would skew it). */
function startHost(dbPath: string): Promise<{ child: ChildProcess; url: string; token: string }> {
  // Answers unchecked against the contract, as in the app (the tests check them).
  const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'electron', 'devhost', 'main.js'), '--db', dbPath, '--no-response-checks'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString('utf8');
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=([\w-]+))/.exec(out);
      if (m) resolve({ child, url: m[1], token: m[2] });
    });
    child.once('exit', (code) => reject(new Error(`the dev host exited (${code}) before it printed its URL`)));
  });
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-bench-ui-'));
  const host = await startHost(path.join(dir, 'workbench.db'));
  const totalFor = async (query: string): Promise<number> => {
    const res = await fetch(new URL('/api/search.query', host.url), { method: 'POST', headers: { 'X-Workbench-Token': host.token, 'Content-Type': 'application/json' }, body: JSON.stringify({ query, limit: 1 }) });
    const r = (await res.json()) as { ok: boolean; value?: { total: number } };
    return r.ok && r.value ? r.value.total : 0;
  };
  const context = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1440, height: 900 },
    locale: 'ja-JP',
  });
  const page = await context.newPage();
  await page.goto(host.url);
  await page.locator('#search-input').waitFor();
  await page.locator('#search-input').focus();
  const samples: { domMs: number; paintMs: number; frames: number }[] = [];
  for (let round = 0; round < 3; round++) {
    for (const q of QUERIES) {
      await page.locator('#search-input').fill('');
      await page.waitForTimeout(150);
      for (let i = 1; i <= [...q].length; i++) {
        const prefix = [...q].slice(0, i).join('');
        const total = await totalFor(prefix);
        const expected = new Intl.NumberFormat('ja-JP').format(total);
        // Arm a watcher in the page, then type one character.
        const armed = page.evaluate(`(${WATCH})(${JSON.stringify(expected)})`) as Promise<{ domMs: number; paintMs: number; frames: number } | null>;
        await page.waitForTimeout(20);
        await page.keyboard.insertText([...q][i - 1]);
        const m = await armed;
        if (m) samples.push(m);
        await page.waitForTimeout(120);
      }
    }
  }
  await context.close();
  host.child.kill('SIGTERM');
  const dom = samples.map((x) => x.domMs);
  const paint = samples.map((x) => x.paintMs);
  // "Within one frame": the results are in the DOM before the frame after the keystroke's frame
  // is drawn, i.e. at most one animation frame passes between the input event and the update.
  const nextFrame = samples.filter((x) => x.frames <= 1).length;
  const summary = {
    keystrokes: samples.length,
    domP50Ms: Number(pct(dom, 50).toFixed(1)),
    domP95Ms: Number(pct(dom, 95).toFixed(1)),
    paintP50Ms: Number(pct(paint, 50).toFixed(1)),
    paintP95Ms: Number(pct(paint, 95).toFixed(1)),
    framesP50: pct(samples.map((x) => x.frames), 50),
    framesP95: pct(samples.map((x) => x.frames), 95),
    shareWithinOneFrame: Number((nextFrame / samples.length).toFixed(2)),
    loadAvg: Number(os.loadavg()[0].toFixed(2)),
  };
  process.stdout.write(`keystroke → results painted, over the loopback dev host (WebSocket):\n${JSON.stringify(summary)}\n`);
  process.stdout.write(`the desktop app's path without Electron's IPC hop (main thread ⇄ database worker):\n${JSON.stringify(await workerRoundTrips(path.join(dir, 'workbench.db')))}\n`);
}

/**
 * The app answers the renderer from a database worker thread; Electron's IPC cannot run here
 * (no Electron binary), so this times the part we own: the same search calls the UI makes per
 * keystroke, posted to the real worker (dist/electron/app/api-worker.js) and back.
 */
async function workerRoundTrips(dbPath: string): Promise<Record<string, number>> {
  const worker = await ApiWorker.start({ dbPath, resourcesDir: path.join(ROOT, 'resources') }, path.join(ROOT, 'dist', 'electron', 'app', 'api-worker.js'));
  const times: number[] = [];
  let firstMs = 0;
  try {
    // The window takes about a second to load; the worker warms its search path meanwhile.
    await new Promise((r) => setTimeout(r, 1000));
    for (let round = 0; round < 3; round++) {
      for (const q of QUERIES) {
        for (let i = 1; i <= [...q].length; i++) {
          const prefix = [...q].slice(0, i).join('');
          const t0 = performance.now();
          const [r] = await Promise.all([worker.invoke('search.query', { query: prefix, limit: 50, offset: 0, expandVariants: true }), worker.invoke('search.suggest', { prefix, limit: 8 })]);
          if (times.length === 0 && round === 0) firstMs = performance.now() - t0;
          times.push(performance.now() - t0);
          if (!r.ok) throw new Error(`search.query ${prefix}: ${r.error.message.en}`);
        }
      }
    }
  } finally {
    await worker.close();
  }
  return { calls: times.length, firstKeystrokeMs: Number(firstMs.toFixed(1)), queryAndSuggestP50Ms: Number(pct(times, 50).toFixed(1)), queryAndSuggestP95Ms: Number(pct(times, 95).toFixed(1)) };
}

main().catch((e) => {
  process.stderr.write(`bench:ui: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
