// The per-keystroke caches of the search path never serve stale answers: compiled statements
// are per connection and mode, folded texts follow the index generation (an edited statement
// ranks by its new text), and the bundled variant dictionary is re-read when the file changes.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/app/context';
import { runSearch } from '../../electron/search/query';
import { compiledDictionary, loadBundledDictionary } from '../../electron/search/variants';
import { prepared } from '../../electron/store/prepared';
import { closeContext, corpusContext, RESOURCES_DIR, tempDir } from '../helpers/db';

let ctx: AppContext;
beforeAll(() => {
  ctx = corpusContext();
});
afterAll(() => closeContext(ctx));

const search = (query: string) => runSearch(ctx.db, { query, limit: 50 }, { dictionary: compiledDictionary(ctx.db, RESOURCES_DIR) });

describe('prepared statements', () => {
  it('compiles once per connection, SQL and mode', () => {
    const sql = 'SELECT COUNT(*) AS n FROM documents';
    expect(prepared(ctx.db, sql)).toBe(prepared(ctx.db, sql));
    expect(prepared(ctx.db, sql, 'pluck')).not.toBe(prepared(ctx.db, sql));
    expect(prepared(ctx.db, sql).get()).toEqual({ n: 5 });
    expect(prepared(ctx.db, sql, 'pluck').get()).toBe(5);
    expect(prepared(ctx.db, sql, 'raw').get()).toEqual([5]);
    const other = corpusContext();
    try {
      expect(prepared(other.db, sql)).not.toBe(prepared(ctx.db, sql));
    } finally {
      closeContext(other);
    }
  });
});

describe('folded-text cache', () => {
  it('ranks an edited statement by its new text, after the old one was cached', () => {
    const before = search('半導体');
    expect(before.total).toBeGreaterThanOrEqual(2);
    const last = before.hits[before.hits.length - 1];
    // The lowest-ranked hit now says 半導体 four times: it must come first.
    ctx.db.prepare('UPDATE statements SET text = ? WHERE id = ?').run('半導体、半導体、半導体、半導体。', last.statementId);
    const after = search('半導体');
    expect(after.hits[0].statementId).toBe(last.statementId);
    expect(after.hits[0].text).toBe('半導体、半導体、半導体、半導体。');
    expect(after.hits[0].matches).toEqual([
      [0, 3],
      [4, 7],
      [8, 11],
      [12, 15],
    ]);
    // And a statement edited to lose the term drops out.
    ctx.db.prepare('UPDATE statements SET text = ? WHERE id = ?').run('この文は書き換えられた。', last.statementId);
    expect(search('半導体').hits.map((h) => h.statementId)).not.toContain(last.statementId);
  });
});

describe('bundled variant dictionary', () => {
  it('is re-read when the file on disk changes', () => {
    const dir = tempDir('wb-variants-');
    const file = path.join(dir, 'search', 'variants.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ groups: [{ terms: ['経済安保', '経済安全保障'] }] }));
    expect(loadBundledDictionary(dir).groups).toHaveLength(1);
    expect(loadBundledDictionary(dir)).toBe(loadBundledDictionary(dir));
    fs.writeFileSync(file, JSON.stringify({ groups: [{ terms: ['経済安保', '経済安全保障'] }, { terms: ['AI', '人工知能'] }] }));
    fs.utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(loadBundledDictionary(dir).groups).toHaveLength(2);
    fs.rmSync(file);
    expect(loadBundledDictionary(dir).groups).toEqual([]);
  });
});
