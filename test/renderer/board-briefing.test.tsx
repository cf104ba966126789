// @vitest-environment jsdom
// The pillar board (columns, unfiled suggestions, re-filing by drag and by keyboard, sending to
// the briefing) and the briefing composer (create, outline, inline edits, keyboard reordering,
// sandboxed preview, export through the browser path dialog or Electron's save dialog).
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/client';
import { useBriefing } from '../../renderer/src/stores/briefing';
import { useUi } from '../../renderer/src/stores/ui';
import { useReader } from '../../renderer/src/stores/reader';
import { annotation, MINUTES_STATEMENTS } from './fixtures';
import { briefingFixture, briefingHandlers } from './briefingFake';
import { renderApp } from './setup';
import { base64Of, blobBytes, fakeBrowserFiles } from './browserFiles';
import type { FakeHandlers } from './fakeApi';

const [, REMARK1, REMARK2, ITEM] = MINUTES_STATEMENTS;

function dataTransfer() {
  const data: Record<string, string> = {};
  return {
    data,
    dropEffect: 'none',
    effectAllowed: 'all',
    setData: (k: string, v: string) => void (data[k] = v),
    getData: (k: string) => data[k] ?? '',
    get types() {
      return Object.keys(data);
    },
  };
}

afterEach(() => {
  delete (window as unknown as { workbench?: unknown }).workbench;
});

describe('pillar board', () => {
  function boardHandlers() {
    const filed = annotation(REMARK2, { start: 0, end: 12, pillarIds: ['supply-chain'], comment: '供給網の強靱化' });
    const loose = annotation(REMARK1, { start: 0, end: 6 });
    const store = [filed, loose];
    const handlers: FakeHandlers = {
      'annotations.list': () => ({ annotations: store }),
      'annotations.update': (r) => {
        const a = store.find((x) => x.id === r.id)!;
        a.pillarIds = r.pillarIds ?? a.pillarIds;
        return { annotation: a };
      },
      'suggestions.forStatement': (r) => ({
        suggestions: r.statementId === ITEM.id ? [{ pillar: 'infrastructure', score: 0.7, evidence: [{ term: '基幹インフラ', start: 0, end: 6 }], linked: false, rejected: false }] : [],
      }),
      'suggestions.accept': (r) => ({ annotation: annotation(ITEM, { pillarIds: [r.pillarId] }), created: true }),
      ...briefingHandlers(null),
    };
    return { filed, loose, handlers };
  }

  async function openBoard(user: ReturnType<typeof renderApp>['user']) {
    await user.click(await screen.findByRole('button', { name: /第1回経済安全保障推進会議 議事要旨/ }));
    await waitFor(() => expect(useReader.getState().statements.length).toBe(4));
    await user.click(screen.getByRole('tab', { name: '柱ボード' }));
  }

  it('shows a column per pillar and an unfiled column with suggested statements', async () => {
    const { handlers } = boardHandlers();
    const { user } = renderApp(handlers);
    await openBoard(user);
    const supply = await screen.findByRole('region', { name: /サプライチェーン強靱化/ });
    await waitFor(() => expect(supply.textContent).toContain('「サプライチェーンの強靱化」'));
    expect(supply.textContent).toContain('供給網の強靱化');
    expect(supply.textContent).toContain('第1回経済安全保障推進会議 議事要旨');
    const unfiled = screen.getByRole('region', { name: '未分類（候補あり）' });
    await waitFor(() => expect(unfiled.textContent).toContain('基幹インフラの安全性・信頼性を確保する。'));
    expect(unfiled.textContent).toContain('基幹インフラの安全性・信頼性 の候補');
    expect(unfiled.textContent).toContain('「経済安全保障」');
  });

  it('re-files a card by dragging it to another column', async () => {
    const { filed, handlers } = boardHandlers();
    const { api, user } = renderApp(handlers);
    await openBoard(user);
    const supply = await screen.findByRole('region', { name: /サプライチェーン強靱化/ });
    const card = await within(supply).findByText('「サプライチェーンの強靱化」');
    const dt = dataTransfer();
    fireEvent.dragStart(card.closest('li')!, { dataTransfer: dt });
    const tech = screen.getByRole('region', { name: /先端重要技術/ });
    fireEvent.dragOver(tech, { dataTransfer: dt });
    fireEvent.drop(tech, { dataTransfer: dt });
    await waitFor(() => expect(api.callsOf('annotations.update')).toEqual([{ id: filed.id, pillarIds: ['tech-protection'] }]));
  });

  it('files from the keyboard: 1–4 re-file, a suggested statement is accepted, B sends to the briefing', async () => {
    const { loose, handlers } = boardHandlers();
    const { api, user } = renderApp(handlers);
    await openBoard(user);
    const unfiled = screen.getByRole('region', { name: '未分類（候補あり）' });
    const looseCard = (await within(unfiled).findByText('「経済安全保障」')).closest('li')!;
    fireEvent.keyDown(looseCard, { key: '4' });
    await waitFor(() => expect(api.callsOf('annotations.update')).toEqual([{ id: loose.id, pillarIds: ['patents'] }]));
    const suggested = (await within(unfiled).findByText('基幹インフラの安全性・信頼性を確保する。')).closest('li')!;
    fireEvent.keyDown(suggested, { key: '2' });
    await waitFor(() => expect(api.callsOf('suggestions.accept')).toEqual([{ statementId: ITEM.id, pillarId: 'infrastructure' }]));
    const supply = screen.getByRole('region', { name: /サプライチェーン強靱化/ });
    fireEvent.keyDown((await within(supply).findByText('「サプライチェーンの強靱化」')).closest('li')!, { key: 'b' });
    // B asks where (no briefing yet: a new one, with a new section), and nothing is added before the answer.
    const picker = await screen.findByRole('dialog', { name: 'ブリーフィングへ追加' });
    expect(await within(picker).findByRole('combobox', { name: 'ブリーフィング' })).toHaveProperty('value', '__new__');
    expect(api.callsOf('briefings.items.add')).toEqual([]);
    await user.click(within(picker).getByRole('button', { name: '追加' }));
    await waitFor(() => expect(api.callsOf('briefings.items.add')).toHaveLength(1));
    expect(api.callsOf('briefings.create')).toEqual([{ title: '新しいブリーフィング', date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), template: { from: 'empty' } }]);
    expect(api.callsOf('briefings.sections.add')).toEqual([{ briefingId: 'b2', heading: 'サプライチェーン強靱化' }]);
    await waitFor(() => expect(api.callsOf('briefings.placement.remember')).toEqual([{ briefingId: 'b2', sectionId: 'sec-new' }]));
    expect(screen.queryByRole('dialog', { name: 'ブリーフィングへ追加' })).toBeNull();
  });
});

describe('briefing composer', () => {
  it('creates a briefing from the empty state', async () => {
    const { api, user } = renderApp(briefingHandlers(null));
    await user.click(screen.getByRole('tab', { name: 'ブリーフィング' }));
    expect(screen.getByRole('heading', { name: 'ブリーフィングがありません。' })).toBeTruthy();
    await user.type(screen.getByRole('textbox', { name: '表題' }), '半導体の供給網');
    await user.selectOptions(screen.getByRole('combobox', { name: 'ひな形' }), '全注釈を政策の柱ごとに（柱の順）');
    await user.click(screen.getByRole('button', { name: '新規ブリーフィング' }));
    expect(api.callsOf('briefings.create')).toEqual([{ title: '半導体の供給網', date: expect.any(String), template: { from: 'template', templateId: 'builtin:by-pillar' } }]);
    await waitFor(() => expect((screen.getByRole('textbox', { name: '表題' }) as HTMLInputElement).value).toBe('半導体の供給網'));
  });

  it('shows the outline with quotes and citations, edits inline and reorders from the keyboard', async () => {
    const { api, user } = renderApp(briefingHandlers(briefingFixture()));
    act(() => useUi.getState().setView('briefing'));
    await act(() => useBriefing.getState().select('b1'));
    const items = await screen.findAllByRole('listitem', { name: /項目/ });
    expect(items[0].textContent).toContain(REMARK1.text);
    expect(items[0].textContent).toContain('経済安全保障推進会議『第1回経済安全保障推進会議 議事要旨』（2021年11月19日）、官房長官発言、文2');
    const marking = screen.getByRole('textbox', { name: '取扱区分' });
    await user.type(marking, '取扱注意{Enter}');
    expect(api.callsOf('briefings.update')).toEqual([{ id: 'b1', marking: '取扱注意' }]);
    const frame = screen.getByTitle('印刷プレビュー') as HTMLIFrameElement;
    expect(frame.getAttribute('sandbox')).toBe('');
    await waitFor(() => expect(frame.getAttribute('srcdoc')).toContain('<p>取扱注意</p>'));
    expect(frame.getAttribute('srcdoc')).not.toContain('frame-ancestors');
    expect(frame.getAttribute('srcdoc')).toContain("default-src 'none'");
    items[0].focus();
    fireEvent.keyDown(items[0], { key: 'ArrowDown', altKey: true });
    await waitFor(() => expect(api.callsOf('briefings.items.move')).toEqual([{ itemId: 'i1', position: 1, sectionId: undefined }]));
    await waitFor(() => expect(screen.getAllByRole('listitem', { name: /項目/ })[0].textContent).toContain(REMARK2.text));
  });

  it('deletes a briefing and brings it back from the notice', async () => {
    const { api, user } = renderApp(briefingHandlers(briefingFixture()));
    act(() => useUi.getState().setView('briefing'));
    await act(() => useBriefing.getState().select('b1'));
    await user.click(await screen.findByRole('button', { name: '削除' }));
    expect(api.callsOf('briefings.delete')).toEqual([{ id: 'b1' }]);
    const notice = await screen.findByRole('status');
    expect(notice.textContent).toContain('「供給網に関する所見」を削除しました。');
    expect(screen.getByRole('heading', { name: 'ブリーフィングがありません。' })).toBeTruthy();
    await user.click(within(notice).getByRole('button', { name: '元に戻す' }));
    await waitFor(() => expect(api.callsOf('briefings.undoDelete')).toEqual([{ id: 'b1' }]));
    await waitFor(() => expect((screen.getByRole('textbox', { name: '表題' }) as HTMLInputElement).value).toBe('供給網に関する所見'));
  });

  it('exports as a browser download in the browser host: fetched in chunks, saved under the briefing’s name', async () => {
    const files = fakeBrowserFiles();
    try {
      const md = new TextEncoder().encode('# 供給網に関する所見\n\n本文');
      const half = Math.floor(md.length / 2);
      const { api, user } = renderApp({
        ...briefingHandlers(briefingFixture()),
        'briefings.export': (r) => ({
          fileName: '供給網に関する所見.md',
          path: null,
          bytes: md.length,
          format: r.format,
          log: { id: 1, briefingId: 'b1', briefingTitle: 't', format: r.format, path: '供給網に関する所見.md (download)', marking: '', bytes: md.length, author: 'a', exportedAt: '2026-01-10T00:00:00Z' },
          download: { id: 'dddddddddddddddddddd', fileName: '供給網に関する所見.md', mime: 'text/markdown; charset=utf-8', size: md.length },
        }),
        'downloads.read': ({ offset }) => {
          const end = offset === 0 ? half : md.length;
          return { chunkBase64: base64Of(md.subarray(offset, end)), offset, size: md.length, done: end === md.length };
        },
      });
      act(() => useUi.getState().setView('briefing'));
      await act(() => useBriefing.getState().select('b1'));
      await user.click(await screen.findByRole('button', { name: 'Markdown' }));
      await waitFor(() => expect(screen.getByRole('status').textContent).toContain('ダウンロードしました: 供給網に関する所見.md'));
      expect(api.callsOf('briefings.export')).toEqual([{ id: 'b1', format: 'md', target: { download: true }, job: expect.any(String) }]);
      expect(api.callsOf('downloads.read')).toEqual([{ id: 'dddddddddddddddddddd', offset: 0 }, { id: 'dddddddddddddddddddd', offset: half }]);
      expect(files.saved.map((d) => d.fileName)).toEqual(['供給網に関する所見.md']);
      expect(files.saved[0].blob.type).toBe('text/markdown; charset=utf-8');
      expect(new TextDecoder().decode(await blobBytes(files.saved[0].blob))).toBe('# 供給網に関する所見\n\n本文');
      // No path field, no overwrite question: the browser decides where downloads go.
      expect(screen.queryByRole('dialog')).toBeNull();
    } finally {
      files.restore();
    }
  });

  it('cancels a running export: the back end is told its job, the window says no file was written', async () => {
    let fail: (e: unknown) => void = () => undefined;
    const { api, user } = renderApp({
      ...briefingHandlers(briefingFixture()),
      'briefings.export': () => new Promise((_resolve, reject) => (fail = reject)),
      'briefings.exportCancel': () => {
        fail(new ApiError({ code: 'cancelled', message: { ja: '書き出しを取り消しました。', en: 'Cancelled.' } }));
        return { cancelled: true };
      },
    });
    act(() => useUi.getState().setView('briefing'));
    await act(() => useBriefing.getState().select('b1'));
    await user.click(await screen.findByRole('button', { name: 'PDF' }));
    expect(await screen.findByRole('progressbar', { name: '書き出しています…' })).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Word (DOCX)' }) as HTMLButtonElement).disabled).toBe(true);
    await user.click(screen.getByRole('button', { name: '書き出しを取り消す' }));
    const job = (api.callsOf('briefings.export')[0] as { job: string }).job;
    expect(job).toMatch(/^export-/);
    expect(api.callsOf('briefings.exportCancel')).toEqual([{ job }]);
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('書き出しを取り消しました。ファイルは作られていません。'));
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(useBriefing.getState().exportJob).toBeNull();
  });

  it("uses Electron's native save dialog when the preload offers one: the export carries its handle, never a path", async () => {
    const handle = 'hhhhhhhhhhhhhhhhhhhhhhhh';
    const { api, user } = renderApp({
      ...briefingHandlers(briefingFixture()),
      'briefings.export': (r) => ({
        fileName: '所見.docx',
        path: 'C:\\Users\\analyst\\Documents\\所見.docx',
        bytes: 10,
        format: r.format,
        log: { id: 1, briefingId: 'b1', briefingTitle: 't', format: r.format, path: 'C:\\Users\\analyst\\Documents\\所見.docx', marking: '', bytes: 10, author: 'a', exportedAt: '2026-01-10T00:00:00Z' },
        download: null,
      }),
    });
    const asked: unknown[] = [];
    let answer: { handle: string; name: string } | null = null;
    (window as unknown as { workbench: unknown }).workbench = {
      invoke: () => Promise.reject(new Error('not used: the test installs a fake client')),
      saveDialog: async (opts: unknown) => {
        asked.push(opts);
        return answer;
      },
    };
    act(() => useUi.getState().setView('briefing'));
    await act(() => useBriefing.getState().select('b1'));
    // Cancelled dialog: nothing is exported.
    await user.click(await screen.findByRole('button', { name: 'Word (DOCX)' }));
    await waitFor(() => expect(asked).toHaveLength(1));
    expect(api.callsOf('briefings.export')).toEqual([]);
    answer = { handle, name: '所見.docx' };
    await user.click(screen.getByRole('button', { name: 'Word (DOCX)' }));
    await waitFor(() => expect(api.callsOf('briefings.export')).toEqual([{ id: 'b1', format: 'docx', target: { handle }, job: expect.any(String) }]));
    expect(asked[1]).toEqual({ defaultName: '供給網に関する所見.docx', filters: [{ name: 'Word (DOCX)', extensions: ['docx'] }] });
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('書き出しました: C:\\Users\\analyst\\Documents\\所見.docx'));
    expect(api.callsOf('downloads.read')).toEqual([]);
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
