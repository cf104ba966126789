// @vitest-environment jsdom
// Annotation files between machines, from the window: export (scope; a download in the browser
// host, Electron's save dialog handle in the app) and import (an upload of a picked or dropped file
// in the browser host, the open dialog's handle in the app; report in plain words, every view
// fetched again, back-end errors shown in the dialog with the file they name). No path is typed or sent.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/client';
import type { RequestOf } from '../../shared/api/contract';
import { useReader } from '../../renderer/src/stores/reader';
import { useUi } from '../../renderer/src/stores/ui';
import { PILLARS } from './fixtures';
import { renderApp } from './setup';
import { base64Of, blobBytes, fakeBrowserFiles, textOfBase64 } from './browserFiles';

const TODAY = new Date().toISOString().slice(0, 10);

let files: ReturnType<typeof fakeBrowserFiles>;
beforeEach(() => {
  files = fakeBrowserFiles();
});
afterEach(() => {
  files.restore();
  delete (window as unknown as { workbench?: unknown }).workbench;
});

const HANDLE = 'hhhhhhhhhhhhhhhhhhhhhhhh';
const UPLOAD = 'uuuuuuuuuuuuuuuuuuuu';

/** A fake back end's upload store: chunks joined per id, as the real one does. */
function uploads() {
  const received = new Map<string, string>();
  return {
    received,
    handler: ({ id, chunkBase64 }: { id?: string; chunkBase64: string }) => {
      const key = id ?? UPLOAD;
      received.set(key, (received.get(key) ?? '') + textOfBase64(chunkBase64));
      return { id: key, bytes: new TextEncoder().encode(received.get(key)!).length };
    },
  };
}

function jsonFile(name: string, text: string): File {
  return new File([text], name, { type: 'application/json' });
}

function exchangeDialog() {
  return screen.getByRole('dialog', { name: '注釈ファイルの書き出しと読み込み' });
}

describe('annotation files', () => {
  it('exports one pillar as a download in the browser host and says which file it saved', async () => {
    const body = '{"format":"keizai-anpo-workbench/annotations"}\n';
    const { api, user } = renderApp({
      'interchange.export': () => ({ format: 'json' as const, fileName: `annotations-${TODAY}.json`, path: null, annotations: 3, bytes: body.length, download: { id: 'dddddddddddddddddddd', fileName: `annotations-${TODAY}.json`, mime: 'application/json', size: body.length } }),
      'downloads.read': ({ offset }) => ({ chunkBase64: base64Of(body), offset, size: body.length, done: true }),
      'backups.list': () => ({ directory: '/home/analyst/.config/workbench/backups', backups: [] }),
    });
    // Reached from the backups dialog (and the palette).
    await user.click(await screen.findByRole('button', { name: 'バックアップ…' }));
    await user.click(within(screen.getByRole('dialog', { name: 'バックアップ' })).getByRole('button', { name: '注釈ファイル…' }));
    const dialog = exchangeDialog();
    await user.selectOptions(within(dialog).getByRole('combobox', { name: '範囲' }), '柱「サプライチェーン強靱化」の注釈');
    await user.click(within(dialog).getByRole('button', { name: '注釈ファイルを書き出す…' }));
    await waitFor(() => expect(api.callsOf('interchange.export')).toEqual([{ target: { download: true }, format: 'json', pillarId: 'supply-chain' }]));
    expect(await within(dialog).findByText(`注釈 3 件を書き出しました: annotations-${TODAY}.json`)).toBeTruthy();
    expect(files.saved.map((d) => d.fileName)).toEqual([`annotations-${TODAY}.json`]);
    expect(new TextDecoder().decode(await blobBytes(files.saved[0].blob))).toBe(body);
    // Nothing asks for a path in the browser host.
    expect(within(dialog).queryByRole('textbox')).toBeNull();
  });

  it("exports the open document's annotations through Electron's save dialog handle", async () => {
    const { api, user } = renderApp({ 'interchange.export': () => ({ format: 'json' as const, fileName: '議事要旨の注釈.json', path: 'C:\\Users\\analyst\\Desktop\\議事要旨の注釈.json', annotations: 2, bytes: 900, download: null }) });
    const asked: unknown[] = [];
    (window as unknown as { workbench: unknown }).workbench = {
      invoke: () => Promise.reject(new Error('not used: the test installs a fake client')),
      saveDialog: async (opts: unknown) => {
        asked.push(opts);
        return { handle: HANDLE, name: '議事要旨の注釈.json' };
      },
    };
    await act(() => useReader.getState().open('minutes'));
    act(() => useUi.getState().setDialog('exchange'));
    const dialog = exchangeDialog();
    await user.selectOptions(within(dialog).getByRole('combobox', { name: '範囲' }), '開いている文書の注釈（第1回経済安全保障推進会議 議事要旨）');
    await user.click(within(dialog).getByRole('button', { name: '注釈ファイルを書き出す…' }));
    await waitFor(() => expect(api.callsOf('interchange.export')).toEqual([{ target: { handle: HANDLE }, format: 'json', documentId: 'minutes' }]));
    expect(asked).toEqual([{ defaultName: `annotations-${TODAY}.json`, filters: [{ name: '注釈ファイル (JSON)', extensions: ['json'] }] }]);
    expect(await within(dialog).findByText('注釈 2 件を書き出しました: C:\\Users\\analyst\\Desktop\\議事要旨の注釈.json')).toBeTruthy();
    expect(files.saved).toEqual([]);
  });

  it("imports the file chosen in Electron's open dialog by its handle", async () => {
    const { api, user } = renderApp({ 'interchange.import': () => ({ format: 'json' as const, dryRun: false, annotations: 1, added: 1, updated: 0, unchanged: 0, conflicts: 0, orphaned: 0, pillarsAdded: [], skipped: [], bundle: null }) });
    const asked: unknown[] = [];
    (window as unknown as { workbench: unknown }).workbench = {
      invoke: () => Promise.reject(new Error('not used: the test installs a fake client')),
      openDialog: async (opts: unknown) => {
        asked.push(opts);
        return { handle: HANDLE, name: '持ち込み注釈.json' };
      },
    };
    act(() => useUi.getState().setDialog('exchange'));
    const dialog = exchangeDialog();
    await user.click(within(dialog).getByRole('button', { name: 'ファイルを選ぶ…' }));
    expect(asked).toEqual([{ filters: [{ name: '注釈ファイル (JSON)', extensions: ['json', 'jsonld', 'wbbundle'] }] }]);
    expect(await within(dialog).findByText('読み込むファイル: 持ち込み注釈.json')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: '読み込む' }));
    await waitFor(() => expect(api.callsOf('interchange.import')).toEqual([{ source: { handle: HANDLE } }]));
    expect(api.callsOf('uploads.append')).toEqual([]);
    expect(await within(dialog).findByText('読み込みました: 持ち込み注釈.json')).toBeTruthy();
  });

  it('imports a file from the palette, reports what changed in plain words and fetches the views again', async () => {
    const semis = { ...PILLARS[0], id: 'semiconductors', nameJa: '半導体', nameEn: 'Semiconductors', parentId: 'supply-chain', isDefault: false };
    let imported = false;
    const store = uploads();
    const { api, user } = renderApp({
      'uploads.append': store.handler,
      'pillars.list': () => ({ pillars: imported ? [...PILLARS, semis] : PILLARS }),
      'interchange.import': () => {
        imported = true;
        return { format: 'json' as const, dryRun: false, annotations: 12, added: 9, updated: 2, unchanged: 1, conflicts: 0, orphaned: 2, pillarsAdded: ['semiconductors'], skipped: [], bundle: null };
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
    await user.upload(within(dialog).getByLabelText('読み込むファイル'), jsonFile('注釈.json', '{"format":"keizai-anpo-workbench/annotations"}'));
    await user.click(importButton);
    await waitFor(() => expect(api.callsOf('interchange.import')).toEqual([{ source: { upload: UPLOAD, fileName: '注釈.json' } } satisfies RequestOf<'interchange.import'>]));
    expect(store.received.get(UPLOAD)).toBe('{"format":"keizai-anpo-workbench/annotations"}');
    const text = () => dialog.textContent ?? '';
    await waitFor(() => expect(text()).toContain('読み込みました: 注釈.json'));
    expect(text()).toContain('ファイル内の注釈 12 件: 新規 9 件、更新 2 件、変更なし 1 件。');
    expect(text()).toContain('うち 2 件は、このコンピューターの文書に該当箇所が見つからず、孤立した注釈として取り込みました。');
    await waitFor(() => expect(text()).toContain('新しく追加された柱: 半導体'));
    expect(text()).not.toContain('semiconductors');
    expect(text()).toContain('この読み込みは「元に戻す」で取り消せます。');
    expect(api.callsOf('pillars.list').length).toBeGreaterThan(before.pillars);
    expect(api.callsOf('documents.list').length).toBeGreaterThan(before.docs);
    expect(screen.getByRole('status').textContent).toContain('新規 9 件、更新 2 件');
  });

  it("shows the back end's own message and hint when a dropped file is refused, and changes nothing", async () => {
    const store = uploads();
    const { api, user } = renderApp({
      'uploads.append': store.handler,
      'interchange.import': (r) => {
        const name = 'upload' in r.source ? r.source.fileName : '?';
        throw new ApiError({
          code: 'bad-input',
          message: { ja: `${name} は注釈ファイルではありません（format が違います）。`, en: `${name} is not an annotations file (wrong format).` },
          hint: { ja: 'ワークベンチで書き出した .json ファイルを選んでください。', en: 'Choose a .json file exported by the workbench.' },
        });
      },
    });
    act(() => useUi.getState().setDialog('exchange'));
    const dialog = exchangeDialog();
    // Dropped on the drop zone: uploaded like a picked file.
    fireEvent.drop(within(dialog).getByTestId('exchange-drop-zone'), { dataTransfer: { files: [jsonFile('notes.json', '{"hello":"world"}')] } });
    expect(await within(dialog).findByText('読み込むファイル: notes.json')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: '読み込む' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain('notes.json は注釈ファイルではありません（format が違います）。');
    expect(store.received.get(UPLOAD)).toBe('{"hello":"world"}');
    expect(alert.textContent).toContain('ワークベンチで書き出した .json ファイルを選んでください。');
    expect(alert.textContent).not.toMatch(/at \w+ \(|Error:/);
    expect(api.callsOf('interchange.import')).toHaveLength(1);
    expect(screen.queryByRole('status')).toBeNull();
  });
});
