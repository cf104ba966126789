// Schema 17: the workspace/library split. The corpus and everything derived from it (documents,
// statements, pages, the search index) move to the library file attached as schema `library`;
// the analyst's own data stays in the workspace (main). Unqualified names keep resolving (SQLite
// looks in main, then in attached schemas), so services read and write both without change.
//
// Two starting points, both handled here:
//   - open.ts copied the whole file at schema 16 into the library first (VACUUM INTO, so the big
//     search index comes along as it is): the library then drops what is not corpus, and the
//     workspace drops what is;
//   - the library is empty (a new database, a library being created, or migrate() called on a
//     bare connection): the corpus tables are created in the library from the definitions the
//     workspace holds, their rows copied, and every statement queued for the search indexer
//     (FTS5 keeps per-connection state, so its shadow tables are never written directly).
// Every table that is not listed below is the analyst's and stays in the workspace, including
// tables migrations 0010–0016 add. import_records and document_edits lose their foreign keys to
// documents (keys cannot cross files) and import_records gains meta_json, the document's metadata
// as ingested, which a library rebuild needs (electron/import/rebuild.ts).
// Frozen: holds its own SQL and logic; never edit it, write a new migration.
import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/errors';
import type { Migration } from '../migration';

/** Corpus tables in creation order (a parent before its children). */
const LIBRARY_TABLES = ['documents', 'statements', 'document_pages', 'search_fts', 'search_pending', 'search_meta_snapshot', 'search_state'] as const;

interface MasterRow {
  type: 'table' | 'index' | 'trigger' | 'view';
  name: string;
  tbl_name: string;
  sql: string | null;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

function objects(db: Database.Database, schema: 'main' | 'library'): MasterRow[] {
  return db.prepare(`SELECT type, name, tbl_name, sql FROM ${schema}.sqlite_master ORDER BY rowid`).all() as MasterRow[];
}

/** FTS5 shadow tables (search_fts_data …) go with their virtual table. */
function isShadow(name: string): boolean {
  return /^search_fts_(data|idx|content|docsize|config)$/.test(name);
}

function belongsToLibrary(o: MasterRow): boolean {
  return (LIBRARY_TABLES as readonly string[]).includes(o.tbl_name) || isShadow(o.tbl_name);
}

/** Drops objects of one schema; triggers first, then tables children-first (FKs deferred). */
function dropAll(db: Database.Database, schema: 'main' | 'library', list: MasterRow[]): void {
  for (const o of list.filter((x) => x.type === 'trigger')) db.exec(`DROP TRIGGER IF EXISTS ${schema}.${quote(o.name)}`);
  for (const o of list.filter((x) => x.type === 'view')) db.exec(`DROP VIEW IF EXISTS ${schema}.${quote(o.name)}`);
  const tables = list.filter((x) => x.type === 'table' && !x.name.startsWith('sqlite_') && !isShadow(x.name));
  for (const o of [...tables].reverse()) db.exec(`DROP TABLE IF EXISTS ${schema}.${quote(o.name)}`);
}

/** `CREATE [VIRTUAL] TABLE|INDEX|TRIGGER name` as stored, with the object put in `library`. */
function inLibrary(o: MasterRow): string {
  const re = /^(\s*CREATE\s+(?:UNIQUE\s+|VIRTUAL\s+)?(?:TABLE|INDEX|TRIGGER)\s+(?:IF\s+NOT\s+EXISTS\s+)?)("(?:[^"]|"")+"|\[[^\]]+\]|`[^`]+`|[A-Za-z_][A-Za-z0-9_$]*)/i;
  if (!o.sql || !re.test(o.sql)) {
    throw new AppError('db-migration-failed', { ja: `${o.name} の定義を読めません。`, en: `Cannot read the definition of ${o.name}.` }, { subject: o.name });
  }
  return o.sql.replace(re, '$1library.$2');
}

function fillEmptyLibrary(db: Database.Database, main: MasterRow[]): void {
  const byName = new Map(main.map((o) => [o.name, o]));
  for (const t of LIBRARY_TABLES) {
    const o = byName.get(t);
    if (!o) throw new AppError('db-migration-failed', { ja: `表 ${t} がありません。`, en: `The table ${t} is missing.` }, { subject: t });
    db.exec(inLibrary(o));
    if (t !== 'search_fts') db.exec(`INSERT INTO library.${t} SELECT * FROM main.${t}`);
  }
  // The index is rebuilt by the indexer, never copied through FTS5's shadow tables.
  db.exec(`
    INSERT INTO library.search_fts (search_fts, rank) VALUES ('automerge', 16);
    INSERT INTO library.search_fts (search_fts, rank) VALUES ('crisismerge', 64);
    DELETE FROM library.search_pending;
    INSERT INTO library.search_pending (rowid) SELECT rowid FROM library.statements;
  `);
  // Indexes and triggers after the rows, so copying does not fire the index triggers.
  for (const o of main) {
    if ((o.type === 'index' || o.type === 'trigger') && o.sql && belongsToLibrary(o)) db.exec(inLibrary(o));
  }
}

export const m0017: Migration = {
  version: 17,
  name: 'workspace-library',
  store: 'both',
  up(db) {
    const attached = db.prepare("SELECT 1 FROM pragma_database_list WHERE name = 'library'").get();
    if (!attached) {
      throw new AppError('db-migration-failed', { ja: 'ライブラリのファイルが接続されていません。', en: 'The library file is not attached.' }, { subject: 'library' });
    }
    // Keys between tables are checked at commit: tables are dropped in whichever order they come.
    db.pragma('defer_foreign_keys = ON');
    const main = objects(db, 'main');
    const lib = objects(db, 'library');
    if (lib.some((o) => o.type === 'table' && o.name === 'documents')) {
      // The library is a copy of this file: keep only the corpus.
      dropAll(db, 'library', lib.filter((o) => !belongsToLibrary(o)));
      for (const o of lib.filter((x) => x.type === 'index' && x.sql && !belongsToLibrary(x))) db.exec(`DROP INDEX IF EXISTS library.${quote(o.name)}`);
      // SQLite keeps its AUTOINCREMENT table once made (it cannot be dropped): emptied, it is inert.
      if (lib.some((o) => o.name === 'sqlite_sequence')) db.exec('DELETE FROM library.sqlite_sequence');
    } else {
      dropAll(db, 'library', lib);
      fillEmptyLibrary(db, main);
    }

    db.exec(`
      CREATE TABLE library.library_state (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
      INSERT INTO library.library_state (key, value) VALUES ('schema.version', '17');
      -- The workspace's identity (migration 0011): a library serves the workspace that made it.
      INSERT INTO library.library_state (key, value) SELECT 'workspace.id', workspace_id FROM main.workspace_identity WHERE id = 1;
      INSERT INTO library.library_state (key, value) SELECT key, value FROM main.app_state WHERE key = 'bundled_corpus_hash';
      DELETE FROM main.app_state WHERE key = 'bundled_corpus_hash';
    `);

    // Import records are the truth a library is rebuilt from: no key into the library, and the
    // metadata the document was ingested with.
    db.exec(`
      CREATE TABLE main.import_records_v17 (
        id            INTEGER PRIMARY KEY,
        document_id   TEXT NOT NULL,
        version       INTEGER NOT NULL CHECK (version >= 1),
        file_name     TEXT NOT NULL,
        size          INTEGER NOT NULL CHECK (size >= 0),
        sha256        TEXT NOT NULL CHECK (length(sha256) = 64),
        format        TEXT NOT NULL CHECK (format IN ('text', 'markdown', 'html', 'docx', 'pdf')),
        encoding      TEXT,
        pages         INTEGER,
        statements    INTEGER NOT NULL,
        extractor     TEXT NOT NULL,
        imported_at   TEXT NOT NULL,
        reanchor_json TEXT,
        -- The document's id, title, date, issuer, kind, language and source as ingested (JSON).
        meta_json     TEXT,
        UNIQUE (document_id, version)
      );
      INSERT INTO main.import_records_v17 (id, document_id, version, file_name, size, sha256, format, encoding, pages, statements, extractor, imported_at, reanchor_json, meta_json)
        SELECT r.id, r.document_id, r.version, r.file_name, r.size, r.sha256, r.format, r.encoding, r.pages, r.statements, r.extractor, r.imported_at, r.reanchor_json,
               CASE WHEN d.id IS NULL THEN NULL ELSE json_object('id', d.id, 'title', d.title, 'date', d.date, 'issuer', d.issuer, 'kind', d.kind, 'language', d.language, 'source', d.source) END
        FROM main.import_records r LEFT JOIN main.documents d ON d.id = r.document_id;
      DROP TABLE main.import_records;
      ALTER TABLE main.import_records_v17 RENAME TO import_records;
      CREATE INDEX main.import_records_sha256 ON import_records(sha256);
      CREATE INDEX main.import_records_file_name ON import_records(file_name);

      CREATE TABLE main.document_edits_v17 (
        document_id   TEXT PRIMARY KEY,
        fields_json   TEXT NOT NULL,
        edited_at     TEXT NOT NULL
      );
      INSERT INTO main.document_edits_v17 SELECT document_id, fields_json, edited_at FROM main.document_edits;
      DROP TABLE main.document_edits;
      ALTER TABLE main.document_edits_v17 RENAME TO document_edits;
    `);

    dropAll(db, 'main', objects(db, 'main').filter(belongsToLibrary));
  },
};
