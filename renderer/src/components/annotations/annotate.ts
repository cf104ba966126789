// What the reader's selection turns into: an annotation on the selected span (or on the whole
// statement when the selection covers all of it), created or extended through the store.
import type { Annotation } from '../../../../shared/annotations';
import type { TextSelection } from '../../lib/selection';
import { useAnnotations, type NewAnnotation } from '../../stores/annotations';
import { useReader } from '../../stores/reader';

export function targetOf(sel: TextSelection): NewAnnotation {
  const statement = useReader.getState().statements.find((s) => s.id === sel.statementId);
  // The whole statement selected means "this statement", which cites better than a span.
  if (statement && sel.start === 0 && sel.end === statement.text.length) return { statementId: sel.statementId };
  return { statementId: sel.statementId, quote: sel.quote, start: sel.start, end: sel.end };
}

function sameTarget(a: Annotation, t: NewAnnotation): boolean {
  if (a.statementId !== t.statementId || a.orphaned) return false;
  if (t.quote === undefined) return a.target.scope === 'statement';
  return a.target.scope === 'span' && a.target.position.start === t.start && a.target.position.end === t.end;
}

/** Link the span to a pillar: extends an annotation on exactly that span, else creates one. */
export async function linkPillar(sel: TextSelection, pillarId: string): Promise<Annotation | null> {
  const store = useAnnotations.getState();
  const target = targetOf(sel);
  const existing = store.annotations.find((a) => sameTarget(a, target));
  if (existing) {
    if (existing.pillarIds.includes(pillarId)) return existing;
    return store.update(existing.id, { pillarIds: [...existing.pillarIds, pillarId] });
  }
  return store.create({ ...target, pillarIds: [pillarId] });
}

/** An annotation for the span to cite (reused when one exists on exactly that span). */
export async function annotationFor(sel: TextSelection): Promise<Annotation | null> {
  const store = useAnnotations.getState();
  const target = targetOf(sel);
  return store.annotations.find((a) => sameTarget(a, target)) ?? store.create(target);
}

/** The whole current statement as a selection (A and 1–4 without a text selection). */
export function wholeStatementSelection(statementId: string): TextSelection | null {
  const statement = useReader.getState().statements.find((s) => s.id === statementId);
  if (!statement) return null;
  const el = document.getElementById(`st-${statementId}`);
  const box = el?.getBoundingClientRect?.() ?? { top: 0, left: 0, bottom: 0, right: 0 };
  return { statementId, start: 0, end: statement.text.length, quote: statement.text, rect: { top: box.top, left: box.left, bottom: box.bottom, right: box.right } };
}
