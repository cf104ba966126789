// test/helpers/holder.ts
// A real second process holding a workspace (test/backup/holder.ts, bundled with esbuild), as
// the app or the dev host would: started, awaited until it holds the workspace, killed after.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { afterAll } from 'vitest';
import { REPO_ROOT, RESOURCES_DIR, tempDir } from './db';

let script: string | null = null;
const children: ChildProcess[] = [];

/** Kills every holder a test file started (SIGKILL: no clean-up, as a crash would leave it). */
export function killHoldersAfterAll(): void {
  afterAll(() => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  });
}

/** Starts a holder of dbPath and resolves once it holds the workspace ("ready" on its stdout). */
export function startHolder(dbPath: string): Promise<ChildProcess> {
  if (!script) {
    script = path.join(tempDir('wb-holder-'), 'holder.js');
    buildSync({ entryPoints: [path.join(REPO_ROOT, 'test', 'backup', 'holder.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: script, external: ['better-sqlite3'], logLevel: 'error' });
  }
  const child = spawn(process.execPath, [script, dbPath, RESOURCES_DIR], { env: { ...process.env, NODE_PATH: path.join(REPO_ROOT, 'node_modules') }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      if (out.includes('ready ')) resolve(child);
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.on('exit', (code) => reject(new Error(`holder exited (code ${code}): ${err}`)));
  });
}
