// Placing evidence in a briefing, in Chromium through the real UI: 「ブリーフィングへ」 from the
// pillar board opens the section picker, which proposes the section of the annotation's pillar
// and is driven by keyboard alone; the next time the choice it remembered is proposed. A live
// by-pillar section shows an annotation filed after it as new, accept puts it in the briefing
// (the print preview quotes it), dismiss takes it away and Ctrl+Z brings it back. Screenshots of
// the picker and the live section go to test-output/screenshots.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ApiClient } from '../../shared/api/client';
import type { Annotation } from '../../shared/annotations';
import type { Briefing } from '../../shared/briefing';
import { desktopApiFor } from '../helpers/api';
import { screenshot, startApp, type App } from './harness';

let app: App;
let page: Page;
let api: ApiClient;
let briefing: Briefing;
const TITLE = '柱別の論点（追従）';

function poll<T>(fn: () => T | Promise<T>) {
  return expect.poll(fn, { timeout: 20_000, interval: 100 });
}

/** `scrollTo`: a selector brought to the top of its scrolling pane once the notices are gone. */
async function shoot(name: string, scrollTo?: string): Promise<void> {
  await page.evaluate(`document.querySelectorAll('.toast button').forEach((b) => b.click())`);
  await page.waitForTimeout(150);
  if (scrollTo) {
    await page.evaluate(`document.querySelector(${JSON.stringify(scrollTo)})?.scrollIntoView({ block: 'start' })`);
    await page.waitForTimeout(150);
  }
  await page.mouse.move(2, 2);
  await screenshot(page, name);
}

/** An annotation on the first statement of the minutes containing `term` not yet annotated. */
async function annotate(term: string, pillarIds: string[], comment: string): Promise<Annotation> {
  const { statements } = await api.call('statements.list', { documentId: 'espc-2021-11-19-minutes' });
  const { annotations } = await api.call('annotations.list', {});
  const taken = new Set(annotations.map((a) => a.statementId));
  const s = statements.find((x) => x.kind !== 'heading' && x.text.includes(term) && !taken.has(x.id));
  if (!s) throw new Error(`no free statement with ${term}`);
  const start = s.text.indexOf(term);
  const end = Math.min(s.text.indexOf('。', start) + 1 || s.text.length, start + 40);
  return (await api.call('annotations.create', { statementId: s.id, quote: s.text.slice(start, end), start, end, comment, pillarIds })).annotation;
}

beforeAll(async () => {
  app = await startApp({ width: 1440, height: 900 });
  page = app.page;
  api = desktopApiFor(app.host.ctx).api;
  await annotate('サプライチェーン', ['supply-chain'], '供給網の強靱化が最重要課題');
  await annotate('基幹インフラ', ['infrastructure'], '事前審査の対象');
  ({ briefing } = await api.call('briefings.create', { title: TITLE, template: { from: 'annotations', groupBy: 'pillar' } }));
  await page.reload();
  await page.getByRole('navigation', { name: 'ライブラリ' }).getByRole('listitem').first().waitFor({ timeout: 60_000 });
});

afterAll(async () => {
  await app?.close();
});

describe('「ブリーフィングへ」 asks for the section', () => {
  let later: Annotation;

  it('proposes the section of the annotation’s pillar, and adds there by keyboard alone', async () => {
    later = await annotate('サプライチェーン', ['supply-chain'], '後から付けた注釈');
    await page.getByRole('tab', { name: '柱ボード' }).click();
    const card = page.getByRole('region', { name: /サプライチェーン強靱化/ }).locator('.board-card', { hasText: later.target.quote.exact.slice(0, 12) });
    await card.focus();
    await page.keyboard.press('b');
    const dialog = page.getByRole('dialog', { name: 'ブリーフィングへ追加' });
    const sectionSelect = dialog.getByRole('combobox', { name: '節' });
    await poll(() => sectionSelect.locator('option:checked').textContent()).toBe('1. サプライチェーン強靱化');
    expect(await dialog.getByRole('combobox', { name: 'ブリーフィング' }).locator('option:checked').textContent()).toBe(TITLE);
    expect(await dialog.textContent()).toContain('注釈の柱の節を選んでいます。');
    // Focus is on the section list (page source as text: this file is type-checked without the DOM library).
    await poll(() => page.evaluate(`document.activeElement === document.querySelectorAll('.section-picker select')[1]`)).toBe(true);
    await shoot('briefing-picker');
    // Another section, by arrows, then Enter.
    await page.keyboard.press('ArrowDown');
    await poll(() => sectionSelect.locator('option:checked').textContent()).toBe('2. 基幹インフラの安全性・信頼性');
    await page.keyboard.press('Enter');
    await poll(() => dialog.count()).toBe(0);
    await poll(async () => (await page.getByRole('status').allTextContents()).join('\n')).toContain(`「${TITLE}」の節「基幹インフラの安全性・信頼性」に追加しました。`);
    const got = (await api.call('briefings.get', { id: briefing.id })).briefing;
    expect(got.sections[1].items.map((i) => i.annotationId)).toContain(later.id);
    expect(got.sections[0].items.map((i) => i.annotationId)).not.toContain(later.id);
  });

  it('remembers that choice: evidence with no pillar is proposed the section chosen last time', async () => {
    const unfiled = await annotate('技術', [], '柱のない注釈');
    await page.getByRole('tab', { name: 'ブリーフィング' }).click();
    await page.getByRole('tab', { name: '柱ボード' }).click();
    const card = page.locator('.board-card', { hasText: unfiled.target.quote.exact.slice(0, 12) });
    await card.focus();
    await page.keyboard.press('b');
    const dialog = page.getByRole('dialog', { name: 'ブリーフィングへ追加' });
    await poll(() => dialog.getByRole('combobox', { name: '節' }).locator('option:checked').textContent()).toBe('2. 基幹インフラの安全性・信頼性');
    expect(await dialog.textContent()).toContain('前回このブリーフィングで選んだ節です。');
    await page.keyboard.press('Escape');
    await poll(() => dialog.count()).toBe(0);
    expect((await api.call('briefings.get', { id: briefing.id })).briefing.sections[1].items.map((i) => i.annotationId)).not.toContain(unfiled.id);
  });
});

describe('a live by-pillar section', () => {
  const region = () => page.getByRole('region', { name: /前回の編集以降の新着/ });
  const preview = () => page.frameLocator('iframe.preview-frame').locator('body').textContent();

  it('shows an annotation filed after it as new; accept puts it in the briefing', async () => {
    const fresh = await annotate('サプライチェーン', ['supply-chain'], '新着として届く注釈');
    await page.getByRole('tab', { name: 'ブリーフィング' }).click();
    await poll(() => page.getByRole('combobox', { name: '現在のブリーフィング' }).locator('option:checked').textContent()).toBe(TITLE);
    await poll(() => region().count()).toBe(1);
    expect(await region().getByRole('heading').textContent()).toBe('前回の編集以降の新着 (1)');
    expect(await region().textContent()).toContain(fresh.target.quote.exact);
    await poll(preview).not.toContain(fresh.target.quote.exact);
    await shoot('briefing-live', '.outline-section');
    await region().getByRole('button', { name: /^採用/ }).click();
    await poll(() => region().count()).toBe(0);
    await poll(preview).toContain(fresh.target.quote.exact);
  });

  it('dismiss takes a new annotation away, and Ctrl+Z brings it back', async () => {
    const fresh = await annotate('サプライチェーン', ['supply-chain'], '見送る注釈');
    await page.getByRole('tab', { name: '柱ボード' }).click();
    await page.getByRole('tab', { name: 'ブリーフィング' }).click();
    await poll(() => region().count()).toBe(1);
    expect(await region().textContent()).toContain(fresh.target.quote.exact);
    await region().getByRole('button', { name: /^見送る/ }).click();
    await poll(() => region().count()).toBe(0);
    await page.locator('.outline-item').first().focus();
    await page.keyboard.press('Control+z');
    await poll(() => region().count()).toBe(1);
    expect(await region().textContent()).toContain(fresh.target.quote.exact);
    await poll(preview).not.toContain(fresh.target.quote.exact);
  });

  it('left no console errors and made no foreign requests', () => {
    expect(app.consoleErrors).toEqual([]);
    expect(app.foreignRequests).toEqual([]);
  });
});
