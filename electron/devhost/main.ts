// `npm run dev:host`: the renderer in a real browser against a real database, on loopback.
// Prints the URL (with its per-run token) and serves until interrupted.
import { parseArgs } from 'node:util';
import { resolveDbPath } from '../store/paths';
import { startDevHost } from './server';
import { ownerOnlyFiles } from '../store/file-modes';

async function run(): Promise<void> {
  ownerOnlyFiles();
  const { values } = parseArgs({
    options: { db: { type: 'string' }, port: { type: 'string' }, 'no-response-checks': { type: 'boolean' } },
    allowPositionals: false,
  });
  // Response checks catch contract drift while developing; the app skips them, and so does
  // `bench:ui` (--no-response-checks) to measure what the app would do.
  const host = await startDevHost({ dbPath: resolveDbPath(values.db), port: values.port ? Number(values.port) : 0, validateResponses: !values['no-response-checks'] });
  process.stdout.write(`Workbench dev host (loopback only) on ${host.ctx.dbPath}\n${host.url}\n`);
  const stop = () => void host.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

run().catch((e) => {
  process.stderr.write(`dev host: ${(e as Error).message}\n`);
  process.exit(1);
});
