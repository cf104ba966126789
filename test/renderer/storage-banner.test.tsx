// @vitest-environment jsdom
// The window says what the storage allows (issue 11): a read-only database gets a banner (reads
// still work), and a write waiting for another process's import shows 「取り込みの完了を待っています…」
// with what holds the database; the window only asks while some call is slow.
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { onSlowCalls, SLOW_CALL_MS, watchSlowCalls } from '../../renderer/src/api/slowCalls';
import type { Result } from '../../shared/api/define';
import { renderApp } from './setup';

const HOLDER = { ja: '注釈の取り込み（big.json）（プロセス 4121、2026-12-02T01:00:00.000Z 開始）', en: 'the annotations import of big.json (process 4121, since 2026-12-02T01:00:00.000Z)' };

describe('storage banner', () => {
  it('shows a read-only database in both languages, while the library still loads', async () => {
    const { user } = renderApp({ 'storage.status': () => ({ readOnly: true, waiting: [] }) });
    const banner = await screen.findByText('このデータベースは書き込めません。閲覧・検索・書き出しはできますが、変更は保存されません。');
    expect(banner.closest('[role="status"]')?.textContent).toContain('読み取り専用');
    expect(await screen.findByRole('heading', { name: 'ライブラリ' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '表示言語を英語に切り替え' }));
    expect(screen.getByText('This database cannot be written. Reading, searching and exporting work; changes are not saved.')).toBeTruthy();
  });

  it('shows a write waiting for an import, naming what holds the database', async () => {
    renderApp({ 'storage.status': () => ({ readOnly: false, waiting: [{ holder: HOLDER, since: '2026-12-02T01:00:05.000Z' }] }) });
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
