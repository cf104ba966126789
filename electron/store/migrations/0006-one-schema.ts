// Schema 6: one schema whatever build made the database. Migration 0002 landed after 0003 and
// 0004, and migrate() applies versions above the highest recorded, so a database made before it
// had no search index (until a search created one at run time, from whichever build ran it); the
// search schema and migration 0003 were also edited before the first release. The states known
// from history (each has a fixture under test/fixtures/store/ and a test in
// test/store/migration-equivalence.test.ts):
//   - no search objects at all (made at d528261, never searched);
//   - the search schema created at run time by a later build's search (e.g. stop 7's);
//   - the first search schema (49520ea): no FTS merge settings, no metadata snapshot;
//   - with merge settings, without the snapshot (fc2b221);
//   - migration 0003 without the activity_annotation index (before 3bd1733);
//   - released builds (stop 7, 6eae2a2; stop 8, 3342a60): already this shape.
// Every object is created only where it is missing, the merge settings are set, and then every
// object this migration vouches for is checked against its definition: anything else is an
// unknown state, refused with the whole upgrade rolled back, never patched over.
// Frozen: holds its own SQL and logic; never edit it, write a new migration.
import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import type { Migration } from '../migration';

interface SchemaObject {
  type: 'table' | 'index' | 'trigger';
  name: string;
  /** Exactly as released builds stored it in sqlite_master (compared with whitespace folded). */
  sql: string;
}

/** The objects, in creation order; the text is stop 7's (migrations 0002 and 0003). */
const OBJECTS: readonly SchemaObject[] = [
  {
    type: 'table',
    name: 'search_fts',
    sql: `CREATE VIRTUAL TABLE search_fts USING fts5(
    grams, content='', contentless_delete=1, tokenize='ascii', detail=full
  )`,
  },
  { type: 'table', name: 'search_pending', sql: 'CREATE TABLE search_pending (rowid INTEGER PRIMARY KEY)' },
  {
    type: 'table',
    name: 'search_meta_snapshot',
    sql: `CREATE TABLE search_meta_snapshot (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    generation  INTEGER NOT NULL,
    docs_key    TEXT NOT NULL,
    speakers    TEXT NOT NULL,
    doc         BLOB NOT NULL,
    speaker     BLOB NOT NULL,
    length      BLOB NOT NULL,
    rowids      BLOB NOT NULL,
    avg_length  REAL NOT NULL
  )`,
  },
  {
    type: 'table',
    name: 'search_state',
    sql: `CREATE TABLE search_state (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    generation  INTEGER NOT NULL
  )`,
  },
  {
    type: 'trigger',
    name: 'search_statements_ai',
    sql: `CREATE TRIGGER search_statements_ai AFTER INSERT ON statements BEGIN
    INSERT OR IGNORE INTO search_pending (rowid) VALUES (new.rowid);
  END`,
  },
  {
    type: 'trigger',
    name: 'search_statements_ad',
    sql: `CREATE TRIGGER search_statements_ad AFTER DELETE ON statements BEGIN
    DELETE FROM search_fts WHERE rowid = old.rowid;
    DELETE FROM search_pending WHERE rowid = old.rowid;
    UPDATE search_state SET generation = generation + 1 WHERE id = 1;
  END`,
  },
  {
    type: 'trigger',
    name: 'search_statements_au',
    sql: `CREATE TRIGGER search_statements_au AFTER UPDATE OF text, document_id, speaker ON statements BEGIN
    DELETE FROM search_fts WHERE rowid = old.rowid;
    INSERT OR IGNORE INTO search_pending (rowid) VALUES (new.rowid);
  END`,
  },
  { type: 'index', name: 'activity_annotation', sql: 'CREATE INDEX activity_annotation ON activity(annotation_id)' },
];

/**
 * FTS5 merge settings of stop 7's search schema (fc2b221): fewer, larger segments while ingesting.
 * Literal statements: this contentless table refuses bound values for its commands.
 */
const FTS_SETTINGS = `
  INSERT INTO search_fts (search_fts, rank) VALUES ('automerge', 16);
  INSERT INTO search_fts (search_fts, rank) VALUES ('crisismerge', 64);
`;

const folded = (sql: string) => sql.replace(/\s+/g, ' ').trim();

function storedSql(db: Database.Database, o: SchemaObject): string | undefined {
  return db.prepare('SELECT sql FROM sqlite_master WHERE type = ? AND name = ?').pluck().get(o.type, o.name) as string | undefined;
}

export const m0006: Migration = {
  version: 6,
  name: 'one-schema',
  up(db) {
    const missing = OBJECTS.filter((o) => storedSql(db, o) === undefined);
    for (const o of missing) db.exec(o.sql);
    db.exec('INSERT OR IGNORE INTO search_state (id, generation) VALUES (1, 0)');
    // A new index starts empty: every statement is queued, and the indexer fills it before the
    // next search (folding text is live code, which a migration must not run).
    if (missing.some((o) => o.name === 'search_fts')) db.exec('INSERT OR IGNORE INTO search_pending (rowid) SELECT rowid FROM statements');
    db.exec(FTS_SETTINGS);

    for (const o of OBJECTS) {
      const sql = storedSql(db, o);
      if (sql === undefined || folded(sql) !== folded(o.sql)) {
        throw new AppError(
          'db-migration-failed',
          {
            ja: `データベースの ${o.name}（${o.type}）の定義が、既知のどのバージョンとも異なります。スキーマ 6 への更新を取り消しました。`,
            en: `The database's ${o.type} ${o.name} has a definition that no known version wrote. The upgrade to schema 6 was rolled back.`,
          },
          { subject: o.name },
        );
      }
    }
  },
};
