// The analyst's day in a real browser: search 強靭化 (both kanji found), open a hit in the reader,
// annotate a span and file it under a pillar, see it on the pillar board, add it to a new
// briefing, undo/redo an edit of it, export Markdown and DOCX as browser downloads and read the
// files back, export the annotations as a download and import that file back as an upload. Fails on any console error and
// on any request that leaves the app's own origin; saves screenshots of each main view.
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, startApp, type App } from './harness';

let app: App;
let page: Page;
let quote = '';

/** Polls until the value matches: the machine is shared, so allow a generous time. */
function poll<T>(fn: () => T | Promise<T>, opts: { timeout?: number } = {}) {
  return expect.poll(fn, { timeout: opts.timeout ?? 20_000, interval: 100 });
}

/** Screenshots show the view, not the confirmations that happen to be on screen. */
async function shoot(p: Page, name: string): Promise<void> {
  await p.evaluate(`document.querySelectorAll('.toast button').forEach((b) => b.click())`);
  await p.waitForTimeout(100);
  await p.mouse.move(2, 2);
  await screenshot(p, name);
}

async function notices(p: Page): Promise<string> {
  return (await p.getByRole('status').allTextContents()).join('\n');
}
const QUOTE_COMMENT = '供給網の強靱化を政府の最重要課題と位置付けている点に注目。';
const BRIEFING_TITLE = 'サプライチェーン強靱化に関する所見';

// Runs in the page (given as source text: this file is type-checked without the DOM library).
const SELECT_IN_STATEMENT = `({ id, from, to }) => {
  const runs = [...document.querySelectorAll('[data-statement-id="' + id + '"] [data-run-start]')];
  const find = (offset) => {
    for (const r of runs) {
      const start = Number(r.dataset.runStart);
      const len = (r.textContent || '').length;
      if (offset >= start && offset <= start + len && r.firstChild) return { node: r.firstChild, at: offset - start };
    }
    throw new Error('offset ' + offset + ' not rendered in ' + id);
  };
  const a = find(from);
  const b = find(to);
  runs[0].closest('[data-statement-id]').scrollIntoView({ block: 'center' });
  const range = document.createRange();
  range.setStart(a.node, a.at);
  range.setEnd(b.node, b.at);
  const sel = window.getSelection();
  sel.removeAllRanges();
  sel.addRange(range);
  runs[0].dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
  return sel.toString();
}`;

const STATEMENT_TEXT = `(id) => [...document.querySelectorAll('[data-statement-id="' + id + '"] [data-run-start]')].map((r) => r.textContent).join('')`;

async function inPage<T>(p: Page, fnSource: string, arg: unknown): Promise<T> {
  return p.evaluate(`(${fnSource})(${JSON.stringify(arg)})`) as Promise<T>;
}

async function selectInStatement(p: Page, statementId: string, from: number, to: number): Promise<string> {
  return inPage<string>(p, SELECT_IN_STATEMENT, { id: statementId, from, to });
}

beforeAll(async () => {
  app = await startApp();
  page = app.page;
});

afterAll(async () => {
  await app?.close();
});

describe('the analyst’s day, end to end', () => {
  it('opens on the library with the bundled documents and the status bar', async () => {
    const library = page.getByRole('navigation', { name: 'ライブラリ' });
    await poll(() => library.getByRole('listitem').count()).toBe(5);
    await poll(() => page.getByRole('contentinfo').textContent()).toContain('文書 5 件');
    expect(await page.getByRole('contentinfo').textContent()).toContain(app.host.ctx.dbPath);
  });

  it('ignores an IME composition until it is committed, and its confirming Enter opens nothing', async () => {
    const box = page.locator('#search-input');
    await box.click();
    const before = app.apiCalls.length;
    const searches = () => app.apiCalls.slice(before).filter((m) => m === 'search.query');
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Input.imeSetComposition', { text: 'きょうじん', selectionStart: 5, selectionEnd: 5 });
    await cdp.send('Input.imeSetComposition', { text: '強靭', selectionStart: 2, selectionEnd: 2 });
    // The Enter that confirms the conversion arrives while composing (keyCode 229).
    await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229 });
    await page.waitForTimeout(300);
    expect(searches()).toEqual([]);
    expect(await page.getByRole('tab', { name: '閲覧' }).getAttribute('aria-selected')).toBe('true');
    await cdp.send('Input.insertText', { text: '強靭' });
    await poll(() => searches().length).toBeGreaterThan(0);
    expect(await box.inputValue()).toBe('強靭');
    await cdp.detach();
    await box.fill('');
  });

  it('finds 強靭化 written with either kanji', async () => {
    const box = page.locator('#search-input');
    await box.click();
    await page.keyboard.type('強靭化');
    const total = page.locator('.search-total');
    await poll(() => total.textContent()).toMatch(/^\d+ 件$/);
    const count = Number((await total.textContent())!.replace(/\D/g, ''));
    expect(count).toBeGreaterThanOrEqual(10);
    const marks = await page.locator('.hit-snippet mark').allTextContents();
    expect(marks).toContain('強靭化');
    expect(marks).toContain('強靱化');
    // The suggestions under the field are for typing; the picture is of the results.
    await page.keyboard.press('Escape');
    await poll(() => page.locator('#search-suggestions').count()).toBe(0);
    await shoot(page, 'search');
    // Facets filter when clicked, and the query shows the filter.
    await page.getByRole('region', { name: '文書' }).getByRole('button', { name: /第1回経済安全保障推進会議/ }).click();
    await poll(() => box.inputValue()).toContain('doc:espc-2021-11-19-minutes');
    await poll(() => total.textContent()).toBe('4 件');
  });

  it('moves through hits with the arrow keys and opens one in the reader with Enter', async () => {
    await page.locator('#search-input').focus();
    await page.keyboard.press('ArrowDown');
    await poll(() => page.locator('.hit.is-active').count()).toBe(1);
    const activeText = await page.locator('.hit.is-active .hit-snippet').textContent();
    await page.keyboard.press('Enter');
    await poll(() => page.getByRole('tab', { name: '閲覧' }).getAttribute('aria-selected')).toBe('true');
    const current = page.locator('.st.is-current');
    await poll(() => current.count()).toBe(1);
    const text = (await current.textContent()) ?? '';
    expect(text).toContain('強靱化');
    expect(text).toContain((activeText ?? '').replace(/…/g, '').slice(0, 8));
    // The matched span is marked in the text.
    expect(await current.locator('.match-mark').allTextContents()).toContain('強靱化');
  });

  it('annotates a selected span and files it under a pillar', async () => {
    const current = page.locator('.st.is-current');
    const id = (await current.getAttribute('data-statement-id'))!;
    const text = await inPage<string>(page, STATEMENT_TEXT, id);
    // The analyst marks the phrase from サプライチェーン to the matched 強靱化.
    const from = text.indexOf('サプライチェーン');
    const to = text.indexOf('強靱化', from) + '強靱化'.length;
    expect(from, 'サプライチェーン in the statement').not.toBe(-1);
    quote = text.slice(from, to);
    expect(await selectInStatement(page, id, from, to)).toBe(quote);
    const popover = page.getByRole('dialog', { name: '選択範囲の操作' });
    await popover.waitFor();
    await page.keyboard.press('a');
    await popover.getByRole('textbox', { name: 'コメント' }).fill(QUOTE_COMMENT);
    // The phrase is about supply chains: the pillar is suggested and starts ticked (the suggestion
    // comes from the host after the form opens, so it is waited for rather than read once).
    const supply = popover.getByRole('button', { name: /サプライチェーン強靱化/ });
    await poll(() => supply.getAttribute('aria-pressed')).toBe('true');
    expect(await supply.getAttribute('class')).toContain('is-suggested');
    await popover.getByRole('button', { name: '保存' }).click();
    await poll(async () => (await current.locator('.hl').allTextContents()).join('')).toBe(quote);
    const inspector = page.getByRole('complementary', { name: 'インスペクタ' });
    await poll(() => inspector.getByRole('textbox', { name: 'コメント' }).inputValue()).toBe(QUOTE_COMMENT);
    expect(await inspector.getByRole('button', { name: /サプライチェーン強靱化/ }).getAttribute('aria-pressed')).toBe('true');
    await page.mouse.click(5, 880);
    await shoot(page, 'reader');
  });

  it('undoes and redoes the annotation with Ctrl+Z / Ctrl+Shift+Z', async () => {
    const current = page.locator('.st.is-current');
    await page.locator('.reader-title').click();
    await page.keyboard.press('Control+z');
    await poll(() => current.locator('.hl').count()).toBe(0);
    await page.keyboard.press('Control+Shift+z');
    await poll(async () => (await current.locator('.hl').allTextContents()).join('')).toBe(quote);
  });

  it('shows the annotation on the pillar board and re-files it by drag and drop', async () => {
    await page.getByRole('tab', { name: '柱ボード' }).click();
    const supply = page.getByRole('region', { name: /サプライチェーン強靱化/ });
    const card = supply.locator('.board-card', { hasText: quote });
    await poll(() => card.count()).toBe(1);
    expect(await card.textContent()).toContain(QUOTE_COMMENT);
    const infra = page.getByRole('region', { name: /基幹インフラ/ });
    await card.dragTo(infra.locator('.board-cards'));
    await poll(() => infra.locator('.board-card', { hasText: quote }).count()).toBe(1);
    expect(await supply.locator('.board-card', { hasText: quote }).count()).toBe(0);
    // And back from the keyboard: focus the card, press 1.
    await infra.locator('.board-card', { hasText: quote }).focus();
    await page.keyboard.press('1');
    await poll(() => supply.locator('.board-card', { hasText: quote }).count()).toBe(1);
    // The unfiled column lists statements of the open document with pillar suggestions.
    const unfiled = page.getByRole('region', { name: /未分類/ });
    await poll(() => unfiled.locator('.board-card').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await shoot(page, 'pillar-board');
  });

  it('adds it to a new briefing from the board', async () => {
    await page.getByRole('tab', { name: 'ブリーフィング' }).click();
    await page.getByRole('textbox', { name: '表題' }).fill(BRIEFING_TITLE);
    await page.getByRole('button', { name: '新規ブリーフィング' }).click();
    await poll(() => page.getByRole('combobox', { name: '現在のブリーフィング' }).locator('option:checked').textContent()).toBe(BRIEFING_TITLE);
    await page.getByRole('textbox', { name: '節の見出し' }).last().fill('サプライチェーン');
    await page.getByRole('button', { name: '節を追加' }).click();
    await poll(() => page.locator('.outline-section').count()).toBe(1);
    await page.getByRole('tab', { name: '柱ボード' }).click();
    const card = page.getByRole('region', { name: /サプライチェーン強靱化/ }).locator('.board-card', { hasText: quote });
    await card.dragTo(page.locator('.briefing-tray'));
    // The section picker asks where: the briefing's only section, proposed as the last one.
    const picker = page.getByRole('dialog', { name: 'ブリーフィングへ追加' });
    await poll(() => picker.getByRole('combobox', { name: '節' }).locator('option:checked').textContent()).toBe('1. サプライチェーン');
    await picker.getByRole('button', { name: '追加', exact: true }).click();
    await poll(() => notices(page)).toContain(`「${BRIEFING_TITLE}」の節「サプライチェーン」に追加しました。`);
  });

  it('composes the briefing with a marking and a live print preview', async () => {
    await page.getByRole('tab', { name: 'ブリーフィング' }).click();
    const item = page.locator('.outline-item');
    await poll(() => item.count()).toBe(1);
    expect(await item.locator('.outline-quote').textContent()).toContain(quote);
    expect(await item.locator('.outline-cite').textContent()).toContain('第1回経済安全保障推進会議 議事要旨');
    const marking = page.getByRole('textbox', { name: '取扱区分' });
    await marking.fill('取扱注意');
    await marking.press('Enter');
    const summary = page.getByRole('textbox', { name: '要旨' });
    await summary.fill('政府は供給網の強靱化を経済安全保障の柱に据えている。');
    await summary.blur();
    const preview = page.frameLocator('iframe.preview-frame');
    await poll(() => preview.locator('body').textContent()).toContain('取扱注意');
    expect(await preview.locator('body').textContent()).toContain(quote);
    expect(await page.locator('iframe.preview-frame').getAttribute('sandbox')).toBe('');
    await shoot(page, 'briefing-composer');
  });

  it('undoes and redoes a briefing edit with Ctrl+Z / Ctrl+Shift+Z from the outline', async () => {
    const summary = page.getByRole('textbox', { name: '要旨' });
    const text = '政府は供給網の強靱化を経済安全保障の柱に据えている。';
    await poll(() => summary.inputValue()).toBe(text);
    await page.locator('.outline-item').first().focus();
    await page.keyboard.press('Control+z');
    await poll(() => summary.inputValue()).toBe('');
    await poll(() => page.frameLocator('iframe.preview-frame').locator('body').textContent()).not.toContain(text);
    await poll(() => page.getByRole('textbox', { name: '取扱区分' }).inputValue()).toBe('取扱注意');
    await page.keyboard.press('Control+Shift+z');
    await poll(() => summary.inputValue()).toBe(text);
    await poll(() => page.frameLocator('iframe.preview-frame').locator('body').textContent()).toContain(text);
  });

  it('exports Markdown and DOCX as browser downloads and says which file it saved', async () => {
    const saved: Record<string, string> = {};
    for (const [label, ext] of [
      ['Markdown', 'md'],
      ['Word (DOCX)', 'docx'],
    ] as const) {
      const downloading = page.waitForEvent('download');
      await page.getByRole('button', { name: label, exact: true }).click();
      const download = await downloading;
      expect(download.suggestedFilename()).toBe(`${BRIEFING_TITLE}.${ext}`);
      saved[ext] = path.join(app.downloadsDir, `briefing.${ext}`);
      await download.saveAs(saved[ext]);
      await poll(() => notices(page)).toContain(`ダウンロードしました: ${BRIEFING_TITLE}.${ext}`);
    }
    // No path field and no overwrite question: the browser decides where downloads go.
    expect(await page.getByRole('dialog').count()).toBe(0);
    const text = fs.readFileSync(saved.md, 'utf8');
    expect(text).toContain(BRIEFING_TITLE);
    expect(text).toContain('取扱注意');
    expect(text).toContain(quote);
    expect(text).toContain('第1回経済安全保障推進会議 議事要旨');
    const zip = unzipSync(fs.readFileSync(saved.docx));
    const documentXml = strFromU8(zip['word/document.xml']);
    expect(documentXml).toContain(quote);
    const headers = Object.keys(zip).filter((n) => /^word\/header\d*\.xml$/.test(n));
    expect(headers.some((h) => strFromU8(zip[h]).includes('取扱注意'))).toBe(true);
    await poll(() => page.locator('.export-log li').count()).toBe(2);
    expect(await page.locator('.export-log li').first().textContent()).toContain(`${BRIEFING_TITLE}.docx (download)`);
  });

  it('cancels a PDF export while it prints: no download, nothing logged', async () => {
    const downloads: string[] = [];
    const onDownload = (d: { suggestedFilename(): string }) => downloads.push(d.suggestedFilename());
    page.on('download', onDownload);
    await page.getByRole('button', { name: 'PDF', exact: true }).click();
    // Headless Chromium takes seconds to print: the progress bar is up, with its cancel button.
    await page.getByRole('progressbar', { name: '書き出しています…' }).waitFor();
    await page.getByRole('button', { name: '書き出しを取り消す' }).click();
    await poll(() => notices(page)).toContain('書き出しを取り消しました。ファイルは作られていません。');
    expect(await page.getByRole('progressbar').count()).toBe(0);
    await page.waitForTimeout(500);
    page.off('download', onDownload);
    expect(downloads).toEqual([]);
    expect(await page.locator('.export-log li').count()).toBe(2);
  });

  it('exports the annotations as a download and imports that file back as an upload (nothing new, nothing lost)', async () => {
    const file = path.join(app.downloadsDir, 'annotations.json');
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'コマンドパレット' }).fill('注釈ファイル');
    // Clicked rather than Enter: quick-open answers for the same words may arrive above it.
    await page.getByRole('option', { name: '注釈ファイルの書き出し・読み込み…' }).click();
    const dialog = page.getByRole('dialog', { name: '注釈ファイルの書き出しと読み込み' });
    const downloading = page.waitForEvent('download');
    await dialog.getByRole('button', { name: '注釈ファイルを書き出す…' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^annotations-\d{4}-\d{2}-\d{2}\.json$/);
    await download.saveAs(file);
    await poll(() => dialog.textContent()).toMatch(/注釈 \d+ 件を書き出しました: annotations-/);
    const data = JSON.parse(fs.readFileSync(file, 'utf8')) as { format: string; annotations: { target: { quote: { exact: string } }; comment: string }[] };
    expect(data.format).toBe('keizai-anpo-workbench/annotations');
    expect(data.annotations.some((a) => a.target.quote.exact === quote && a.comment === QUOTE_COMMENT)).toBe(true);
    const callsBefore = app.apiCalls.length;
    await dialog.getByLabel('読み込むファイル', { exact: true }).setInputFiles(file);
    await poll(() => dialog.textContent()).toContain('読み込むファイル: annotations.json');
    await dialog.getByRole('button', { name: '読み込む', exact: true }).click();
    await poll(() => dialog.textContent()).toContain('読み込みました: annotations.json');
    expect(await dialog.textContent()).toContain(`ファイル内の注釈 ${data.annotations.length} 件: 新規 0 件、更新 0 件、変更なし ${data.annotations.length} 件。`);
    // The file went up as bytes, then was imported by its upload id.
    expect(app.apiCalls.slice(callsBefore)).toEqual(expect.arrayContaining(['uploads.append', 'interchange.import']));
    await shoot(page, 'annotation-files');
    await dialog.getByRole('button', { name: '閉じる' }).click();
    await poll(() => dialog.count()).toBe(0);
  });

  it('switches the whole window to English', async () => {
    await page.getByRole('button', { name: '表示言語を英語に切り替え' }).click();
    await poll(() => page.getByRole('tab', { name: 'Briefing' }).count()).toBe(1);
    expect(await page.getByRole('navigation', { name: 'Library' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Switch the interface to Japanese' }).click();
  });

  it('follows a dark theme choice', async () => {
    await page.getByRole('combobox', { name: '配色' }).selectOption('dark');
    expect(await page.evaluate('document.documentElement.dataset.theme')).toBe('dark');
    await page.getByRole('tab', { name: '閲覧' }).click();
    await shoot(page, 'reader-dark');
    await page.getByRole('combobox', { name: '配色' }).selectOption('system');
  });

  it('never logged a console error and never left its own origin', () => {
    expect(app.consoleErrors, app.consoleErrors.join('\n')).toEqual([]);
    expect(app.foreignRequests).toEqual([]);
  });

  it('talked to the host over one WebSocket, never falling back to HTTP', () => {
    expect(app.sockets).toEqual([`${app.origin.replace(/^http/, 'ws')}/api/ws`]);
    expect(app.httpApiCalls).toEqual([]);
  });
});
