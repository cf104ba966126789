// @vitest-environment jsdom
// Managing the analyst's layer from the window: backups (list, back up now, restore with a
// confirmation, everything refetched afterwards) and the pillar taxonomy (rename, recolour,
// archive, add a sub-pillar).
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { PILLARS } from './fixtures';
import { renderApp } from './setup';

const BACKUP = { file: 'workbench-20260110-090000.db', path: '/home/analyst/.config/workbench/backups/workbench-20260110-090000.db', createdAt: '2026-01-10T09:00:00Z', reason: 'start', bytes: 204800, sha256: 'ab'.repeat(32), journalPosition: 12 };

describe('backups dialog', () => {
  it('restores a backup only after confirming, then fetches everything again', async () => {
    const { api, user } = renderApp({
      'backups.list': () => ({ directory: '/home/analyst/.config/workbench/backups', backups: [BACKUP] }),
      'backups.restore': () => ({ restored: BACKUP, safetyCopy: '/home/analyst/.config/workbench/workbench.db.before-restore' }),
      'backups.create': () => ({ backup: { ...BACKUP, file: 'new.db', path: '/b/new.db', reason: 'manual' }, pruned: [], pruneRefused: null }),
    });
    await user.click(await screen.findByRole('button', { name: 'バックアップ…' }));
    const dialog = screen.getByRole('dialog', { name: 'バックアップ' });
    expect((await within(dialog).findByText('保存先: /home/analyst/.config/workbench/backups')).textContent).toBeTruthy();
    expect(within(dialog).getByText('200 KB')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: '今すぐバックアップ' }));
    await waitFor(() => expect(api.callsOf('backups.create')).toHaveLength(1));
    const listsBefore = api.callsOf('documents.list').length;
    await user.click(within(dialog).getByRole('button', { name: '復元…' }));
    expect(api.callsOf('backups.restore')).toHaveLength(0);
    expect(dialog.textContent).toContain('現在のデータを退避してから、このバックアップに戻します。');
    await user.click(within(dialog).getByRole('button', { name: '復元' }));
    await waitFor(() => expect(api.callsOf('backups.restore')).toEqual([{ file: BACKUP.file }]));
    await waitFor(() => expect(api.callsOf('documents.list').length).toBeGreaterThan(listsBefore));
    expect(screen.getAllByRole('status').map((s) => s.textContent).join(' ')).toContain('直前のデータは /home/analyst/.config/workbench/workbench.db.before-restore に残しています。');
    expect(screen.queryByRole('dialog', { name: 'バックアップ' })).toBeNull();
  });
});

describe('pillars dialog', () => {
  it('renames, archives and adds a sub-pillar through the API', async () => {
    const { api, user } = renderApp({
      'pillars.list': () => ({ pillars: PILLARS }),
      'pillars.update': (r) => ({ pillar: { ...PILLARS.find((p) => p.id === r.id)!, ...r } }),
      'pillars.archive': (r) => ({ pillar: { ...PILLARS.find((p) => p.id === r.id)!, archived: true } }),
      'pillars.create': (r) => ({ pillar: { ...PILLARS[0], id: 'semiconductors', nameJa: r.nameJa, parentId: r.parentId ?? null, isDefault: false } }),
    });
    await user.click(screen.getByRole('tab', { name: '柱ボード' }));
    await user.click(screen.getByRole('button', { name: '柱を管理…' }));
    const dialog = screen.getByRole('dialog', { name: '柱の管理' });
    const names = await within(dialog).findAllByRole('textbox', { name: '名称（日本語）' });
    await user.clear(names[0]);
    await user.type(names[0], 'サプライチェーンの強靱化{Enter}');
    await waitFor(() => expect(api.callsOf('pillars.update')).toEqual([{ id: 'supply-chain', nameJa: 'サプライチェーンの強靱化' }]));
    await user.click(within(dialog).getAllByRole('button', { name: 'アーカイブ' })[3]);
    await waitFor(() => expect(api.callsOf('pillars.archive')).toEqual([{ id: 'patents', archived: true }]));
    // Defaults cannot be deleted from here.
    expect(within(dialog).queryByRole('button', { name: '削除' })).toBeNull();
    const add = names.at(-1)!;
    await user.type(add, '半導体');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: '親の柱' }), 'supply-chain');
    await user.click(within(dialog).getByRole('button', { name: '柱を追加' }));
    await waitFor(() => expect(api.callsOf('pillars.create')).toEqual([{ nameJa: '半導体', nameEn: undefined, color: '#5b6b8c', parentId: 'supply-chain' }]));
  });
});
