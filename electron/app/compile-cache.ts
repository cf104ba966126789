// V8's compile cache for our own start-up: Node ≥ 22.1 (Electron 45's Node among them) can keep the
// compiled code of every module it loads and reuse it at the next start, which spares most of the
// time spent compiling the ~300 modules that stand between a fresh process and its first search.
// The cache lives in the user's data folder (never beside the program, never in a shared temp
// folder), is owner-only like every file we write, and is simply not used when that folder cannot
// be written (a read-only disk), or where this Node has no such cache (Node 20 runs without it).
import fs from 'node:fs';
import path from 'node:path';

/** The cache's folder inside the data folder. */
export const COMPILE_CACHE_DIR_NAME = 'compile-cache';

export type CompileCacheState = 'enabled' | 'already-enabled' | 'unsupported' | 'read-only' | 'failed' | 'disabled';

export interface CompileCacheResult {
  state: CompileCacheState;
  /** The folder in use (enabled), or the one that was refused. */
  directory: string;
  message?: string;
}

/** The part of node:module this needs (injected by tests). */
export interface CompileCacheHost {
  enableCompileCache?: (dir?: string) => { status: number; message?: string; directory?: string };
  constants?: { compileCacheStatus?: { FAILED: number; ENABLED: number; ALREADY_ENABLED: number; DISABLED: number } };
}

/** Writable for us: made if missing (owner-only), then a probe file created and removed. */
function writableDir(dir: string): boolean {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const probe = path.join(dir, `.probe-${process.pid}`);
    fs.writeFileSync(probe, '', { mode: 0o600 });
    fs.rmSync(probe);
    return true;
  } catch {
    return false;
  }
}

/**
 * Turns the compile cache on for this process (this thread, in a worker) with its folder inside
 * `dataDir`. `NODE_DISABLE_COMPILE_CACHE` (Node's own switch) turns it off.
 */
export function enableCompileCache(dataDir: string, host: CompileCacheHost = loadModuleHost(), env: NodeJS.ProcessEnv = process.env): CompileCacheResult {
  const directory = path.join(path.resolve(dataDir), COMPILE_CACHE_DIR_NAME);
  if (env.NODE_DISABLE_COMPILE_CACHE) return { state: 'disabled', directory };
  if (typeof host.enableCompileCache !== 'function') return { state: 'unsupported', directory };
  if (!writableDir(directory)) return { state: 'read-only', directory };
  try {
    const r = host.enableCompileCache(directory);
    const s = host.constants?.compileCacheStatus;
    if (s && r.status === s.ENABLED) return { state: 'enabled', directory: r.directory ?? directory };
    if (s && r.status === s.ALREADY_ENABLED) return { state: 'already-enabled', directory: r.directory ?? directory };
    if (s && r.status === s.DISABLED) return { state: 'disabled', directory };
    return { state: 'failed', directory, message: r.message };
  } catch (e) {
    // A cache is only a speed-up: any failure leaves the process as it would be without it.
    return { state: 'failed', directory, message: (e as Error).message };
  }
}

function loadModuleHost(): CompileCacheHost {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('node:module') as CompileCacheHost;
}
