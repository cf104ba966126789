// A quote matches its statement under Unicode canonical equivalence (issue 11, defect 10): "café"
// typed in NFC is accepted on NFD text that search finds, and the other way round, and が against
// か + U+3099. Offsets and the stored quote stay in the statement's own text.
import { afterAll, describe, expect, it } from 'vitest';
import { locateQuote } from '../../shared/anchor';
import { importDocument } from '../../electron/import/import';
import { apiFor } from '../helpers/api';
import { closeContext, corpusContext } from '../helpers/db';

const NFD_CAFE = 'cafe\u0301'; // e + combining acute
const NFC_CAFE = 'caf\u00e9';
const NFD_GA = '\u304b\u3099'; // か + combining voiced sound mark
const NFC_GA = '\u304c'; // が

describe('locateQuote under canonical equivalence', () => {
  it.each([
    ['NFC quote on NFD text', `the ${NFD_CAFE} society`, NFC_CAFE, 4, 4 + NFD_CAFE.length],
    ['NFD quote on NFC text', `the ${NFC_CAFE} society`, NFD_CAFE, 4, 4 + NFC_CAFE.length],
    ['が on か+゛ text', `経済安全保障${NFD_GA}重要です`, `保障${NFC_GA}重要`, 4, 4 + 2 + NFD_GA.length + 2],
    ['か+゛ on が text', `経済安全保障${NFC_GA}重要です`, `保障${NFD_GA}重要`, 4, 4 + 2 + 1 + 2],
  ])('%s', (_name, text, quote, start, end) => {
    expect(locateQuote(text, quote)).toEqual({ ok: true, start, end, occurrences: 1 });
    expect(locateQuote(text, quote, start)).toEqual({ ok: true, start, end, occurrences: 1 });
    expect(text.slice(start, end).normalize('NFC')).toBe(quote.normalize('NFC'));
  });

  it('stays strict about everything else the search fold forgives', () => {
    // Case, width and spaces fold for search, but a quote must be the text itself.
    expect(locateQuote('The Café society', 'the café')).toEqual({ ok: false, reason: 'absent' });
    expect(locateQuote('ＳＩＰ４Ｄの導入', 'SIP4D')).toEqual({ ok: false, reason: 'absent' });
    expect(locateQuote('S I P 4 D', 'SIP4D')).toEqual({ ok: false, reason: 'absent' });
    // The base letter alone is not the accented letter.
    expect(locateQuote(`the ${NFD_CAFE} society`, 'cafe s')).toEqual({ ok: false, reason: 'absent' });
    expect(locateQuote(`the ${NFD_CAFE} society`, NFC_CAFE, 3)).toEqual({ ok: false, reason: 'position-mismatch' });
  });
});

describe('annotating NFD text that search finds', () => {
  const ctx = corpusContext();
  afterAll(() => closeContext(ctx));

  it('accepts the NFC quote, storing the statement’s own NFD text and offsets', async () => {
    const text = `会議では ${NFD_CAFE} の比喩と、経済安全保障${NFD_GA}重要であることが確認された。`;
    const imported = await importDocument(ctx.db, { fileName: 'nfd-notes.txt', bytes: new TextEncoder().encode(text), title: 'NFD の議事メモ' });
    const api = apiFor(ctx);
    const found = await api.call('search.query', { query: NFC_CAFE });
    const hit = found.hits.find((h) => h.documentId === imported.documentId);
    expect(hit, 'search finds the NFD text from an NFC query').toBeDefined();
    const statement = (await api.call('statements.get', { id: hit!.statementId })).statement;
    expect(statement.text).toContain(NFD_CAFE);

    const cafe = await api.call('annotations.create', { statementId: statement.id, quote: NFC_CAFE, comment: 'NFC quote' });
    const at = statement.text.indexOf(NFD_CAFE);
    expect(cafe.annotation.target.quote.exact).toBe(NFD_CAFE);
    expect(cafe.annotation.target.position).toEqual({ start: at, end: at + NFD_CAFE.length });

    const ga = await api.call('annotations.create', { statementId: statement.id, quote: `保障${NFC_GA}重要` });
    expect(ga.annotation.target.quote.exact).toBe(`保障${NFD_GA}重要`);
    const gaAt = statement.text.indexOf(`保障${NFD_GA}`);
    expect(ga.annotation.target.position).toEqual({ start: gaAt, end: gaAt + 2 + NFD_GA.length + 2 });
  });
});
