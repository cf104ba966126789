// Migrations: every earlier schema version upgrades to the latest, the list only goes up, and a
// failed upgrade leaves nothing behind. (Upgrades from what earlier builds left, and databases
// from a newer workbench: test/store/migration-equivalence.test.ts.)
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { currentVersion, migrate } from '../../electron/store/migrate';
import { LATEST_VERSION, migrations } from '../../electron/store/migrations';
import { openDatabase } from '../../electron/store/open';
import { tempDbPath } from '../helpers/db';

describe('migrations', () => {
  it('are numbered strictly increasing from 1 with names', () => {
    expect(migrations.length).toBeGreaterThan(0);
    expect(migrations[0].version).toBe(1);
    for (let i = 1; i < migrations.length; i++) expect(migrations[i].version).toBeGreaterThan(migrations[i - 1].version);
    for (const m of migrations) expect(m.name).toMatch(/^[a-z0-9-]+$/);
  });

  it.each([0, ...migrations.map((m) => m.version)])('upgrade a database made at schema %i to the latest', (version) => {
    const file = tempDbPath();
    const old = new Database(file);
    migrate(old, { target: version });
    expect(currentVersion(old)).toBe(version);
    old.close();

    const db = openDatabase(file);
    expect(currentVersion(db)).toBe(LATEST_VERSION);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const applied = db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[];
    expect(applied.map((r) => r.version)).toEqual(migrations.map((m) => m.version));
    db.close();
  });

  it('keeps data written at schema 1 through every later migration', () => {
    const file = tempDbPath();
    const old = new Database(file);
    migrate(old, { target: 1 });
    old.prepare("INSERT INTO documents VALUES ('d1','題','2021-11-19',NULL,'minutes','ja','x.txt','imported','h','本文です。','2021-11-19T00:00:00Z')").run();
    old.prepare("INSERT INTO statements (id, document_id, ordinal, kind, text, start_offset, end_offset, heading_path) VALUES ('d1:a','d1',0,'paragraph','本文です。',0,5,'[]')").run();
    old.close();
    const db = openDatabase(file);
    expect(db.prepare("SELECT text FROM statements WHERE id = 'd1:a'").get()).toEqual({ text: '本文です。' });
    db.close();
  });

  it('rolls back every pending migration when one fails', () => {
    const db = new Database(':memory:');
    const broken = [
      migrations[0],
      { version: 2, name: 'boom', up: (d: Database.Database) => { d.exec('CREATE TABLE half_done (x)'); throw new Error('boom'); } },
    ];
    expect(() => migrate(db, { migrations: broken })).toThrowError(expect.objectContaining({ code: 'db-migration-failed', message: expect.stringContaining('schema 2 (boom): boom') }));
    expect(currentVersion(db)).toBe(0);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name IN ('documents', 'half_done')").all()).toEqual([]);
  });
});
