// Opening a database: bad files get a specific error and are never modified.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/store/open';
import { defaultDataDir, resolveDbPath } from '../../electron/store/paths';
import { tempDbPath, tempDir } from '../helpers/db';

function expectUntouched(file: string, fn: () => unknown, code: string) {
  const before = fs.readFileSync(file);
  expect(fn).toThrowError(expect.objectContaining({ code }));
  expect(fs.readFileSync(file).equals(before)).toBe(true);
  expect(fs.existsSync(`${file}-wal`)).toBe(false);
}

describe('openDatabase', () => {
  it('creates a new database with WAL and foreign keys on, in a folder it creates', () => {
    const file = path.join(tempDir(), 'nested', 'deeper', 'wb.db');
    const db = openDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('refuses a text file posing as a database, naming it', () => {
    const file = tempDbPath();
    fs.writeFileSync(file, 'this is not a database, just notes\n'.repeat(50));
    expectUntouched(file, () => openDatabase(file), 'db-corrupt');
    try {
      openDatabase(file);
    } catch (e) {
      expect((e as Error).message).toContain(file);
    }
  });

  it('refuses a damaged SQLite file', () => {
    const file = tempDbPath();
    const db = openDatabase(file);
    db.exec("CREATE TABLE filler (x); INSERT INTO filler SELECT hex(randomblob(500)) FROM (WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM c WHERE i < 2000) SELECT i FROM c);");
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const buf = fs.readFileSync(file);
    for (let i = 8192; i < buf.length; i += 4096) buf.fill(0x5a, i, i + 200); // scribble over every page
    fs.writeFileSync(file, buf);
    expectUntouched(file, () => openDatabase(file), 'db-corrupt');
  });

  it('refuses a foreign SQLite database (someone else’s tables)', () => {
    const file = tempDbPath();
    const other = new Database(file);
    other.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL); INSERT INTO invoices VALUES (1, 9.5);');
    other.close();
    expectUntouched(file, () => openDatabase(file), 'db-foreign');
  });

  it('accepts an empty file and an empty SQLite database as new', () => {
    const a = tempDbPath();
    fs.writeFileSync(a, '');
    openDatabase(a).close();
    const b = tempDbPath();
    new Database(b).close();
    openDatabase(b).close();
  });

  it('resolves --db over WORKBENCH_DB over the per-user default', () => {
    expect(resolveDbPath('/x/a.db', { WORKBENCH_DB: '/y/b.db' })).toBe('/x/a.db');
    expect(resolveDbPath(null, { WORKBENCH_DB: '/y/b.db' })).toBe('/y/b.db');
    expect(resolveDbPath(null, {})).toBe(path.join(defaultDataDir({}), 'workbench.db'));
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toContain('keizai-anpo-workbench');
  });
});
