// The headless CLI over the same typed API as the app: `workbench <command> [options]`.
// Exit codes: 0 ok, 1 the operation failed (typed error on stderr), 2 wrong usage.
import { parseArgs } from 'node:util';
import { ApiError } from '../../shared/api/client';
import { formatError, toErrorData } from '../../shared/errors';
import { COMMON_OPTIONS, UsageError, type CliIO, type Command, type ParsedValues } from './command';
import { commands } from './commands';

const stdio: CliIO = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

let pipeGuarded = false;

/**
 * `workbench history | head -1`: once the reader has gone, the rest of the output has nowhere to
 * go, and that is the reader's choice, not a failure. Every command ends quietly with status 0, as
 * Unix tools do, instead of an EPIPE stack trace. Any other stream error is still thrown.
 */
export function endQuietlyOnBrokenPipe(stream: NodeJS.WritableStream = process.stdout, exit: (code: number) => void = (code) => process.exit(code)): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') return exit(0);
    throw e;
  });
}

function helpText(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'workbench — Economic Security Workbench (offline), command line',
    '',
    'Usage: workbench <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Common options:',
    '  --db PATH   database file (default: $WORKBENCH_DB or the per-user data folder)',
    '  --json      print exactly one JSON document on stdout',
    '  --lang ja|en  language of messages (default en)',
    '',
    'Run `workbench <command> --help` for a command’s options.',
    '',
  ].join('\n');
}

export async function main(argv: string[], io: CliIO = stdio): Promise<number> {
  if (io === stdio && !pipeGuarded) {
    pipeGuarded = true;
    endQuietlyOnBrokenPipe();
  }
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(helpText());
    return name ? 0 : 2;
  }
  const command: Command | undefined = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`workbench: unknown command "${name}"\n\n${helpText()}`);
    return 2;
  }
  let values: ParsedValues;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: rest, options: { ...COMMON_OPTIONS, ...command.options }, allowPositionals: true, strict: true }));
  } catch (e) {
    io.err(`workbench ${name}: ${(e as Error).message}\nUsage: ${command.usage}\n`);
    return 2;
  }
  if (values.help) {
    io.out(`${command.summary}\nUsage: ${command.usage}\n`);
    return 0;
  }
  const lang = values.lang === 'ja' ? 'ja' : 'en';
  try {
    return await command.run({ positionals, values, io, json: !!values.json, lang });
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`workbench ${name}: ${e.message}\nUsage: ${command.usage}\n`);
      return 2;
    }
    const data = e instanceof ApiError ? e.data : toErrorData(e);
    if (values.json) io.err(`${JSON.stringify({ error: data })}\n`);
    else io.err(`workbench ${name}: ${formatError(data, lang)}\n`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
