// The shape of one schema migration; the list lives in migrations/index.ts, ordered by version.
// Migrations are forward-only: a released one is never edited, a fix is a new migration.
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  /**
   * Which file the migration changes (default 'workspace'). From schema 17 on (the split,
   * docs/architecture.md) a 'library' migration changes the corpus file attached as `library`,
   * names its objects `library.x`, and is replayed when a library is created or rebuilt; a
   * 'workspace' migration never touches the library. 0017 itself changes both.
   */
  store?: 'workspace' | 'library' | 'both';
  up(db: Database.Database): void;
}
