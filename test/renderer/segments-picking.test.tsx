// @vitest-environment jsdom
// The coded-segments view's picking (checkbox, Space, all in view, "add N to section" sending the
// picked ids in the order picked, then clearing) and its multi-value filters (tags and documents
// as chips: Enter adds, × and Backspace remove, the Enter that ends an IME conversion adds
// nothing, a title naming no document is refused), each checked on the request the API gets.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestOf } from '../../shared/api/contract';
import type { CodedSegment } from '../../shared/retrieval';
import { SegmentsView } from '../../renderer/src/components/retrieval/SegmentsView';
import { useBriefing } from '../../renderer/src/stores/briefing';
import { useRetrieval } from '../../renderer/src/stores/retrieval';
import { useLibrary } from '../../renderer/src/stores/library';
import { briefingFixture } from './briefingFake';
import { DOCUMENTS } from './fixtures';
import { renderWith, resetAlso } from './setup';

resetAlso(useRetrieval);

function segment(i: number): CodedSegment {
  return {
    annotationId: `ann-${i}`,
    documentId: DOCUMENTS[0].id,
    documentTitle: DOCUMENTS[0].title,
    statementId: `st-${i}`,
    offsets: { start: 0, end: 4, docStart: 0, docEnd: 4 },
    scope: 'span',
    quote: `引用${i}`,
    before: '',
    after: '',
    comment: '',
    tags: [],
    pillars: [],
    importance: null,
    author: 'analyst',
    date: '2021-11-19',
    speaker: null,
    citation: { documentId: DOCUMENTS[0].id, documentTitle: DOCUMENTS[0].title, issuer: null, date: null, statementId: `st-${i}`, locator: i + 1, speaker: null, headingPath: [] },
    citationText: { ja: `文${i + 1}`, en: `stmt. ${i + 1}` },
    createdAt: '2026-12-01T00:00:00Z',
    updatedAt: '2026-12-01T00:00:00Z',
  };
}
const SEGMENTS = [0, 1, 2].map(segment);

// jsdom has no layout: give the list a viewport so the virtualiser renders its rows.
const real = Object.getOwnPropertyDescriptor(Element.prototype, 'clientHeight')!;
beforeAll(() =>
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('segments-scroll') ? 600 : real.get!.call(this);
    },
  }),
);
afterAll(() => delete (HTMLElement.prototype as unknown as Record<string, unknown>).clientHeight);

function renderView() {
  const briefing = briefingFixture();
  const r = renderWith(<SegmentsView />, {
    'retrieval.segments': () => ({ total: SEGMENTS.length, items: SEGMENTS, nextCursor: null }),
    'tags.list': () => ({ tags: [{ tag: '半導体', count: 2 }] }),
    'retrieval.segments.toBriefing': (req) => ({ briefing, itemIds: req.annotationIds.map((id) => `itm-${id}`) }),
    'briefings.get': () => ({ briefing, resolved: { ...briefing, id: briefing.id, sections: [], sources: [], unresolved: 0 } }),
  });
  act(() => {
    useBriefing.setState({ briefing, currentId: briefing.id });
    useLibrary.setState({ documents: DOCUMENTS });
  });
  return r;
}

const lastFilter = (api: ReturnType<typeof renderView>['api']) => (api.callsOf('retrieval.segments').at(-1) as RequestOf<'retrieval.segments'>).filter;

describe('picking segments', () => {
  it('checkbox and Space pick; "add N to section" sends the picked ids in the order picked, then clears', async () => {
    const { api, user } = renderView();
    const rows = await screen.findAllByTestId('segment');
    expect(rows).toHaveLength(3);
    await user.click(within(rows[2]).getByTestId('segment-pick'));
    rows[0].focus();
    fireEvent.keyDown(rows[0], { key: ' ' });
    await waitFor(() => expect(screen.getByTestId('segments-picked').textContent).toBe('2 件選択中'));
    // Space again unpicks; the checkbox follows.
    fireEvent.keyDown(rows[0], { key: ' ' });
    await waitFor(() => expect((within(rows[0]).getByTestId('segment-pick') as HTMLInputElement).checked).toBe(false));
    fireEvent.keyDown(rows[0], { key: ' ' });
    expect(screen.getByTestId('segments-to-briefing').textContent).toBe('選択した 2 件をセクションに追加');
    // A click on the checkbox picks; it does not open the reader.
    expect(api.callsOf('documents.get')).toEqual([]);
    await user.click(screen.getByTestId('segments-to-briefing'));
    await waitFor(() => expect(api.callsOf('retrieval.segments.toBriefing')).toEqual([{ sectionId: briefingFixture().sections[0].id, annotationIds: ['ann-2', 'ann-0'] }]));
    await waitFor(() => expect(screen.getByTestId('segments-picked').textContent).toBe('0 件選択中'));
    expect(screen.getByTestId('segments-to-briefing').textContent).toBe('セクションに追加');
  });

  it('"pick all in view" picks every row shown; "clear picks" unpicks them', async () => {
    const { user } = renderView();
    await screen.findAllByTestId('segment');
    await user.click(screen.getByRole('button', { name: '表示中をすべて選択' }));
    expect(screen.getByTestId('segments-picked').textContent).toBe('3 件選択中');
    expect(screen.getAllByTestId('segment-pick').every((c) => (c as HTMLInputElement).checked)).toBe(true);
    await user.click(screen.getByRole('button', { name: '選択を解除' }));
    expect(screen.getAllByTestId('segment-pick').some((c) => (c as HTMLInputElement).checked)).toBe(false);
  });
});

describe('multi-value filters', () => {
  it('tags and documents as chips: Enter adds, × and Backspace remove, each change a new request', async () => {
    const { api, user } = renderView();
    await screen.findAllByTestId('segment');
    const tags = within(screen.getByTestId('filter-tags')).getByRole('combobox');
    await user.type(tags, '半導体{Enter}');
    await user.type(tags, '重点{Enter}');
    await waitFor(() => expect(lastFilter(api)).toEqual({ tags: ['半導体', '重点'] }));
    const docs = within(screen.getByTestId('filter-documents')).getByRole('combobox');
    await user.type(docs, `${DOCUMENTS[0].title}{Enter}`);
    await user.type(docs, `${DOCUMENTS[1].title}{Enter}`);
    await waitFor(() => expect(lastFilter(api)).toEqual({ tags: ['半導体', '重点'], documents: [DOCUMENTS[0].id, DOCUMENTS[1].id] }));
    expect(screen.getByTestId('segments-logic').textContent).toContain('（AND）');

    await user.click(screen.getByRole('button', { name: '「半導体」を外す' }));
    await waitFor(() => expect(lastFilter(api)).toEqual({ tags: ['重点'], documents: [DOCUMENTS[0].id, DOCUMENTS[1].id] }));
    await user.type(docs, '{Backspace}');
    await waitFor(() => expect(lastFilter(api)).toEqual({ tags: ['重点'], documents: [DOCUMENTS[0].id] }));
  });

  it('the Enter that confirms an IME conversion adds nothing; an unknown title is refused by name', async () => {
    const { api, user } = renderView();
    await screen.findAllByTestId('segment');
    const before = api.callsOf('retrieval.segments').length;
    const tags = within(screen.getByTestId('filter-tags')).getByRole('combobox');
    fireEvent.change(tags, { target: { value: 'はんどうたい' } });
    fireEvent.keyDown(tags, { key: 'Enter', isComposing: true });
    expect(within(screen.getByTestId('filter-tags')).queryAllByRole('listitem')).toHaveLength(0);
    const docs = within(screen.getByTestId('filter-documents')).getByRole('combobox');
    await user.type(docs, '存在しない題名{Enter}');
    expect(within(screen.getByTestId('filter-documents')).getByRole('alert').textContent).toBe('「存在しない題名」という題の文書はありません。');
    expect(api.callsOf('retrieval.segments').length).toBe(before);
  });
});
