// Applies pending migrations in one transaction, so a database is always at a version that
// exists: either all pending migrations land or none does. The version is recorded twice: a row
// per migration in schema_migrations (what ran, and when) and PRAGMA user_version (the header
// field any SQLite tool shows); a database is at the higher of the two.
import type Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import type { Migration } from './migration';
import { migrations as allMigrations } from './migrations';
import { attachLibraryFile, isLibraryAttached, libraryPathFor } from './library-file';

/** 'KANW': marks a SQLite file as a workbench database (PRAGMA application_id). */
export const APPLICATION_ID = 0x4b414e57;

export function ensureMigrationTable(db: Database.Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version     INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    applied_at  TEXT NOT NULL
  )`);
}

export function currentVersion(db: Database.Database): number {
  const header = db.pragma('user_version', { simple: true }) as number;
  const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!hasTable) return header;
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  return Math.max(row.v ?? 0, header);
}

export interface MigrateOptions {
  /** Stop at this version (tests build databases of every earlier version). */
  target?: number;
  migrations?: readonly Migration[];
  dbPath?: string;
}

/**
 * Returns the versions applied. Throws db-too-new for a database from a newer workbench, and
 * db-migration-failed (naming the migration) when one fails: the database is then unchanged.
 */
export function migrate(db: Database.Database, opts: MigrateOptions = {}): number[] {
  const list = opts.migrations ?? allMigrations;
  const latest = list.length ? list[list.length - 1].version : 0;
  const target = opts.target ?? latest;
  const from = currentVersion(db);
  if (from > latest) {
    throw new AppError(
      'db-too-new',
      {
        ja: `データベース ${opts.dbPath ?? ''} は新しいバージョンのワークベンチで作成されています（スキーマ ${from}、このアプリは ${latest} まで）。アプリを更新してください。`,
        en: `The database ${opts.dbPath ?? ''} was written by a newer workbench (schema ${from}; this app knows up to ${latest}). Update the app.`,
      },
      { subject: opts.dbPath },
    );
  }
  const pending = list.filter((m) => m.version > from && m.version <= target);
  if (pending.length === 0) return [];
  // A migration that writes the library needs it attached, and ATTACH cannot run in a transaction.
  if (pending.some((m) => m.store === 'library' || m.store === 'both') && !isLibraryAttached(db)) attachLibraryFile(db, libraryPathFor(db.memory ? ':memory:' : db.name));
  const apply = db.transaction(() => {
    ensureMigrationTable(db);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const m of pending) {
      try {
        m.up(db);
      } catch (e) {
        throw migrationFailed(m, from, opts.dbPath, e);
      }
      record.run(m.version, m.name, new Date().toISOString());
      if (m.store === 'library') db.prepare("UPDATE library.library_state SET value = ? WHERE key = 'schema.version'").run(String(m.version));
    }
    db.pragma(`user_version = ${pending[pending.length - 1].version}`);
  });
  apply();
  return pending.map((m) => m.version);
}

function migrationFailed(m: Migration, from: number, dbPath: string | undefined, cause: unknown): AppError {
  const where = dbPath ?? '';
  const detail = cause instanceof AppError ? cause.localized : { ja: String((cause as Error)?.message ?? cause), en: String((cause as Error)?.message ?? cause) };
  return new AppError(
    'db-migration-failed',
    {
      ja: `データベース ${where} をスキーマ ${m.version}（${m.name}）に更新できませんでした: ${detail.ja} データベースは変更せず、スキーマ ${from} のままです。`,
      en: `The database ${where} could not be upgraded to schema ${m.version} (${m.name}): ${detail.en} The database was left unchanged, at schema ${from}.`,
    },
    {
      subject: dbPath ?? `${m.version}-${m.name}`,
      hint: {
        ja: 'バックアップから復元するか、このメッセージを添えて報告してください。',
        en: 'Restore a backup, or report this message.',
      },
      cause,
    },
  );
}
