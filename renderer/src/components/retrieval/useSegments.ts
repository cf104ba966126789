// The coded-segments list behind the view: the first page at once, further pages as the
// virtualised list scrolls onto them (so 10,000 segments cost one page to open). A pair of codes
// (a co-occurrence or same-kind matrix cell) is resolved here from each code's full list, since no
// single AND/OR filter expresses it. Refetched when the filter, the sort or the annotations change.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CodedSegment, SegmentFilter, SegmentSort } from '../../../../shared/retrieval';
import { api, errorData } from '../../api/client';
import { useAnnotations } from '../../stores/annotations';
import type { CodeRef, SegmentSelection } from '../../stores/retrieval';
import { useUi } from '../../stores/ui';

/** Rows per request: one screenful many times over, far below the API's 500 cap. */
export const SEGMENT_PAGE = 200;

export interface SegmentList {
  total: number;
  /** Sparse: a page not yet fetched is undefined. */
  rows: (CodedSegment | undefined)[];
  loading: boolean;
  /** Ask for the pages holding rows [from, to) if not already there. */
  ensure(from: number, to: number): void;
}

function codeFilter(code: CodeRef): SegmentFilter {
  return code.kind === 'pillar' ? { pillars: [code.value], includeChildPillars: false } : { tags: [code.value] };
}

function carries(s: CodedSegment, code: CodeRef): boolean {
  return code.kind === 'pillar' ? s.pillars.includes(code.value) : s.tags.includes(code.value);
}

async function everySegment(filter: SegmentFilter, sort: SegmentSort): Promise<CodedSegment[]> {
  const out: CodedSegment[] = [];
  let cursor: string | undefined;
  do {
    const page = await api().call('retrieval.segments', { filter, sort, limit: 500, ...(cursor ? { cursor } : {}) });
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

/** The segments of a pair of codes, in the order the API sorted the first code's list. */
export async function pairSegments(sel: SegmentSelection, sort: SegmentSort): Promise<CodedSegment[]> {
  const { both, ...rest } = sel;
  if (!both) return everySegment(rest, sort);
  const [a, b] = both.codes;
  if (both.on === 'annotation') return (await everySegment({ ...rest, ...codeFilter(a) }, sort)).filter((s) => carries(s, b));
  const [withA, withB] = await Promise.all([everySegment({ ...rest, ...codeFilter(a) }, sort), everySegment({ ...rest, ...codeFilter(b) }, sort)]);
  const statementsWithB = new Set(withB.map((s) => s.statementId));
  const shared = new Set(withA.filter((s) => statementsWithB.has(s.statementId)).map((s) => s.statementId));
  const seen = new Set<string>();
  // Every segment on a shared statement carrying either code, once, A's order first.
  return [...withA, ...withB].filter((s) => shared.has(s.statementId) && !seen.has(s.annotationId) && seen.add(s.annotationId));
}

export function useSegments(selection: SegmentSelection, sort: SegmentSort): SegmentList {
  const revision = useAnnotations((s) => s.revision);
  const [state, setState] = useState<{ total: number; rows: (CodedSegment | undefined)[]; loading: boolean }>({ total: 0, rows: [], loading: true });
  const requested = useRef(new Set<number>());
  const generation = useRef(0);
  const key = JSON.stringify(selection);

  useEffect(() => {
    const mine = ++generation.current;
    requested.current = new Set([0]);
    setState((s) => ({ ...s, loading: true }));
    const sel = JSON.parse(key) as SegmentSelection;
    const load = async () => {
      try {
        if (sel.both) {
          const all = await pairSegments(sel, sort);
          if (mine === generation.current) setState({ total: all.length, rows: all, loading: false });
          return;
        }
        const page = await api().call('retrieval.segments', { filter: sel, sort, limit: SEGMENT_PAGE, page: 0 });
        if (mine !== generation.current) return;
        const rows = new Array<CodedSegment | undefined>(page.total);
        page.items.forEach((s, i) => (rows[i] = s));
        setState({ total: page.total, rows, loading: false });
      } catch (e) {
        if (mine === generation.current) setState({ total: 0, rows: [], loading: false });
        useUi.getState().reportError(errorData(e));
      }
    };
    void load();
  }, [key, sort, revision]);

  const ensure = useCallback(
    (from: number, to: number) => {
      const sel = JSON.parse(key) as SegmentSelection;
      if (sel.both) return;
      const mine = generation.current;
      for (let p = Math.floor(from / SEGMENT_PAGE); p * SEGMENT_PAGE < to; p++) {
        if (requested.current.has(p)) continue;
        requested.current.add(p);
        void api()
          .call('retrieval.segments', { filter: sel, sort, limit: SEGMENT_PAGE, page: p })
          .then((page) => {
            if (mine !== generation.current) return;
            setState((s) => {
              const rows = s.rows.slice();
              page.items.forEach((item, i) => (rows[p * SEGMENT_PAGE + i] = item));
              return { ...s, rows };
            });
          })
          .catch((e: unknown) => {
            requested.current.delete(p);
            useUi.getState().reportError(errorData(e));
          });
      }
    },
    [key, sort],
  );

  return { ...state, ensure };
}
