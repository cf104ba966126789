// @vitest-environment jsdom
// The search panel: searches as the analyst types, never during an IME composition (and the
// Enter confirming a conversion opens nothing), drops stale answers, marks matched spans,
// filters by facet, moves with the arrow keys, opens hits, and virtualises huge result sets.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestOf } from '../../shared/api/contract';
import type { SearchHit, SearchResult } from '../../shared/search';
import { useReader } from '../../renderer/src/stores/reader';
import { useSearch } from '../../renderer/src/stores/search';
import { MINUTES_STATEMENTS } from './fixtures';
import { renderApp } from './setup';

function hit(i: number, text = MINUTES_STATEMENTS[2].text): SearchHit {
  const at = text.indexOf('強靱化');
  return {
    statementId: i === 0 ? 'minutes:s2' : `minutes:s${i}`,
    documentId: 'minutes',
    documentTitle: '第1回経済安全保障推進会議 議事要旨',
    headingPath: ['議事の概要'],
    speaker: '経済産業大臣',
    text,
    snippet: [
      { text: text.slice(0, at), mark: false },
      { text: '強靱化', mark: true },
      { text: text.slice(at + 3), mark: false },
    ],
    score: 10 - i,
    matches: [[at, at + 3]],
  };
}

function result(query: string, total: number, offset = 0, limit = 200): SearchResult {
  const count = Math.max(0, Math.min(limit, total - offset));
  return {
    query,
    total,
    tookMs: 1.2,
    hits: Array.from({ length: count }, (_, i) => hit(offset + i)),
    facets: { documents: [{ id: 'minutes', label: '第1回経済安全保障推進会議 議事要旨', count: total }], pillars: [], speakers: [{ id: '経済産業大臣', label: '経済産業大臣', count: total }], tags: [] },
    expansions: [{ term: '強靭化', variants: ['強靱化'] }],
    messages: [],
    ranking: 'bm25',
  };
}

// jsdom has no layout: give the results list a viewport so the virtualiser renders a window.
const sized = (axis: 'clientHeight' | 'clientWidth', px: number) => {
  const real = Object.getOwnPropertyDescriptor(Element.prototype, axis)!;
  return {
    install: () =>
      Object.defineProperty(HTMLElement.prototype, axis, {
        configurable: true,
        get(this: HTMLElement) {
          return this.classList.contains('hits') ? px : real.get!.call(this);
        },
      }),
    remove: () => delete (HTMLElement.prototype as unknown as Record<string, unknown>)[axis],
  };
};
const shims = [sized('clientHeight', 600), sized('clientWidth', 800)];
beforeAll(() => shims.forEach((s) => s.install()));
afterAll(() => shims.forEach((s) => s.remove()));

const box = () => screen.getByRole('combobox', { name: '全文検索' });

describe('search', () => {
  it('searches on every keystroke and marks the matched spans', async () => {
    const { api, user } = renderApp({ 'search.query': (r) => result(r.query, r.query.includes('強靭') ? 3 : 0) });
    await user.type(box(), '強靭化');
    expect(api.callsOf('search.query').map((r) => (r as RequestOf<'search.query'>).query)).toEqual(['強', '強靭', '強靭化']);
    const list = await screen.findByRole('listbox', { name: '検索結果' });
    expect(screen.getByText('3 件')).toBeTruthy();
    expect(within(list).getAllByText('強靱化', { selector: 'mark' }).length).toBeGreaterThan(0);
    expect(screen.getByText(/あわせて検索: 強靭化 → 強靱化/)).toBeTruthy();
  });

  it('waits for an IME composition to end, and the Enter that confirms it opens nothing', async () => {
    const { api } = renderApp({ 'search.query': (r) => result(r.query, 2) });
    const input = box();
    input.focus();
    fireEvent.compositionStart(input);
    fireEvent.change(input, { target: { value: 'きょうじん' }, nativeEvent: { isComposing: true } });
    fireEvent.change(input, { target: { value: '強靭' } });
    // The conversion is confirmed with Enter while still composing (Chromium: isComposing, Safari: 229).
    fireEvent.keyDown(input, { key: 'Enter', isComposing: true });
    fireEvent.keyDown(input, { key: 'Enter', keyCode: 229 });
    expect(api.callsOf('search.query')).toEqual([]);
    expect((input as HTMLInputElement).value).toBe('強靭');
    fireEvent.compositionEnd(input, { data: '強靭' });
    await waitFor(() => expect(api.callsOf('search.query')).toEqual([{ query: '強靭', limit: 50, offset: 0, expandVariants: true }]));
    await screen.findByText('2 件');
    expect(useReader.getState().documentId).toBeNull();
    // A real Enter, after the composition, opens the top hit.
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(useReader.getState().currentStatementId).toBe('minutes:s2'));
    const at = MINUTES_STATEMENTS[2].text.indexOf('強靱化');
    expect(useReader.getState().matches?.spans).toEqual([[at, at + 3]]);
  });

  it('keeps the newest answer when an older, slower one arrives last', async () => {
    const slow: ((r: SearchResult) => void)[] = [];
    const { user } = renderApp({
      'search.query': (r) => (r.query === '強' ? new Promise<SearchResult>((resolve) => slow.push(resolve)) : result(r.query, 5)),
    });
    await user.type(box(), '強靭');
    await screen.findByText('5 件');
    await act(async () => slow[0](result('強', 999)));
    expect(screen.queryByText('999 件')).toBeNull();
    expect(useSearch.getState().query).toBe('強靭');
  });

  it('moves through hits with the arrow keys and opens the active one', async () => {
    const { user } = renderApp({ 'search.query': (r) => result(r.query, 4) });
    await user.type(box(), '強靭化');
    await screen.findByText('4 件');
    await user.keyboard('{Escape}{ArrowDown}{ArrowDown}');
    expect(useSearch.getState().active).toBe(2);
    expect(document.getElementById('hit-2')?.getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{ArrowUp}{Enter}');
    await waitFor(() => expect(useReader.getState().currentStatementId).toBe('minutes:s1'));
  });

  it('filters by a facet when it is clicked, showing the filter in the query', async () => {
    const { api, user } = renderApp({ 'search.query': (r) => result(r.query, 4) });
    await user.type(box(), '強靭化');
    await screen.findByText('4 件');
    await user.click(within(screen.getByRole('region', { name: '発言者' })).getByRole('button', { name: /経済産業大臣/ }));
    expect((box() as HTMLInputElement).value).toBe('強靭化 speaker:経済産業大臣');
    expect((api.callsOf('search.query').at(-1) as RequestOf<'search.query'>).query).toBe('強靭化 speaker:経済産業大臣');
    expect(within(screen.getByRole('region', { name: '発言者' })).getByRole('button', { name: /経済産業大臣/ }).getAttribute('aria-pressed')).toBe('true');
  });

  it('renders only a window of a 12,000-hit result and fetches pages on demand', async () => {
    const { api, user } = renderApp({ 'search.query': (r) => result(r.query, 12_000, r.offset, r.limit) });
    await user.type(box(), '技');
    await screen.findByText('12,000 件');
    const list = screen.getByRole('listbox', { name: '検索結果' });
    expect(list.querySelectorAll('.hit').length).toBeLessThan(40);
    expect(api.callsOf('search.query')).toHaveLength(1);
    // Scrolling far down fetches the page the new window needs, and only that page.
    act(() => {
      list.scrollTop = 5_000 * 96;
      fireEvent.scroll(list);
    });
    await waitFor(() => expect(api.callsOf('search.query').map((r) => (r as RequestOf<'search.query'>).offset)).toContain(5_000 - (5_000 % 50)));
  });

  it('offers suggestions as you type and inserts the chosen one', async () => {
    const { user } = renderApp({
      'search.query': (r) => result(r.query, 1),
      'search.suggest': () => ({ suggestions: [{ kind: 'term', value: 'サプライチェーン', label: 'サプライチェーン', score: 3 }] }),
    });
    await user.type(box(), 'サプ');
    const option = await within(await screen.findByRole('listbox', { name: '入力候補' })).findByRole('option', { name: /サプライチェーン/ });
    expect(option).toBeTruthy();
    await user.keyboard('{ArrowDown}{Enter}');
    expect((box() as HTMLInputElement).value).toBe('サプライチェーン ');
  });

  it('explains the query language in a popover', async () => {
    const { user } = renderApp();
    await user.click(screen.getByRole('button', { name: '検索式のヘルプ' }));
    const help = screen.getByRole('dialog', { name: '検索式' });
    expect(help.textContent).toContain('技術 -防衛');
    expect(help.textContent).toContain('speaker:外務大臣');
    expect(help.textContent).toContain('強靭/強靱');
  });

  it('saves a search to the library and runs it again from there', async () => {
    const { api, user } = renderApp({ 'search.query': (r) => result(r.query, 2) });
    await user.type(box(), '強靭化 -防衛');
    await screen.findByText('2 件');
    await user.click(screen.getByRole('button', { name: '検索を保存' }));
    const saved = within(screen.getByRole('region', { name: '保存した検索' })).getByRole('button', { name: '強靭化 -防衛' });
    await user.clear(box());
    const before = api.callsOf('search.query').length;
    await user.click(saved);
    await waitFor(() => expect(api.callsOf('search.query').length).toBe(before + 1));
    expect((box() as HTMLInputElement).value).toBe('強靭化 -防衛');
    // Kept between runs.
    expect(localStorage.getItem('workbench.preferences')).toContain('強靭化 -防衛');
  });

  it('says so plainly when nothing matches', async () => {
    const { user } = renderApp({ 'search.query': (r) => result(r.query, 0) });
    await user.type(box(), '量子');
    expect(await screen.findByText('「量子」に一致する発言はありません。表記を変えるか、条件を減らしてください。')).toBeTruthy();
  });
});
