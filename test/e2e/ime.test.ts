// Every text field that acts on Enter, driven with a real IME composition in Chromium: the
// analyst types かな, and the Enter that confirms the conversion arrives while composing. It
// must create, save, submit or open nothing, and leave the kana in the field for conversion;
// once the text is committed, the same Enter must act (so each check can fail). Both shapes
// of that Enter are sent: keyCode 13 with a keypress (which submits a form implicitly unless
// held back) and keyCode 229, as engines report it. test/renderer/ime-safe.test.ts keeps
// new fields on the same helper.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CDPSession, Locator, Page } from 'playwright-core';
import { desktopApiFor } from '../helpers/api';
import { REPO_ROOT } from '../helpers/db';
import { startApp, type App } from './harness';

let app: App;
let page: Page;
let cdp: CDPSession;

function poll<T>(fn: () => T | Promise<T>) {
  return expect.poll(fn, { timeout: 20_000, interval: 100 });
}

const CTRL = 2; // CDP modifier bit for Control

/** Types `kana` as an open composition (replacing whatever the field holds) and presses Enter both ways. */
async function composeAndEnter(field: Locator, kana: string, modifiers = 0): Promise<void> {
  await field.focus();
  await page.keyboard.press('Control+a');
  for (const enter of [
    { type: 'keyDown', windowsVirtualKeyCode: 13, nativeVirtualKeyCode: 13, text: '\r' },
    { type: 'rawKeyDown', windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229 },
  ] as const) {
    await cdp.send('Input.imeSetComposition', { text: kana, selectionStart: kana.length, selectionEnd: kana.length });
    await cdp.send('Input.dispatchKeyEvent', { key: 'Enter', code: 'Enter', modifiers, ...enter });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: enter.windowsVirtualKeyCode, modifiers });
  }
  // Time for anything the Enter might have set off to reach the host.
  await page.waitForTimeout(400);
}

/** Commits the conversion (what the IME does on the confirming Enter), then a plain Enter. */
async function commitAndEnter(field: Locator, converted: string, modifiers = 0): Promise<void> {
  await field.focus();
  await cdp.send('Input.imeSetComposition', { text: converted, selectionStart: converted.length, selectionEnd: converted.length });
  await cdp.send('Input.insertText', { text: converted });
  await page.keyboard.press(modifiers === CTRL ? 'Control+Enter' : 'Enter');
}

function callsSince(mark: number, method: string): string[] {
  return app.apiCalls.slice(mark).filter((m) => m === method);
}

interface Case {
  field: string;
  locate(): Locator;
  kana: string;
  converted: string;
  /** The API method the field's Enter calls; or a UI check for fields that only navigate. */
  method?: string;
  acted?(): Promise<boolean>;
  modifiers?: number;
  before?(): Promise<void>;
}

async function check(c: Case): Promise<void> {
  await c.before?.();
  const field = c.locate();
  await field.waitFor();
  const mark = app.apiCalls.length;
  await composeAndEnter(field, c.kana, c.modifiers);
  if (c.method) expect(callsSince(mark, c.method), `${c.field}: ${c.method} after a composing Enter`).toEqual([]);
  if (c.acted) expect(await c.acted(), `${c.field}: acted on a composing Enter`).toBe(false);
  // The unconverted kana is still in the field, waiting for its conversion.
  expect(await field.inputValue()).toBe(c.kana);
  await commitAndEnter(field, c.converted, c.modifiers);
  if (c.method) await poll(() => callsSince(mark, c.method!).length).toBeGreaterThan(0);
  if (c.acted) await poll(() => c.acted!()).toBe(true);
}

const SELECT_PHRASE = `(phrase) => {
  const st = document.querySelector('.st.is-current');
  const runs = [...st.querySelectorAll('[data-run-start]')];
  const run = runs.find((r) => (r.textContent || '').includes(phrase));
  const at = run.textContent.indexOf(phrase);
  st.scrollIntoView({ block: 'center' });
  const range = document.createRange();
  range.setStart(run.firstChild, at);
  range.setEnd(run.firstChild, at + phrase.length);
  const sel = window.getSelection();
  sel.removeAllRanges();
  sel.addRange(range);
  run.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
  return sel.toString();
}`;

async function selectForAnnotation(): Promise<void> {
  await page.getByRole('tab', { name: '閲覧' }).click();
  expect(await page.evaluate(`(${SELECT_PHRASE})('強靱化')`)).toBe('強靱化');
  await page.getByRole('dialog', { name: '選択範囲の操作' }).waitFor();
  await page.keyboard.press('a');
}

/** Closes the dialog with its own button (Escape in a field only resets the field). */
async function closeDialog(name: string): Promise<void> {
  const d = page.getByRole('dialog', { name });
  if ((await d.count()) === 0) return;
  await d.getByRole('button', { name: /^(閉じる|キャンセル)$/ }).last().click();
  await d.waitFor({ state: 'detached' });
}

async function openFromPalette(command: string, dialog: string): Promise<void> {
  if ((await page.getByRole('dialog', { name: dialog }).count()) > 0) return;
  await page.keyboard.press('Control+k');
  await page.getByRole('combobox', { name: 'コマンドパレット' }).fill(command);
  await page.getByRole('option', { name: new RegExp(command) }).first().click();
  await page.getByRole('dialog', { name: dialog }).waitFor();
}

const outDir = path.join(REPO_ROOT, 'test-output', 'ime');

const CASES: Case[] = [
  {
    field: 'search box',
    locate: () => page.locator('#search-input'),
    kana: 'きょうじんか',
    converted: '強靭化',
    // Enter opens the highlighted hit: the reader shows its statement as the current one.
    acted: async () => (await page.locator('.st.is-current').count()) === 1,
  },
  {
    field: 'annotation comment (Ctrl+Enter saves)',
    before: selectForAnnotation,
    locate: () => page.getByRole('dialog', { name: '選択範囲の操作' }).getByRole('textbox', { name: 'コメント' }),
    kana: 'きょうじんかにちゅうもく',
    converted: '強靱化に注目',
    method: 'annotations.create',
    modifiers: CTRL,
  },
  {
    field: 'annotation tags in the selection popover (Ctrl+Enter saves)',
    before: selectForAnnotation,
    locate: () => page.getByRole('dialog', { name: '選択範囲の操作' }).locator('input[type="text"], input:not([type])').first(),
    kana: 'はんどうたい',
    converted: '半導体',
    method: 'annotations.create',
    modifiers: CTRL,
  },
  {
    field: 'annotation tags in the inspector',
    locate: () => page.getByRole('complementary', { name: 'インスペクタ' }).getByRole('textbox', { name: 'タグ' }).first(),
    kana: 'きょうきゅうもう',
    converted: '供給網',
    method: 'annotations.update',
  },
  {
    field: 'command palette',
    before: async () => {
      await page.locator('.reader-title').click();
      await page.keyboard.press('Control+k');
    },
    locate: () => page.getByRole('combobox', { name: 'コマンドパレット' }),
    kana: 'はしらをかんり',
    converted: '柱を管理',
    acted: async () => (await page.getByRole('dialog', { name: '柱の管理' }).count()) === 1,
  },
  {
    field: 'new pillar, Japanese name',
    before: () => openFromPalette('柱を管理', '柱の管理'),
    locate: () => page.locator('.new-pillar input[aria-label="名称（日本語）"]'),
    kana: 'ゆしゅつかんり',
    converted: '輸出管理',
    method: 'pillars.create',
  },
  {
    field: 'new pillar, English name',
    before: async () => {
      await openFromPalette('柱を管理', '柱の管理');
      await page.locator('.new-pillar input[aria-label="名称（日本語）"]').fill('重要鉱物');
    },
    locate: () => page.locator('.new-pillar input[aria-label="名称（英語）"]'),
    kana: 'くりてぃかる',
    converted: 'Critical minerals',
    method: 'pillars.create',
  },
  {
    field: 'pillar name in the list (Japanese)',
    before: async () => {
      await openFromPalette('柱を管理', '柱の管理');
      // The list's last row is the pillar the case before created, once the list has it.
      await poll(() => page.locator('table input[aria-label="名称（日本語）"]').last().inputValue()).toBe('重要鉱物');
    },
    locate: () => page.locator('table input[aria-label="名称（日本語）"]').last(),
    kana: 'じゅうようこうぶつ',
    converted: '重要鉱物資源',
    method: 'pillars.update',
  },
  {
    field: 'pillar name in the list (English)',
    before: () => openFromPalette('柱を管理', '柱の管理'),
    locate: () => page.locator('table input[aria-label="名称（英語）"]').last(),
    kana: 'みねらる',
    converted: 'Critical mineral resources',
    method: 'pillars.update',
  },
  ...(['表題', '発行者', '日付'] as const).map(
    (label): Case => ({
      field: `import dialog: ${label}`,
      before: async () => {
        await closeDialog('柱の管理');
        // The previous case's import ends either by closing its dialog (imported) or by showing its
        // summary with a close button (the same file again is a duplicate): wait for either.
        const previous = page.getByRole('dialog', { name: '文書を取り込む' });
        await poll(async () => (await previous.count()) === 0 || (await previous.getByRole('button', { name: '閉じる', exact: true }).count()) > 0).toBe(true);
        await closeDialog('文書を取り込む');
        if ((await page.getByRole('dialog', { name: '文書を取り込む' }).count()) === 0) {
          await page.getByRole('button', { name: '取り込む…' }).click();
        }
        const dialog = page.getByRole('dialog', { name: '文書を取り込む' });
        await dialog.locator('input[type="file"]:not([webkitdirectory])').setInputFiles(path.join(REPO_ROOT, 'test', 'fixtures', 'import', 'memo-utf8.txt'));
        await dialog.getByRole('checkbox').check();
      },
      locate: () => page.getByRole('dialog', { name: '文書を取り込む' }).getByRole('textbox', { name: label }),
      kana: label === '日付' ? '2022-05-18' : 'ないぶめも',
      converted: label === '日付' ? '2022-05-18' : '内部メモ',
      method: 'documents.import',
    }),
  ),
  {
    field: 'new briefing title',
    before: async () => {
      await closeDialog('文書を取り込む');
      await page.getByRole('tab', { name: 'ブリーフィング' }).click();
    },
    locate: () => page.locator('.new-briefing').getByRole('textbox', { name: '表題' }),
    kana: 'けいざいあんぽ',
    converted: '経済安保',
    method: 'briefings.create',
  },
  {
    field: 'new section heading',
    locate: () => page.locator('.add-section').getByRole('textbox', { name: '節の見出し' }),
    kana: 'そうかつ',
    converted: '総括',
    method: 'briefings.sections.add',
  },
  {
    field: 'section heading in the outline',
    locate: () => page.locator('.outline-section').first().getByRole('textbox', { name: '節の見出し' }),
    kana: 'がいよう',
    converted: '概要',
    method: 'briefings.sections.update',
  },
  ...(
    [
      ['表題', 'けいざいあんぽのろんてん', '経済安保の論点'],
      ['副題', 'だいいっぽう', '第一報'],
      ['取扱区分', 'とりあつかいちゅうい', '取扱注意'],
      ['日付', '2027-01-04', '2027-01-04'],
    ] as const
  ).map(
    ([label, kana, converted]): Case => ({
      field: `briefing ${label}`,
      locate: () => page.locator('.composer-meta').getByRole('textbox', { name: label, exact: true }).first(),
      kana,
      converted,
      method: 'briefings.update',
    }),
  ),
  {
    field: 'template name',
    before: async () => {
      await page.getByRole('button', { name: 'ひな形として保存' }).click();
    },
    locate: () => page.getByRole('textbox', { name: 'ひな形の名前' }),
    kana: 'まいしゅうほうこく',
    converted: '週報',
    method: 'briefings.templates.save',
  },
  {
    field: 'section picker: new section heading',
    before: () => openSectionPicker('section'),
    locate: () => page.getByRole('dialog', { name: 'ブリーフィングへ追加' }).getByRole('textbox', { name: '節の見出し' }),
    kana: 'しんちゃく',
    converted: '新着',
    method: 'briefings.sections.add',
  },
  {
    field: 'section picker: new briefing title',
    before: () => openSectionPicker('briefing'),
    locate: () => page.getByRole('dialog', { name: 'ブリーフィングへ追加' }).getByRole('textbox', { name: '表題' }),
    kana: 'しんきしりょう',
    converted: '新規資料',
    method: 'briefings.create',
  },
];

/** 「ブリーフィングへ」 on a pillar-board card (an annotation made for it), with "new section…" or "new briefing…" chosen. */
async function openSectionPicker(choose: 'section' | 'briefing'): Promise<void> {
  const api = desktopApiFor(app.host.ctx).api;
  const { statements } = await api.call('statements.list', { documentId: 'espc-2021-11-19-minutes' });
  const { annotations } = await api.call('annotations.list', {});
  const s = statements.find((x) => x.kind !== 'heading' && x.text.length > 20 && !annotations.some((a) => a.statementId === x.id))!;
  const quote = s.text.slice(0, 16);
  await api.call('annotations.create', { statementId: s.id, quote, start: 0, end: quote.length, pillarIds: ['patents'] });
  if ((await page.getByRole('dialog', { name: 'ブリーフィングへ追加' }).count()) > 0) await page.keyboard.press('Escape');
  // The board reads its cards when it opens: leave it first if it is open.
  await page.getByRole('tab', { name: 'ブリーフィング' }).click();
  await page.getByRole('tab', { name: '柱ボード' }).click();
  const card = page.locator('.board-card', { hasText: quote });
  await card.focus();
  await page.keyboard.press('b');
  const dialog = page.getByRole('dialog', { name: 'ブリーフィングへ追加' });
  // Loaded when 追加 is enabled; with no briefing yet, "new briefing" and "new section" are already chosen.
  await expect.poll(() => dialog.getByRole('button', { name: '追加', exact: true }).isEnabled(), { timeout: 20_000 }).toBe(true);
  const select = dialog.getByRole('combobox', { name: choose === 'section' ? '節' : 'ブリーフィング' });
  if (await select.isEnabled()) await select.selectOption({ label: choose === 'section' ? '＋ 新しい節…' : '＋ 新しいブリーフィング…' });
}

beforeAll(async () => {
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  app = await startApp();
  page = app.page;
  cdp = await page.context().newCDPSession(page);
  await page.getByRole('navigation', { name: 'ライブラリ' }).getByRole('listitem').first().waitFor({ timeout: 60_000 });
});

afterAll(async () => {
  await cdp?.detach().catch(() => undefined);
  await app?.close();
});

describe('the Enter that confirms an IME conversion acts nowhere', () => {
  for (const c of CASES) {
    it(c.field, async () => {
      await check(c);
    });
  }

  it('left no console errors', () => {
    expect(app.consoleErrors).toEqual([]);
  });
});
