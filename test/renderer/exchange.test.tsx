// @vitest-environment jsdom
// Annotation files between machines, from the window: export (scope, browser path field with a
// replace confirmation, Electron's save dialog) and import (report in plain words, every view
// fetched again, back-end errors shown in the dialog with the file they name).
import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/client';
import type { RequestOf } from '../../shared/api/contract';
import { useReader } from '../../renderer/src/stores/reader';
import { useUi } from '../../renderer/src/stores/ui';
import { PILLARS } from './fixtures';
import { renderApp } from './setup';

const TODAY = new Date().toISOString().slice(0, 10);

afterEach(() => {
  delete (window as unknown as { workbench?: unknown }).workbench;
});

function exchangeDialog() {
  return screen.getByRole('dialog', { name: '注釈ファイルの書き出しと読み込み' });
}

describe('annotation files', () => {
  it('exports one pillar through the path field, asks before replacing, and says where the file went', async () => {
    const written = new Set<string>();
    const { api, user } = renderApp({
      'annotations.export': (r) => {
        if (written.has(r.path) && !r.overwrite) throw new ApiError({ code: 'conflict', message: { ja: `${r.path} はすでにあります。`, en: `${r.path} exists.` } });
        written.add(r.path);
        return { path: r.path, annotations: 3, bytes: 2048 };
      },
      'backups.list': () => ({ directory: '/home/analyst/.config/workbench/backups', backups: [] }),
    });
    // Reached from the backups dialog (and the palette).
    await user.click(await screen.findByRole('button', { name: 'バックアップ…' }));
    await user.click(within(screen.getByRole('dialog', { name: 'バックアップ' })).getByRole('button', { name: '注釈ファイル…' }));
    const dialog = exchangeDialog();
    await user.selectOptions(within(dialog).getByRole('combobox', { name: '範囲' }), '柱「サプライチェーン強靱化」の注釈');
    await user.click(within(dialog).getByRole('button', { name: '注釈ファイルを書き出す…' }));
    const path = within(dialog).getByRole('textbox', { name: '保存先のパス' }) as HTMLInputElement;
    expect(path.value).toBe(`/home/analyst/.config/workbench/annotations-${TODAY}.json`);
    await user.clear(path);
    await user.type(path, '/media/usb/注釈.json');
    await user.click(within(dialog).getByRole('button', { name: '書き出す' }));
    await waitFor(() => expect(api.callsOf('annotations.export')).toEqual([{ path: '/media/usb/注釈.json', overwrite: false, pillarId: 'supply-chain' }]));
    expect(await within(dialog).findByText('注釈 3 件を書き出しました: /media/usb/注釈.json')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toContain('注釈 3 件を書き出しました: /media/usb/注釈.json');

    // The same path again: nothing is replaced until the analyst says so.
    await user.click(within(dialog).getByRole('button', { name: '注釈ファイルを書き出す…' }));
    const again = within(dialog).getByRole('textbox', { name: '保存先のパス' });
    await user.clear(again);
    await user.type(again, '/media/usb/注釈.json');
    await user.click(within(dialog).getByRole('button', { name: '書き出す' }));
    const confirm = await within(dialog).findByRole('group', { name: '同名のファイルがあります' });
    expect(confirm.textContent).toContain('/media/usb/注釈.json はすでにあります。置き換えますか？');
    expect(api.callsOf('annotations.export')).toHaveLength(2);
    await user.click(within(confirm).getByRole('button', { name: '置き換える' }));
    await waitFor(() => expect(api.callsOf('annotations.export').at(-1)).toEqual({ path: '/media/usb/注釈.json', overwrite: true, pillarId: 'supply-chain' }));
    expect(within(dialog).queryByRole('group', { name: '同名のファイルがあります' })).toBeNull();
  });

  it("exports the open document's annotations through Electron's save dialog", async () => {
    const { api, user } = renderApp({ 'annotations.export': (r) => ({ path: r.path, annotations: 2, bytes: 900 }) });
    const asked: unknown[] = [];
    (window as unknown as { workbench: unknown }).workbench = {
      invoke: () => Promise.reject(new Error('not used: the test installs a fake client')),
      saveDialog: async (opts: unknown) => {
        asked.push(opts);
        return 'C:\\Users\\analyst\\Desktop\\議事要旨の注釈.json';
      },
    };
    await act(() => useReader.getState().open('minutes'));
    act(() => useUi.getState().setDialog('exchange'));
    const dialog = exchangeDialog();
    await user.selectOptions(within(dialog).getByRole('combobox', { name: '範囲' }), '開いている文書の注釈（第1回経済安全保障推進会議 議事要旨）');
    await user.click(within(dialog).getByRole('button', { name: '注釈ファイルを書き出す…' }));
    await waitFor(() => expect(api.callsOf('annotations.export')).toEqual([{ path: 'C:\\Users\\analyst\\Desktop\\議事要旨の注釈.json', overwrite: true, documentId: 'minutes' }]));
    expect(asked).toEqual([{ defaultPath: `/home/analyst/.config/workbench/annotations-${TODAY}.json`, filters: [{ name: '注釈ファイル (JSON)', extensions: ['json'] }] }]);
    expect(within(dialog).queryByRole('textbox', { name: '保存先のパス' })).toBeNull();
    expect(await within(dialog).findByText('注釈 2 件を書き出しました: C:\\Users\\analyst\\Desktop\\議事要旨の注釈.json')).toBeTruthy();
  });

  it("fills the import path from Electron's open dialog", async () => {
    const { api, user } = renderApp({ 'annotations.import': () => ({ annotations: 1, created: 1, updated: 0, unchanged: 0, orphaned: 0, pillarsCreated: [] }) });
    const asked: unknown[] = [];
    (window as unknown as { workbench: unknown }).workbench = {
      invoke: () => Promise.reject(new Error('not used: the test installs a fake client')),
      openDialog: async (opts: unknown) => {
        asked.push(opts);
        return '/media/usb/持ち込み注釈.json';
      },
    };
    act(() => useUi.getState().setDialog('exchange'));
    const dialog = exchangeDialog();
    await user.click(within(dialog).getByRole('button', { name: 'ファイルを選ぶ…' }));
    expect(asked).toEqual([{ filters: [{ name: '注釈ファイル (JSON)', extensions: ['json'] }] }]);
    await waitFor(() => expect((within(dialog).getByRole('textbox', { name: '読み込むファイルのパス' }) as HTMLInputElement).value).toBe('/media/usb/持ち込み注釈.json'));
    await user.click(within(dialog).getByRole('button', { name: '読み込む' }));
    await waitFor(() => expect(api.callsOf('annotations.import')).toEqual([{ path: '/media/usb/持ち込み注釈.json' }]));
  });

  it('imports a file from the palette, reports what changed in plain words and fetches the views again', async () => {
    const semis = { ...PILLARS[0], id: 'semiconductors', nameJa: '半導体', nameEn: 'Semiconductors', parentId: 'supply-chain', isDefault: false };
    let imported = false;
    const { api, user } = renderApp({
      'pillars.list': () => ({ pillars: imported ? [...PILLARS, semis] : PILLARS }),
      'annotations.import': () => {
        imported = true;
        return { annotations: 12, created: 9, updated: 2, unchanged: 1, orphaned: 2, pillarsCreated: ['semiconductors'] };
      },
    });
    await screen.findByText('第1回経済安全保障推進会議 議事要旨');
    await user.keyboard('{Control>}k{/Control}');
    await user.type(screen.getByRole('combobox', { name: 'コマンドパレット' }), '注釈ファイル');
    await user.keyboard('{Enter}');
    const dialog = exchangeDialog();
    const importButton = within(dialog).getByRole('button', { name: '読み込む' }) as HTMLButtonElement;
    expect(importButton.disabled).toBe(true);
    const before = { pillars: api.callsOf('pillars.list').length, docs: api.callsOf('documents.list').length };
    await user.type(within(dialog).getByRole('textbox', { name: '読み込むファイルのパス' }), '/media/usb/注釈.json');
    await user.click(importButton);
    await waitFor(() => expect(api.callsOf('annotations.import')).toEqual([{ path: '/media/usb/注釈.json' } satisfies RequestOf<'annotations.import'>]));
    const text = () => dialog.textContent ?? '';
    await waitFor(() => expect(text()).toContain('読み込みました: /media/usb/注釈.json'));
    expect(text()).toContain('ファイル内の注釈 12 件: 新規 9 件、更新 2 件、変更なし 1 件。');
    expect(text()).toContain('うち 2 件は、このコンピューターの文書に該当箇所が見つからず、孤立した注釈として取り込みました。');
    await waitFor(() => expect(text()).toContain('新しく追加された柱: 半導体'));
    expect(text()).not.toContain('semiconductors');
    expect(text()).toContain('この読み込みは「元に戻す」で取り消せます。');
    expect(api.callsOf('pillars.list').length).toBeGreaterThan(before.pillars);
    expect(api.callsOf('documents.list').length).toBeGreaterThan(before.docs);
    expect(screen.getByRole('status').textContent).toContain('新規 9 件、更新 2 件');
  });

  it("shows the back end's own message and hint when a file is refused, and changes nothing", async () => {
    const { api, user } = renderApp({
      'annotations.import': (r) => {
        throw new ApiError({
          code: 'bad-input',
          message: { ja: `${r.path} は注釈ファイルではありません（format が違います）。`, en: `${r.path} is not an annotations file (wrong format).` },
          hint: { ja: 'ワークベンチで書き出した .json ファイルを選んでください。', en: 'Choose a .json file exported by the workbench.' },
        });
      },
    });
    act(() => useUi.getState().setDialog('exchange'));
    const dialog = exchangeDialog();
    await user.type(within(dialog).getByRole('textbox', { name: '読み込むファイルのパス' }), '/tmp/notes.json{Enter}');
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain('/tmp/notes.json は注釈ファイルではありません（format が違います）。');
    expect(alert.textContent).toContain('ワークベンチで書き出した .json ファイルを選んでください。');
    expect(alert.textContent).not.toMatch(/at \w+ \(|Error:/);
    expect(api.callsOf('annotations.import')).toHaveLength(1);
    expect(screen.queryByRole('status')).toBeNull();
  });
});
