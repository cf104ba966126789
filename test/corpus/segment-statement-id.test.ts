// Statement ids come from the document id and the statement's text, never its position.
import { describe, expect, it } from 'vitest';
import { segmentDocument } from '../../electron/corpus/segment';
import { assignStatementIds, statementId } from '../../electron/corpus/statement-id';
import { TEST_META } from './segment-helpers';

describe('statement ids', () => {
  it('are short, URL-safe and prefixed with the document id', () => {
    expect(statementId('doc-a', '経済安全保障の推進')).toMatch(/^doc-a:[a-z2-7]{12}$/);
  });

  it('depend on the document, the NFKC text and the occurrence, not on anything else', () => {
    expect(statementId('doc-a', 'ＡＢＣ１２３')).toBe(statementId('doc-a', 'ABC123'));
    expect(statementId('doc-a', '連携  する')).toBe(statementId('doc-a', '連携 する'));
    expect(statementId('doc-a', 'x')).not.toBe(statementId('doc-b', 'x'));
    expect(statementId('doc-a', 'x', 0)).not.toBe(statementId('doc-a', 'x', 1));
    const ids = assignStatementIds('doc-a', ['あ', 'い', 'あ']);
    expect(new Set(ids).size).toBe(3);
    expect(ids[0]).toBe(statementId('doc-a', 'あ', 0));
    expect(ids[2]).toBe(statementId('doc-a', 'あ', 1));
  });

  it('survive re-segmenting and a paragraph inserted elsewhere', () => {
    const base = '第一段落の本文。\n\n第二段落の本文。\n\n第三段落の本文。\n';
    const before = segmentDocument(base, TEST_META);
    const after = segmentDocument(`新しく挿入された段落。\n\n${base}`, TEST_META);
    expect(segmentDocument(base, TEST_META).statements.map((s) => s.id)).toEqual(before.statements.map((s) => s.id));
    const byText = new Map(after.statements.map((s) => [s.text, s.id]));
    for (const s of before.statements) expect(byText.get(s.text)).toBe(s.id);
    expect(after.statements[0].ordinal).toBe(0);
    expect(after.statements[1].ordinal).toBe(1);
  });
});
