// How the analyst's layer shows in the reader: span annotations as highlights coloured by
// their first pillar, whole-statement links as pillar dots beside the statement.
import type { ReactNode } from 'react';
import type { Annotation } from '../../../../shared/annotations';
import type { Statement } from '../../../../shared/model';
import type { Pillar } from '../../../../shared/pillars';
import type { Mark } from '../../lib/segments';
import { pillarName } from '../../stores/annotations';

const UNFILED = '#8a8f98';

function colorOf(a: Annotation, pillars: Map<string, Pillar>): string {
  return pillars.get(a.pillarIds[0] ?? '')?.color ?? UNFILED;
}

export function annotationMarks(statement: Statement, annotations: Annotation[], pillars: Map<string, Pillar>): Mark[] {
  return annotations
    .filter((a) => a.statementId === statement.id && !a.orphaned && a.target.scope === 'span')
    .map((a) => ({ start: a.target.position.start, end: a.target.position.end, kind: 'annotation' as const, key: a.id, color: colorOf(a, pillars) }));
}

export function statementLinks(statement: Statement, annotations: Annotation[], pillars: Map<string, Pillar>, lang: 'ja' | 'en'): ReactNode {
  const whole = annotations.filter((a) => a.statementId === statement.id && !a.orphaned && a.target.scope === 'statement');
  const ids = [...new Set(whole.flatMap((a) => a.pillarIds))].filter((id) => pillars.has(id));
  const commented = whole.some((a) => a.comment);
  if (ids.length === 0 && !commented && whole.length === 0) return null;
  return (
    <span className="st-links">
      {ids.map((id) => {
        const p = pillars.get(id)!;
        return (
          <span key={id} className="st-link" style={{ borderColor: p.color, color: p.color }} title={pillarName(p, lang)}>
            <span className="pillar-dot" style={{ background: p.color }} aria-hidden="true" />
            {pillarName(p, lang)}
          </span>
        );
      })}
      {ids.length === 0 ? <span className="st-link st-link-note" aria-hidden="true">✎</span> : null}
    </span>
  );
}
