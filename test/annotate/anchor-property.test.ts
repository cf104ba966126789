// Properties of anchoring over the real corpus, with fast-check: an unchanged passage is always
// found at exactly its place (even when every statement id changed or text was inserted before
// it), a found anchor always quotes the text it points at, and no input makes anchoring throw.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anchorAnnotation, describeRange, type AnchorStatement } from '../../shared/anchor';
import type { AnnotationTarget } from '../../shared/annotations';
import type { AppContext } from '../../electron/app/context';
import { closeContext, corpusContext } from '../helpers/db';
import { allStatements } from '../helpers/annotate';

let ctx: AppContext;
let docs: AnchorStatement[][];

beforeAll(() => {
  ctx = corpusContext();
  const byDoc = new Map<string, AnchorStatement[]>();
  for (const s of allStatements(ctx)) {
    if (!s.text.length) continue;
    byDoc.set(s.documentId, [...(byDoc.get(s.documentId) ?? []), { id: s.id, text: s.text, start: s.start }]);
  }
  docs = [...byDoc.values()];
});
afterAll(() => closeContext(ctx));

function targetAt(s: AnchorStatement, start: number, end: number): AnnotationTarget {
  const { quote, position } = describeRange(s.text, start, end);
  const whole = start === 0 && end === s.text.length;
  return { scope: whole ? 'statement' : 'span', quote: whole ? { ...quote, prefix: '', suffix: '' } : quote, position, docStart: s.start + start, docEnd: s.start + end };
}

const pick = fc.record({ doc: fc.nat(), statement: fc.nat(), a: fc.nat(), b: fc.nat() });

function choose(p: { doc: number; statement: number; a: number; b: number }) {
  const doc = docs[p.doc % docs.length];
  const s = doc[p.statement % doc.length];
  let start = p.a % s.text.length;
  let end = start + 1 + (p.b % Math.min(40, s.text.length - start));
  // Keep surrogate pairs whole, as the UI's selections do.
  if (start > 0 && /[\uDC00-\uDFFF]/.test(s.text[start])) start--;
  if (end < s.text.length && /[\uDC00-\uDFFF]/.test(s.text[end])) end++;
  return { doc, s, start, end };
}

describe('anchoring properties on the bundled corpus', () => {
  it('finds an unchanged passage at its place after every statement got a new id', () => {
    fc.assert(
      fc.property(pick, (p) => {
        const { doc, s, start, end } = choose(p);
        const renamed = doc.map((x) => ({ ...x, id: `new-${x.id}` }));
        const found = anchorAnnotation({ statementId: s.id, target: targetAt(s, start, end) }, renamed);
        // The passage and its context are all still there: never an orphan.
        expect(found).toMatchObject({ statementId: `new-${s.id}`, start, end });
      }),
      { numRuns: 400 },
    );
  });

  it('keeps the exact position when the statement is unchanged, wherever text was inserted around it', () => {
    fc.assert(
      fc.property(pick, fc.string({ minLength: 1, maxLength: 30 }), (p, inserted) => {
        const { doc, s, start, end } = choose(p);
        const shifted = doc.map((x) => (x.start > s.start ? { ...x, start: x.start + inserted.length } : x));
        const extra = { id: 'inserted', text: inserted, start: 0 };
        const found = anchorAnnotation({ statementId: s.id, target: targetAt(s, start, end) }, [extra, ...shifted]);
        expect(found).toMatchObject({ statementId: s.id, start, end, method: 'position' });
      }),
      { numRuns: 200 },
    );
  });

  it('never throws and always quotes what it points at, whatever the edit', () => {
    fc.assert(
      fc.property(pick, fc.nat(), fc.string({ maxLength: 12 }), fc.nat({ max: 20 }), (p, at, replacement, cut) => {
        const { doc, s, start, end } = choose(p);
        const target = targetAt(s, start, end);
        const i = at % (s.text.length + 1);
        const edited = doc.map((x) => (x.id === s.id ? { ...x, id: `${x.id}-edited`, text: x.text.slice(0, i) + replacement + x.text.slice(i + cut) } : x)).filter((x) => x.text.length > 0);
        const found = anchorAnnotation({ statementId: s.id, target }, edited);
        // An edit wholly outside the quote and the context stored with it leaves the passage
        // present exactly as it was annotated: it must be found. Anything else may orphan it.
        const untouched = target.scope === 'span' && (i + cut <= start - target.quote.prefix.length || i >= end + target.quote.suffix.length);
        if (untouched) expect(found, `${s.id} ${start}-${end} edited at ${i}`).not.toBeNull();
        if (!found) return;
        const where = edited.find((x) => x.id === found.statementId)!;
        const text = where.text.slice(found.start, found.end);
        expect(found.end).toBeGreaterThan(found.start);
        if (found.method !== 'fuzzy') expect(text).toBe(target.quote.exact);
        else expect(target.quote.exact.length).toBeGreaterThanOrEqual(10);
      }),
      { numRuns: 400 },
    );
  });
});
