// @vitest-environment jsdom
// Importing the analyst's own sources from the library: each file's bytes go to the API as
// base64 (never a path) with the optional metadata; one file opens at once, several end in a
// summary (imported, duplicate, failed with the reason); cancel stops the file in flight and the
// rest; files dropped on the library's drop zone open the dialog; details are editable later.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { RequestOf } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/client';
import { useReader } from '../../renderer/src/stores/reader';
import type { DocumentSummary } from '../../shared/model';
import { doc } from './fixtures';
import { renderApp } from './setup';

const TEXT = '○外務大臣 同志国との連携が不可欠。\n';

function imported(document: DocumentSummary, status: 'imported' | 'duplicate' | 'new-version' = 'imported') {
  return {
    document, status, statements: document.statements, replaced: status === 'new-version', format: 'text' as const, encoding: 'utf-8', pages: null,
    version: status === 'new-version' ? 2 : 1, sha256: 'ab'.repeat(32), removedControls: 0, reanchor: null,
  };
}

describe('import dialog', () => {
  it('sends the file as base64 with its metadata and opens the imported document', async () => {
    const memo = doc({ id: 'my-memo', title: '省内メモ', kind: 'other', origin: 'imported', statements: 1 });
    const { api, user } = renderApp({
      'documents.import': () => imported(memo),
      'documents.get': () => ({ document: memo, text: TEXT }),
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

  it('asks for a PDF password only when a PDF is chosen, and sends it with the PDFs alone', async () => {
    const report = doc({ id: 'report', title: '報告書', kind: 'other', origin: 'imported', statements: 1 });
    const { api, user } = renderApp({
      'documents.import': () => imported(report),
      'documents.get': () => ({ document: report, text: TEXT }),
      'statements.list': () => ({ statements: [] }),
    });
    await user.click(screen.getByRole('button', { name: '取り込む…' }));
    const dialog = screen.getByRole('dialog', { name: '文書を取り込む' });
    await user.upload(within(dialog).getByLabelText('ファイル'), new File([TEXT], 'memo.txt', { type: 'text/plain' }));
    expect(within(dialog).queryByLabelText('PDF のパスワード')).toBeNull();
    await user.upload(within(dialog).getByLabelText('ファイル'), [
      new File(['%PDF-1.7'], 'locked.pdf', { type: 'application/pdf' }),
      new File([TEXT], 'memo.txt', { type: 'text/plain' }),
    ]);
    await user.type(within(dialog).getByLabelText('PDF のパスワード'), 'himitsu');
    await user.click(within(dialog).getByRole('button', { name: '取り込む' }));
    await waitFor(() => expect(api.callsOf('documents.import')).toHaveLength(2));
    const reqs = api.callsOf('documents.import') as RequestOf<'documents.import'>[];
    expect(reqs.map((r) => [r.fileName, r.password])).toEqual([['locked.pdf', 'himitsu'], ['memo.txt', undefined]]);
  });

  it('removes an imported document after a second click, and only an imported one', async () => {
    const memo = doc({ id: 'my-memo', title: '省内メモ', kind: 'other', origin: 'imported', statements: 0 });
    let docs = [memo];
    const { api, user } = renderApp({
      'documents.list': () => ({ documents: docs }),
      'documents.get': () => ({ document: memo, text: '' }),
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

  it('imports several files one call each and ends in a summary with reasons', async () => {
    const a = doc({ id: 'a', title: '覚書A', origin: 'imported', statements: 2 });
    const b = doc({ id: 'b', title: '既存の覚書', origin: 'imported', statements: 3 });
    const { api, user } = renderApp({
      'documents.import': ({ fileName }) => {
        if (fileName === 'a.txt') return imported(a);
        if (fileName === 'b.docx') return imported(b, 'duplicate');
        throw new ApiError({ code: 'bad-input', message: { ja: 'c.pdf: PDF の取り込みはこのビルドではまだ使えません。', en: 'c.pdf: PDF import is not available in this build yet.' } });
      },
    });
    await user.click(screen.getByRole('button', { name: '取り込む…' }));
    const dialog = screen.getByRole('dialog', { name: '文書を取り込む' });
    const files = [new File(['本文A'], 'a.txt'), new File(['PK'], 'b.docx'), new File(['%PDF-1.7'], 'c.pdf')];
    await user.upload(within(dialog).getByLabelText('ファイル'), files);
    expect(within(dialog).getByTestId('import-selection').textContent).toContain('3 件');
    // A title names one document: with several files it is not offered.
    expect(within(dialog).queryByRole('textbox', { name: '表題' })).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: '取り込む' }));
    const summary = await within(dialog).findByRole('region', { name: '取り込みの結果' });
    expect(within(summary).getByRole('status').textContent).toBe('取り込み 1 件、重複 1 件、失敗 1 件。');
    expect(within(summary).getByRole('alert').textContent).toBe('c.pdf: PDF の取り込みはこのビルドではまだ使えません。');
    expect(within(summary).getByText('b.docx は「既存の覚書」として取り込み済みです（何も書き込んでいません）。')).toBeTruthy();
    const reqs = api.callsOf('documents.import') as RequestOf<'documents.import'>[];
    expect(reqs.map((r) => r.fileName)).toEqual(['a.txt', 'b.docx', 'c.pdf']);
    expect(reqs.every((r) => typeof r.job === 'string' && !('path' in r))).toBe(true);
  });

  it('cancel stops the file in flight (nothing written) and leaves the rest', async () => {
    let release: ((v: never) => void) | null = null;
    const { api, user } = renderApp({
      'documents.import': () => new Promise((_resolve, reject) => void (release = reject as never)),
      'documents.importCancel': () => {
        release?.(new ApiError({ code: 'cancelled', message: { ja: '取り消しました。', en: 'Cancelled.' } }) as never);
        return { cancelled: true };
      },
    });
    await user.click(screen.getByRole('button', { name: '取り込む…' }));
    const dialog = screen.getByRole('dialog', { name: '文書を取り込む' });
    await user.upload(within(dialog).getByLabelText('ファイル'), [new File(['一'], '1.txt'), new File(['二'], '2.txt'), new File(['三'], '3.txt')]);
    await user.click(within(dialog).getByRole('button', { name: '取り込む' }));
    await waitFor(() => expect(api.callsOf('documents.import')).toHaveLength(1));
    expect(within(dialog).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('0');
    expect(within(dialog).getByText('1 / 3 件目: 1.txt')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'キャンセル' }));
    const summary = await within(dialog).findByRole('region', { name: '取り込みの結果' });
    expect(within(summary).getByRole('status').textContent).toBe('取り込み 0 件、重複 0 件、失敗 0 件。 取り消したため残り 3 件は取り込んでいません。');
    expect(api.callsOf('documents.importCancel')).toEqual([{ job: (api.callsOf('documents.import')[0] as { job: string }).job }]);
    expect(api.callsOf('documents.import')).toHaveLength(1);
  });

  it('a PDF shows the pages read so far while it imports (asked by its job id)', async () => {
    let release: ((v: never) => void) | null = null;
    let read = 0;
    const { api, user } = renderApp({
      'documents.import': () => new Promise((_resolve, reject) => void (release = reject as never)),
      'documents.importProgress': () => ({ running: true, pages: { done: (read += 40), total: 300 } }),
      'documents.importCancel': () => {
        release?.(new ApiError({ code: 'cancelled', message: { ja: '取り消しました。', en: 'Cancelled.' } }) as never);
        return { cancelled: true };
      },
    });
    await user.click(screen.getByRole('button', { name: '取り込む…' }));
    const dialog = screen.getByRole('dialog', { name: '文書を取り込む' });
    await user.upload(within(dialog).getByLabelText('ファイル'), [new File(['%PDF-1.7'], '白書.pdf'), new File(['二'], '2.txt')]);
    await user.click(within(dialog).getByRole('button', { name: '取り込む' }));
    await within(dialog).findByText(/^1 \/ 2 件目: 白書\.pdf（\d+ \/ 300 ページ）$/, undefined, { timeout: 3000 });
    const job = (api.callsOf('documents.import')[0] as { job: string }).job;
    expect(api.callsOf('documents.importProgress').every((r) => (r as { job: string }).job === job)).toBe(true);
    // Halfway through the first of two files, the bar is past 0 and short of 50 %.
    const now = Number(within(dialog).getByRole('progressbar').getAttribute('aria-valuenow'));
    expect(now).toBeGreaterThan(0);
    expect(now).toBeLessThan(50);
    await user.click(within(dialog).getByRole('button', { name: 'キャンセル' }));
    await within(dialog).findByRole('region', { name: '取り込みの結果' });
  });

  it('files dropped on the library drop zone open the dialog with them', async () => {
    renderApp();
    const zone = screen.getByTestId('library-drop-zone');
    const files = [new File(['本文'], 'x.txt'), new File(['本文'], '.hidden'), new File(['本文'], 'y.html')];
    const dataTransfer = { types: ['Files'], files, items: [], dropEffect: 'none' };
    fireEvent.dragOver(zone, { dataTransfer });
    expect(zone.textContent).toBe('ここで離すと取り込みます');
    fireEvent.drop(zone, { dataTransfer });
    const dialog = await screen.findByRole('dialog', { name: '文書を取り込む' });
    expect(within(dialog).getByTestId('import-selection').textContent).toMatch(/2 件.*x\.txt、y\.html/);
  });

  it("edits an imported document's details and shows its original", async () => {
    const memo = doc({ id: 'my-memo', title: '省内メモ', origin: 'imported', statements: 0 });
    const { api, user } = renderApp({
      'documents.list': () => ({ documents: [memo] }),
      'documents.get': () => ({ document: memo, text: '' }),
      'statements.list': () => ({ statements: [] }),
      'documents.importRecords': () => ({
        records: [{ version: 1, fileName: 'memo.docx', size: 2048, sha256: 'cd'.repeat(32), format: 'docx' as const, encoding: null, pages: null, statements: 0, extractor: 'import-2', importedAt: '2026-01-01T00:00:00Z', reanchor: null }],
      }),
      'documents.updateMeta': (req) => ({ document: { ...memo, title: req.title ?? memo.title, date: req.date ?? null, issuer: req.issuer ?? null } }),
    });
    await user.click(await screen.findByRole('button', { name: /省内メモ/ }));
    await user.click(await screen.findByRole('button', { name: '書誌情報を編集…' }));
    const dialog = screen.getByRole('dialog', { name: '書誌情報の編集' });
    expect((await within(dialog).findByTestId('original-record')).textContent).toBe('原本: memo.docx（2.0 KB、docx、—、SHA-256 cdcdcdcdcdcd…、第 1 版）');
    const title = within(dialog).getByRole('textbox', { name: '表題' });
    await user.clear(title);
    await user.type(title, '省内メモ（確定版）');
    await user.type(within(dialog).getByRole('textbox', { name: '日付' }), '2024-03-29');
    await user.click(within(dialog).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(api.callsOf('documents.updateMeta')).toEqual([{ id: 'my-memo', title: '省内メモ（確定版）', date: '2024-03-29', issuer: null, kind: 'other' }]));
  });
});
