// Opening and closing the services' shared state for one database (AppContext, declared in
// electron/store/context.ts): what the IPC host, the dev host and the CLI all build once at start.
import os from 'node:os';
import { ingestBundledCorpus, type CorpusIngestResult, type IngestOptions } from '../corpus/ingest';
import { openDatabase, type OpenOptions } from '../store/open';
import { defaultResourcesDir, resolveDbPath } from '../store/paths';
import type { AppContext } from '../store/context';
import { replaceHooks } from '../annotate/replace-hooks';
import { getProfile } from '../briefing/profile';
import { holdWorkspace, type WorkspaceHold } from '../backup/workspace-lock';
import { restoreImported, type RestoreReport } from '../import/rebuild';
import { stopPrepareWorker } from '../import/prepare';
import { libraryOpenReport, type LibraryOpenReport } from '../store/library';
import { noteLibraryReady } from '../backup/library-check';
import { startLibraryCheck, type LibraryCheckStatus } from './library-check';

export type { AppContext };

export interface ContextOptions extends OpenOptions {
  dbPath?: string | null;
  resourcesDir?: string;
  author?: string;
  /** Who holds the workspace, as a refused restore names it ("app", "dev host", "workbench CLI"). */
  program?: string;
}

/** Each open context holds its workspace (shared) until closed: a restore by another process waits. */
const holds = new WeakMap<AppContext, WorkspaceHold>();

function appVersion(): string {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('../../package.json') as { version: string }).version;
  } catch {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return (require('../../../package.json') as { version: string }).version;
    } catch {
      return '0.0.0';
    }
  }
}

function osUser(): string {
  try {
    return os.userInfo().username || 'analyst';
  } catch {
    return process.env.USER || process.env.USERNAME || 'analyst';
  }
}

export function openContext(opts: ContextOptions = {}): AppContext {
  const dbPath = resolveDbPath(opts.dbPath);
  // Held before the file is opened: a restore running now refuses us (db-busy), never the reverse.
  const hold = holdWorkspace(dbPath, { mode: 'shared', program: opts.program ?? 'workbench' });
  let db;
  try {
    db = openDatabase(dbPath, opts);
  } catch (e) {
    hold.release();
    throw e;
  }
  const ctx: AppContext = {
    db,
    dbPath,
    resourcesDir: opts.resourcesDir ?? defaultResourcesDir(),
    // The analyst's profile names them once set (`workbench profile set`); before that the OS account.
    author: getProfile(db)?.name ?? opts.author ?? process.env.WORKBENCH_AUTHOR ?? osUser(),
    version: appVersion(),
  };
  holds.set(ctx, hold);
  return ctx;
}

/** Ingest the bundled corpus if it is new or changed (idempotent, cheap when unchanged). */
export function ensureCorpus(ctx: AppContext, onProgress?: IngestOptions['onProgress']): CorpusIngestResult {
  // A read-only database (issue 11, defect 4) is read as it is; a newer bundled corpus waits
  // until it can be written, rather than every read failing for want of a write.
  if (ctx.db.readonly) return { skipped: true, corpusHash: '', documents: [] };
  return ingestBundledCorpus(ctx.db, ctx.resourcesDir, { afterReplace: replaceHooks, onProgress });
}

export interface LibraryReady {
  corpus: CorpusIngestResult;
  imported: RestoreReport;
  /** What opening found of the library (created empty, and why, or in use as it was). */
  library: LibraryOpenReport | undefined;
}

/**
 * The library filled: the bundled corpus (skipped when unchanged) and every imported document
 * the library lacks, read again from its stored original. After a new, damaged or missing library
 * this is the rebuild, with progress per document; otherwise two cheap look-ups.
 */
export async function ensureLibrary(ctx: AppContext, onProgress?: IngestOptions['onProgress']): Promise<LibraryReady> {
  const corpus = ensureCorpus(ctx, onProgress);
  const library = libraryOpenReport(ctx.db);
  // A read-only workspace without its library has nothing to fill: its corpus reads say so (library-missing).
  const imported = library?.state === 'absent' ? { restored: [], failed: [], removed: [] } : await restoreImported(ctx.db, { onProgress });
  if (library?.state === 'created') noteLibraryReady(ctx.db);
  return { corpus, imported, library };
}

const checks = new WeakMap<AppContext, { stop(): void; finished: Promise<LibraryCheckStatus> }>();

/** Starts the incremental background check of the library (./library-check.ts), once per context. */
export function checkLibraryInBackground(ctx: AppContext): Promise<LibraryCheckStatus> {
  const running = checks.get(ctx) ?? startLibraryCheck(ctx.db);
  checks.set(ctx, running);
  return running.finished;
}

export function closeContext(ctx: AppContext): void {
  checks.get(ctx)?.stop();
  // The import's prepare worker is the process's, started by the first import: it goes with the
  // context (a later context's first import starts another).
  stopPrepareWorker();
  if (ctx.db.open) ctx.db.close();
  holds.get(ctx)?.release();
  holds.delete(ctx);
}
