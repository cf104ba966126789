// The shape of a CLI command and the helpers every command shares: opening the context,
// printing exactly one JSON document with --json, and the common options.
import type { ParseArgsConfig } from 'node:util';
import { closeContext, ensureCorpus, openContext, type AppContext } from '../app/context';

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

/** Opens the database (migrating it) and makes sure the bundled corpus is in it. */
export async function withContext<T>(input: CommandInput, fn: (ctx: AppContext) => T | Promise<T>, opts: { ingest?: boolean } = {}): Promise<T> {
  const ctx = openContext({ dbPath: (input.values.db as string | undefined) ?? null });
  try {
    if (opts.ingest !== false) ensureCorpus(ctx);
    return await fn(ctx);
  } finally {
    closeContext(ctx);
  }
}

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
