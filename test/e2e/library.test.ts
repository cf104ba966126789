// The library's state in Chromium over the real dev host (issue 11): a library with a zeroed page
// of statements is found by the background check and flagged; the banner names the problem, the
// status bar says 再構築が必要; 「ライブラリを再構築」 asks first, then rebuilds, and the window
// says it was rebuilt, with search and the reader working on the rebuilt library. Photographed.
import fs from 'node:fs';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { libraryPathFor } from '../../electron/store/library-file';
import { apiFor } from '../helpers/api';
import { closeContext, makeContext } from '../helpers/db';
import { screenshot, startApp, type App } from './harness';

let app: App;
let page: Page;
let statementsBefore: string[];

function poll<T>(fn: () => T | Promise<T>) {
  return expect.poll(fn, { timeout: 30_000, interval: 200 });
}

beforeAll(async () => {
  const ctx = makeContext();
  statementsBefore = ctx.db.prepare('SELECT id FROM statements ORDER BY id').pluck().all() as string[];
  const dbPath = ctx.dbPath;
  closeContext(ctx);
  // A zeroed leaf page in the middle of the statements table: open does not read it, the check does.
  const lib = libraryPathFor(dbPath);
  const probe = new Database(lib);
  probe.pragma('wal_checkpoint(TRUNCATE)');
  const pageSize = probe.pragma('page_size', { simple: true }) as number;
  const leaves = probe.prepare("SELECT pageno FROM dbstat WHERE name = 'statements' AND pagetype = 'leaf' ORDER BY pageno").pluck().all() as number[];
  probe.close();
  const fd = fs.openSync(lib, 'r+');
  fs.writeSync(fd, Buffer.alloc(pageSize, 0), 0, pageSize, (leaves[Math.floor(leaves.length / 2)] - 1) * pageSize);
  fs.closeSync(fd);
  app = await startApp({ dbPath, width: 1440, height: 900 });
  page = app.page;
});

afterAll(async () => {
  await app?.close();
});

describe('the library flagged by its check, and rebuilt from the window', () => {
  it('shows the problem in the banner and the status bar', async () => {
    const banner = page.getByRole('status').filter({ hasText: 'ライブラリに問題が見つかりました' });
    await poll(() => banner.count()).toBe(1);
    expect(await banner.textContent()).toMatch(/malformed|corrupt/i);
    // (That a request meeting the damage calls it the library's, with the workspace intact, is
    // asserted over the API in test/cli/library.test.ts: no request the window makes at start
    // reads every statement since the document counts read one document at a time.)
    await poll(() => page.getByTestId('library-state').textContent()).toBe('ライブラリ 再構築が必要');
    await screenshot(page, 'library-flagged');
  });

  it('asks first, rebuilds, and the window works on the rebuilt library', async () => {
    await page.getByRole('button', { name: 'ライブラリを再構築…' }).click();
    const dialog = page.getByRole('dialog', { name: 'ライブラリを再構築' });
    await poll(() => dialog.count()).toBe(1);
    await screenshot(page, 'library-rebuild-confirm');
    await dialog.getByRole('button', { name: '再構築する' }).click();
    await poll(() => page.getByText(/ライブラリを再構築しました: 文書 5 件、発言 \d+ 件。/).count()).toBe(1);
    await poll(() => page.getByTestId('library-state').textContent()).toMatch(/^ライブラリ (未検査|検査中 \d+ %|正常) · 再構築済み$/);
    expect(await page.getByRole('status').filter({ hasText: 'ライブラリに問題が見つかりました' }).count()).toBe(0);
    // The error a request met in the old library went with it.
    expect(await page.getByText('が壊れています').count()).toBe(0);
    await screenshot(page, 'library-rebuilt');

    // The same statements, and search finds them again.
    const ctx = app.host.ctx;
    expect(ctx.db.prepare('SELECT id FROM statements ORDER BY id').pluck().all()).toEqual(statementsBefore);
    const { hits } = await apiFor(ctx).call('search.query', { query: 'サプライチェーン', limit: 5 });
    expect(hits.length).toBe(5);
    await page.locator('#search-input').fill('サプライチェーン');
    await poll(() => page.locator('.hit:not(.hit-loading)').count()).toBeGreaterThan(0);
    expect(app.consoleErrors).toEqual([]);
  });
});
