// indexTokensUtf8, encoded in one pass from the UTF-16 text, against its definition: the UTF-8
// bytes of indexTokens() (bigrams, punctuation shifted to full width), every token of them, over
// seeded folded-like strings (no control characters: folding drops them, and indexTokens' slow
// path alone maps them to control pictures); and a statement of punctuation found by its end.
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadBundledCorpus } from '../../electron/corpus/manifest';
import { segmentDocument } from '../../electron/corpus/segment';
import { indexTokens, indexTokensUtf8 } from '../../electron/search/fts';
import { normalizeKey } from '../../shared/text/normalize';
import { apiFor } from '../helpers/api';
import { closeContext, makeContext, RESOURCES_DIR } from '../helpers/db';
import { mulberry32 } from '../bench/prng';

function byDefinition(norm: string): Buffer {
  return Buffer.from(indexTokens(norm), 'utf8');
}

describe('index tokens as UTF-8 bytes', () => {
  it('are the bytes of indexTokens(), for seeded strings of ASCII, punctuation, kana, astral and lone surrogates', () => {
    const random = mulberry32(77);
    const pieces = ['a', 'Z', '0', '!', '/', ':', '~', '(', 'é', 'ß', 'あ', '経', '。', '😀', '𠮷', '\ud800', '\udfff', '\u0080', '\u07ff', '\u0800', '\uffff'];
    const differ: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      let s = '';
      const len = Math.floor(random() * 40);
      for (let k = 0; k < len; k++) s += pieces[Math.floor(random() * pieces.length)];
      if (!indexTokensUtf8(s).equals(byDefinition(s))) differ.push(JSON.stringify(s));
    }
    expect(differ).toEqual([]);
  });

  it('keep every token of text that is mostly ASCII punctuation (an earlier version cut them at 4 × length + 8)', () => {
    const punct = '/'.repeat(10);
    // Ten 1-byte characters: 9 bigrams of 7 bytes and a last 3-byte token, 66 bytes (the cut kept 48).
    expect(indexTokensUtf8(punct).length).toBe(66);
    expect(indexTokensUtf8(punct).equals(Buffer.from(indexTokens(punct), 'utf8'))).toBe(true);
    expect(indexTokensUtf8('経済安全保障').toString('utf8')).toBe('経済 済安 安全 全保 保障 障');
    expect(indexTokensUtf8('').length).toBe(0);
  });

  // Recorded from the code before the one-pass encoder; a deliberate change of segmenting, folding
  // or tokens (which re-indexes) re-records it, as it does test/fixtures/corpus/segment-oracle.json.
  it('of the bundled corpus are the bytes recorded before the one-pass encoder (what its index holds)', () => {
    const hash = crypto.createHash('sha256');
    let statements = 0;
    for (const d of loadBundledCorpus(RESOURCES_DIR).documents) {
      for (const s of segmentDocument(d.raw, d.meta).statements) {
        hash.update(indexTokensUtf8(normalizeKey(s.text)));
        hash.update('\u0000');
        statements++;
      }
    }
    expect(statements).toBe(488);
    expect(hash.digest('hex')).toBe('cd55e8b55f05ea8cd0a8634904e1e5d2e36d063830fe6996d56c709a8a54fd7e');
  });

  it('a statement of numbered parentheses is found by its last characters', async () => {
    const ctx = makeContext();
    try {
      const api = apiFor(ctx);
      const r = await api.call('documents.import', { fileName: 'parens.txt', contentBase64: Buffer.from('見出し\n\n(1)(2)(3)(4)(5)(6)\n').toString('base64') });
      const ids = (q: string) => api.call('search.query', { query: q }).then((res) => res.hits.filter((h) => h.documentId === r.document.id).length);
      // '(1)' leads the line as its list marker; the statement is '(2)(3)(4)(5)(6)', whose last
      // tokens the former cut dropped (68 of its 101 bytes kept).
      expect((await api.call('statements.list', { documentId: r.document.id })).statements.map((st) => st.text)).toEqual(['見出し', '(2)(3)(4)(5)(6)']);
      expect(await ids('(5)(6)')).toBe(1);
      expect(await ids('(2)(3)')).toBe(1);
    } finally {
      closeContext(ctx);
    }
  });
});
