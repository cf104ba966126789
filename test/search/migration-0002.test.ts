// Migration 0002 on a database that already holds statements (schema 1): the index is created
// and every statement queued in the migration's transaction (the folding is live code, which a
// frozen migration must not run), so the first search indexes them and finds every statement.
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { ingestBundledCorpus } from '../../electron/corpus/ingest';
import { runSearch } from '../../electron/search/query';
import { compileDictionary } from '../../shared/query/expand';
import { migrate } from '../../electron/store/migrate';
import { normalizeKey } from '../../shared/text/normalize';
import { RESOURCES_DIR, tempDbPath } from '../helpers/db';

it('queues existing statements when upgrading from schema 1, and the first search indexes them', () => {
  const db = new Database(tempDbPath());
  try {
    migrate(db, { target: 1 });
    ingestBundledCorpus(db, RESOURCES_DIR, { afterReplace: [] });
    expect(db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'search_fts'").get()).toBeUndefined();
    migrate(db);
    const texts = db.prepare('SELECT text FROM statements').pluck().all() as string[];
    expect(texts.length).toBeGreaterThan(400);
    expect(db.prepare('SELECT COUNT(*) FROM search_pending').pluck().get()).toBe(texts.length);
    const r = runSearch(db, { query: '経済', limit: 0, expandVariants: false }, { dictionary: compileDictionary({ groups: [] }) });
    expect(db.prepare('SELECT COUNT(*) FROM search_pending').pluck().get()).toBe(0);
    expect(r.total).toBe(texts.filter((t) => normalizeKey(t).includes('経済')).length);
    expect(r.total).toBeGreaterThan(0);
  } finally {
    db.close();
  }
});
