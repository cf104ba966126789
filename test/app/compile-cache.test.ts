// The compile cache: in the user's data folder and nowhere else, off where that folder cannot be
// written (a read-only disk: a real read-only tmpfs where this machine lets us mount one), off on a
// Node without the feature, and off when NODE_DISABLE_COMPILE_CACHE says so.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import nodeModule from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COMPILE_CACHE_DIR_NAME, enableCompileCache, type CompileCacheHost } from '../../electron/app/compile-cache';

const STATUS = { FAILED: 0, ENABLED: 1, ALREADY_ENABLED: 2, DISABLED: 3 };

/** A node:module stand-in that records the folder it was given. */
function fakeHost(status = STATUS.ENABLED): CompileCacheHost & { dirs: string[] } {
  const dirs: string[] = [];
  return {
    dirs,
    constants: { compileCacheStatus: STATUS },
    enableCompileCache: (dir?: string) => {
      dirs.push(dir!);
      return { status, directory: dir };
    },
  };
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-compile-cache-'));
const mounted: string[] = [];
afterAll(() => {
  for (const m of mounted) execFileSync('umount', [m]);
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('compile cache', () => {
  it('lives in the data folder, made owner-only', () => {
    const dataDir = path.join(tmp, 'data');
    const host = fakeHost();
    const r = enableCompileCache(dataDir, host, {});
    expect(r).toEqual({ state: 'enabled', directory: path.join(dataDir, COMPILE_CACHE_DIR_NAME) });
    expect(host.dirs).toEqual([path.join(dataDir, COMPILE_CACHE_DIR_NAME)]);
    expect(fs.statSync(r.directory).isDirectory()).toBe(true);
    expect(fs.statSync(r.directory).mode & 0o077).toBe(0);
    // Nothing left behind by the writability probe.
    expect(fs.readdirSync(r.directory)).toEqual([]);
  });

  it('is off, without calling Node, when the folder cannot be made', () => {
    const blocker = path.join(tmp, 'a-file');
    fs.writeFileSync(blocker, 'not a folder');
    const host = fakeHost();
    expect(enableCompileCache(blocker, host, {}).state).toBe('read-only');
    expect(host.dirs).toEqual([]);
  });

  it.skipIf(process.platform !== 'linux' || process.getuid?.() !== 0)('is off on a read-only disk (a real read-only tmpfs)', () => {
    const ro = path.join(tmp, 'ro');
    fs.mkdirSync(ro);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m,mode=0700', 'tmpfs', ro], { stdio: 'pipe' });
    } catch {
      return expect.fail('mount -t tmpfs is not permitted here although we are root');
    }
    mounted.push(ro);
    fs.mkdirSync(path.join(ro, 'data'));
    execFileSync('mount', ['-o', 'remount,ro', ro]);
    const host = fakeHost();
    const r = enableCompileCache(path.join(ro, 'data'), host, {});
    expect(r.state).toBe('read-only');
    expect(host.dirs).toEqual([]);
  });

  it('is off where Node has no compile cache, and when NODE_DISABLE_COMPILE_CACHE is set', () => {
    expect(enableCompileCache(path.join(tmp, 'd2'), {}, {}).state).toBe('unsupported');
    const host = fakeHost();
    expect(enableCompileCache(path.join(tmp, 'd3'), host, { NODE_DISABLE_COMPILE_CACHE: '1' }).state).toBe('disabled');
    expect(host.dirs).toEqual([]);
  });

  it("reports Node's own refusal as failed, with its message", () => {
    const host: CompileCacheHost = { constants: { compileCacheStatus: STATUS }, enableCompileCache: () => ({ status: STATUS.FAILED, message: 'EACCES' }) };
    expect(enableCompileCache(path.join(tmp, 'd4'), host, {})).toMatchObject({ state: 'failed', message: 'EACCES' });
  });

  it('on this Node, does what node:module can do', () => {
    const r = enableCompileCache(path.join(tmp, 'real'), undefined, {});
    const nodeHas = typeof (nodeModule as CompileCacheHost).enableCompileCache === 'function';
    expect(r.state).toBe(nodeHas ? 'enabled' : 'unsupported');
  });
});
