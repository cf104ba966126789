// @vitest-environment jsdom
// Annotating in the reader: the selection popover (pillars with suggestions and evidence, the
// annotation form, A and 1–4), highlights coloured by pillar with overlaps kept readable, the
// inspector's suggestions (accept / reject) and undo/redo.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { RequestOf } from '../../shared/api/contract';
import type { Annotation } from '../../shared/annotations';
import { useReader } from '../../renderer/src/stores/reader';
import { annotation, DOCUMENTS, MINUTES_STATEMENTS } from './fixtures';
import { renderApp } from './setup';
import type { FakeHandlers } from './fakeApi';

const REMARK = MINUTES_STATEMENTS[2]; // サプライチェーンの強靱化に取り組む。

function withStore(initial: Annotation[] = []): { store: Annotation[]; handlers: FakeHandlers } {
  const store = [...initial];
  return {
    store,
    handlers: {
      'annotations.list': (r) => ({ annotations: store.filter((a) => !r.documentId || a.documentId === r.documentId) }),
      'annotations.create': (r) => {
        const s = MINUTES_STATEMENTS.find((x) => x.id === r.statementId)!;
        const a = annotation(s, { ...(r.start !== undefined ? { start: r.start, end: r.end } : {}), comment: r.comment ?? '', tags: r.tags ?? [], pillarIds: r.pillarIds ?? [] });
        store.push(a);
        return { annotation: a };
      },
      'annotations.update': (r) => {
        const a = store.find((x) => x.id === r.id)!;
        Object.assign(a, { pillarIds: r.pillarIds ?? a.pillarIds, comment: r.comment ?? a.comment, tags: r.tags ?? a.tags });
        return { annotation: a };
      },
      'suggestions.forText': () => ({ suggestions: [{ pillar: 'supply-chain', score: 0.8, evidence: [{ term: 'サプライチェーン', start: 0, end: 8 }] }] }),
    },
  };
}

async function openMinutes(user: ReturnType<typeof renderApp>['user']) {
  await user.click(await screen.findByRole('button', { name: /第1回経済安全保障推進会議 議事要旨/ }));
  await waitFor(() => expect(document.querySelector(`[data-statement-id="${REMARK.id}"]`)).toBeTruthy());
}

function select(statementId: string, from: number, to: number) {
  const runs = [...document.querySelectorAll<HTMLElement>(`[data-statement-id="${statementId}"] [data-run-start]`)];
  const at = (offset: number) => {
    const r = runs.find((x) => offset >= Number(x.dataset.runStart) && offset <= Number(x.dataset.runStart) + (x.textContent ?? '').length)!;
    return { node: r.firstChild!, offset: offset - Number(r.dataset.runStart) };
  };
  const range = document.createRange();
  const a = at(from);
  const b = at(to);
  range.setStart(a.node, a.offset);
  range.setEnd(b.node, b.offset);
  const sel = window.getSelection()!;
  sel.removeAllRanges();
  sel.addRange(range);
  fireEvent.mouseUp(runs[0]);
}

describe('annotating a selection', () => {
  it('offers the pillars with the suggested one flagged and its evidence, and links on click', async () => {
    const { store, handlers } = withStore();
    const { api, user } = renderApp(handlers);
    await openMinutes(user);
    select(REMARK.id, 0, 12); // サプライチェーンの強靱化
    const popover = await screen.findByRole('dialog', { name: '選択範囲の操作' });
    expect(popover.textContent).toContain('「サプライチェーンの強靱化」');
    await waitFor(() => expect(within(popover).getByRole('button', { name: /サプライチェーン強靱化/ }).textContent).toContain('候補'));
    expect(popover.textContent).toContain('根拠: サプライチェーン');
    await user.click(within(popover).getByRole('button', { name: /基幹インフラ/ }));
    expect(api.callsOf('annotations.create')).toEqual([{ statementId: REMARK.id, quote: 'サプライチェーンの強靱化', start: 0, end: 12, pillarIds: ['infrastructure'] }]);
    await waitFor(() => expect(screen.queryByRole('dialog', { name: '選択範囲の操作' })).toBeNull());
    // The new highlight is drawn in the pillar's colour.
    const hl = await waitFor(() => {
      const el = document.querySelector<HTMLElement>(`[data-statement-id="${REMARK.id}"] .hl`);
      if (!el) throw new Error('no highlight yet');
      return el;
    });
    expect(hl.textContent).toBe('サプライチェーンの強靱化');
    expect(hl.dataset.annotations).toBe(store[0].id);
  });

  it('opens the annotation form with A, with suggested pillars ticked, and saves comment and tags', async () => {
    const { handlers } = withStore();
    const { api, user } = renderApp(handlers);
    await openMinutes(user);
    select(REMARK.id, 0, 8);
    await screen.findByRole('dialog', { name: '選択範囲の操作' });
    await waitFor(() => expect(screen.getByRole('dialog').textContent).toContain('候補'));
    fireEvent.keyDown(document.body, { key: 'a' });
    const comment = await screen.findByRole('textbox', { name: 'コメント' });
    await waitFor(() => expect(document.activeElement).toBe(comment));
    await user.type(comment, '供給網の脆弱性に触れている');
    await user.type(screen.getByRole('textbox', { name: 'タグ' }), '半導体, 重要物資');
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(api.callsOf('annotations.create')).toEqual([
      { statementId: REMARK.id, quote: 'サプライチェーン', start: 0, end: 8, comment: '供給網の脆弱性に触れている', tags: ['半導体', '重要物資'], pillarIds: ['supply-chain'] },
    ]);
  });

  it('keeps the analyst\'s own pillar choice, even an empty one, when the suggestions come after it', async () => {
    const { handlers } = withStore();
    let answer: (v: { suggestions: { pillar: string; score: number; evidence: { term: string; start: number; end: number }[] }[] }) => void = () => undefined;
    handlers['suggestions.forText'] = () => new Promise((resolve) => (answer = resolve));
    const { api, user } = renderApp(handlers);
    await openMinutes(user);
    select(REMARK.id, 0, 8);
    await screen.findByRole('dialog', { name: '選択範囲の操作' });
    fireEvent.keyDown(document.body, { key: 'a' });
    await screen.findByRole('textbox', { name: 'コメント' });
    // Ticked, then unticked: the analyst wants no pillar on this one.
    const patents = screen.getByRole('button', { name: /特許出願の非公開/ });
    await user.click(patents);
    expect(patents.getAttribute('aria-pressed')).toBe('true');
    await user.click(patents);
    expect(patents.getAttribute('aria-pressed')).toBe('false');
    await act(async () => answer({ suggestions: [{ pillar: 'supply-chain', score: 0.8, evidence: [{ term: 'サプライチェーン', start: 0, end: 8 }] }] }));
    // The suggestion is shown, but ticks nothing the analyst has decided on.
    await waitFor(() => expect(screen.getByRole('dialog').textContent).toContain('候補'));
    expect(screen.getByRole('button', { name: /サプライチェーン強靱化/ }).getAttribute('aria-pressed')).toBe('false');
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(api.callsOf('annotations.create')).toEqual([expect.objectContaining({ statementId: REMARK.id, pillarIds: [] })]);
  });

  it('moves the popover with the text when the reader scrolls', async () => {
    const { handlers } = withStore();
    const { user } = renderApp(handlers);
    await openMinutes(user);
    select(REMARK.id, 0, 8);
    act(() => useReader.getState().setSelection({ ...useReader.getState().selection!, rect: { top: 300, bottom: 320, left: 100, right: 200 } }));
    const popover = await screen.findByRole('dialog', { name: '選択範囲の操作' });
    const before = parseFloat(popover.style.top);
    const body = screen.getByLabelText(/^本文（/);
    act(() => {
      body.scrollTop = 100;
      fireEvent.scroll(body);
    });
    expect(parseFloat(screen.getByRole('dialog', { name: '選択範囲の操作' }).style.top)).toBe(before - 100);
  });

  it('links the whole current statement to pillar 2 with the 2 key', async () => {
    const { handlers } = withStore();
    const { api, user } = renderApp(handlers);
    await openMinutes(user);
    fireEvent.click(document.querySelector(`[data-statement-id="${REMARK.id}"]`)!);
    fireEvent.keyDown(document.body, { key: '2' });
    await waitFor(() => expect(api.callsOf('annotations.create')).toEqual([{ statementId: REMARK.id, pillarIds: ['infrastructure'] }]));
    // Shown as a pillar label beside the statement.
    await waitFor(() => expect(document.querySelector(`[data-statement-id="${REMARK.id}"] .st-links`)?.textContent).toContain('基幹インフラの安全性・信頼性'));
  });

  it('keeps overlapping highlights readable: the shared run carries both', async () => {
    const a = annotation(REMARK, { start: 0, end: 12, pillarIds: ['supply-chain'] });
    const b = annotation(REMARK, { start: 9, end: 17, pillarIds: ['tech-protection'] });
    const { handlers } = withStore([a, b]);
    const { user } = renderApp(handlers);
    await openMinutes(user);
    const overlap = await waitFor(() => {
      const el = document.querySelector<HTMLElement>(`[data-statement-id="${REMARK.id}"] .hl-overlap`);
      if (!el) throw new Error('no overlap yet');
      return el;
    });
    expect(overlap.textContent).toBe('強靱化');
    expect(overlap.dataset.annotations).toBe(`${a.id} ${b.id}`);
    // Two colour bands, one per pillar.
    expect(overlap.dataset.colors).toBe('#2e7d5b #c0641a');
  });
});

describe('inspector', () => {
  it('edits an annotation in place: comment, tags and pillars', async () => {
    const a = annotation(REMARK, { start: 0, end: 8, pillarIds: ['supply-chain'], tags: ['半導体'] });
    const { handlers } = withStore([a]);
    const { api, user } = renderApp(handlers);
    await openMinutes(user);
    act(() => useReader.getState().setCurrent(REMARK.id));
    const inspector = screen.getByRole('complementary', { name: 'インスペクタ' });
    const tags = (await within(inspector).findByRole('textbox', { name: 'タグ' })) as HTMLInputElement;
    expect(tags.value).toBe('半導体');
    await user.clear(tags);
    await user.type(tags, '半導体、重要物資{Enter}');
    await waitFor(() => expect(api.callsOf('annotations.update')).toContainEqual({ id: a.id, tags: ['半導体', '重要物資'] }));
    await user.click(within(inspector).getByRole('button', { name: /特許出願の非公開/ }));
    await waitFor(() => expect(api.callsOf('annotations.update')).toContainEqual({ id: a.id, pillarIds: ['supply-chain', 'patents'] }));
    const comment = within(inspector).getByRole('textbox', { name: 'コメント' });
    await user.type(comment, '要確認');
    comment.blur();
    await waitFor(() => expect(api.callsOf('annotations.update')).toContainEqual({ id: a.id, comment: '要確認' }));
  });

  it('shows suggestions with evidence and accepts or rejects them', async () => {
    const { handlers } = withStore();
    const { api, user } = renderApp({
      ...handlers,
      'suggestions.forStatement': () => ({
        suggestions: [
          { pillar: 'supply-chain', score: 0.9, evidence: [{ term: 'サプライチェーン', start: 0, end: 8 }, { term: '強靱化', start: 9, end: 12 }], linked: false, rejected: false },
          { pillar: 'patents', score: 0.3, evidence: [{ term: '取り組む', start: 13, end: 17 }], linked: false, rejected: false },
        ],
      }),
      'suggestions.accept': (r) => ({ annotation: annotation(REMARK, { pillarIds: [r.pillarId] }), created: true }),
      'suggestions.reject': () => ({ ok: true as const }),
    });
    await openMinutes(user);
    act(() => useReader.getState().setCurrent(REMARK.id));
    const inspector = screen.getByRole('complementary', { name: 'インスペクタ' });
    const section = await within(inspector).findByText('柱の候補');
    const list = section.parentElement!;
    await waitFor(() => expect(list.textContent).toContain('根拠: サプライチェーン、強靱化'));
    await user.click(within(list).getAllByRole('button', { name: '採用' })[0]);
    await user.click(within(list).getAllByRole('button', { name: '却下' })[1]);
    expect(api.callsOf('suggestions.accept')).toEqual([{ statementId: REMARK.id, pillarId: 'supply-chain' }]);
    expect(api.callsOf('suggestions.reject')).toEqual([{ statementId: REMARK.id, pillarId: 'patents' }]);
  });

  it('undoes and redoes with Ctrl+Z and Ctrl+Shift+Z, naming what was undone', async () => {
    const label = { ja: '注釈を追加', en: 'Add annotation' };
    const state = { undo: { label, at: '2026-01-01T00:00:00Z' }, redo: null };
    const { api, user } = renderApp({
      'history.state': () => state,
      'history.undo': () => ({ done: true, kind: 'annotation.create' as const, label, annotationIds: ['a1'], pillarIds: [], state: { undo: null, redo: { label, at: '2026-01-01T00:00:00Z' } } }),
      'history.redo': () => ({ done: true, kind: 'annotation.create' as const, label, annotationIds: ['a1'], pillarIds: [], state }),
    });
    await openMinutes(user);
    fireEvent.keyDown(document.body, { key: 'z', ctrlKey: true });
    await waitFor(() => expect(api.callsOf('history.undo')).toHaveLength(1));
    expect((await screen.findByRole('status')).textContent).toContain('元に戻しました: 注釈を追加');
    fireEvent.keyDown(document.body, { key: 'Z', ctrlKey: true, shiftKey: true });
    await waitFor(() => expect(api.callsOf('history.redo')).toHaveLength(1));
    // Typing in a field keeps the browser's own undo.
    const filter = screen.getByRole('searchbox', { name: 'タイトルで絞り込み' });
    fireEvent.keyDown(filter, { key: 'z', ctrlKey: true });
    expect(api.callsOf('history.undo')).toHaveLength(1);
    expect((api.callsOf('annotations.list') as RequestOf<'annotations.list'>[]).length).toBeGreaterThan(0);
  });

  it('an undone import lets go of its document in the reader', async () => {
    const label = { ja: '文書を取り込み（議事要旨）', en: 'Import "minutes"' };
    let present = true;
    const { api, user } = renderApp({
      'documents.list': () => ({ documents: present ? DOCUMENTS : DOCUMENTS.filter((d) => d.id !== REMARK.documentId) }),
      'history.state': () => ({ undo: { label, at: '2026-01-01T00:00:00Z' }, redo: null }),
      'history.undo': () => {
        present = false;
        return { done: true, kind: 'document.import' as const, label, annotationIds: [], pillarIds: [], state: { undo: null, redo: { label, at: '2026-01-01T00:00:00Z' } } };
      },
    });
    await openMinutes(user);
    const reads = api.callsOf('statements.list').length;
    fireEvent.keyDown(document.body, { key: 'z', ctrlKey: true });
    await waitFor(() => expect(useReader.getState().documentId).toBeNull());
    expect(document.querySelector(`[data-statement-id="${REMARK.id}"]`)).toBeNull();
    // Taken out without asking the back end for the document it no longer has.
    expect(api.callsOf('statements.list')).toHaveLength(reads);
  });

  it('marks a version kept by a bundle merge as a conflict, naming the annotation it conflicts with and leading to it', async () => {
    const OTHER = MINUTES_STATEMENTS[1];
    const ours = annotation(OTHER, { comment: 'A の見解' });
    const theirs = annotation(REMARK, { id: `${ours.id}.conflict-0123456789ab`, comment: 'B の見解', tags: ['chips', `conflict-of:${ours.id}`] });
    const lonely = annotation(REMARK, { id: 'x.conflict-ffffffffffff', comment: '相手なし', tags: ['conflict-of:gone-annotation'] });
    const { handlers } = withStore([ours, theirs, lonely]);
    const { user } = renderApp(handlers);
    await openMinutes(user);
    act(() => useReader.getState().setCurrent(REMARK.id));
    const inspector = screen.getByRole('complementary', { name: 'インスペクタ' });
    const notes = await within(inspector).findAllByRole('note');
    expect(notes.map((n) => n.textContent)).toEqual([
      `⚠ 競合: 別のワークスペースでの版です（こちらの注釈 ${ours.id} と両方を残しています） 相手の注釈を表示`,
      '⚠ 競合: 別のワークスペースでの版です（こちらの注釈 gone-annotation と両方を残しています） 元の注釈は見つかりません（削除されたか、別の文書にあります）',
    ]);
    // Our own annotation is not marked; the conflicting version leads to it.
    await user.click(within(notes[0]).getByRole('button', { name: '相手の注釈を表示' }));
    await waitFor(() => expect(useReader.getState().currentStatementId).toBe(OTHER.id));
    await waitFor(() => expect(document.activeElement?.id).toBe(`annotation-card-${ours.id}`));
    expect(within(document.getElementById(`annotation-card-${ours.id}`)!).queryByRole('note')).toBeNull();
  });
});
