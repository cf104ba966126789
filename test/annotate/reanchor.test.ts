// Re-anchoring on re-ingest of an edited document, through the real ingest and its replace hook:
// exact position, quote with context, fuzzy match, and orphans that are kept, never dropped.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api/client';
import type { Annotation } from '../../shared/annotations';
import type { AppContext } from '../../electron/app/context';
import { replaceHooks } from '../../electron/annotate/replace-hooks';
import { ingestDocument } from '../../electron/corpus/ingest';
import { loadBundledCorpus } from '../../electron/corpus/manifest';
import { RESOURCES_DIR } from '../helpers/db';
import { findStatement, withCorpusApi } from '../helpers/annotate';

const DOC = 'espc-2021-11-19-minutes';

let ctx: AppContext;
let api: ApiClient;
withCorpusApi((env) => ({ ctx, api } = env));

function reingest(edit: (raw: string) => string): void {
  const bundled = loadBundledCorpus(RESOURCES_DIR).documents.find((d) => d.meta.id === DOC)!;
  const raw = edit(bundled.raw);
  expect(raw).not.toBe(bundled.raw);
  ingestDocument(ctx.db, bundled.meta, raw, { afterReplace: replaceHooks });
}

function replaceOnce(raw: string, from: string, to: string): string {
  expect(raw.split(from)).toHaveLength(2);
  return raw.replace(from, to);
}

async function get(a: Annotation): Promise<Annotation> {
  return (await api.call('annotations.list', {})).annotations.find((x) => x.id === a.id)!;
}

async function expectPlaced(a: Annotation): Promise<void> {
  const { statement } = await api.call('statements.get', { id: a.statementId });
  expect(statement.text.slice(a.target.position.start, a.target.position.end)).toBe(a.target.quote.exact);
  const { text } = await api.call('documents.get', { id: a.documentId });
  expect(text.slice(a.target.docStart, a.target.docEnd)).toBe(a.target.quote.exact);
}

describe('re-anchoring after a document is re-ingested with edits', () => {
  it('an orphan remembers the statement number it was last found at, and a briefing names it unconfirmed', async () => {
    const gone = findStatement(ctx, (text, d) => d === DOC && text.includes('中銀デジタル通貨'));
    const { annotation } = await api.call('annotations.create', { statementId: gone.id, quote: '中銀デジタル通貨' });
    const { briefing } = await api.call('briefings.create', { title: 'T', template: { from: 'selection', annotationIds: [annotation.id] } });
    reingest((raw) => replaceOnce(raw, '中銀デジタル通貨は、先月のG7で、各国が検討を行う上での原則に合意した。', ''));
    const lastLocator = () => (ctx.db.prepare('SELECT last_locator AS n FROM annotations WHERE id = ?').get(annotation.id) as { n: number | null }).n;
    expect(lastLocator()).toBe(gone.ordinal + 1);
    const item = (await api.call('briefings.get', { id: briefing.id })).resolved.sections[0].items[0];
    expect(item).toMatchObject({ status: 'orphaned', citation: null, lastKnown: { documentId: DOC, locator: gone.ordinal + 1 } });
    expect(item.lastKnown?.documentTitle).toBeTruthy();

    // A later revision that still lacks the passage keeps the number from where it was last found.
    reingest((raw) => replaceOnce(replaceOnce(raw, '中銀デジタル通貨は、先月のG7で、各国が検討を行う上での原則に合意した。', ''), '最重要課題の一つ。', '最重要課題のひとつ。'));
    expect(lastLocator()).toBe(gone.ordinal + 1);
  });

  it('places every annotation by position, quote, fuzzy match, or keeps it as an orphan', async () => {
    const doc = (t: string) => findStatement(ctx, (text, d) => d === DOC && text.includes(t));
    const stay = doc('サプライチェーン強靱化の第一歩');
    const moved = doc('医療用物資の供給の断絶');
    const gone = doc('中銀デジタル通貨');
    const whole = doc('最重要課題の一つ');

    const create = async (statementId: string, quote?: string) => (await api.call('annotations.create', { statementId, quote, pillarIds: ['supply-chain'], comment: 'keep me' })).annotation;
    const aStay = await create(stay.id, 'サプライチェーン強靱化の第一歩');
    const aQuote = await create(moved.id, '安定確保が必要な医薬品成分');
    const aFuzzy = await create(moved.id, '医療用物資の供給の断絶は、国民の生命の危機を意味する');
    const aOrphan = await create(gone.id, '中銀デジタル通貨');
    const aShort = await create(gone.id, '財務局');
    const aWhole = await create(whole.id);
    const deleted = await create(moved.id, '安定確保の重要性');
    await api.call('annotations.delete', { id: deleted.id });

    reingest((raw) => {
      let r = replaceOnce(raw, '医療用物資の供給の断絶は、国民の生命の危機を意味する', '医療用の物資の供給途絶は、国民の生命の危機を意味する');
      r = replaceOnce(r, '中銀デジタル通貨は、先月のG7で、各国が検討を行う上での原則に合意した。', '');
      r = replaceOnce(r, '今後、技術ある地方企業への投資の動向にも目配りし、財務局も含め執行体制を強化。', '今後、地方企業への投資の動向にも目配りする。');
      r = replaceOnce(r, '最重要課題の一つ。', '最重要課題のひとつ。');
      return r;
    });

    const now = {
      stay: await get(aStay),
      quote: await get(aQuote),
      fuzzy: await get(aFuzzy),
      orphan: await get(aOrphan),
      short: await get(aShort),
      whole: await get(aWhole),
    };
    expect(now.stay).toMatchObject({ statementId: stay.id, orphaned: false, anchoredBy: 'created' });
    expect(now.stay.target.quote).toEqual(aStay.target.quote);
    expect(now.stay.target.position).toEqual(aStay.target.position);
    await expectPlaced(now.stay); // its document offsets follow the text removed before it

    expect(now.quote).toMatchObject({ orphaned: false, anchoredBy: 'quote' });
    expect(now.quote.statementId).not.toBe(moved.id); // the edited statement has a new id
    expect(now.quote.target.quote.exact).toBe('安定確保が必要な医薬品成分');
    await expectPlaced(now.quote);

    expect(now.fuzzy).toMatchObject({ orphaned: false, anchoredBy: 'fuzzy', statementId: now.quote.statementId });
    expect(now.fuzzy.target.quote.exact).toBe('医療用の物資の供給途絶は、国民の生命の危機を意味する');
    await expectPlaced(now.fuzzy);

    for (const o of [now.orphan, now.short]) {
      expect(o).toMatchObject({ orphaned: true, anchoredBy: 'orphaned', statementId: gone.id, comment: 'keep me', pillarIds: ['supply-chain'] });
    }
    expect(now.orphan.target).toEqual(aOrphan.target); // last known quote and place kept
    expect(now.short.target.quote.exact).toBe('財務局');

    expect(now.whole).toMatchObject({ orphaned: false, anchoredBy: 'fuzzy' });
    expect(now.whole.target.scope).toBe('statement');
    expect(now.whole.target.quote.exact).toContain('最重要課題のひとつ。');
    await expectPlaced(now.whole);

    // Orphans are listed apart, and nothing was dropped (the deleted one was re-anchored too).
    expect((await api.call('annotations.list', { orphaned: true })).annotations.map((a) => a.id).sort()).toEqual([aOrphan.id, aShort.id].sort());
    expect((ctx.db.prepare('SELECT COUNT(*) AS n FROM annotations').get() as { n: number }).n).toBe(7);
    await api.call('history.undo', {}); // undo the delete: it comes back on the new text
    const revived = await get(deleted);
    expect(revived.orphaned).toBe(false);
    await expectPlaced(revived);

    const { activity } = await api.call('history.forStatement', { statementId: now.fuzzy.statementId });
    expect(activity.some((a) => a.action === 'reanchor' && a.annotationId === aFuzzy.id)).toBe(true);
    const orphanHistory = await api.call('history.forStatement', { statementId: gone.id });
    expect(orphanHistory.activity.find((a) => a.action === 'reanchor')?.label.en).toContain('orphan');
  });

  it('brings an orphan back when a later version restores its text', async () => {
    const gone = findStatement(ctx, (t, d) => d === DOC && t.includes('中銀デジタル通貨'));
    const { annotation } = await api.call('annotations.create', { statementId: gone.id, quote: '中銀デジタル通貨は、先月のG7で' });
    reingest((raw) => replaceOnce(raw, '中銀デジタル通貨は、先月のG7で、各国が検討を行う上での原則に合意した。', ''));
    expect((await get(annotation)).orphaned).toBe(true);
    const bundled = loadBundledCorpus(RESOURCES_DIR).documents.find((d) => d.meta.id === DOC)!;
    ingestDocument(ctx.db, bundled.meta, bundled.raw, { afterReplace: replaceHooks });
    const back = await get(annotation);
    expect(back).toMatchObject({ orphaned: false, statementId: gone.id });
    expect(back.target).toEqual(annotation.target);
  });

  it('is part of the replacing transaction: a failing re-ingest leaves annotations as they were', async () => {
    const s = findStatement(ctx, (t, d) => d === DOC && t.includes('医療用物資'));
    const { annotation } = await api.call('annotations.create', { statementId: s.id, quote: '医療用物資' });
    const bundled = loadBundledCorpus(RESOURCES_DIR).documents.find((d) => d.meta.id === DOC)!;
    const boom = () => {
      throw new Error('later hook fails');
    };
    expect(() => ingestDocument(ctx.db, bundled.meta, bundled.raw.replace('医療用物資', '医療物資'), { afterReplace: [...replaceHooks, boom] })).toThrow('later hook fails');
    expect(await get(annotation)).toEqual(annotation);
    expect(fs.existsSync(path.join(RESOURCES_DIR, 'corpus', bundled.meta.source))).toBe(true);
  });
});
