// The README's screenshots: a library with a morning's work in it (annotations under every
// pillar, a briefing built from them by pillar), seeded through the real typed API, then each
// main view checked against that work and photographed in Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ApiClient } from '../../shared/api/client';
import { apiFor } from '../helpers/api';
import { screenshot, startApp, type App } from './harness';

let app: App;
let page: Page;
let api: ApiClient;

/** What the analyst marked: a phrase in a statement that contains it, filed under a pillar. */
const WORK: { doc: string; phrase: string; pillar: string; comment: string }[] = [
  { doc: 'espc-2021-11-19-minutes', phrase: 'サプライチェーンの強靱化', pillar: 'supply-chain', comment: '首相自らサプライチェーン強靱化を筆頭に掲げた。' },
  { doc: 'espc-2021-11-19-minutes', phrase: '先端半導体生産拠点整備', pillar: 'supply-chain', comment: '半導体の国内拠点整備に言及。' },
  { doc: 'espc-2021-11-19-minutes', phrase: '基幹インフラ', pillar: 'infrastructure', comment: '基幹インフラの事前審査の議論につながる。' },
  { doc: 'espc-2021-11-19-minutes', phrase: '機微技術の流出防止', pillar: 'tech-protection', comment: '技術流出対策を関係省庁で共有。' },
  { doc: 'sti-plan-resilient-society-progress', phrase: '特許', pillar: 'patents', comment: '特許の非公開化の検討。' },
  { doc: 'economic-security-commentary', phrase: '特許非公開化', pillar: 'patents', comment: '解説記事でも4本柱の一つとして整理。' },
  { doc: 'sti-plan-resilient-society-progress', phrase: 'サイバーセキュリティ', pillar: 'infrastructure', comment: 'インフラ防護の基盤として。' },
  { doc: 'espc-2021-11-19-minutes', phrase: '重要技術', pillar: 'tech-protection', comment: '重要技術の保全・育成が課題。' },
];

async function shoot(p: Page, name: string): Promise<void> {
  await p.evaluate(`document.querySelectorAll('.toast button').forEach((b) => b.click())`);
  await p.mouse.move(2, 2);
  await p.waitForTimeout(200);
  await screenshot(p, name);
}

function poll<T>(fn: () => T | Promise<T>) {
  return expect.poll(fn, { timeout: 20_000, interval: 100 });
}

const seeded: { statementId: string; pillar: string }[] = [];

beforeAll(async () => {
  // A roomier window than the walk's, as on an analyst's desktop monitor.
  app = await startApp({ width: 1600, height: 1000 });
  page = app.page;
  api = apiFor(app.host.ctx);
  for (const w of WORK) {
    const { statements } = await api.call('statements.list', { documentId: w.doc });
    const s = statements.find((x) => x.kind !== 'heading' && x.text.includes(w.phrase) && !seeded.some((d) => d.statementId === x.id && d.pillar === w.pillar));
    if (!s) throw new Error(`no statement with ${w.phrase} in ${w.doc}`);
    const start = s.text.indexOf(w.phrase);
    await api.call('annotations.create', { statementId: s.id, quote: w.phrase, start, end: start + w.phrase.length, comment: w.comment, pillarIds: [w.pillar] });
    seeded.push({ statementId: s.id, pillar: w.pillar });
  }
  await api.call('briefings.create', {
    title: '経済安全保障推進法の4本柱に関する論点整理',
    subtitle: '第1回経済安全保障推進会議と関連資料から',
    marking: '取扱注意',
    summary: '政府は4本柱のうちサプライチェーン強靱化と基幹インフラの安全性確保を先行させている。技術流出防止と特許非公開は制度設計の段階にある。',
    template: { from: 'template', templateId: 'builtin:by-pillar' },
  });
  await page.reload();
});

afterAll(async () => {
  await app?.close();
});

describe('README screenshots over a morning of work', () => {
  it('reader: highlights in pillar colours', async () => {
    await page.getByRole('button', { name: /第1回経済安全保障推進会議 議事要旨/ }).click();
    await poll(() => page.locator('.st .hl').count()).toBeGreaterThanOrEqual(5);
    const first = seeded[0].statementId;
    await page.locator(`[data-statement-id="${first}"]`).click();
    await page.locator(`[data-statement-id="${first}"]`).scrollIntoViewIfNeeded();
    await page.evaluate(`document.querySelector('[data-statement-id="${first}"]').scrollIntoView({ block: 'center' })`);
    await poll(() => page.getByRole('complementary', { name: 'インスペクタ' }).locator('.annotation-card').count()).toBeGreaterThanOrEqual(1);
    await shoot(page, 'showcase-reader');
  });

  it('search: hits, facets and marked spans', async () => {
    await page.locator('#search-input').fill('半導体');
    await poll(() => page.locator('.search-total').textContent()).toMatch(/件$/);
    expect(await page.locator('.hit-snippet mark').count()).toBeGreaterThan(0);
    // The suggestions under the field are for typing; the picture is of the results.
    await page.keyboard.press('Escape');
    await poll(() => page.locator('#search-suggestions').count()).toBe(0);
    await shoot(page, 'showcase-search');
  });

  it('pillar board: every pillar holds its annotations', async () => {
    await page.getByRole('tab', { name: '柱ボード' }).click();
    for (const pillar of ['supply-chain', 'infrastructure', 'tech-protection', 'patents']) {
      const expected = seeded.filter((s) => s.pillar === pillar).length;
      const name = { 'supply-chain': /サプライチェーン/, infrastructure: /基幹インフラ/, 'tech-protection': /先端重要技術/, patents: /特許出願/ }[pillar]!;
      await poll(() => page.getByRole('region', { name }).locator('.board-card').count()).toBe(expected);
    }
    await poll(() => page.getByRole('region', { name: /未分類/ }).locator('.board-card').count()).toBeGreaterThan(0);
    await shoot(page, 'showcase-board');
  });

  it('composer: a briefing by pillar with its preview', async () => {
    await page.getByRole('tab', { name: 'ブリーフィング' }).click();
    await page.getByRole('button', { name: /経済安全保障推進法の4本柱に関する論点整理/ }).click();
    await poll(() => page.locator('.outline-section').count()).toBe(4);
    expect(await page.locator('.outline-item').count()).toBe(WORK.length);
    await poll(() => page.frameLocator('iframe.preview-frame').locator('body').textContent()).toContain('取扱注意');
    await shoot(page, 'showcase-composer');
  });

  it('composer: the ministry form (和暦, 宛先, 発信, 文書番号, contents) and the profile screen', async () => {
    await api.call('profile.set', { name: '経済 太郎', affiliation: '経済産業省 貿易経済安全保障局', section: '経済安全保障政策課', contact: '内線 1234' });
    const { briefings } = await api.call('briefings.list', {});
    const b = briefings.find((x) => x.title === '経済安全保障推進法の4本柱に関する論点整理')!;
    await api.call('briefings.update', {
      id: b.id,
      dateStyle: 'wareki',
      addressee: '経済安全保障推進室長',
      docNumber: '経安第123号',
      sender: '経済産業省 貿易経済安全保障局\n経済安全保障政策課\n経済 太郎\n内線 1234',
      toc: true,
    });
    await page.reload();
    await page.getByRole('tab', { name: 'ブリーフィング' }).click();
    // The composer reopens the briefing it showed before the reload; the list only without one.
    const open = page.getByRole('button', { name: /経済安全保障推進法の4本柱に関する論点整理/ });
    await open.or(page.locator('.ministry-form')).first().waitFor();
    if ((await page.locator('.ministry-form').count()) === 0) await open.click();
    const form = page.getByRole('group', { name: '公文書の体裁' });
    await poll(() => form.getByRole('combobox', { name: '日付の表記' }).inputValue()).toBe('wareki');
    expect(await form.getByRole('textbox', { name: '宛先' }).inputValue()).toBe('経済安全保障推進室長');
    expect(await form.getByRole('checkbox', { name: /目次を付ける/ }).isChecked()).toBe(true);
    const preview = page.frameLocator('iframe.preview-frame').locator('body');
    await poll(() => preview.textContent()).toContain('令和');
    expect(await preview.textContent()).toContain('経済安全保障推進室長　殿');
    expect(await preview.locator('nav.toc li').count()).toBe(4);
    await page.evaluate(`document.querySelector('.ministry-form').scrollIntoView({ block: 'start' })`);
    await shoot(page, 'showcase-composer-form');

    await page.getByRole('button', { name: 'プロフィール…' }).click();
    const dialog = page.getByRole('dialog', { name: 'プロフィール' });
    await poll(() => dialog.getByRole('textbox', { name: '氏名' }).inputValue()).toBe('経済 太郎');
    await shoot(page, 'showcase-profile');
    await dialog.getByRole('button', { name: 'キャンセル' }).click();
  });

  it('start-up screen: the desktop window while the worker ingests, then the workbench', async () => {
    // The Electron preload, played by a script: start-up state and events as electron/main sends
    // them, calls forwarded to the host as the IPC bridge would forward them to the worker.
    const desktop = await app.context.newPage();
    const errors: string[] = [];
    desktop.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    desktop.on('pageerror', (e) => errors.push(e.message));
    await desktop.addInitScript(`(() => {
      const token = new URLSearchParams(location.search).get('token');
      const listeners = new Set();
      window.__startup = (p) => listeners.forEach((fn) => fn(p));
      window.workbench = {
        invoke: (method, params) => fetch('/api/' + method, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Workbench-Token': token }, body: JSON.stringify(params ?? {}) }).then((r) => r.json()),
        startupState: async () => ({ phase: 'ingesting', done: 3, total: 5, document: '（３）レジリエントで安全・安心な社会の構築' }),
        onStartup: (fn) => { listeners.add(fn); return () => listeners.delete(fn); },
        platform: 'linux',
      };
    })();`);
    await desktop.goto(app.host.url);
    const bar = desktop.getByRole('progressbar', { name: '起動の進み具合' });
    await bar.waitFor();
    expect(await bar.getAttribute('aria-valuenow')).toBe('60');
    expect(await desktop.locator('.startup').textContent()).toContain('同梱の資料を取り込んでいます（3 / 5 件）');
    await shoot(desktop, 'startup');
    await desktop.evaluate(`window.__startup({ phase: 'ready', done: 0, total: 0 })`);
    await desktop.getByRole('heading', { name: 'ライブラリ' }).waitFor();
    await poll(() => desktop.getByRole('button', { name: /第1回経済安全保障推進会議 議事要旨/ }).count()).toBe(1);
    expect(await desktop.locator('.startup').count()).toBe(0);
    expect(errors).toEqual([]);
    await desktop.close();
  });

  it('logged no console error and stayed on its origin', () => {
    expect(app.consoleErrors, app.consoleErrors.join('\n')).toEqual([]);
    expect(app.foreignRequests).toEqual([]);
  });
});
