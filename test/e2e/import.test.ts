// Importing in a real browser over the dev host: several files picked at once (a Word file with
// a footnote and a table, a Shift_JIS text, an executable renamed .txt), per-file progress, the
// summary with the failure's reason, the Word document in the reader and found by search, and
// the details editor; then the document removed and brought back by undo. Fails on any console
// error or request off the app's origin; screenshots.
import fs from 'node:fs';
import path from 'node:path';
import { Document, FootnoteReferenceRun, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, startApp, type App } from './harness';
import { REPO_ROOT } from '../helpers/db';

let app: App;

beforeAll(async () => {
  app = await startApp();
}, 120_000);
afterAll(async () => {
  await app?.close();
});

function poll<T>(fn: () => T | Promise<T>) {
  return expect.poll(fn, { timeout: 30_000, interval: 100 });
}

describe('import in the browser', () => {
  it('imports several files, reports the bad one, opens the Word document', async () => {
    const { page } = app;
    const docx = await Packer.toBuffer(
      new Document({
        title: '先端技術の保護に関する検討メモ',
        footnotes: { 1: { children: [new Paragraph('令和5年度の調査による。')] } },
        sections: [
          {
            children: [
              new Paragraph({ text: '先端技術の保護', heading: HeadingLevel.HEADING_1 }),
              new Paragraph({ children: [new TextRun('量子暗号の研究成果の流出を防ぐ体制を整える'), new FootnoteReferenceRun(1), new TextRun('。')] }),
              new Table({
                rows: [
                  new TableRow({ children: [new TableCell({ children: [new Paragraph('分野')] }), new TableCell({ children: [new Paragraph('対応')] })] }),
                  new TableRow({ children: [new TableCell({ children: [new Paragraph('量子')] }), new TableCell({ children: [new Paragraph('管理を強化する。')] })] }),
                ],
              }),
            ],
          },
        ],
      }),
    );
    await page.getByRole('button', { name: '取り込む…' }).click();
    const dialog = page.getByRole('dialog', { name: '文書を取り込む' });
    await dialog.getByLabel('ファイル', { exact: true }).setInputFiles([
      { name: '先端技術メモ.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: docx },
      { name: 'memo-sjis.txt', mimeType: 'text/plain', buffer: fs.readFileSync(path.join(REPO_ROOT, 'test/fixtures/import/memo-sjis.txt')) },
      { name: 'tool.txt', mimeType: 'text/plain', buffer: Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(200)]) },
    ]);
    await poll(() => dialog.getByTestId('import-selection').textContent()).toContain('3 件');
    await screenshot(page, 'import-dialog');
    await dialog.getByRole('button', { name: '取り込む', exact: true }).click();
    const summary = dialog.getByRole('region', { name: '取り込みの結果' });
    await poll(() => summary.getByRole('status').textContent()).toBe('取り込み 2 件、重複 0 件、失敗 1 件。');
    expect(await summary.getByRole('alert').textContent()).toMatch(/^tool\.txt: .*実行ファイル（ELF）/);
    await screenshot(page, 'import-summary');

    await summary.getByRole('button', { name: '先端技術の保護に関する検討メモ' }).click();
    await poll(() => page.getByRole('heading', { name: '先端技術の保護に関する検討メモ' }).count()).toBe(1);
    await poll(() => page.getByText('管理を強化する。').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: '書誌情報を編集…' }).click();
    const meta = page.getByRole('dialog', { name: '書誌情報の編集' });
    await poll(() => meta.getByTestId('original-record').textContent()).toMatch(/^原本: 先端技術メモ\.docx（[\d.]+ KB、docx、—、SHA-256 [0-9a-f]{12}…、第 1 版）$/);
    await screenshot(page, 'import-details');
    await meta.getByRole('button', { name: 'キャンセル' }).click();
    await screenshot(page, 'import-reader');

    expect(app.consoleErrors).toEqual([]);
    expect(app.foreignRequests).toEqual([]);
  }, 180_000);

  it('removes the imported document and brings it back with undo, with the same text', async () => {
    const { page } = app;
    const library = page.getByRole('navigation', { name: 'ライブラリ' });
    const title = '先端技術の保護に関する検討メモ';
    await poll(() => page.getByRole('heading', { name: title }).count()).toBe(1);
    await page.getByRole('button', { name: 'ライブラリから削除…' }).click();
    await page.getByRole('button', { name: 'ライブラリから削除', exact: true }).click();
    await poll(() => page.getByText(`「${title}」をライブラリから削除しました（元に戻せます）。`).count()).toBe(1);
    await poll(() => library.getByText(title).count()).toBe(0);
    await screenshot(page, 'import-removed');
    await page.locator('body').press('Control+z');
    await poll(() => library.getByText(title).count()).toBe(1);
    await library.getByText(title).click();
    await poll(() => page.getByRole('heading', { name: title }).count()).toBe(1);
    await poll(() => page.getByText('管理を強化する。').count()).toBeGreaterThan(0);
    await screenshot(page, 'import-restored');
    expect(app.consoleErrors).toEqual([]);
  }, 120_000);
});
