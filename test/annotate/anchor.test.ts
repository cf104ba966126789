// Pure anchoring, table-driven over real corpus sentences: position, quote with context, fuzzy
// with a minimum length, and orphaning instead of guessing.
import { describe, expect, it } from 'vitest';
import { anchorAnnotation, bestApproximateMatch, describeRange, locateQuote, MIN_FUZZY_QUOTE_LENGTH, type AnchorStatement } from '../../shared/anchor';
import type { AnnotationTarget } from '../../shared/annotations';

const S1 = '近年、サプライチェーンの脆弱性が国民の生命等を脅かすリスクとして明らかになっている。';
const S2 = '特に、医薬品など医療用物資の供給の断絶は、国民の生命の危機を意味するため、安定確保の重要性が増している。';
const S3 = '引き続き、サプライチェーンの強靱化に向けた対策を進める。';

function doc(texts: string[], ids = texts.map((_, i) => `s${i}`)): AnchorStatement[] {
  let at = 0;
  return texts.map((text, i) => {
    const s = { id: ids[i], text, start: at };
    at += text.length + 1;
    return s;
  });
}

function targetFor(statements: AnchorStatement[], id: string, quote: string, nth = 0): { statementId: string; target: AnnotationTarget } {
  const s = statements.find((x) => x.id === id)!;
  let start = -1;
  for (let k = 0; k <= nth; k++) start = s.text.indexOf(quote, start + 1);
  const { quote: q, position } = describeRange(s.text, start, start + quote.length);
  const whole = start === 0 && quote.length === s.text.length;
  return {
    statementId: id,
    target: { scope: whole ? 'statement' : 'span', quote: whole ? { ...q, prefix: '', suffix: '' } : q, position, docStart: s.start + start, docEnd: s.start + start + quote.length },
  };
}

describe('selectors', () => {
  it('describes a span with up to 32 characters of context', () => {
    const at = S2.indexOf('医療用物資');
    const { quote, position } = describeRange(S2, at, at + 5);
    expect(quote).toEqual({ exact: '医療用物資', prefix: S2.slice(0, at), suffix: S2.slice(at + 5, at + 5 + 32) });
    expect(position).toEqual({ start: at, end: at + 5 });
  });

  it('never splits a surrogate pair in the context', () => {
    const text = `${'𠮟'.repeat(20)}ABC${'𠮟'.repeat(20)}`;
    const at = text.indexOf('ABC');
    const { quote } = describeRange(text, at, at + 3, 5);
    expect(quote.prefix).toBe('𠮟𠮟');
    expect(quote.suffix).toBe('𠮟𠮟');
  });

  it('locates a quote, honouring the start hint', () => {
    const text = 'サプライチェーンとサプライチェーン';
    expect(locateQuote(text, 'サプライチェーン')).toEqual({ ok: true, start: 0, end: 8, occurrences: 2 });
    expect(locateQuote(text, 'サプライチェーン', 9)).toEqual({ ok: true, start: 9, end: 17, occurrences: 2 });
    expect(locateQuote(text, 'サプライチェーン', 3)).toEqual({ ok: false, reason: 'position-mismatch' });
    expect(locateQuote(text, '半導体')).toEqual({ ok: false, reason: 'absent' });
    expect(locateQuote(text, '')).toEqual({ ok: false, reason: 'empty' });
  });
});

describe('approximate matching', () => {
  it('finds the best substring within the error budget', () => {
    const hit = bestApproximateMatch('医療用物資の供給の断絶', '特に、医薬品など医療用の物資の供給の途絶は', 3);
    expect(hit).not.toBeNull();
    expect('特に、医薬品など医療用の物資の供給の途絶は'.slice(hit!.start, hit!.end)).toBe('医療用の物資の供給の途絶');
    expect(hit!.errors).toBe(2);
    expect(bestApproximateMatch('医療用物資の供給の断絶', '全く関係のない文章です', 3)).toBeNull();
  });
});

describe('re-anchoring', () => {
  const before = doc([S1, S2, S3]);

  it('keeps an unchanged annotation at its position', () => {
    const input = targetFor(before, 's1', '医療用物資');
    expect(anchorAnnotation(input, before)).toMatchObject({ statementId: 's1', method: 'position', start: S2.indexOf('医療用物資') });
  });

  it('follows a quote that moved within its statement', () => {
    const input = targetFor(before, 's1', '医療用物資');
    const after = doc([S1, `【重要】${S2}`, S3]);
    expect(anchorAnnotation(input, after)).toMatchObject({ statementId: 's1', method: 'quote', start: S2.indexOf('医療用物資') + 4 });
  });

  it('follows a quote into a statement with a new id (re-segmented document)', () => {
    const input = targetFor(before, 's1', '医療用物資の供給の断絶');
    const after = doc([S1, S2, S3], ['n0', 'n1', 'n2']);
    expect(anchorAnnotation(input, after)).toMatchObject({ statementId: 'n1', method: 'quote' });
  });

  it('uses the context to choose between repeated phrases', () => {
    // サプライチェーン occurs in s0 and s2; the annotation was on the one in s2.
    const input = targetFor(before, 's2', 'サプライチェーン');
    const after = doc([S1, S2, S3], ['x0', 'x1', 'x2']);
    expect(anchorAnnotation(input, after)).toMatchObject({ statementId: 'x2', method: 'quote', start: S3.indexOf('サプライチェーン') });
  });

  it('re-anchors an edited quote by fuzzy match', () => {
    const input = targetFor(before, 's1', '医療用物資の供給の断絶は、国民の生命の危機');
    const edited = S2.replace('医療用物資の供給の断絶', '医療用の物資の供給途絶');
    const after = doc([S1, edited, S3], ['x0', 'x1', 'x2']);
    const found = anchorAnnotation(input, after);
    expect(found).toMatchObject({ statementId: 'x1', method: 'fuzzy' });
    expect(edited.slice(found!.start, found!.end)).toBe('医療用の物資の供給途絶は、国民の生命の危機');
  });

  it('orphans a short edited quote rather than trusting a fuzzy match', () => {
    const input = targetFor(before, 's1', '医療用物資');
    expect('医療用物資'.length).toBeLessThan(MIN_FUZZY_QUOTE_LENGTH);
    const after = doc([S1, S2.replace('医療用物資', '医療用資材'), S3], ['x0', 'x1', 'x2']);
    expect(anchorAnnotation(input, after)).toBeNull();
  });

  it('orphans a quote whose passage was deleted, instead of re-attaching a short phrase elsewhere', () => {
    // 国民の生命 also occurs in S1, but with a different context: not the annotated place.
    const input = targetFor(before, 's1', '国民の生命');
    const after = doc([S1, S3], ['x0', 'x2']);
    expect(anchorAnnotation(input, after)).toBeNull();
  });

  it('does not move a repeated phrase to another sentence of the same statement when its own is deleted', () => {
    const text = `${S1}${S3}`;
    const statements = doc([text], ['s0']);
    const input = targetFor(statements, 's0', 'サプライチェーン', 1);
    expect(anchorAnnotation(input, doc([S1], ['s0']))).toBeNull();
    // Its own sentence kept, the other one deleted: found by its context.
    expect(anchorAnnotation(input, doc([S3], ['s0']))).toMatchObject({ method: 'quote', start: S3.indexOf('サプライチェーン') });
  });

  it('orphans a long passage that was rewritten beyond the error budget', () => {
    const input = targetFor(before, 's1', S2);
    const after = doc([S1, '医薬品の安定確保については、別途、検討会を設けて議論する。', S3], ['x0', 'x1', 'x2']);
    expect(anchorAnnotation(input, after)).toBeNull();
  });

  it('re-anchors a whole-statement annotation onto the lightly edited statement', () => {
    const input = targetFor(before, 's2', S3);
    const after = doc([S1, S2, S3.replace('引き続き、', '今後とも、')], ['x0', 'x1', 'x2']);
    expect(anchorAnnotation(input, after)).toMatchObject({ statementId: 'x2', method: 'fuzzy', start: 0, end: S3.length });
  });
});
