// REFI-QDA in a real browser over the dev host: the palette entry opens the exchange dialog, a
// .qdpx written the way other tools write it is uploaded and previewed (added / matched / left
// alone, nothing written), imported, and a project is exported again as a download. Fails on any
// console error or request off the app's origin; screenshots of the preview and the result.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZipAll } from '../../electron/files/zip';
import { screenshot, startApp, type App } from './harness';
import { REPO_ROOT } from '../helpers/db';

const FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'qda', 'foreign-atlas.qdpx');
let app: App;

beforeAll(async () => {
  app = await startApp();
}, 120_000);
afterAll(async () => {
  await app?.close();
});

function poll<T>(fn: () => T | Promise<T>) {
  return expect.poll(fn, { timeout: 60_000, interval: 200 });
}

describe('REFI-QDA in the browser', () => {
  it('previews, imports and exports a project', async () => {
    const { page } = app;
    // The first start ingests the bundled corpus; the shortcut is only heard once the app is up.
    await page.getByRole('button', { name: '取り込む…' }).waitFor({ timeout: 120_000 });
    const palette = page.getByRole('combobox', { name: 'コマンドパレット' });
    await poll(async () => {
      if ((await palette.count()) === 0) await page.keyboard.press('Control+k');
      return palette.count();
    }).toBe(1);
    await palette.fill('REFI-QDA');
    await page.getByRole('option', { name: 'REFI-QDA（.qdpx／.qdc）の書き出し・読み込み…' }).click();
    const dialog = page.getByRole('dialog', { name: '注釈ファイルの書き出しと読み込み' });
    await dialog.getByTestId('qda-file').setInputFiles({ name: 'foreign-atlas.qdpx', mimeType: 'application/zip', buffer: fs.readFileSync(FIXTURE) });
    const preview = dialog.getByTestId('qda-preview');
    await poll(() => preview.textContent()).toContain('まだ何も書き込んでいません');
    expect(await preview.textContent()).toContain('コード: 柱として追加 315・既存の柱と照合 0・タグ 0・対象外 0');
    expect(await preview.textContent()).toContain('資料: 文書として追加 24・既存の文書と照合 0・対象外 1');
    await preview.getByText('対象外（理由） (1)').click();
    await preview.getByText('新しい柱 (315)').click();
    await preview.scrollIntoViewIfNeeded();
    await screenshot(page, 'qda-preview');
    await preview.getByRole('button', { name: 'この内容で読み込む' }).click();
    await poll(() => preview.textContent()).toContain('foreign-atlas.qdpx を読み込みました。');
    expect(await preview.textContent()).toContain('選択範囲 72: 注釈として追加 72（配置 72・孤立 0');
    await screenshot(page, 'qda-imported');

    const downloading = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'REFI-QDA で書き出す…' }).click();
    const download = await downloading;
    const file = path.join(app.downloadsDir, 'out.qdpx');
    await download.saveAs(file);
    const parts = readZipAll(new Uint8Array(fs.readFileSync(file)), 'out.qdpx');
    expect(Object.keys(parts).filter((n) => n.startsWith('Sources/')).length).toBe(24);
    expect(new TextDecoder().decode(parts['project.qde'])).toContain('name="政策の柱 / Policy pillars" isCodable="false"');
    expect(app.consoleErrors).toEqual([]);
    expect(app.foreignRequests).toEqual([]);
  }, 180_000);
});
