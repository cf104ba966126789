// Opens (or creates) the workbench database with its safety settings, after refusing files
// that are not ours: a corrupt file, a foreign SQLite database, a database from the future.
// The database is two files (docs/architecture.md): the workspace, checked here in full because
// it is small, and its library attached as `library`, checked in the background (./verify.ts).
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { APPLICATION_ID, currentVersion, migrate } from './migrate';
import { LATEST_VERSION, SPLIT_VERSION } from './migrations';
import { attachLibrary, prepareSplit, setLibraryOpenReport } from './library';
import { makePrivateDir, makePrivateFile } from './file-modes';
import { canWrite, openReadOnly, SQLITE_BUSY_TIMEOUT_MS, storageFailure } from './storage-errors';

const SQLITE_HEADER = Buffer.from('SQLite format 3\u0000', 'latin1');

export interface OpenOptions {
  /** Run pending migrations (default true). With false, a database that needs them is refused. */
  migrate?: boolean;
  /** Full PRAGMA integrity_check of the workspace instead of quick_check (the library is checked in the background). */
  fullCheck?: boolean;
  readonly?: boolean;
}

function corrupt(dbPath: string, detail: string): AppError {
  return new AppError(
    'db-corrupt',
    {
      ja: `データベース ${dbPath} は壊れているか、SQLite のファイルではありません（${detail}）。ファイルには手を加えていません。バックアップから復元するか、--db で別のファイルを指定してください。`,
      en: `The database ${dbPath} is damaged or not a SQLite file (${detail}). The file was left untouched. Restore a backup or point --db at another file.`,
    },
    {
      subject: dbPath,
      hint: {
        ja: 'バックアップの一覧は workbench backup --list、最新の正常なバックアップへの復元は workbench restore --latest で行えます。',
        en: 'List backups with `workbench backup --list`; restore the newest good one with `workbench restore --latest`.',
      },
    },
  );
}

/** Checks the file header before SQLite touches it, so nothing is ever written to a foreign file. */
function checkHeader(dbPath: string): 'missing' | 'empty' | 'sqlite' {
  let fd: number;
  try {
    fd = fs.openSync(dbPath, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'missing';
    const typed = storageFailure(e, dbPath);
    if (typed) throw typed;
    throw new AppError(
      'io',
      { ja: `データベース ${dbPath} を開けません（${code}）。`, en: `Cannot open the database ${dbPath} (${code}).` },
      { subject: dbPath, cause: e },
    );
  }
  try {
    const buf = Buffer.alloc(16);
    let n: number;
    try {
      n = fs.readSync(fd, buf, 0, 16, 0);
    } catch (e) {
      throw storageFailure(e, dbPath) ?? e; // EISDIR: --db names a folder
    }
    if (n === 0) return 'empty';
    if (n < 16 || !buf.equals(SQLITE_HEADER)) throw corrupt(dbPath, 'no SQLite header');
    return 'sqlite';
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The one place a SQLite connection is made (the database, and backups being checked). A move to
 * an encrypted build (SQLCipher or SQLite3MultipleCiphers behind the same better-sqlite3 API)
 * changes this function (load the key, `PRAGMA key`) and checkHeader below, nothing else:
 * docs/security.md, "Encryption at rest".
 */
export function connect(file: string, opts: { readonly?: boolean; fileMustExist?: boolean } = {}): Database.Database {
  return new Database(file, opts);
}

export function openDatabase(dbPath: string, opts: OpenOptions = {}): Database.Database {
  const state = checkHeader(dbPath);
  // A database on a read-only disk or in a read-only folder opens for reading (issue 11, defect 4):
  // reads work, writes fail as `read-only`. Asked-for read-only (a backup being checked) is not this.
  const cannotWrite = !opts.readonly && state === 'sqlite' && !canWrite(dbPath);
  if (cannotWrite) opts = { ...opts, readonly: true };
  if (state === 'missing') {
    if (opts.readonly) throw new AppError('io', { ja: `データベース ${dbPath} がありません。先に workbench init を実行してください。`, en: `No database at ${dbPath}. Run workbench init first.` }, { subject: dbPath });
    makePrivateDir(path.dirname(dbPath));
    // Created 0600 before SQLite opens it: SQLite gives the WAL and SHM the database's own mode.
    fs.closeSync(fs.openSync(dbPath, 'wx', 0o600));
  } else if (!opts.readonly) {
    for (const ext of ['', '-wal', '-shm']) makePrivateFile(dbPath + ext);
  }
  let db: Database.Database;
  try {
    db = cannotWrite ? openReadOnly(dbPath, connect) : connect(dbPath, { readonly: !!opts.readonly });
  } catch (e) {
    const typed = storageFailure(e, dbPath);
    if (typed && typed.code !== 'db-corrupt') throw typed;
    throw corrupt(dbPath, (e as Error).message);
  }
  try {
    if (state === 'sqlite') {
      // The workspace only: a check of the library at open would grow with the corpus.
      const check = db.pragma(opts.fullCheck ? 'main.integrity_check' : 'main.quick_check', { simple: true });
      if (check !== 'ok') throw corrupt(dbPath, String(check));
      const appId = db.pragma('application_id', { simple: true }) as number;
      const tables = (db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }).n;
      if (appId !== APPLICATION_ID && tables > 0) {
        throw new AppError(
          'db-foreign',
          {
            ja: `${dbPath} はワークベンチのデータベースではない SQLite ファイルです。ファイルには手を加えていません。別のパスを --db で指定してください。`,
            en: `${dbPath} is a SQLite database that does not belong to the workbench. It was left untouched; point --db at another path.`,
          },
          { subject: dbPath },
        );
      }
      const version = currentVersion(db);
      if (version > LATEST_VERSION) migrate(db, { dbPath }); // throws db-too-new without writing
    }
    if (!opts.readonly) {
      db.pragma('journal_mode = WAL');
      // FULL: a committed annotation must survive a power cut, not just a killed process.
      db.pragma('synchronous = FULL');
    }
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    // Temporary storage in memory, not in temp files: an import writes each file inside a
    // savepoint (electron/import/batch.ts), and every page a savepoint first touches is copied to
    // its statement journal, which SQLite spills to a temp file past 64 KiB. In memory, a batch's
    // statement rows were written in about half the time (docs/benchmarks.md, "Import").
    db.pragma('temp_store = MEMORY');
    // A read-only database (asked for, or a disk or folder that cannot be written) cannot be migrated.
    if (cannotWrite && opts.migrate !== false && currentVersion(db) < LATEST_VERSION) throw storageFailure({ code: 'SQLITE_READONLY' }, dbPath)!;
    if (opts.readonly || opts.migrate === false) {
      if (currentVersion(db) >= SPLIT_VERSION) attachLibrary(db, dbPath, currentVersion(db));
      return db;
    }
    const before = currentVersion(db);
    // A single-file database with data: a verified copy, then the split (./library.ts).
    const preSplitCopy = before >= 1 && before < SPLIT_VERSION ? prepareSplit(db, dbPath) : undefined;
    const report = attachLibrary(db, dbPath, currentVersion(db));
    const applied = migrate(db, { dbPath });
    // The pages of the corpus tables the split moved out are given back (a new database made them
    // too, empty): the workspace stays small, and has no free pages for damage to hide in.
    if (applied.includes(SPLIT_VERSION)) db.exec('VACUUM main');
    if (preSplitCopy) setLibraryOpenReport(db, { ...report, preSplitCopy });
    return db;
  } catch (e) {
    db.close();
    if (e instanceof AppError) throw e;
    const code = (e as { code?: string }).code ?? '';
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') throw corrupt(dbPath, code);
    throw storageFailure(e, dbPath) ?? e;
  }
}
