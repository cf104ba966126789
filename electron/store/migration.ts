// The shape of one schema migration; the list lives in migrations/index.ts, ordered by version.
// Migrations are forward-only: a released one is never edited, a fix is a new migration.
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}
