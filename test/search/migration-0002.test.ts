// Migration 0002 on a database that already holds statements (schema 1): the index is created
// and filled in the migration's transaction, so search finds every statement right after.
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { ingestBundledCorpus } from '../../electron/corpus/ingest';
import { runSearch } from '../../electron/search/query';
import { compileDictionary } from '../../shared/query/expand';
import { migrate } from '../../electron/store/migrate';
import { normalizeKey } from '../../shared/text/normalize';
import { RESOURCES_DIR, tempDbPath } from '../helpers/db';

it('indexes existing statements when upgrading from schema 1', () => {
  const db = new Database(tempDbPath());
  try {
    migrate(db, { target: 1 });
    ingestBundledCorpus(db, RESOURCES_DIR, { afterReplace: [] });
    expect(db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'search_fts'").get()).toBeUndefined();
    migrate(db);
    expect(db.prepare('SELECT COUNT(*) FROM search_pending').pluck().get()).toBe(0);
    const texts = db.prepare('SELECT text FROM statements').pluck().all() as string[];
    const r = runSearch(db, { query: '経済', limit: 0, expandVariants: false }, { dictionary: compileDictionary({ groups: [] }) });
    expect(r.total).toBe(texts.filter((t) => normalizeKey(t).includes('経済')).length);
    expect(r.total).toBeGreaterThan(0);
  } finally {
    db.close();
  }
});
