// Test databases: a fresh temp file per test (migrated, optionally with the bundled corpus
// ingested), and an AppContext around it, so tests exercise the real store end to end.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { closeContext, ensureCorpus, openContext, type AppContext } from '../../electron/app/context';
import { libraryPathFor } from '../../electron/store/library-file';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const RESOURCES_DIR = path.join(REPO_ROOT, 'resources');

export function tempDir(prefix = 'wb-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function tempDbPath(): string {
  return path.join(tempDir(), 'workbench.db');
}

/** A context on a new temp database; with `corpus` (default true) the bundled corpus is ingested. */
export function makeContext(opts: { corpus?: boolean; dbPath?: string } = {}): AppContext {
  const ctx = openContext({ dbPath: opts.dbPath ?? tempDbPath(), resourcesDir: RESOURCES_DIR, author: 'test-analyst' });
  if (opts.corpus !== false) ensureCorpus(ctx);
  return ctx;
}

let shared: { path: string } | null = null;

/**
 * A corpus database ingested once per test file and copied for each caller: ingest is the slow
 * part, and copying keeps tests independent of each other's writes.
 */
export function corpusContext(): AppContext {
  if (!shared) {
    const ctx = makeContext();
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    ctx.db.pragma('library.wal_checkpoint(TRUNCATE)');
    shared = { path: ctx.dbPath };
    closeContext(ctx);
  }
  const copy = tempDbPath();
  fs.copyFileSync(shared.path, copy);
  // The workspace and its library (electron/store/library-file.ts) are copied together.
  fs.copyFileSync(libraryPathFor(shared.path), libraryPathFor(copy));
  return openContext({ dbPath: copy, resourcesDir: RESOURCES_DIR, author: 'test-analyst' });
}

export { closeContext };
