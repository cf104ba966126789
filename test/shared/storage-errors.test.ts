// Every storage failure gets its own typed error (issue 11, defect 6): a table of SQLite result
// codes and OS errnos to the code the analyst sees, through the same toErrorData every boundary
// uses; fuzzed so no SQLite family or listed errno is ever reported as "internal".
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AppError, storageErrorOf, toErrorData } from '../../shared/errors';
import { storageCodeOf } from '../../shared/storage-errors';

/** An error as better-sqlite3 throws it (its own SqliteError class, with `code`). */
function sqliteError(code: string): Error {
  const SqliteError = (Database as unknown as { SqliteError: new (message: string, code: string) => Error }).SqliteError;
  return new SqliteError(`failed: ${code}`, code);
}

/** An error as node:fs throws it. */
function errno(code: string, syscall: string, path = '/data/workbench.db'): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${syscall} '${path}'`), { code, syscall, path, errno: -1 });
}

const TABLE: [thrown: () => unknown, code: string][] = [
  [() => sqliteError('SQLITE_BUSY'), 'db-busy'],
  [() => sqliteError('SQLITE_BUSY_SNAPSHOT'), 'db-busy'],
  [() => sqliteError('SQLITE_LOCKED'), 'db-busy'],
  [() => sqliteError('SQLITE_LOCKED_SHAREDCACHE'), 'db-busy'],
  [() => sqliteError('SQLITE_FULL'), 'disk-full'],
  [() => errno('ENOSPC', 'write'), 'disk-full'],
  [() => errno('EDQUOT', 'write'), 'disk-full'],
  [() => sqliteError('SQLITE_READONLY'), 'read-only'],
  [() => sqliteError('SQLITE_READONLY_DIRECTORY'), 'read-only'],
  [() => sqliteError('SQLITE_READONLY_DBMOVED'), 'read-only'],
  [() => errno('EROFS', 'open'), 'read-only'],
  [() => errno('EACCES', 'open'), 'read-only'],
  [() => errno('EACCES', 'rename'), 'read-only'],
  [() => errno('EPERM', 'unlink'), 'read-only'],
  // Permission refused on a read is not "read-only": the file cannot be read at all.
  [() => errno('EACCES', 'scandir'), 'io'],
  [() => sqliteError('SQLITE_IOERR'), 'io'],
  [() => sqliteError('SQLITE_IOERR_WRITE'), 'io'],
  [() => sqliteError('SQLITE_IOERR_FSYNC'), 'io'],
  [() => sqliteError('SQLITE_IOERR_SHORT_READ'), 'io'],
  [() => errno('EIO', 'read'), 'io'],
  [() => sqliteError('SQLITE_NOTADB'), 'db-corrupt'],
  [() => sqliteError('SQLITE_CORRUPT'), 'db-corrupt'],
  [() => sqliteError('SQLITE_CANTOPEN_ISDIR'), 'is-a-directory'],
  [() => errno('EISDIR', 'read'), 'is-a-directory'],
  [() => sqliteError('SQLITE_CANTOPEN'), 'io'],
];

describe('storage failures map to their typed errors', () => {
  it.each(TABLE.map(([thrown, code]) => [String((thrown() as { code: string }).code), (thrown() as { syscall?: string }).syscall ?? '', code, thrown] as const))(
    '%s %s → %s',
    (_raw, _syscall, code, thrown) => {
      const data = toErrorData(thrown());
      expect(data.code).toBe(code);
      // Both languages, naming the raw code, and advice: never the generic "unexpected".
      expect(data.message.en).not.toMatch(/unexpected/i);
      expect(data.message.ja).not.toContain('予期しない');
      expect(data.message.en).toContain(String((thrown() as { code: string }).code));
      expect(data.hint?.ja.length).toBeGreaterThan(5);
      expect(data.hint?.en.length).toBeGreaterThan(5);
    },
  );

  it('names the file: the OS error’s own path, else the database the host passes', () => {
    expect(toErrorData(errno('ENOSPC', 'write', '/exports/brief.docx')).subject).toBe('/exports/brief.docx');
    expect(storageErrorOf(sqliteError('SQLITE_FULL'), { subject: '/data/a.db' })!.subject).toBe('/data/a.db');
    expect(storageErrorOf(sqliteError('SQLITE_FULL'), { subject: '/data/a.db' })!.message).toContain('/data/a.db');
  });

  it('a busy error names what holds the database and how long the write waited', () => {
    const e = storageErrorOf(sqliteError('SQLITE_BUSY'), { subject: '/d/w.db', holder: { ja: '注釈の取り込み', en: 'the annotations import' }, waitedMs: 30_000 })!;
    expect(e.code).toBe('db-busy');
    expect(e.localized.en).toContain('the annotations import');
    expect(e.localized.en).toContain('30 s');
    expect(e.localized.ja).toContain('注釈の取り込み');
    expect(e.localized.ja).toContain('30 秒');
  });

  it('leaves typed errors and non-storage failures alone', () => {
    expect(storageErrorOf(new AppError('not-found', { ja: 'x', en: 'x' }))).toBeNull();
    expect(storageCodeOf(new TypeError('x is not a function'))).toBeNull();
    expect(storageCodeOf(sqliteError('SQLITE_CONSTRAINT_UNIQUE'))).toBeNull();
    expect(storageCodeOf(errno('ECONNRESET', 'read'))).toBeNull();
    expect(toErrorData(new TypeError('boom')).code).toBe('internal');
  });

  it('fuzz: any SQLite family member or listed errno is typed, never internal', () => {
    const families = ['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_FULL', 'SQLITE_READONLY', 'SQLITE_IOERR', 'SQLITE_NOTADB', 'SQLITE_CORRUPT', 'SQLITE_CANTOPEN', 'SQLITE_PERM'];
    const errnos = ['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM', 'EIO', 'EISDIR', 'ENOENT', 'ENOTDIR', 'EMFILE', 'EBUSY'];
    const syscalls = ['open', 'write', 'read', 'rename', 'mkdir', 'fsync', 'scandir', 'unlink'];
    let seed = 11;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const suffix = () => (rand(2) ? `_${String.fromCharCode(65 + rand(26))}${String.fromCharCode(65 + rand(26))}${rand(100)}` : '');
    for (let i = 0; i < 500; i++) {
      const thrown = rand(2) ? sqliteError(families[rand(families.length)] + suffix()) : errno(errnos[rand(errnos.length)], syscalls[rand(syscalls.length)]);
      const data = toErrorData(thrown);
      expect(data.code, String((thrown as unknown as { code: string }).code)).not.toBe('internal');
      expect(['db-busy', 'disk-full', 'read-only', 'io', 'db-corrupt', 'is-a-directory']).toContain(data.code);
    }
  });
});
