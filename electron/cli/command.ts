// The shape of a CLI command and the helpers every command shares: opening the context, calling
// the typed API through the same dispatcher as the app, printing exactly one JSON document with
// --json, and the common options.
import type { ParseArgsConfig } from 'node:util';
import { createClient, type ApiClient } from '../../shared/api/client';
import { createDispatcher } from '../api/dispatch';
import { fileHost } from '../files/handles';
import { handlers } from '../api/handlers';
import { closeContext, ensureLibrary, openContext, type AppContext } from '../app/context';
import { libraryOpenReport } from '../store/library';
import { whenBackupsIdle } from '../backup/recovery';
import { describeHolder, otherHolders } from '../backup/workspace-lock';
import { onWriteWaiting } from '../store/storage-errors';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;
export type ParsedValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}

export interface CommandInput {
  positionals: string[];
  values: ParsedValues;
  io: CliIO;
  json: boolean;
  lang: 'ja' | 'en';
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  options?: OptionSpec;
  run(input: CommandInput): Promise<number> | number;
}

export const COMMON_OPTIONS: OptionSpec = {
  db: { type: 'string' },
  json: { type: 'boolean' },
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

export function printJson(io: CliIO, value: unknown): void {
  io.out(`${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Opens the database (migrating it) and makes sure the bundled corpus is in it. Before closing,
 * waits for a rolling backup a write started (the process would otherwise end under it).
 */
export async function withContext<T>(input: CommandInput, fn: (ctx: AppContext) => T | Promise<T>, opts: { ingest?: boolean } = {}): Promise<T> {
  const ctx = openContext({ dbPath: (input.values.db as string | undefined) ?? null, program: 'workbench CLI' });
  try {
    if (opts.ingest !== false) {
      // A library being rebuilt says so on stderr, document by document (stdout stays the answer).
      const rebuilding = libraryOpenReport(ctx.db)?.state === 'created';
      await ensureLibrary(ctx, rebuilding ? (done, total, title) => input.io.err(`${input.lang === 'ja' ? 'ライブラリを再構築しています' : 'Rebuilding the library'}: ${done}/${total}${title ? ` ${title}` : ''}\n`) : undefined);
    }
    return await fn(ctx);
  } finally {
    await whenBackupsIdle(ctx.dbPath);
    closeContext(ctx);
  }
}

/**
 * The typed API over the opened database, through the dispatcher the app's worker and the dev
 * host use: the same validation, the same handlers and the same after-write step (index flush,
 * rolling backup) for every write. A failure is thrown as ApiError and printed by main.ts.
 */
export function withApi<T>(input: CommandInput, fn: (api: ApiClient, ctx: AppContext, files: CliFiles) => T | Promise<T>, opts: { ingest?: boolean } = {}): Promise<T> {
  return withContext(input, async (ctx) => {
    // The CLI is the user's own shell, so it names files by path; it turns them into handles of its
    // own (electron/files/handles.ts), and the API still never takes a path.
    const files = fileHost(createDispatcher(handlers, ctx));
    const stop = sayWhenWaiting(input, ctx.dbPath);
    try {
      return await fn(createClient(files.invoke), ctx, files);
    } finally {
      stop();
    }
  }, opts);
}

/**
 * A write that meets a database another process is writing waits (electron/store/storage-errors.ts
 * whileBusy); the window shows 「取り込みの完了を待っています…」, and the CLI says so on stderr, once
 * per command, naming what holds the database: the long write noted in it, else the processes
 * that have it open (`<db>.holders/`). Stdout stays the answer.
 */
function sayWhenWaiting(input: CommandInput, dbPath: string): () => void {
  let said = false;
  return onWriteWaiting((subject, wait) => {
    if (said || subject !== dbPath) return;
    said = true;
    const open = otherHolders(dbPath).map(describeHolder).join(', ');
    const seconds = Math.round(wait.limitMs / 1000);
    const holder = wait.holder?.[input.lang] ?? (open || (input.lang === 'ja' ? '別のウィンドウかプログラム' : 'another window or program'));
    input.io.err(
      input.lang === 'ja'
        ? `取り込みの完了を待っています…: ${dbPath} は${holder}が書き込み中です。最大 ${seconds} 秒待ちます。\n`
        : `Waiting for the import to finish…: ${dbPath} is being written by ${holder}. Waiting up to ${seconds} s.\n`,
    );
  });
}

/** Files named on the command line, as the handles the API takes. */
export type CliFiles = ReturnType<typeof fileHost>;

export function stringOpt(values: ParsedValues, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

export function listOpt(values: ParsedValues, name: string): string[] {
  const v = values[name];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return typeof v === 'string' ? [v] : [];
}

/** Parses a non-negative integer option, naming the option when it is not one. */
export function intOpt(values: ParsedValues, name: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const v = stringOpt(values, name);
  if (v === undefined) return fallback;
  if (!/^\d+$/.test(v) || Number(v) > max) {
    throw new UsageError(`--${name} must be a whole number between 0 and ${max} (got "${v}")`);
  }
  return Number(v);
}

/** Wrong words on the command line: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
