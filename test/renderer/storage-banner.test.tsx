// @vitest-environment jsdom
// The window says what the storage allows (issue 11): a read-only database gets a banner (reads
// still work), and a write waiting for another process's import shows 「取り込みの完了を待っています…」
// with what holds the database; the window only asks while some call is slow.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { onSlowCalls, SLOW_CALL_MS, watchSlowCalls } from '../../renderer/src/api/slowCalls';
import type { ResponseOf } from '../../shared/api/contract';
import type { Result } from '../../shared/api/define';
import { useStorage } from '../../renderer/src/stores/storage';
import { appError } from './fakeApi';
import { renderApp } from './setup';

type Status = ResponseOf<'storage.status'>;
const LIBRARY_OK: Status['library'] = { state: 'ok', percent: null, rebuilding: null, checkedAt: '2026-12-02T01:00:00.000Z', problems: [], rebuilt: null };

/** A storage.status answer: a writable database, nothing waiting, the library checked, no backup trouble, unless said otherwise. */
function status(over: Partial<Omit<Status, 'library'>> & { library?: Partial<Status['library']> } = {}): Status {
  return { readOnly: false, waiting: [], backup: { failed: null, pruneRefused: null }, ...over, library: { ...LIBRARY_OK, ...over.library } };
}

const HOLDER = { ja: '注釈の取り込み（big.json）（プロセス 4121、2026-12-02T01:00:00.000Z 開始）', en: 'the annotations import of big.json (process 4121, since 2026-12-02T01:00:00.000Z)' };

describe('storage banner', () => {
  it('shows a read-only database in both languages, while the library still loads', async () => {
    const { user } = renderApp({ 'storage.status': () => status({ readOnly: true }) });
    const banner = await screen.findByText('このデータベースは書き込めません。閲覧・検索・書き出しはできますが、変更は保存されません。');
    expect(banner.closest('[role="status"]')?.textContent).toContain('読み取り専用');
    expect(await screen.findByRole('heading', { name: 'ライブラリ' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '表示言語を英語に切り替え' }));
    expect(screen.getByText('This database cannot be written. Reading, searching and exporting work; changes are not saved.')).toBeTruthy();
  });

  it('shows a write waiting for an import, naming what holds the database', async () => {
    renderApp({ 'storage.status': () => status({ waiting: [{ holder: HOLDER, since: '2026-12-02T01:00:05.000Z' }] }) });
    const waiting = await screen.findByText('取り込みの完了を待っています…');
    await waitFor(() => expect(waiting.closest('[role="status"]')?.textContent).toContain(HOLDER.ja));
  });

  it('shows nothing when the database is writable and nothing waits', async () => {
    const { api } = renderApp();
    await waitFor(() => expect(api.callsOf('storage.status')).toHaveLength(1));
    expect(screen.queryByText('取り込みの完了を待っています…')).toBeNull();
    expect(screen.queryByText('読み取り専用')).toBeNull();
  });

  it('counts a call as slow only after SLOW_CALL_MS, and not the status question itself', async () => {
    const seen: number[] = [];
    const stop = onSlowCalls((n) => seen.push(n));
    const answer = (ms: number): Promise<Result<unknown>> => new Promise((r) => setTimeout(() => r({ ok: true, value: null }), ms));
    const invoke = watchSlowCalls((method) => answer(method === 'documents.list' ? 10 : SLOW_CALL_MS + 300), new Set(['storage.status']));
    await invoke('documents.list', {});
    expect(seen).toEqual([]);
    await invoke('storage.status', {});
    expect(seen).toEqual([]);
    await invoke('annotations.create', {});
    expect(seen).toEqual([1, 0]);
    stop();
  });
});

describe('the library in the status bar and the banner', () => {
  it('shows the check running, in per cent, and then ok, in both languages', async () => {
    let answer = status({ library: { state: 'checking', percent: 42, checkedAt: null } });
    const { user } = renderApp({ 'storage.status': () => answer });
    const state = await screen.findByTestId('library-state');
    await waitFor(() => expect(state.textContent).toBe('ライブラリ 検査中 42 %'));
    await user.click(screen.getByRole('button', { name: '表示言語を英語に切り替え' }));
    expect(screen.getByTestId('library-state').textContent).toBe('Library checking 42 %');
    answer = status();
    await useStorage.getState().refresh();
    await waitFor(() => expect(screen.getByTestId('library-state').textContent).toBe('Library ok'));
  });

  it('says when this open rebuilt the library', async () => {
    renderApp({ 'storage.status': () => status({ library: { state: 'unchecked', checkedAt: null, rebuilt: { reason: 'damaged', at: '2026-12-02T01:00:00.000Z' } } }) });
    await waitFor(() => expect(screen.getByTestId('library-state').textContent).toBe('ライブラリ 未検査 · 今回の起動時に再構築'));
  });

  it('a flagged library: the banner names the problem; rebuild asks first, then runs, and the window says it was rebuilt', async () => {
    let answer = status({ library: { state: 'damaged', problems: ['database disk image is malformed'] } });
    const { user, api } = renderApp({
      'storage.status': () => answer,
      'library.rebuild': () => {
        answer = status({ library: { state: 'unchecked', checkedAt: null, rebuilt: { reason: 'requested', at: '2026-12-02T02:00:00.000Z' } } });
        return { documents: 6, statements: 512, restored: ['import-memo'], failed: [], setAside: '/data/workbench.library.db.damaged', elapsedMs: 2100 };
      },
    });
    const title = await screen.findByText('ライブラリに問題が見つかりました');
    const banner = title.closest('[role="status"]') as HTMLElement;
    expect(banner.textContent).toContain('database disk image is malformed');
    expect(banner.textContent).toContain('次回の起動時に自動で再構築されます');
    expect(screen.getByTestId('library-state').textContent).toBe('ライブラリ 再構築が必要');

    await user.click(within(banner).getByRole('button', { name: 'ライブラリを再構築…' }));
    const dialog = screen.getByRole('dialog', { name: 'ライブラリを再構築' });
    expect(dialog.textContent).toContain('注釈・柱・ブリーフィング・元に戻す履歴はそのままです');
    expect(api.callsOf('library.rebuild')).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: '再構築する' }));
    await waitFor(() => expect(api.callsOf('library.rebuild')).toEqual([{ confirm: true }]));
    expect(await screen.findByText('ライブラリを再構築しました: 文書 6 件、発言 512 件。')).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('library-state').textContent).toBe('ライブラリ 未検査 · 再構築済み'));
    expect(screen.queryByText('ライブラリに問題が見つかりました')).toBeNull();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('the palette offers 「ライブラリを再構築」; Cancel rebuilds nothing; a refusal names who holds the workspace', async () => {
    const { user, api } = renderApp({
      'storage.status': () => status(),
      'library.rebuild': () => {
        throw appError('db-busy', '/data/workbench.db は別のプロセスが使用中のため復元できません: app (PID 4121 on desk, since 2026-12-02T00:00:00.000Z)。', 'Cannot restore /data/workbench.db while another process holds it: app (PID 4121 on desk, since 2026-12-02T00:00:00.000Z).');
      },
    });
    await screen.findByTestId('library-state');
    await user.keyboard('{Control>}k{/Control}');
    await user.type(screen.getByRole('combobox', { name: 'コマンドパレット' }), 'ライブラリを再構築');
    await user.keyboard('{Enter}');
    await user.click(within(screen.getByRole('dialog', { name: 'ライブラリを再構築' })).getByRole('button', { name: 'キャンセル' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(api.callsOf('library.rebuild')).toEqual([]);

    await user.keyboard('{Control>}k{/Control}');
    await user.type(screen.getByRole('combobox', { name: 'コマンドパレット' }), 'ライブラリを再構築');
    await user.keyboard('{Enter}');
    await user.click(within(screen.getByRole('dialog', { name: 'ライブラリを再構築' })).getByRole('button', { name: '再構築する' }));
    const failed = await screen.findByText('ライブラリを再構築できませんでした');
    expect(failed.closest('[role="alert"]')?.textContent).toContain('app (PID 4121 on desk');
    expect(api.callsOf('library.rebuild')).toHaveLength(1);
  });

  it('a read-only workspace without its library says what to do', async () => {
    renderApp({ 'storage.status': () => status({ readOnly: true, library: { state: 'absent', checkedAt: null } }) });
    const title = await screen.findByText('ライブラリがありません');
    expect(title.closest('[role="status"]')?.textContent).toContain('書き込める場所で一度開くか');
    expect(screen.getByTestId('library-state').textContent).toBe('ライブラリ なし（読み取り専用）');
  });
});

describe('background backups in the banner', () => {
  it('a failed backup shows its reason and what to do, and goes once a backup succeeds', async () => {
    let answer = status({
      backup: {
        failed: {
          at: '2026-12-02T01:00:00.000Z',
          reason: 'work',
          code: 'disk-full',
          message: { ja: 'ディスクに空きがないため /data/backups に書き込めませんでした（ENOSPC）。', en: 'No space left on the disk for /data/backups (ENOSPC).' },
          hint: { ja: 'ディスクの空きを増やしてから、もう一度実行してください。', en: 'Free some disk space, then try again.' },
        },
        pruneRefused: null,
      },
    });
    const { user } = renderApp({ 'storage.status': () => answer });
    const title = await screen.findByText('バックアップに失敗しました');
    const banner = title.closest('[role="status"]') as HTMLElement;
    expect(banner.textContent).toContain('ENOSPC');
    expect(banner.textContent).toContain('ディスクの空きを増やしてから');
    await user.click(within(banner).getByRole('button', { name: 'バックアップ…' }));
    expect(screen.getByRole('dialog', { name: 'バックアップ' })).toBeTruthy();
    answer = status();
    await useStorage.getState().refresh();
    await waitFor(() => expect(screen.queryByText('バックアップに失敗しました')).toBeNull());
  });

  it('a rotation refused for a damaged workspace says every older backup was kept, and why', async () => {
    const { user } = renderApp({ 'storage.status': () => status({ backup: { failed: null, pruneRefused: { at: '2026-12-02T01:00:00.000Z', detail: 'Tree 12 page 40 cell 3: 2nd reference to page 41' } } }) });
    const title = await screen.findByText('古いバックアップをすべて残しました');
    expect(title.closest('[role="status"]')?.textContent).toContain('2nd reference to page 41');
    await user.click(screen.getByRole('button', { name: '表示言語を英語に切り替え' }));
    expect(screen.getByText('Older backups were all kept').closest('[role="status"]')?.textContent).toContain('Open Backups… to find a good copy');
  });
});
