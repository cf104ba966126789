// Migration 0002 on a database that already holds statements (schema 1): the index is created
// and every statement queued in the migration's transaction (the folding is live code, which a
// frozen migration must not run), so the first search indexes them and finds every statement.
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { ingestBundledCorpus } from '../../electron/corpus/ingest';
import { runSearch } from '../../electron/search/query';
import { compileDictionary } from '../../shared/query/expand';
import { migrate } from '../../electron/store/migrate';
import { libraryPathFor } from '../../electron/store/library-file';
import { normalizeKey } from '../../shared/text/normalize';
import { RESOURCES_DIR, tempDbPath } from '../helpers/db';

it('queues existing statements when upgrading from schema 1, and the first search indexes them', () => {
  const db = new Database(tempDbPath());
  try {
    migrate(db, { target: 1 });
    // Live ingest writes today's columns, so the corpus is ingested into a current database and its
    // rows copied into the schema-1 one column by column, as a schema-1 build had stored them.
    const source = tempDbPath();
    const full = new Database(source);
    migrate(full);
    ingestBundledCorpus(full, RESOURCES_DIR, { afterReplace: [] });
    full.close();
    // From schema 17 the source's corpus is in its library file.
    db.prepare('ATTACH DATABASE ? AS src').run(libraryPathFor(source));
    for (const table of ['documents', 'statements']) {
      const cols = (db.prepare(`PRAGMA main.table_info(${table})`).all() as { name: string }[]).map((c) => c.name).join(', ');
      db.exec(`INSERT INTO main.${table} (${cols}) SELECT ${cols} FROM src.${table}`);
    }
    db.exec('DETACH DATABASE src');
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
