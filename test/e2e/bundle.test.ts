// The workspace bundle dialog in Chromium: another analyst's bundle (which edited the same
// annotation differently) is previewed — added, updated, unchanged, conflicts per kind — then
// merged; both versions of the conflicted annotation are kept, the incoming one tagged and marked
// as a conflict in the inspector, with a link to ours.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { desktopApiFor } from '../helpers/api';
import { closeContext, corpusContext, tempDir } from '../helpers/db';
import { screenshot, startApp, type App } from './harness';

let app: App;
let page: Page;

beforeAll(async () => {
  app = await startApp({ width: 1400, height: 950 });
  page = app.page;
});

afterAll(async () => {
  await app?.close();
});

describe('workspace bundle dialog', () => {
  it('previews a bundle with a conflict, merges it, and keeps both versions', async () => {
    const dir = tempDir('wb-e2e-bundle-');
    const a = desktopApiFor(app.host.ctx);
    const { statements } = await a.api.call('statements.list', { documentId: 'espc-2021-11-19-minutes' });
    const s = statements.find((x) => x.text.includes('基幹インフラ'))!;
    const start = s.text.indexOf('基幹インフラ');
    const shared = (await a.api.call('annotations.create', { statementId: s.id, quote: '基幹インフラ', start, end: start + 6, comment: '事前審査の対象', pillarIds: ['infrastructure'] })).annotation;
    const first = path.join(dir, 'a.wbbundle');
    await a.api.call('bundle.export', { target: a.saveTo(first) });
    // A colleague merges it, edits the same annotation and adds one of their own.
    const other = corpusContext();
    const fromColleague = path.join(dir, '同僚のワークスペース.wbbundle');
    try {
      const b = desktopApiFor(other);
      await b.api.call('bundle.import', { source: b.openFrom(first) });
      await b.api.call('annotations.update', { id: shared.id, comment: '事前審査は2024年から（同僚の見解）', importance: 3 });
      const t = statements.find((x) => x.text.includes('サプライチェーン'))!;
      await b.api.call('annotations.create', { statementId: t.id, comment: '同僚の新しい注釈', pillarIds: ['supply-chain'] });
      await b.api.call('bundle.export', { target: b.saveTo(fromColleague) });
    } finally {
      closeContext(other);
    }
    // Meanwhile, here, the same annotation is edited differently.
    await a.api.call('annotations.update', { id: shared.id, comment: '事前審査の対象（こちらの見解）' });
    await page.reload();
    // The shortcut is heard once the app has started (its library listed), not while it loads.
    await expect.poll(() => page.getByRole('navigation', { name: 'ライブラリ' }).getByRole('listitem').count(), { timeout: 30_000 }).toBeGreaterThan(0);

    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'コマンドパレット' }).fill('バンドル');
    await page.getByRole('option', { name: 'ワークスペースのバンドル（書き出し・統合）…' }).click();
    const dialog = page.getByRole('dialog', { name: 'ワークスペースのバンドル' });
    await dialog.getByTestId('bundle-file').setInputFiles(fromColleague);
    const report = dialog.getByTestId('bundle-report');
    await expect.poll(() => report.textContent(), { timeout: 20_000 }).toContain('統合の確認');
    const row = (name: string) => report.locator('tr', { has: page.locator(`th:text-is("${name}")`) }).locator('td');
    expect(await row('注釈').allTextContents()).toEqual(['1', '0', '0', '1']);
    expect(await report.textContent()).toContain('1 件の注釈は両方で別々に編集されています');
    await page.mouse.move(2, 2);
    await screenshot(page, 'bundle-preview');

    await dialog.getByRole('button', { name: 'この内容で統合する' }).click();
    await expect.poll(() => report.textContent(), { timeout: 20_000 }).toContain('統合しました');
    await screenshot(page, 'bundle-merged');

    const mine = (await a.api.call('annotations.get', { id: shared.id })).annotation;
    expect(mine.comment).toBe('事前審査の対象（こちらの見解）');
    const theirs = (await a.api.call('annotations.list', { tag: `conflict-of:${shared.id}` })).annotations;
    expect(theirs.map((x) => x.comment)).toEqual(['事前審査は2024年から（同僚の見解）']);
    expect(fs.existsSync(fromColleague)).toBe(true);

    // In the inspector, the colleague's version is marked as a conflict, naming ours, with a link to it.
    await dialog.getByRole('button', { name: '閉じる' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await page.getByRole('navigation', { name: 'ライブラリ' }).getByRole('button', { name: /第1回経済安全保障推進会議 議事要旨/ }).click();
    await page.locator(`[data-statement-id="${s.id}"]`).first().click();
    const marker = page.getByRole('complementary', { name: 'インスペクタ' }).getByRole('note');
    await expect.poll(() => marker.count(), { timeout: 20_000 }).toBe(1);
    expect(await marker.textContent()).toContain(`競合: 別のワークスペースでの版です（こちらの注釈 ${shared.id} と両方を残しています）`);
    await page.mouse.move(2, 2);
    await screenshot(page, 'conflict-marker');
    await marker.getByRole('button', { name: '相手の注釈を表示' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id ?? '')).toBe(`annotation-card-${shared.id}`);
  });
});
