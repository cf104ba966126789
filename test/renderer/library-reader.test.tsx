// @vitest-environment jsdom
// The library (documents, counts, filters, empty states) and the reader (structure: headings,
// speakers, items, tables, footnotes; jumping to a statement marks it).
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/client';
import { useReader } from '../../renderer/src/stores/reader';
import { renderApp } from './setup';

const library = () => screen.getByRole('navigation', { name: 'ライブラリ' });

describe('library pane', () => {
  it('lists every document with its date, kind and counts', async () => {
    renderApp();
    const item = await screen.findByRole('button', { name: /第1回経済安全保障推進会議 議事要旨/ });
    expect(item.textContent).toContain('議事要旨');
    expect(item.textContent).toContain('2021年11月19日');
    expect(item.textContent).toContain('発言 4');
    expect(item.textContent).toContain('注釈 2');
    expect(screen.getByRole('button', { name: /^経済安全保障/ }).textContent).toContain('日付不明');
    expect(within(library()).getByText('3 / 3 件')).toBeTruthy();
  });

  it('filters by title, kind and year, and says so when nothing is left', async () => {
    const { user } = renderApp();
    await screen.findByText('第1回経済安全保障推進会議 議事要旨');
    await user.selectOptions(screen.getByRole('combobox', { name: '種類' }), 'report');
    expect(within(library()).getAllByRole('button', { name: /社会の構築/ })).toHaveLength(1);
    expect(within(library()).queryByText('第1回経済安全保障推進会議 議事要旨')).toBeNull();
    await user.selectOptions(screen.getByRole('combobox', { name: '種類' }), '');
    await user.selectOptions(screen.getByRole('combobox', { name: '開始年' }), '2023');
    expect(within(library()).getByText('1 / 3 件')).toBeTruthy();
    await user.type(screen.getByRole('searchbox', { name: 'タイトルで絞り込み' }), '議事');
    expect(within(library()).getByText('条件に合う文書はありません。絞り込み条件を緩めてください。')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '条件をクリア' }));
    expect(within(library()).getByText('3 / 3 件')).toBeTruthy();
  });

  it('explains what to do when the library is empty', async () => {
    renderApp({ 'documents.list': () => ({ documents: [] }) });
    expect(await screen.findByText('文書がありません。コーパスの取り込みが完了しているか確認してください。')).toBeTruthy();
    expect(screen.getByRole('heading', { name: '文書を選んでください' })).toBeTruthy();
  });
});

describe('reader pane', () => {
  it('shows the minutes with headings, speakers and list markers', async () => {
    const { user } = renderApp();
    await user.click(await screen.findByRole('button', { name: /第1回経済安全保障推進会議 議事要旨/ }));
    const reader = await screen.findByRole('region', { name: '本文' });
    await within(reader).findByRole('heading', { name: '議事の概要', level: 2 });
    expect(within(reader).getByRole('heading', { level: 1 }).textContent).toBe('第1回経済安全保障推進会議 議事要旨');
    const remark = reader.querySelector('[data-statement-id="minutes:s1"]')!;
    expect(within(remark as HTMLElement).getByText('官房長官').className).toContain('speaker');
    const item = reader.querySelector('[data-statement-id="minutes:s3"]')!;
    expect(item.querySelector('.marker')?.textContent).toBe('①');
    expect(item.textContent).toContain('基幹インフラの安全性・信頼性を確保する。');
    // Bundled documents cannot be removed from the library.
    expect(within(reader).queryByRole('button', { name: /ライブラリから削除/ })).toBeNull();
  });

  it('lays out table cells by row and column under their headers, with footnotes reachable', async () => {
    const { user } = renderApp();
    await user.click(await screen.findByRole('button', { name: /社会の構築/ }));
    const table = await screen.findByRole('table', { name: '① 頻発化、激甚化する自然災害への対応' });
    const headers = within(table).getAllByRole('columnheader').map((h) => h.textContent);
    // The locators cells are cited by: table number in the caption, row numbers, column headers.
    expect(headers).toEqual(['行', '基本計画における具体的な取組', '実施状況・現状分析', '今後の取組方針']);
    expect(table.querySelector('caption')?.textContent).toBe('表1 ① 頻発化、激甚化する自然災害への対応');
    expect(within(table).getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['1']);
    const cells = within(table).getAllByRole('cell');
    expect(cells.map((c) => c.textContent)).toEqual(['基盤的防災情報流通ネットワークSIP4Dの構築⁶⁹', '26府県が接続済み', '全都道府県との接続を目指す']);
    expect(cells.map((c) => c.getAttribute('data-locator'))).toEqual(['表1 第1行『基本計画における具体的な取組』欄', '表1 第1行『実施状況・現状分析』欄', '表1 第1行『今後の取組方針』欄']);
    const footnotes = screen.getByRole('region', { name: '脚注' });
    expect(footnotes.textContent).toContain('2020年1月21日統合イノベーション戦略推進会議決定');
    // The note is labelled with its own number, as the marker ⁶⁹ calls it.
    expect(within(footnotes).getByLabelText('脚注69').textContent).toBe('69');
    await user.click(within(table).getByRole('link', { name: '脚注 ⁶⁹ へ移動' }));
    const target = document.getElementById('st-report:s4')!;
    expect(target.className).toContain('is-flash');
    expect(useReader.getState().currentStatementId).toBe('report:s4');
    await user.click(within(footnotes).getByRole('button', { name: /^本文の文\d+へ戻る$/ }));
    expect(document.getElementById('st-report:s1')!.className).toContain('is-flash');
  });

  it('jumps to a statement from elsewhere and marks it briefly', async () => {
    renderApp();
    await act(() => useReader.getState().openStatement('minutes:s2'));
    const el = await waitFor(() => {
      const found = document.getElementById('st-minutes:s2');
      if (!found) throw new Error('not rendered');
      return found;
    });
    expect(el.className).toContain('is-flash');
    expect(el.className).toContain('is-current');
    // The inspector follows the statement the analyst is on.
    const inspector = screen.getByRole('complementary', { name: 'インスペクタ' });
    expect(inspector.textContent).toContain('経済産業大臣');
    expect(inspector.textContent).toContain('文3');
    fireEvent.click(document.getElementById('st-minutes:s1')!);
    expect(inspector.textContent).toContain('官房長官');
  });

  it('walks the statements with ↑/↓ and the inspector follows', async () => {
    const { user } = renderApp();
    await user.click(await screen.findByRole('button', { name: /第1回経済安全保障推進会議 議事要旨/ }));
    const body = await screen.findByLabelText(/^本文（/);
    await waitFor(() => expect(document.getElementById('st-minutes:s0')).toBeTruthy());
    body.focus();
    fireEvent.keyDown(body, { key: 'ArrowDown' });
    expect(useReader.getState().currentStatementId).toBe('minutes:s0');
    fireEvent.keyDown(body, { key: 'ArrowDown' });
    fireEvent.keyDown(body, { key: 'ArrowDown' });
    expect(useReader.getState().currentStatementId).toBe('minutes:s2');
    fireEvent.keyDown(body, { key: 'ArrowUp' });
    expect(useReader.getState().currentStatementId).toBe('minutes:s1');
    expect(screen.getByRole('complementary', { name: 'インスペクタ' }).textContent).toContain('官房長官');
  });

  it('reports an unknown document in plain language and clears the reader', async () => {
    const { user } = renderApp({
      'statements.list': () => {
        throw new ApiError({ code: 'not-found', message: { ja: '文書「minutes」が見つかりません。', en: 'No document with id "minutes".' } });
      },
    });
    await user.click(await screen.findByRole('button', { name: /議事要旨/ }));
    expect((await screen.findByRole('alert')).textContent).toContain('文書「minutes」が見つかりません。');
    expect(screen.getByRole('heading', { name: '文書を選んでください' })).toBeTruthy();
  });
});
