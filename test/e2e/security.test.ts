// The security review's attacks, tried in Chromium against the real UI through the dev host:
// the page runs under the app's exact CSP with Trusted Types enforced, the token leaves the
// address bar, a file dropped on the window goes nowhere, and a hostile document (script, onerror,
// javascript:, U+202E) imported through the real importer reads inert, its override shown as a
// token that cannot reverse the text after it. Fails on any request outside the host's origin.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { CONTENT_SECURITY_POLICY } from '../../electron/security/csp';
import { runCli } from '../helpers/cli';
import { REPO_ROOT, tempDbPath } from '../helpers/db';
import { screenshot, startApp, type App } from './harness';

const HOSTILE = path.join(REPO_ROOT, 'test', 'fixtures', 'import', 'hostile.html');

let app: App;
let page: Page;
const dialogs: string[] = [];

function poll<T>(fn: () => T | Promise<T>) {
  return expect.poll(fn, { timeout: 20_000, interval: 100 });
}

beforeAll(async () => {
  const dbPath = tempDbPath();
  const init = await runCli(['init', '--db', dbPath]);
  expect(init.code, init.stderr).toBe(0);
  const imported = await runCli(['import', HOSTILE, '--title', '敵対的な資料', '--date', '2024-01-01', '--db', dbPath]);
  expect(imported.code, imported.stderr).toBe(0);
  app = await startApp({ dbPath });
  page = app.page;
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
});

afterAll(async () => {
  await app?.close();
});

describe('the page’s own defences', () => {
  it('is served with the app’s exact CSP and takes the token out of the address bar', async () => {
    await poll(() => page.getByRole('navigation', { name: 'ライブラリ' }).getByRole('listitem').count()).toBe(6);
    const header = await page.evaluate(`fetch('/', { cache: 'no-store' }).then((r) => r.headers.get('content-security-policy'))`);
    expect(header).toBe(CONTENT_SECURITY_POLICY);
    expect(page.url()).not.toContain('token=');
    expect(page.url()).toBe(`${app.origin}/`);
  });

  it('still reaches its host after a reload (the token is kept for the tab)', async () => {
    await page.reload();
    await poll(() => page.getByRole('navigation', { name: 'ライブラリ' }).getByRole('listitem').count()).toBe(6);
  });

  it('ignores a .html, .svg or .pdf file dropped on the window', async () => {
    const before = page.url();
    // Page code as text: the Node-side type check has no DOM (as in workbench.test.ts).
    const verdicts = await page.evaluate(`['dropped.html', 'map.svg', 'report.pdf'].map((name) => {
      const dt = new DataTransfer();
      const type = name.endsWith('.pdf') ? 'application/pdf' : name.endsWith('.svg') ? 'image/svg+xml' : 'text/html';
      dt.items.add(new File(['<script>window.__pwned = "drop"</script>'], name, { type }));
      const over = new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: dt });
      document.querySelector('main').dispatchEvent(over);
      const drop = new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt });
      document.querySelector('main').dispatchEvent(drop);
      return { name, overRefused: over.defaultPrevented && dt.dropEffect === 'none', dropPrevented: drop.defaultPrevented };
    })`);
    expect(verdicts).toEqual([
      { name: 'dropped.html', overRefused: true, dropPrevented: true },
      { name: 'map.svg', overRefused: true, dropPrevented: true },
      { name: 'report.pdf', overRefused: true, dropPrevented: true },
    ]);
    expect(page.url()).toBe(before);
  });
});

describe('a hostile document in the reader', () => {
  it('opens inert: no script ran, no handler, no javascript: link, the override shown as a token', async () => {
    await page.getByRole('navigation', { name: 'ライブラリ' }).getByText('敵対的な資料').click();
    const token = page.locator('.invisible-char[data-codepoint="U+202E"]');
    await poll(() => token.count()).toBe(1);
    const facts = (await page.evaluate(`(() => {
      const rlo = document.querySelector('.invisible-char[data-codepoint="U+202E"]');
      const statement = rlo.closest('[data-statement-id]');
      // Where each digit of "0001" is drawn: left to right if the override was contained.
      const run = [...statement.querySelectorAll('[data-run-start]')].find((r) => r.textContent === '0001');
      const node = run.firstChild;
      const xs = [0, 1, 2, 3].map((i) => {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        return range.getBoundingClientRect().left;
      });
      return {
        pwned: window.__pwned ?? null,
        scripts: [...document.scripts].map((s) => s.src !== '' && new URL(s.src, location.href).origin === location.origin),
        handlers: document.querySelectorAll('[onerror], [onload], [onclick]').length,
        javascriptLinks: document.querySelectorAll('a[href^="javascript:" i]').length,
        tokenShown: getComputedStyle(rlo, '::before').content,
        isolated: getComputedStyle(rlo).unicodeBidi,
        xs,
        text: statement.textContent,
      };
    })()`)) as { pwned: string | null; scripts: boolean[]; handlers: number; javascriptLinks: number; tokenShown: string; isolated: string; xs: number[]; text: string };
    expect(facts.pwned).toBeNull();
    expect(facts.scripts.every(Boolean)).toBe(true);
    expect(facts.handlers).toBe(0);
    expect(facts.javascriptLinks).toBe(0);
    expect(facts.tokenShown).toContain('U+202E');
    expect(facts.isolated).toBe('isolate');
    expect(facts.xs).toEqual([...facts.xs].sort((a, b) => a - b));
    expect(facts.xs[3]).toBeGreaterThan(facts.xs[0]);
    // The stored original is what the page holds.
    expect(facts.text).toContain('\u202E0001\u202C');
    expect(dialogs).toEqual([]);
    await page.locator('.invisible-char').first().scrollIntoViewIfNeeded();
    await screenshot(page, 'reader-hostile-document');
  });

  it('never logged a console error and never left its own origin', () => {
    expect(app.consoleErrors).toEqual([]);
    expect(app.foreignRequests).toEqual([]);
  });

  it('has Trusted Types enforced: markup assigned to innerHTML throws', async () => {
    const outcome = await page.evaluate(`(() => {
      try {
        document.createElement('div').innerHTML = '<img src=x onerror="window.__pwned=1">';
        return 'assigned';
      } catch (e) {
        return e.name;
      }
    })()`);
    expect(outcome).toBe('TypeError');
  });
});
