// The pillar board's data: each pillar's annotations, the unfiled annotations, and statements
// of the open document that have pillar suggestions but no link yet. Refetched after writes.
import { useEffect, useState } from 'react';
import type { ResponseOf } from '../../../../shared/api/contract';
import type { Annotation } from '../../../../shared/annotations';
import type { Statement } from '../../../../shared/model';
import { api, errorData } from '../../api/client';
import { activePillars, useAnnotations } from '../../stores/annotations';
import { useReader } from '../../stores/reader';
import { useUi } from '../../stores/ui';

export type Suggestion = ResponseOf<'suggestions.forStatement'>['suggestions'][number];
export interface SuggestedStatement {
  statement: Statement;
  suggestion: Suggestion;
}

export interface BoardData {
  columns: Record<string, Annotation[]>;
  unfiled: Annotation[];
  suggested: SuggestedStatement[];
  loading: boolean;
}

const MAX_SCANNED = 300;
const MAX_SUGGESTED = 40;
const PARALLEL = 6;

async function suggestedFor(statements: Statement[], linked: Set<string>): Promise<SuggestedStatement[]> {
  const queue = statements.filter((s) => s.kind !== 'heading' && s.kind !== 'footnote' && !linked.has(s.id)).slice(0, MAX_SCANNED);
  const found: SuggestedStatement[] = [];
  const worker = async () => {
    for (let s = queue.shift(); s; s = queue.shift()) {
      const { suggestions } = await api().call('suggestions.forStatement', { statementId: s.id });
      const best = suggestions.filter((x) => !x.linked && !x.rejected).sort((a, b) => b.score - a.score)[0];
      if (best) found.push({ statement: s, suggestion: best });
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return found.sort((a, b) => b.suggestion.score - a.suggestion.score || a.statement.ordinal - b.statement.ordinal).slice(0, MAX_SUGGESTED);
}

export function useBoardData(): BoardData {
  const pillars = useAnnotations((s) => s.pillars);
  const revision = useAnnotations((s) => s.revision);
  const statements = useReader((s) => s.statements);
  const [data, setData] = useState<BoardData>({ columns: {}, unfiled: [], suggested: [], loading: true });

  useEffect(() => {
    let live = true;
    const load = async () => {
      try {
        const { annotations } = await api().call('annotations.list', {});
        const active = annotations.filter((a) => !a.orphaned);
        const columns: Record<string, Annotation[]> = {};
        for (const p of activePillars(pillars)) columns[p.id] = active.filter((a) => a.pillarIds.includes(p.id));
        const unfiled = active.filter((a) => a.pillarIds.length === 0);
        if (live) setData((d) => ({ ...d, columns, unfiled, loading: statements.length > 0 }));
        const linked = new Set(active.filter((a) => a.pillarIds.length > 0).map((a) => a.statementId));
        const suggested = statements.length ? await suggestedFor(statements, linked) : [];
        if (live) setData({ columns, unfiled, suggested, loading: false });
      } catch (e) {
        if (live) setData((d) => ({ ...d, loading: false }));
        useUi.getState().reportError(errorData(e));
      }
    };
    void load();
    return () => {
      live = false;
    };
  }, [pillars, revision, statements]);

  return data;
}
