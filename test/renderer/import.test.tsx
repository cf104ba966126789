// @vitest-environment jsdom
// Importing an analyst's own source from the library: the file's bytes go to the API as base64
// with the optional metadata, progress is shown, the new document opens; a rejected file is
// explained in plain language inside the dialog.
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { RequestOf } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/client';
import { useReader } from '../../renderer/src/stores/reader';
import { doc } from './fixtures';
import { renderApp } from './setup';

const TEXT = '○外務大臣 同志国との連携が不可欠。\n';

describe('import dialog', () => {
  it('sends the file as base64 with its metadata and opens the imported document', async () => {
    const imported = doc({ id: 'my-memo', title: '省内メモ', kind: 'other', origin: 'imported', statements: 1 });
    const { api, user } = renderApp({
      'documents.import': () => ({ document: imported, statements: 1, replaced: false, encoding: 'utf-8' }),
      'documents.get': () => ({ document: imported, text: TEXT }),
      'statements.list': () => ({ statements: [] }),
    });
    await user.click(screen.getByRole('button', { name: '取り込む…' }));
    const dialog = screen.getByRole('dialog', { name: '文書を取り込む' });
    const file = new File([new TextEncoder().encode(TEXT)], 'memo.txt', { type: 'text/plain' });
    await user.upload(within(dialog).getByLabelText('ファイル'), file);
    await user.type(within(dialog).getByRole('textbox', { name: '表題' }), '省内メモ');
    await user.type(within(dialog).getByRole('textbox', { name: '日付' }), '2026-01-05');
    await user.click(within(dialog).getByRole('button', { name: '取り込む' }));
    await waitFor(() => expect(api.callsOf('documents.import')).toHaveLength(1));
    const req = api.callsOf('documents.import')[0] as RequestOf<'documents.import'>;
    expect(req.fileName).toBe('memo.txt');
    expect(new TextDecoder().decode(Uint8Array.from(atob(req.contentBase64), (c) => c.charCodeAt(0)))).toBe(TEXT);
    expect(req.title).toBe('省内メモ');
    expect(req.date).toBe('2026-01-05');
    await waitFor(() => expect(useReader.getState().documentId).toBe('my-memo'));
    expect(screen.getByRole('status').textContent).toContain('「省内メモ」を取り込みました（発言 1 件、utf-8）。');
  });

  it('removes an imported document after a second click, and only an imported one', async () => {
    const imported = doc({ id: 'my-memo', title: '省内メモ', kind: 'other', origin: 'imported', statements: 0 });
    let docs = [imported];
    const { api, user } = renderApp({
      'documents.list': () => ({ documents: docs }),
      'documents.get': () => ({ document: imported, text: '' }),
      'statements.list': () => ({ statements: [] }),
      'documents.remove': () => {
        docs = [];
        return { removed: true as const };
      },
    });
    await user.click(await screen.findByRole('button', { name: /省内メモ/ }));
    await user.click(await screen.findByRole('button', { name: 'ライブラリから削除…' }));
    expect(api.callsOf('documents.remove')).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'ライブラリから削除' }));
    await waitFor(() => expect(api.callsOf('documents.remove')).toEqual([{ id: 'my-memo' }]));
    await waitFor(() => expect(useReader.getState().documentId).toBeNull());
    expect(await screen.findByText('文書がありません。コーパスの取り込みが完了しているか確認してください。')).toBeTruthy();
  });

  it('explains a rejected file inside the dialog and keeps it open', async () => {
    const { user } = renderApp({
      'documents.import': () => {
        throw new ApiError({ code: 'bad-input', message: { ja: '「empty.txt」には本文がありません。', en: '"empty.txt" has no text.' }, hint: { ja: '中身のあるファイルを選んでください。', en: 'Choose a file with text in it.' } });
      },
    });
    await user.click(screen.getByRole('button', { name: '取り込む…' }));
    const dialog = screen.getByRole('dialog', { name: '文書を取り込む' });
    await user.upload(within(dialog).getByLabelText('ファイル'), new File(['   '], 'empty.txt', { type: 'text/plain' }));
    await user.click(within(dialog).getByRole('button', { name: '取り込む' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toBe('「empty.txt」には本文がありません。 中身のあるファイルを選んでください。');
  });
});
