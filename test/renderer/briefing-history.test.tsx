// @vitest-environment jsdom
// The composer and the one undo journal: undo/redo from anywhere reloads the briefings it
// changed (briefingIds), Ctrl+Z in the composer reaches the history unless a field holds unsaved
// text, and an orphaned quote shows where it was last found, in plain words.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { RequestOf } from '../../shared/api/contract';
import type { UndoState } from '../../shared/annotations';
import type { Briefing } from '../../shared/briefing';
import { useBriefing } from '../../renderer/src/stores/briefing';
import { usePreferences } from '../../renderer/src/stores/preferences';
import { useReader } from '../../renderer/src/stores/reader';
import { useUi } from '../../renderer/src/stores/ui';
import { briefingFixture, briefingHandlers, type BriefingBackend } from './briefingFake';
import type { FakeHandlers } from './fakeApi';
import { renderApp } from './setup';

const AT = '2026-01-10T09:00:00Z';

/**
 * A journal over the fake briefing: each header edit is recorded with the briefing before it,
 * undo and redo swap it back in and report the briefing as changed, like electron/annotate.
 */
function journaled(backend: BriefingBackend): FakeHandlers {
  const base = briefingHandlers(backend.current, backend);
  const done: { label: { ja: string; en: string }; before: Briefing | null; after: Briefing | null }[] = [];
  const undone: typeof done = [];
  const state = (): UndoState => ({ undo: done.length ? { label: done.at(-1)!.label, at: AT } : null, redo: undone.length ? { label: undone.at(-1)!.label, at: AT } : null });
  const record = (label: { ja: string; en: string }, before: Briefing | null) => {
    done.push({ label, before, after: backend.current });
    undone.length = 0;
  };
  const replay = (from: typeof done, to: typeof done, which: 'before' | 'after') => {
    const step = from.pop();
    if (!step) return { done: false, kind: null, label: null, annotationIds: [], pillarIds: [], briefingIds: [], state: state() };
    to.push(step);
    backend.current = step[which];
    if (which === 'before' && step.after === null) backend.removed = null;
    return { done: true, kind: 'briefing.update' as const, label: step.label, annotationIds: [], pillarIds: [], briefingIds: ['b1'], state: state() };
  };
  return {
    ...base,
    'briefings.update': (r: RequestOf<'briefings.update'>) => {
      const before = backend.current;
      const out = base['briefings.update']!(r) as { briefing: Briefing };
      record({ ja: 'ブリーフィングの見出し情報を編集', en: 'Edit briefing header' }, before);
      return out;
    },
    'briefings.delete': (r: RequestOf<'briefings.delete'>) => {
      const before = backend.current;
      const out = base['briefings.delete']!(r) as { deleted: { id: string; title: string } };
      record({ ja: 'ブリーフィングを削除', en: 'Delete briefing' }, before);
      return out;
    },
    'history.state': state,
    'history.undo': () => replay(done, undone, 'before'),
    'history.redo': () => replay(undone, done, 'after'),
  };
}

function backendWith(b: Briefing | null): BriefingBackend {
  return { current: b, removed: null, resolvedOverride: new Map() };
}

async function openComposer() {
  act(() => useUi.getState().setView('briefing'));
  await act(() => useBriefing.getState().select('b1'));
  return screen.findByRole('textbox', { name: '取扱区分' }) as Promise<HTMLInputElement>;
}

describe('composer and undo/redo', () => {
  it('Ctrl+Z in a saved field undoes the last briefing change and the composer shows the reverted briefing', async () => {
    const backend = backendWith(briefingFixture());
    const { api, user } = renderApp(journaled(backend));
    const marking = await openComposer();
    await user.type(marking, '取扱注意{Enter}');
    await waitFor(() => expect(api.callsOf('briefings.update')).toEqual([{ id: 'b1', marking: '取扱注意' }]));
    // The composer's own undo bar names the step, once the edit is in the journal.
    const undoButton = await screen.findByRole('button', { name: '↶ 元に戻す' });
    await waitFor(() => expect((undoButton as HTMLButtonElement).disabled).toBe(false));
    expect(undoButton.getAttribute('title')).toBe('ブリーフィングの見出し情報を編集');

    // The field keeps the focus after Enter; its text is saved, so Ctrl+Z is the history's.
    expect(document.activeElement).toBe(marking);
    const gets = api.callsOf('briefings.get').length;
    await user.keyboard('{Control>}z{/Control}');
    await waitFor(() => expect(api.callsOf('history.undo')).toHaveLength(1));
    await waitFor(() => expect(marking.value).toBe(''));
    expect(api.callsOf('briefings.get').length).toBeGreaterThan(gets);
    await waitFor(() => expect((screen.getByTitle('印刷プレビュー') as HTMLIFrameElement).getAttribute('srcdoc')).toContain('<p></p>'));
    expect((await screen.findByRole('status')).textContent).toContain('元に戻しました: ブリーフィングの見出し情報を編集');

    // Redo from the composer's button brings the marking back.
    await user.click(screen.getByRole('button', { name: '↷ やり直す' }));
    await waitFor(() => expect(api.callsOf('history.redo')).toHaveLength(1));
    await waitFor(() => expect(marking.value).toBe('取扱注意'));
  });

  it('leaves Ctrl+Z to a field that holds unsaved text, and takes it from a focused item', async () => {
    const backend = backendWith(briefingFixture());
    const { api, user } = renderApp(journaled(backend));
    const marking = await openComposer();
    await user.type(marking, '取扱注意{Enter}');
    await waitFor(() => expect(api.callsOf('briefings.update')).toHaveLength(1));
    const summary = screen.getByRole('textbox', { name: '要旨' });
    await user.type(summary, '書きかけ');
    fireEvent.keyDown(summary, { key: 'z', ctrlKey: true });
    expect(api.callsOf('history.undo')).toHaveLength(0);

    // Leaving the field saves it (a second journal step); then Cmd+Z on an outline item undoes it.
    const item = screen.getAllByRole('listitem', { name: /項目/ })[0];
    item.focus();
    await waitFor(() => expect(api.callsOf('briefings.update')).toHaveLength(2));
    fireEvent.keyDown(item, { key: 'z', metaKey: true });
    await waitFor(() => expect(api.callsOf('history.undo')).toHaveLength(1));
    await waitFor(() => expect((screen.getByRole('textbox', { name: '要旨' }) as HTMLTextAreaElement).value).toBe(''));
    expect(marking.value).toBe('取扱注意');
  });

  it('an undo from the inspector brings back a deleted briefing, which the composer then shows', async () => {
    const backend = backendWith(briefingFixture());
    const { api, user } = renderApp(journaled(backend));
    await openComposer();
    await user.click(screen.getByRole('button', { name: '削除' }));
    expect(await screen.findByRole('heading', { name: 'ブリーフィングがありません。' })).toBeTruthy();

    await user.click(screen.getByRole('tab', { name: '閲覧' }));
    const inspector = screen.getByRole('complementary', { name: 'インスペクタ' });
    const undo = within(inspector).getByRole('button', { name: '↶ 元に戻す' }) as HTMLButtonElement;
    await waitFor(() => expect(undo.disabled).toBe(false));
    await user.click(undo);
    await waitFor(() => expect(api.callsOf('history.undo')).toHaveLength(1));
    await waitFor(() => expect(useBriefing.getState().currentId).toBe('b1'));
    await user.click(screen.getByRole('tab', { name: 'ブリーフィング' }));
    expect((await screen.findByRole('textbox', { name: '表題' }) as HTMLInputElement).value).toBe('供給網に関する所見');
  });

  it('an undo that did not touch the open briefing does not refetch it', async () => {
    const backend = backendWith(briefingFixture());
    const { api } = renderApp({
      ...briefingHandlers(backend.current, backend),
      'history.undo': () => ({ done: true, kind: 'annotation.create' as const, label: { ja: '注釈を追加', en: 'Add annotation' }, annotationIds: ['a1'], pillarIds: [], briefingIds: [], state: { undo: null, redo: null } }),
    });
    await openComposer();
    const gets = api.callsOf('briefings.get').length;
    fireEvent.keyDown(document.body, { key: 'z', ctrlKey: true });
    await waitFor(() => expect(api.callsOf('history.undo')).toHaveLength(1));
    await screen.findByRole('status');
    expect(api.callsOf('briefings.get').length).toBe(gets);
  });
});

describe('orphaned items in the composer', () => {
  const orphan = (lastKnown: NonNullable<import('../../shared/briefing').ResolvedItem['lastKnown']>) => {
    const backend = backendWith(briefingFixture());
    backend.resolvedOverride.set('i1', { kind: 'annotation', status: 'orphaned', citation: null, sourceNumber: null, lastKnown });
    return backend;
  };

  it('says where the quote was last found, as something to check, and opens that document', async () => {
    const backend = orphan({ documentId: 'minutes', documentTitle: '第1回経済安全保障推進会議 議事要旨', issuer: '経済安全保障推進会議', date: '2021-11-19', locator: 3 });
    const { user } = renderApp(briefingHandlers(backend.current, backend));
    await openComposer();
    const [first, second] = screen.getAllByRole('listitem', { name: /項目/ });
    expect(first.textContent).toContain('出典の文書が変更され、引用箇所を特定できません。');
    expect(first.textContent).toContain('最後に確認された場所: 『第1回経済安全保障推進会議 議事要旨』（2021年11月19日）、文3');
    expect(first.textContent).toContain('今の原文で同じ場所にあるとは限りません。');
    expect(second.textContent).not.toContain('最後に確認された場所');

    act(() => usePreferences.setState({ language: 'en' }));
    await waitFor(() => expect(first.textContent).toContain('Last found in: “第1回経済安全保障推進会議 議事要旨” (19 Nov 2021), statement 3'));
    act(() => usePreferences.setState({ language: 'ja' }));

    await user.click(within(first).getByRole('button', { name: 'この文書を開く' }));
    await waitFor(() => expect(useReader.getState().documentId).toBe('minutes'));
    expect(useUi.getState().view).toBe('reader');
  });

  it('names a document no longer in the library plainly, with nothing to open', async () => {
    const backend = orphan({ documentId: 'old-white-paper', documentTitle: null, issuer: null, date: null, locator: null });
    renderApp(briefingHandlers(backend.current, backend));
    await openComposer();
    const first = screen.getAllByRole('listitem', { name: /項目/ })[0];
    expect(first.textContent).toContain('最後に確認された場所: ライブラリにない文書（ID old-white-paper）');
    expect(first.textContent).toContain('その文書は今のライブラリにないため、確かめられません。');
    expect(within(first).queryByRole('button', { name: 'この文書を開く' })).toBeNull();
  });
});
