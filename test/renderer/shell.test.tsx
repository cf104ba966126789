// @vitest-environment jsdom
// The window shell: status bar, language switch, plain-language errors, resizable panes that
// remember their size, the command palette and the shortcuts sheet.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { usePreferences } from '../../renderer/src/stores/preferences';
import { useReader } from '../../renderer/src/stores/reader';
import { appError } from './fakeApi';
import { renderApp } from './setup';

describe('workbench shell', () => {
  it('shows where the database is and how much it holds', async () => {
    renderApp();
    const status = await screen.findByRole('contentinfo');
    await waitFor(() => expect(status.textContent).toContain('/home/analyst/.config/workbench/workbench.db'));
    expect(status.textContent).toContain('文書 3 件・発言 10 件');
  });

  it('switches every visible string to English and back', async () => {
    const { user } = renderApp();
    await screen.findByRole('heading', { name: 'ライブラリ' });
    await user.click(screen.getByRole('button', { name: '表示言語を英語に切り替え' }));
    expect(screen.getByRole('heading', { name: 'Library' })).toBeTruthy();
    expect(screen.getByRole('contentinfo').textContent).toContain('3 documents · 10 statements');
    expect(document.documentElement.lang).toBe('en');
    await user.click(screen.getByRole('button', { name: 'Switch the interface to Japanese' }));
    expect(screen.getByRole('heading', { name: 'ライブラリ' })).toBeTruthy();
  });

  it('shows a failing call as the AppError message in the current language, never a stack', async () => {
    const { user } = renderApp({
      'documents.list': () => {
        throw appError('db-corrupt', 'データベース「/tmp/x.db」が壊れています。', 'The database "/tmp/x.db" is damaged.');
      },
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('データベース「/tmp/x.db」が壊れています。');
    expect(alert.textContent).not.toMatch(/at \w+ \(/);
    await user.click(screen.getByRole('button', { name: '表示言語を英語に切り替え' }));
    expect(screen.getByRole('alert').textContent).toContain('The database "/tmp/x.db" is damaged.');
    await user.click(within(screen.getByRole('alert')).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('resizes panes from the keyboard and remembers the width across runs', async () => {
    renderApp();
    const splitter = screen.getByRole('separator', { name: 'ライブラリの幅を変更' });
    const before = Number(splitter.getAttribute('aria-valuenow'));
    fireEvent.keyDown(splitter, { key: 'ArrowRight' });
    fireEvent.keyDown(splitter, { key: 'ArrowRight' });
    expect(Number(splitter.getAttribute('aria-valuenow'))).toBe(before + 32);
    const saved = JSON.parse(localStorage.getItem('workbench.preferences') ?? '{}') as { state: { paneLeft: number } };
    expect(saved.state.paneLeft).toBe(before + 32);
    fireEvent.keyDown(splitter, { key: 'End' });
    expect(usePreferences.getState().paneLeft).toBe(640);
  });

  it('opens a document from the Ctrl+K palette with the keyboard alone', async () => {
    const { user } = renderApp();
    await screen.findByText('第1回経済安全保障推進会議 議事要旨');
    await user.keyboard('{Control>}k{/Control}');
    const input = screen.getByRole('combobox', { name: 'コマンドパレット' });
    expect(document.activeElement).toBe(input);
    await user.type(input, 'レジリエント');
    const options = within(screen.getByRole('listbox', { name: 'コマンドパレット' })).getAllByRole('option');
    expect(options).toHaveLength(1);
    await user.keyboard('{Enter}');
    await waitFor(() => expect(useReader.getState().documentId).toBe('report'));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('runs a command from the palette (language switch)', async () => {
    const { user } = renderApp();
    await user.keyboard('{Control>}k{/Control}');
    await user.type(screen.getByRole('combobox', { name: 'コマンドパレット' }), '言語');
    await user.keyboard('{Enter}');
    expect(usePreferences.getState().language).toBe('en');
  });

  it('lists the shortcuts on ? and closes the sheet with Escape', async () => {
    const { user } = renderApp();
    await user.keyboard('?');
    const sheet = screen.getByRole('dialog', { name: 'キーボードショートカット' });
    expect(sheet.textContent).toContain('選択範囲に注釈');
    expect(sheet.textContent).toContain('元に戻す');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('follows the OS dark mode unless the analyst chooses a theme', async () => {
    const listeners: (() => void)[] = [];
    let osDark = true;
    window.matchMedia = ((query: string) => ({
      get matches() {
        return query.includes('dark') && osDark;
      },
      media: query,
      addEventListener: (_: string, fn: () => void) => listeners.push(fn),
      removeEventListener: () => undefined,
    })) as unknown as typeof window.matchMedia;
    renderApp();
    expect(document.documentElement.dataset.theme).toBe('dark');
    osDark = false;
    act(() => listeners.forEach((fn) => fn()));
    expect(document.documentElement.dataset.theme).toBe('light');
    act(() => usePreferences.getState().setTheme('dark'));
    expect(document.documentElement.dataset.theme).toBe('dark');
    Reflect.deleteProperty(window, 'matchMedia');
  });
});
