// An imported PDF in the real UI (Chromium against the loopback host): page boundaries with the
// PDF's page labels, "go to page", and the inspector's citation naming the page; a Chromium-printed
// page whose headings are bold in the body size shows them as headings. Screenshots:
// test-output/screenshots/reader-pdf-pages.png, reader-pdf-bold-headings.png.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { importDocument } from '../../electron/import/import';
import { buildPdf, textAt } from '../import/pdf-handmade';
import { REPO_ROOT } from '../helpers/db';
import { screenshot, startApp, type App } from './harness';

let app: App;
let page: Page;

function poll<T>(fn: () => T | Promise<T>) {
  return expect.poll(fn, { timeout: 20_000, interval: 100 });
}

const PAGES = 6;

beforeAll(async () => {
  app = await startApp();
  page = app.page;
  // Front matter numbered i, ii; the body from 1: the labels a director sees printed.
  const pdf = buildPdf({
    pages: Array.from({ length: PAGES }, (_, p) => ({
      content:
        (p === 0 ? textAt('F1', 18, 72, 770, '重要物資の供給確保に関する報告') : '') +
        // Three paragraphs of two lines each: a full line, then a short one ending the sentence.
        Array.from({ length: 3 }, (_, l) =>
          textAt('F1', 10.5, 72, 720 - l * 50, `第${p + 1}頁の第${l + 1}段落。特定重要物資の安定的な供給を確保するため、`) +
          textAt('F1', 10.5, 72, 720 - l * 50 - 17, `基本指針を定める。`),
        ).join(''),
    })),
    pageLabels: '0 << /S /r >> 2 << /S /D >>',
  });
  await importDocument(app.host.ctx.db, { fileName: 'houkoku.pdf', bytes: pdf, id: 'pdf-houkoku' });
  const bold = new Uint8Array(fs.readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'import', 'bold-heading.pdf')));
  await importDocument(app.host.ctx.db, { fileName: 'bold-heading.pdf', bytes: bold, id: 'pdf-bold-heading' });
  await page.reload();
}, 120_000);

afterAll(async () => {
  await app?.close();
});

describe('an imported PDF in the reader', () => {
  it('shows page boundaries with their labels, goes to a page, and cites it', async () => {
    const library = page.getByRole('navigation', { name: 'ライブラリ' });
    await library.getByRole('button', { name: /重要物資の供給確保に関する報告/ }).first().click();
    await poll(() => page.locator('.page-boundary').count()).toBe(PAGES);
    expect(await page.locator('.page-boundary').allTextContents()).toEqual(['i ページ', 'ii ページ', '1 ページ', '2 ページ', '3 ページ', '4 ページ']);
    expect(await page.locator('.reader-meta').textContent()).toContain('6 ページ');

    await page.getByRole('spinbutton', { name: /移動先のページ/ }).fill('5');
    await page.getByRole('button', { name: 'ページへ移動' }).click();
    const inspector = page.getByRole('complementary', { name: 'インスペクタ' });
    await poll(() => inspector.textContent()).toContain('第5頁の第1段落。特定重要物資の安定的な供給を確保するため、基本指針を定める。');
    expect(await inspector.textContent()).toMatch(/p\. 3、文\d+/);
    await page.waitForTimeout(1800); // let the jump's flash fade before the picture
    await page.mouse.move(2, 2);
    await screenshot(page, 'reader-pdf-pages');
    expect(app.consoleErrors).toEqual([]);
    expect(app.foreignRequests).toEqual([]);
  });
});

describe('bold body-size headings in the reader', () => {
  it('shows 「第1 基本的な考え方」 as a heading under the title, the bold words inside their paragraph', async () => {
    const library = page.getByRole('navigation', { name: 'ライブラリ' });
    await library.getByRole('button', { name: /経済安全保障推進法の概要/ }).first().click();
    const reader = page.locator('.st-heading-text');
    await poll(() => reader.allTextContents()).toEqual(['経済安全保障推進法の概要', '第1 基本的な考え方', '第2 制度の運用']);
    // The statements' own heading elements: the title's h-level above the bold heading's.
    const [title, first] = await Promise.all([reader.nth(0).evaluate((e) => e.tagName), reader.nth(1).evaluate((e) => e.tagName)]);
    expect(Number(first.slice(1))).toBeGreaterThan(Number(title.slice(1)));
    expect(await page.getByRole('heading', { name: /特定重要物資/ }).count()).toBe(0);
    await page.mouse.move(2, 2);
    await screenshot(page, 'reader-pdf-bold-headings');
    expect(app.consoleErrors).toEqual([]);
    expect(app.foreignRequests).toEqual([]);
  });
});
