// Prepared statements kept per connection: the search path runs the same dozen statements on
// every keystroke, and compiling them each time cost more than running them on the corpus.
import type Database from 'better-sqlite3';

type Mode = 'rows' | 'pluck' | 'raw';

const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * The statement for `sql` on `db`, compiled once. The mode is part of the key because
 * better-sqlite3's pluck()/raw() change the statement itself.
 */
export function prepared(db: Database.Database, sql: string, mode: Mode = 'rows'): Database.Statement {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const key = `${mode}\u0000${sql}`;
  let stmt = cache.get(key);
  if (!stmt) {
    stmt = db.prepare(sql);
    if (mode === 'pluck') stmt.pluck();
    else if (mode === 'raw') stmt.raw();
    cache.set(key, stmt);
  }
  return stmt;
}

