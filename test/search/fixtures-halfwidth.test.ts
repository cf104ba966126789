// Half-width katakana (not in the bundled corpus): a committed fixture document imported through
// the real ingest, then found with full-width queries and marked at the original characters.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AppContext } from '../../electron/app/context';
import { replaceHooks } from '../../electron/annotate/replace-hooks';
import { ingestDocument } from '../../electron/corpus/ingest';
import { runSearch } from '../../electron/search/query';
import { compiledDictionary } from '../../electron/search/variants';
import { normalizeKey } from '../../shared/text/normalize';
import { closeContext, makeContext } from '../helpers/db';

let ctx: AppContext;
const raw = fs.readFileSync(path.join(__dirname, 'fixtures', 'halfwidth-katakana.txt'), 'utf8');

beforeAll(() => {
  ctx = makeContext({ corpus: false });
  ingestDocument(
    ctx.db,
    { id: 'fixture-halfwidth', title: '半角カナの報告', date: '2024-04-01', issuer: null, kind: 'report', language: 'ja', source: 'halfwidth-katakana.txt' },
    raw,
    { origin: 'imported', afterReplace: replaceHooks },
  );
});
afterAll(() => closeContext(ctx));

it.each(['サプライチェーン', 'セキュリティー', 'コンピュータ', 'ガス', 'データセンター'])('finds the half-width spelling of %s', (q) => {
  const r = runSearch(ctx.db, { query: q, limit: 50, expandVariants: false }, { dictionary: compiledDictionary(ctx.db, ctx.resourcesDir) });
  expect(r.total).toBeGreaterThan(0);
  for (const h of r.hits) {
    for (const [s, e] of h.matches) {
      expect(normalizeKey(h.text.slice(s, e))).toBe(normalizeKey(q));
      expect(h.text.slice(s, e)).toMatch(/[ｦ-ﾟ]/); // the original half-width characters are marked
    }
  }
});
