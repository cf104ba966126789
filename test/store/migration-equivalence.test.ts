// Frozen migrations: the schema built by applying every migration in order to an empty database
// equals the schema of an upgrade from every state earlier builds left behind. Those states come
// from committed SQL dumps (test/fixtures/store/, made by scripts/make-schema-fixture.js from the
// old commits' own code), never from live code; each holds a few rows that must survive.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runSearch } from '../../electron/search/query';
import { currentVersion, migrate } from '../../electron/store/migrate';
import type { Migration } from '../../electron/store/migration';
import { LATEST_VERSION, migrations, SPLIT_VERSION } from '../../electron/store/migrations';
import { m0006 } from '../../electron/store/migrations/0006-one-schema';
import { openDatabase } from '../../electron/store/open';
import { compileDictionary } from '../../shared/query/expand';
import { normalizeKey } from '../../shared/text/normalize';
import { tempDbPath } from '../helpers/db';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'store');
const MIGRATIONS_DIR = path.join(__dirname, '..', '..', 'electron', 'store', 'migrations');

/** Every state earlier builds could leave, with the version each recorded. */
const STATES: { file: string; version: number; about: string }[] = [
  { file: 'schema-v1-566afbf.sql', version: 1, about: 'documents only (foundation builds)' },
  { file: 'schema-v4-d528261-no-search.sql', version: 4, about: 'migrations 1, 3, 4: no search index, 0003 without activity_annotation' },
  { file: 'schema-v5-d528261-repaired-by-6eae2a2.sql', version: 5, about: 'the same, then opened and searched by stop 7 (search schema made at run time)' },
  { file: 'schema-v4-49520ea.sql', version: 4, about: 'the first search schema: no merge settings, no metadata snapshot' },
  { file: 'schema-v4-fc2b221.sql', version: 4, about: 'merge settings, no metadata snapshot' },
  { file: 'schema-v4-4078902.sql', version: 4, about: 'the full search schema before migration 5' },
  { file: 'schema-v5-6eae2a2.sql', version: 5, about: 'stop 7, the first released build' },
  { file: 'schema-v5-3342a60.sql', version: 5, about: 'stop 8, the second released build' },
];

/**
 * Released migrations, by content. Editing one breaks every database already past it: write a
 * new migration instead. A migration joins this list when it is first released.
 */
const FROZEN: Record<string, string> = {
  '0001-documents.ts': 'b2295d1d4ffd6e4c39b30ef7d0382bca8292a176ef29d4d3097a9f375942a24e',
  '0002-search-index.ts': '678a6557cffbedac580f33306a4ce1217ba20804b9d13dc26b85663216be1108',
  '0003-annotations.ts': '9648cbbc129c76898ae3d39b61a59dba290dc458021355ad183db6148390a2d1',
  '0004-briefings.ts': 'c73cafdedf9edb7cbdae8f16c0d02da16a2331db460095db60ba9bcda5d1dd26',
  '0005-briefing-journal.ts': '6c1ee3dbae7a0594be43e96cc77235b5c2d0fe48fabd9f739fd35c14ff68ee51',
  '0006-one-schema.ts': 'a6267617cf4528994813c6a4294589ee18480a32546212451740d950124dac2e',
  '0007-statement-pages.ts': '94752ad5f728e9bdfddf2ea827830832bb00f78f6cd541b0003794cab7eadcea',
  '0008-import-records.ts': '9e258b6dffd9892cac9be8352eeb57ab77e3dfb38a239cec5efe90bb51003d86',
  '0009-analyst-profile.ts': '0f32964f5f5e21d127882e3bd29b7a7e251c94edf9b685df0501546df8d00a5a',
  '0010-memos.ts': '29d42bc015359b454827a2bdfe9df99fdcd562276fe146d013d1e3a11bc1129d',
  '0011-workspace-identity.ts': '16424726623cec83788cfbe3857aa978d306c7c3df2bdfbcb76c85e5f06bacde',
  '0012-bundle.ts': 'da837a656a81d134f1b283c535697c7c4ca0370b221704f51006c51dcfee53f4',
  '0014-briefing-form.ts': '3cb1aceae9cafed55e4841ea0d93fd8c35443678dc30878ddc0b2e307b8fcf58',
  '0015-journal-entities-open.ts': 'abbd40bc6e34183c4da7b1b0f7da6d373be4be179eea6e2641e4ed5d4ce06c7b',
  '0017-workspace-library.ts': '98e435f64de3bfc02694d7f4f950b60a0b9de875b12296960453564c4f8385ff',
  '0020-briefing-memo-items.ts': 'ee73e4f46bf233fb873f86f32cead2f8f943bd0c756c4832af8aa73e56fe3506',
  '0021-briefing-live.ts': '51facf9e4fe4a8b4540448ecb5c8e712ea5b3dd7807967b22adca2bd90e8c0fe',
};

function loadFixture(file: string): string {
  const dbPath = tempDbPath();
  const db = new Database(dbPath);
  db.exec(fs.readFileSync(path.join(FIXTURES, file), 'utf8'));
  db.close();
  return dbPath;
}

/** SQL text with comments dropped and whitespace folded: what the definition says, not its layout. */
function foldSql(sql: string | null): string | null {
  if (sql === null) return null;
  return sql
    .replace(/--[^\n]*/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/\s*([(),])\s*/g, '$1')
    .trim();
}

interface Schema {
  objects: { type: string; name: string; tbl_name: string; sql: string | null }[];
  columns: Record<string, unknown[]>;
  indexes: Record<string, unknown[]>;
  foreignKeys: Record<string, unknown[]>;
  ftsConfig: unknown[];
  version: number;
  userVersion: number;
  applicationId: number;
}

/** The schemas of the connection: the workspace (main) and, from schema 17, the library. */
function schemasOf(db: Database.Database): string[] {
  return (db.prepare('SELECT name FROM pragma_database_list ORDER BY seq').pluck().all() as string[]).filter((n) => n === 'main' || n === 'library');
}

function schemaOf(db: Database.Database): Schema {
  const objects: Schema['objects'] = [];
  const columns: Schema['columns'] = {};
  const indexes: Schema['indexes'] = {};
  const foreignKeys: Schema['foreignKeys'] = {};
  for (const schema of schemasOf(db)) {
    // A library split off a copy of the whole file keeps SQLite's (emptied) AUTOINCREMENT table, which cannot be dropped.
    const own = (db.prepare(`SELECT '${schema}' AS schema, type, name, tbl_name, sql FROM ${schema}.sqlite_master WHERE NOT ('${schema}' = 'library' AND name = 'sqlite_sequence') ORDER BY type, name`).all() as Schema['objects']).map((o) => ({ ...o, sql: foldSql(o.sql) }));
    objects.push(...own);
    for (const t of own.filter((o) => o.type === 'table').map((o) => o.name)) {
      const key = `${schema}.${t}`;
      columns[key] = db.prepare(`PRAGMA ${schema}.table_xinfo("${t}")`).all();
      foreignKeys[key] = db.prepare(`PRAGMA ${schema}.foreign_key_list("${t}")`).all();
      indexes[key] = (db.prepare(`PRAGMA ${schema}.index_list("${t}")`).all() as { name: string }[]).map((i) => ({ ...i, columns: db.prepare(`PRAGMA ${schema}.index_xinfo("${i.name}")`).all() }));
    }
  }
  const tables = objects.filter((o) => o.type === 'table').map((o) => o.name);
  return {
    objects,
    columns,
    indexes,
    foreignKeys,
    ftsConfig: tables.includes('search_fts_config') ? db.prepare('SELECT k, v FROM search_fts_config ORDER BY k').all() : [],
    version: currentVersion(db),
    userVersion: db.pragma('user_version', { simple: true }) as number,
    applicationId: db.pragma('application_id', { simple: true }) as number,
  };
}

/** The schema every database must end at: the migrations, in order, on an empty database. */
function freshSchema(): Schema {
  const db = new Database(':memory:');
  migrate(db);
  const schema = schemaOf(db);
  db.close();
  return schema;
}

/** Every row of every ordinary table, by table (derived search tables and the migration log apart). */
function rowsByTable(db: Database.Database): Record<string, unknown[]> {
  // library_state (schema 17+) holds the library's own bookkeeping, checked in test/store/split.test.ts.
  const skip = new Set(['schema_migrations', 'search_pending', 'sqlite_sequence', 'library_state']);
  const out: Record<string, unknown[]> = {};
  for (const schema of schemasOf(db)) {
    const tables = db
      .prepare(`SELECT name FROM ${schema}.sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE 'search_fts_%'`)
      .pluck()
      .all() as string[];
    // Sorted in JS: WITHOUT ROWID tables have no rowid to order by. The workspace's id (schema 17) is random.
    for (const t of tables.filter((n) => !skip.has(n))) {
      out[t] = (db.prepare(`SELECT * FROM ${schema}."${t}"`).all() as Record<string, unknown>[])
        .filter((r) => !(t === 'app_state' && r.key === 'workspace.id'))
        .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
    }
  }
  return out;
}

const search = (db: Database.Database, query: string) =>
  runSearch(db, { query, limit: 50, expandVariants: false }, { dictionary: compileDictionary({ groups: [] }) });

describe('migrations applied in order equal an upgrade from every earlier state', () => {
  const fresh = freshSchema();

  it('the fresh schema is at the latest version, with the search index and its merge settings', () => {
    expect(fresh.version).toBe(LATEST_VERSION);
    expect(fresh.userVersion).toBe(LATEST_VERSION);
    expect(fresh.objects.map((o) => o.name)).toEqual(expect.arrayContaining(['search_fts', 'search_meta_snapshot', 'search_statements_au', 'activity_annotation', 'briefing_items']));
    expect(fresh.ftsConfig).toEqual([
      { k: 'automerge', v: 16 },
      { k: 'crisismerge', v: 64 },
      { k: 'version', v: 4 },
    ]);
  });

  it('has a fixture for every state listed, and lists every fixture', () => {
    expect(fs.readdirSync(FIXTURES).filter((f) => f.startsWith('schema-')).sort()).toEqual(STATES.map((s) => s.file).sort());
  });

  describe.each(STATES)('$file ($about)', ({ file, version }) => {
    it('upgrades to exactly the fresh schema, keeping every row', () => {
      const dbPath = loadFixture(file);
      const old = new Database(dbPath);
      expect(currentVersion(old)).toBe(version);
      const rowsBefore = rowsByTable(old);
      const migrationsBefore = old.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
      old.close();

      const db = openDatabase(dbPath);
      try {
        expect(schemaOf(db)).toEqual(fresh);
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(db.pragma('foreign_key_check')).toEqual([]);
        // What was there is still there, column for column (new columns aside).
        const rowsAfter = rowsByTable(db);
        for (const [table, rows] of Object.entries(rowsBefore)) {
          const kept = (rowsAfter[table] as Record<string, unknown>[]).map((r) => Object.fromEntries(Object.keys((rows[0] as object) ?? r).map((k) => [k, r[k]])));
          expect(kept, table).toEqual(rows);
        }
        expect(rowsBefore.statements).toHaveLength(4);
        if (version >= 3) {
          expect(db.prepare("SELECT pillar_id FROM annotation_pillars WHERE annotation_id = 'ann-1'").pluck().all()).toEqual(['tech-protection']);
          expect(db.prepare("SELECT annotation_id FROM briefing_items WHERE id = 'item-1'").pluck().get()).toBe('ann-1');
        }
        // The log keeps what ran; the upgrade adds the versions it applied.
        const log = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
        expect(log).toEqual([...migrationsBefore, ...migrations.filter((m) => m.version > version).map((m) => ({ version: m.version, name: m.name }))]);
      } finally {
        db.close();
      }
    });

    it('finds every statement by search after the upgrade, with the index consistent', () => {
      const dbPath = loadFixture(file);
      const db = openDatabase(dbPath);
      try {
        const texts = db.prepare('SELECT id, text FROM statements ORDER BY rowid').all() as { id: string; text: string }[];
        for (const term of ['中国', '機微技術', '473']) {
          const expected = texts.filter((s) => normalizeKey(s.text).includes(normalizeKey(term))).map((s) => s.id);
          expect(expected.length, term).toBeGreaterThan(0);
          expect(search(db, term).hits.map((h) => h.statementId).sort(), term).toEqual(expected.sort());
        }
        expect(db.prepare('SELECT COUNT(*) FROM search_pending').pluck().get()).toBe(0);
        db.exec("INSERT INTO search_fts (search_fts) VALUES ('integrity-check')");
        // A statement written after the upgrade is found too: the triggers are in place.
        db.prepare("UPDATE statements SET text = '半導体の供給網' WHERE id = ?").run(texts[1].id);
        expect(search(db, '半導体').hits.map((h) => h.statementId)).toEqual([texts[1].id]);
      } finally {
        db.close();
      }
    });

    it('migration 0006 is idempotent: run again on the upgraded database, nothing changes', () => {
      // Before the split (0017), which moves the tables 0006 vouches for into the library file.
      const db = new Database(loadFixture(file));
      migrate(db, { target: SPLIT_VERSION - 1 });
      try {
        const before = schemaOf(db);
        const rows = rowsByTable(db);
        db.transaction(() => m0006.up(db))();
        expect(schemaOf(db)).toEqual(before);
        expect(rowsByTable(db)).toEqual(rows);
      } finally {
        db.close();
      }
    });
  });
});

describe('migration safety', () => {
  it('a failing migration leaves the database at its previous version, every pending step undone', () => {
    const dbPath = loadFixture('schema-v5-3342a60.sql');
    const db = new Database(dbPath);
    const before = schemaOf(db);
    const rows = rowsByTable(db);
    const broken: Migration = {
      version: LATEST_VERSION + 1,
      name: 'half-done',
      up(d) {
        d.exec("CREATE TABLE half_done (x); ALTER TABLE annotations ADD COLUMN half TEXT; DELETE FROM briefings; UPDATE no_such_table SET x = 1;");
      },
    };
    let error: unknown;
    try {
      migrate(db, { migrations: [...migrations, broken], dbPath });
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'db-migration-failed', subject: dbPath });
    expect((error as Error).message).toContain(`schema ${LATEST_VERSION + 1} (half-done)`);
    expect((error as Error).message).toContain('no such table: no_such_table');
    expect((error as Error).message).toContain('at schema 5');
    // 0006 ran before the broken one in the same transaction: it is undone too.
    expect(currentVersion(db)).toBe(5);
    expect(schemaOf(db)).toEqual(before);
    expect(rowsByTable(db)).toEqual(rows);
    db.close();
  });

  it('the one state no upgrade can mend (briefings before annotations, 365bc74) is refused, untouched', () => {
    // Migrations 1 and 4 only: 0003 was skipped for good once 4 was recorded, so 0005 finds no
    // journal to widen. It existed between two commits of one merge and no released build made it.
    const dbPath = loadFixture('unreachable-v4-365bc74-no-annotations.sql');
    const old = new Database(dbPath);
    const before = schemaOf(old);
    const rows = rowsByTable(old);
    old.close();
    expect(() => openDatabase(dbPath)).toThrowError(
      expect.objectContaining({ code: 'db-migration-failed', subject: dbPath, message: expect.stringContaining('schema 5 (briefing-journal): no such table: change_entries') }),
    );
    const db = new Database(dbPath);
    expect(currentVersion(db)).toBe(4);
    expect(schemaOf(db)).toEqual(before);
    expect(rowsByTable(db)).toEqual(rows);
    db.close();
  });

  it('an object with a definition no build wrote is refused, and the upgrade rolled back', () => {
    const dbPath = loadFixture('schema-v5-3342a60.sql');
    const old = new Database(dbPath);
    old.exec('DROP TRIGGER search_statements_au; CREATE TRIGGER search_statements_au AFTER UPDATE OF text ON statements BEGIN SELECT 1; END;');
    const before = schemaOf(old);
    old.close();
    expect(() => openDatabase(dbPath)).toThrowError(expect.objectContaining({ code: 'db-migration-failed', subject: dbPath, message: expect.stringContaining('trigger search_statements_au') }));
    const db = new Database(dbPath);
    expect(currentVersion(db)).toBe(5);
    expect(schemaOf(db)).toEqual(before);
    db.close();
  });

  it.each([
    ['user_version', (db: Database.Database) => db.pragma(`user_version = ${LATEST_VERSION + 1}`)],
    ['schema_migrations', (db: Database.Database) => db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'from-the-future', 'x')").run(LATEST_VERSION + 1)],
  ])('a database from the future (%s ahead) is refused with a typed error and left byte-identical', (_where, ahead) => {
    const dbPath = tempDbPath();
    const db = openDatabase(dbPath);
    ahead(db);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = fs.readFileSync(dbPath);
    expect(() => openDatabase(dbPath)).toThrowError(
      expect.objectContaining({ code: 'db-too-new', subject: dbPath, message: expect.stringContaining(`schema ${LATEST_VERSION + 1}; this app knows up to ${LATEST_VERSION}`) }),
    );
    expect(fs.readFileSync(dbPath).equals(bytes)).toBe(true);
  });
});

describe('migrations are frozen', () => {
  const files = fs.readdirSync(MIGRATIONS_DIR).filter((f) => /^\d{4}-.*\.ts$/.test(f));

  it('has a file for every migration in the list, numbered as the list', () => {
    expect(files.map((f) => Number(f.slice(0, 4)))).toEqual(migrations.map((m) => m.version));
  });

  it.each(files)('%s imports no live code (only the Migration type, better-sqlite3 types and shared/errors)', (file) => {
    const source = fs.readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8');
    const imports = [...source.matchAll(/^import\s+(type\s+)?[^;]*?from\s+'([^']+)'/gm)].map((m) => `${m[1] ? 'type ' : ''}${m[2]}`);
    for (const spec of imports) expect(['type ../migration', 'type better-sqlite3', '../../../shared/errors'], `${file}: ${spec}`).toContain(spec);
    expect(source).not.toMatch(/\brequire\(|import\(/);
  });

  it.each(Object.entries(FROZEN))('%s is unchanged since it was released', (file, sha256) => {
    const text = fs.readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8').replace(/\r\n/g, '\n');
    expect(crypto.createHash('sha256').update(text).digest('hex'), `${file} was edited: add a new migration instead`).toBe(sha256);
  });
});
