// Imports of one database write in the order they were asked for, whatever order their files
// finish reading in. Reading and preparing a file (extraction, segmenting, index tokens: the
// import worker's part) may overlap with the write of the file before it, so a client can keep
// two files in flight; but which document a file becomes depends on what was written before it
// (a second `memo.txt` is a new version of the first, or a separate document when the client
// says so; the same bytes again are a duplicate), so the writes themselves keep the call order.
import type Database from 'better-sqlite3';

export interface WriteTurn {
  /** Resolves when every import asked for earlier on this database has written (or failed). */
  ready: Promise<void>;
  /** This import is done writing (or will not write): the next one may go. Idempotent. */
  done(): void;
}

const tails = new WeakMap<Database.Database, Promise<void>>();

/** Takes this import's place in its database's line; call `done` in a `finally`. */
export function takeWriteTurn(db: Database.Database): WriteTurn {
  const before = tails.get(db) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => {
    release = resolve;
  });
  const tail = before.then(() => mine);
  tails.set(db, tail);
  // The line's end forgets itself once drained, so an idle database holds no chain of promises.
  void tail.then(() => {
    if (tails.get(db) === tail) tails.delete(db);
  });
  return { ready: before, done: () => release() };
}
