// The analysis views in Chromium over the real dev host: coding seeded through the typed API on
// the bundled corpus, then matrix cell → coded segments → the reader at the statement, the
// heat-map from the keyboard, a co-occurrence cell and a timeline point → their segments, the
// matrix exported as CSV and PNG, a memo found under "my notes", and a 300-tag grid rendering;
// the segments filter bar with several tags and documents as chips (totals checked against the
// API and a count from the seeded coding), segments picked one by one into a briefing section,
// and a memo sent 「ブリーフィングへ」 and cited there.
// Each view is photographed (ja, and the matrix in en) for the README.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ApiClient } from '../../shared/api/client';
import { apiFor } from '../helpers/api';
import { SCREENSHOT_DIR, screenshot, startApp, type App } from './harness';

let app: App;
let page: Page;
let api: ApiClient;

/** A phrase in a statement that holds it, under a pillar and with tags. */
const WORK: { doc: string; phrase: string; pillars: string[]; tags: string[]; comment: string }[] = [
  { doc: 'espc-2021-11-19-minutes', phrase: 'サプライチェーンの強靱化', pillars: ['supply-chain'], tags: ['重点'], comment: '首相自らサプライチェーン強靱化を筆頭に掲げた。' },
  { doc: 'espc-2021-11-19-minutes', phrase: '先端半導体生産拠点整備', pillars: ['supply-chain', 'tech-protection'], tags: ['半導体', '重点'], comment: '半導体の国内拠点整備に言及。' },
  { doc: 'espc-2021-11-19-minutes', phrase: '基幹インフラ', pillars: ['infrastructure'], tags: [], comment: '基幹インフラの事前審査の議論につながる。' },
  { doc: 'espc-2021-11-19-minutes', phrase: '機微技術の流出防止', pillars: ['tech-protection'], tags: ['重点'], comment: '技術流出対策を関係省庁で共有。' },
  { doc: 'sti-plan-resilient-society-progress', phrase: '特許', pillars: ['patents'], tags: [], comment: '特許の非公開化の検討。' },
  { doc: 'economic-security-commentary', phrase: '特許非公開化', pillars: ['patents'], tags: [], comment: '解説記事でも4本柱の一つとして整理。' },
  { doc: 'sti-plan-resilient-society-progress', phrase: 'サイバーセキュリティ', pillars: ['infrastructure'], tags: ['半導体'], comment: 'インフラ防護の基盤として。' },
];

const seeded: { annotationId: string; statementId: string }[] = [];

function poll<T>(fn: () => T | Promise<T>) {
  return expect.poll(fn, { timeout: 20_000, interval: 100 });
}

async function shoot(p: Page, name: string): Promise<void> {
  await p.evaluate(`document.querySelectorAll('.toast button').forEach((b) => b.click())`);
  await p.mouse.move(2, 2);
  await p.waitForTimeout(200);
  await screenshot(p, name);
}

async function openAnalysis(tab: RegExp): Promise<void> {
  await page.getByRole('tab', { name: '分析' }).click();
  await page.getByRole('tab', { name: tab }).click();
}

function segmentsTotal(): Promise<string | null> {
  return page.getByTestId('segments-total').textContent();
}

beforeAll(async () => {
  app = await startApp({ width: 1440, height: 900 });
  page = app.page;
  api = apiFor(app.host.ctx);
  for (const w of WORK) {
    const { statements } = await api.call('statements.list', { documentId: w.doc });
    const s = statements.find((x) => x.kind !== 'heading' && x.text.includes(w.phrase));
    if (!s) throw new Error(`no statement with ${w.phrase} in ${w.doc}`);
    const start = s.text.indexOf(w.phrase);
    const { annotation } = await api.call('annotations.create', { statementId: s.id, quote: w.phrase, start, end: start + w.phrase.length, comment: w.comment, pillarIds: w.pillars, tags: w.tags });
    seeded.push({ annotationId: annotation.id, statementId: s.id });
  }
  await page.reload();
});

afterAll(async () => {
  await app?.close();
});

describe('analysis views', () => {
  it('matrix cell → its coded segments → the reader at the statement, span marked', async () => {
    const matrix = await api.call('retrieval.matrix', { rows: 'pillar', cols: 'document' });
    const r = matrix.rows.findIndex((x) => x.id === 'supply-chain');
    const c = matrix.cols.findIndex((x) => x.id === 'espc-2021-11-19-minutes');
    expect(matrix.cells[r][c]).toBe(2);
    await openAnalysis(/コード×文書/);
    await poll(() => page.locator(`#matrix-${r}-${c}`).textContent()).toBe('2');
    // Totals: the row total of supply-chain and the grand sum of the document column.
    await poll(() => page.locator(`#matrix-${r}-${matrix.cols.length}`).textContent()).toBe(String(matrix.rowTotals[r]));
    await shoot(page, 'analysis-matrix');
    await page.locator(`#matrix-${r}-${c}`).click();
    await poll(() => segmentsTotal()).toBe('2 件');
    await poll(() => page.getByTestId('segment').count()).toBe(2);
    expect(await page.getByTestId('segments-caption').textContent()).toContain('第1回経済安全保障推進会議');
    const first = page.getByTestId('segment').first();
    expect(await first.locator('mark').textContent()).toBe('サプライチェーンの強靱化');
    await shoot(page, 'analysis-segments');
    await first.click();
    await poll(() => page.getByRole('tab', { name: '閲覧' }).getAttribute('aria-selected')).toBe('true');
    const statement = page.locator(`[data-statement-id="${seeded[0].statementId}"]`);
    await poll(() => statement.locator('.match-mark').first().textContent()).toContain('サプライチェーン');
    await expect(statement.isVisible()).resolves.toBe(true);
  });

  it('the heat-map from the keyboard: arrows move the active cell, Enter opens it', async () => {
    const matrix = await api.call('retrieval.matrix', { rows: 'pillar', cols: 'document' });
    await openAnalysis(/コード×文書/);
    const grid = page.getByTestId('matrix-grid');
    await grid.focus();
    await poll(() => grid.getAttribute('aria-activedescendant')).toBe('matrix-0-0');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    await poll(() => grid.getAttribute('aria-activedescendant')).toBe('matrix-1-1');
    await page.keyboard.press('End');
    // The last column is the row totals.
    await poll(() => grid.getAttribute('aria-activedescendant')).toBe(`matrix-1-${matrix.cols.length}`);
    await page.keyboard.press('Enter');
    await poll(() => segmentsTotal()).toBe(`${matrix.rowTotals[1]} 件`);
    expect(await page.getByTestId('segments-caption').textContent()).toContain(matrix.rows[1].label.slice(0, 4));
  });

  it('matrix CSV and PNG exports are the grid on screen', async () => {
    const matrix = await api.call('retrieval.matrix', { rows: 'pillar', cols: 'document' });
    await openAnalysis(/コード×文書/);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV', exact: true }).click()]);
    const text = fs.readFileSync(await csv.path(), 'utf8').replace(/^\uFEFF/, '');
    const lines = text.trim().split('\r\n');
    expect(lines).toHaveLength(matrix.rows.length + 2);
    expect(lines[lines.length - 1].split(',').slice(1, -1).map(Number)).toEqual(matrix.colTotals);
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'PNG', exact: true }).click()]);
    const bytes = fs.readFileSync(await png.path());
    // Kept beside the screenshots, to look at the picture the briefing would get.
    fs.copyFileSync(await png.path(), path.join(SCREENSHOT_DIR, 'analysis-matrix-export.png'));
    expect([...bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(png.suggestedFilename()).toBe('matrix-pillar-document.png');
  });

  it('co-occurrence cell → the segments on statements carrying both codes', async () => {
    const co = await api.call('retrieval.cooccurrence', {});
    const i = co.codes.findIndex((x) => x.id === 'pillar:supply-chain');
    const j = co.codes.findIndex((x) => x.id === 'tag:半導体');
    expect(co.counts[i][j]).toBe(1);
    await openAnalysis(/共起/);
    await poll(() => page.locator(`#cooc-${i}-${j}`).textContent()).toBe('1');
    await shoot(page, 'analysis-cooccurrence');
    await page.locator(`#cooc-${i}-${j}`).click();
    // One statement carries both; its one annotation carries both codes.
    await poll(() => segmentsTotal()).toBe('1 件');
    expect(await page.getByTestId('segment').first().locator('mark').textContent()).toBe('先端半導体生産拠点整備');
    await page.getByRole('tab', { name: /共起/ }).click();
    await page.getByRole('radio', { name: 'Jaccard' }).click();
    await poll(() => page.locator(`#cooc-${i}-${j}`).textContent()).toBe(co.jaccard[i][j].toFixed(2));
  });

  it('timeline point → its segments', async () => {
    const tl = await api.call('retrieval.timeline', { bucket: 'month' });
    const lane = tl.lanes.find((l) => l.pillarId === 'patents')!;
    const point = lane.points[0];
    expect(point.annotations).toBeGreaterThan(0);
    await openAnalysis(/時系列/);
    await poll(() => page.getByTestId('timeline-point').count()).toBe(tl.lanes.reduce((n, l) => n + l.points.length, 0));
    await shoot(page, 'analysis-timeline');
    await page.locator(`[data-testid=timeline-point][data-pillar=patents][data-date="${point.date}"]`).click();
    await poll(() => segmentsTotal()).toBe(`${point.annotations} 件`);
    expect(await page.getByTestId('segments-caption').textContent()).toContain(point.date);
  });

  it('a memo on a document is found under "my notes" and opens on the memo page', async () => {
    await page.getByRole('tab', { name: '閲覧' }).click();
    await page.getByRole('button', { name: /第1回経済安全保障推進会議 議事要旨/ }).first().click();
    await page.getByTestId('memo-title').fill('量子暗号の論点');
    await page.getByTestId('memo-body').fill('推進会議では量子暗号通信への言及はまだない。次回以降を追う。');
    await page.getByRole('button', { name: 'メモを追加' }).click();
    await poll(() => page.locator('.memo-panel .memo-item').count()).toBe(1);
    await page.locator('#search-input').fill('量子暗号通信');
    await page.keyboard.press('Enter');
    await page.getByRole('radio', { name: '自分のメモ' }).click();
    await poll(() => page.getByTestId('note-hits').locator('.note-hit').count()).toBe(1);
    expect(await page.getByTestId('note-hits').textContent()).toContain('量子暗号の論点');
    await page.getByTestId('note-hits').locator('.note-hit').first().click();
    await poll(() => page.locator('.memo-item.is-active').textContent()).toContain('量子暗号の論点');
    await shoot(page, 'analysis-memos');
  });

  it('several tags, documents and speakers as chips: totals are the API’s (OR within a field, AND across)', async () => {
    await openAnalysis(/セグメント/);
    await page.getByRole('button', { name: '条件を消す' }).click();
    const tagInput = page.getByTestId('filter-tags').locator('input');
    await tagInput.fill('半導体');
    await tagInput.press('Enter');
    await tagInput.fill('重点');
    await tagInput.press('Enter');
    // Seeded: 重点 on WORK 0, 1, 3; 半導体 on 1, 6 → either tag: 0, 1, 3, 6.
    const count = (pick: (w: (typeof WORK)[number]) => boolean) => WORK.filter(pick).length;
    const tagged = (w: (typeof WORK)[number]) => w.tags.includes('半導体') || w.tags.includes('重点');
    expect((await api.call('retrieval.segments', { filter: { tags: ['半導体', '重点'] } })).total).toBe(count(tagged));
    await poll(() => segmentsTotal()).toBe(`${count(tagged)} 件`);

    const { documents } = await api.call('documents.list', {});
    const title = (id: string) => documents.find((d) => d.id === id)!.title;
    const docInput = page.getByTestId('filter-documents').locator('input');
    await docInput.fill(title('espc-2021-11-19-minutes'));
    await docInput.press('Enter');
    await poll(() => segmentsTotal()).toBe(`${count((w) => tagged(w) && w.doc === 'espc-2021-11-19-minutes')} 件`);
    await docInput.fill(title('sti-plan-resilient-society-progress'));
    await docInput.press('Enter');
    const twoDocs = ['espc-2021-11-19-minutes', 'sti-plan-resilient-society-progress'];
    const api2 = await api.call('retrieval.segments', { filter: { tags: ['半導体', '重点'], documents: twoDocs } });
    expect(api2.total).toBe(count((w) => tagged(w) && twoDocs.includes(w.doc)));
    await poll(() => segmentsTotal()).toBe(`${api2.total} 件`);
    expect(await page.getByTestId('segments-logic').textContent()).toContain('（OR）');
    await shoot(page, 'analysis-segments-filters');

    // × on a chip, then Backspace in the empty field, take values off.
    await page.getByRole('button', { name: '「重点」を外す' }).click();
    await poll(() => segmentsTotal()).toBe(`${count((w) => w.tags.includes('半導体') && twoDocs.includes(w.doc))} 件`);
    await tagInput.press('Backspace');
    await poll(() => page.getByTestId('filter-tags').locator('.chip').count()).toBe(0);
    await poll(() => segmentsTotal()).toBe(`${count((w) => twoDocs.includes(w.doc))} 件`);
    // A title that names no document is refused with a message, never a guess.
    await docInput.fill('存在しない文書の題名');
    await docInput.press('Enter');
    await poll(() => page.getByTestId('filter-documents').getByRole('alert').textContent()).toContain('存在しない文書の題名');
    await docInput.fill('');

    // Speakers: two of them, any of the two.
    const speakers = [...new Set((await api.call('retrieval.segments', { filter: { documents: ['espc-2021-11-19-minutes'] }, limit: 500 })).items.map((x) => x.speaker).filter((x): x is string => !!x))];
    expect(speakers.length).toBeGreaterThan(0);
    const spInput = page.getByTestId('filter-speakers').locator('input');
    for (const sp of speakers.slice(0, 2)) {
      await spInput.fill(sp);
      await spInput.press('Enter');
    }
    const bySpeaker = await api.call('retrieval.segments', { filter: { documents: twoDocs, speakers: speakers.slice(0, 2) } });
    await poll(() => segmentsTotal()).toBe(`${bySpeaker.total} 件`);
    await page.getByRole('button', { name: '条件を消す' }).click();
  });

  it('segments picked one by one (checkbox, Space, all in view) go into the chosen section in the order picked', async () => {
    const { briefing } = await api.call('briefings.create', { title: 'セグメント選択の検証', date: '2026-12-02', template: { from: 'empty' } });
    await api.call('briefings.sections.add', { briefingId: briefing.id, heading: '選んだ根拠' });
    // Made through the API: the page learns of it on reload, as of any change from outside.
    await page.reload();
    await page.getByRole('tab', { name: 'ブリーフィング' }).click();
    await page.getByRole('button', { name: /セグメント選択の検証/ }).click();
    await openAnalysis(/セグメント/);
    await page.getByRole('button', { name: '条件を消す' }).click();
    const all = await api.call('retrieval.segments', { limit: 500 });
    await poll(() => segmentsTotal()).toBe(`${all.total} 件`);
    const rows = page.getByTestId('segment');
    await rows.nth(1).getByTestId('segment-pick').check();
    await rows.nth(0).focus();
    await page.keyboard.press('Space');
    await poll(() => page.getByTestId('segments-picked').textContent()).toBe('2 件選択中');
    // Space again unpicks, and again picks (now last in the order).
    await page.keyboard.press('Space');
    await poll(() => page.getByTestId('segments-picked').textContent()).toBe('1 件選択中');
    await page.keyboard.press('Space');
    await poll(() => page.getByTestId('segments-picked').textContent()).toBe('2 件選択中');
    expect(await page.getByTestId('segments-to-briefing').textContent()).toBe('選択した 2 件をセクションに追加');
    await shoot(page, 'analysis-segments-picking');
    await page.getByTestId('segments-to-briefing').click();
    await poll(async () => (await api.call('briefings.get', { id: briefing.id })).briefing.sections[0].items.map((i) => i.annotationId)).toEqual([all.items[1].annotationId, all.items[0].annotationId]);
    await poll(() => page.getByTestId('segments-picked').textContent()).toBe('0 件選択中');

    await page.getByRole('button', { name: '表示中をすべて選択' }).click();
    const picked = Number((await page.getByTestId('segments-picked').textContent())!.replace(/\D/g, ''));
    expect(picked).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=segment-pick]:checked').count()).toBe(picked);
    await page.getByRole('button', { name: '選択を解除' }).click();
    await poll(() => page.locator('[data-testid=segment-pick]:checked').count()).toBe(0);
  });

  it('a memo goes 「ブリーフィングへ」 and is cited there as 分析メモ「題名」（日付）', async () => {
    await openAnalysis(/^メモ$/);
    await page.getByRole('button', { name: 'メモ「量子暗号の論点」をブリーフィングへ' }).click();
    // The section picker asks where; with no pillar to go by, it proposes the last section.
    const picker = page.getByRole('dialog', { name: 'ブリーフィングへ追加' });
    await poll(() => picker.getByRole('button', { name: '追加', exact: true }).isEnabled()).toBe(true);
    await picker.getByRole('button', { name: '追加', exact: true }).click();
    const current = (await api.call('briefings.list', {})).briefings.find((b) => b.title === 'セグメント選択の検証')!;
    await poll(async () => (await api.call('briefings.get', { id: current.id })).briefing.sections.at(-1)!.items.some((i) => !!i.memoId)).toBe(true);
    const { resolved } = await api.call('briefings.get', { id: current.id });
    const memoItem = resolved.sections.flatMap((x) => x.items).find((i) => i.kind === 'memo')!;
    expect(memoItem.memo?.title).toBe('量子暗号の論点');
    // The copy is the citation module's line, as the briefing prints it (this briefing is 西暦, ja).
    await app.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await openAnalysis(/^メモ$/);
    await page.locator('.memo-item', { hasText: '量子暗号の論点' }).click();
    await page.getByRole('button', { name: '引用をコピー' }).click();
    const dated = new Date(memoItem.memo!.date + 'T00:00:00Z');
    const seireki = `${dated.getUTCFullYear()}年${dated.getUTCMonth() + 1}月${dated.getUTCDate()}日`;
    await poll(() => page.evaluate('navigator.clipboard.readText()')).toBe(`分析メモ「量子暗号の論点」（${seireki}）、『${memoItem.memo!.documentTitle}』について`);
    await page.getByRole('tab', { name: 'ブリーフィング' }).click();
    await poll(() => page.locator('.outline-cite').filter({ hasText: '分析メモ「量子暗号の論点」' }).count()).toBe(1);
    await shoot(page, 'analysis-memo-in-briefing');
  });

  it('the matrix in English', async () => {
    await openAnalysis(/コード×文書/);
    await page.getByRole('button', { name: '表示言語を英語に切り替え' }).click();
    await poll(() => page.getByRole('tab', { name: 'Analysis' }).count()).toBe(1);
    await poll(() => page.locator('.analysis-title').first().textContent()).toBe('Code × document matrix');
    await shoot(page, 'analysis-matrix-en');
    await page.getByRole('button', { name: 'Switch the interface to Japanese' }).click();
    await poll(() => page.getByRole('tab', { name: '分析' }).count()).toBe(1);
  });

  it('300 tags × 300 tags renders, scrolls and stays keyboard reachable', async () => {
    const { statements } = await api.call('statements.list', { documentId: 'espc-2021-11-19-minutes' });
    const body = statements.filter((s) => s.kind !== 'heading');
    for (let k = 0; k < 300; k++) {
      const s = body[k % body.length];
      // Two tags per annotation, one long, so labels must be capped.
      await api.call('annotations.create', { statementId: s.id, tags: [`大量タグ${String(k).padStart(3, '0')}`, `${'長い名前のタグ'.repeat(8)}${k % 7}`] });
    }
    await page.reload();
    await openAnalysis(/コード×文書/);
    await page.getByTestId('matrix-rows').selectOption('tag');
    await page.getByTestId('matrix-cols').selectOption('tag');
    const matrix = await api.call('retrieval.matrix', { rows: 'tag', cols: 'tag' });
    expect(matrix.rows.length).toBeGreaterThanOrEqual(300);
    const grid = page.getByTestId('matrix-grid');
    await poll(() => grid.locator('[role=gridcell]').count()).toBeGreaterThan(50);
    // Virtualised: far fewer cells in the DOM than the grid holds.
    expect(await grid.locator('[role=gridcell]').count()).toBeLessThan(3000);
    await grid.focus();
    await page.keyboard.press('Control+End');
    const last = `matrix-${matrix.rows.length}-${matrix.cols.length}`;
    await poll(() => grid.getAttribute('aria-activedescendant')).toBe(last);
    await poll(() => page.locator(`#${last}`).count()).toBe(1);
    await shoot(page, 'analysis-matrix-large');
  });

  it('left no console error and sent nothing off the origin', () => {
    expect(app.consoleErrors).toEqual([]);
    expect(app.foreignRequests).toEqual([]);
  });
});
