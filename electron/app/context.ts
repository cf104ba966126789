// Opening and closing the services' shared state for one database (AppContext, declared in
// electron/store/context.ts): what the IPC host, the dev host and the CLI all build once at start.
import os from 'node:os';
import { ingestBundledCorpus, type CorpusIngestResult, type IngestOptions } from '../corpus/ingest';
import { openDatabase, type OpenOptions } from '../store/open';
import { defaultResourcesDir, resolveDbPath } from '../store/paths';
import type { AppContext } from '../store/context';
import { replaceHooks } from '../annotate/replace-hooks';
import { getProfile } from '../briefing/profile';

export type { AppContext };

export interface ContextOptions extends OpenOptions {
  dbPath?: string | null;
  resourcesDir?: string;
  author?: string;
}

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
  const db = openDatabase(dbPath, opts);
  return {
    db,
    dbPath,
    resourcesDir: opts.resourcesDir ?? defaultResourcesDir(),
    // The analyst's profile names them once set (`workbench profile set`); before that the OS account.
    author: getProfile(db)?.name ?? opts.author ?? process.env.WORKBENCH_AUTHOR ?? osUser(),
    version: appVersion(),
  };
}

/** Ingest the bundled corpus if it is new or changed (idempotent, cheap when unchanged). */
export function ensureCorpus(ctx: AppContext, onProgress?: IngestOptions['onProgress']): CorpusIngestResult {
  return ingestBundledCorpus(ctx.db, ctx.resourcesDir, { afterReplace: replaceHooks, onProgress });
}

export function closeContext(ctx: AppContext): void {
  if (ctx.db.open) ctx.db.close();
}
