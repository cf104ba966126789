// A cheap, exact "has anything been written since?" for caches of what the database says: O(1)
// to read, so a view can keep its derived data across calls and still never show a stale answer.
import type Database from 'better-sqlite3';
import { prepared } from './prepared';

const hasLibrary = new WeakMap<Database.Database, boolean>();

/**
 * Changes whenever any connection may have changed either file: `total_changes()` counts every row
 * this connection has inserted, updated or deleted (triggers included; a rolled-back write still
 * moves it, which only costs a rebuild), and each schema's `data_version` moves when another
 * connection (another process: the CLI beside the app) commits to that file. Equal keys on one
 * connection mean the same data.
 */
export function changeKey(db: Database.Database): string {
  let lib = hasLibrary.get(db);
  if (lib === undefined) {
    lib = (db.pragma('database_list') as { name: string }[]).some((d) => d.name === 'library');
    hasLibrary.set(db, lib);
  }
  const own = prepared(db, 'SELECT total_changes()', 'pluck').get() as number;
  const main = prepared(db, 'PRAGMA main.data_version', 'pluck').get() as number;
  const library = lib ? (prepared(db, 'PRAGMA library.data_version', 'pluck').get() as number) : 0;
  return `${own}:${main}:${library}`;
}
