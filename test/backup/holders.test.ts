// Holders of a workspace that are not what they seem (issue 11): a holder file whose PID is alive
// but now names another process (its start time, /proc/PID/stat field 22, differs) is swept; a
// holder on another host is judged by its lease, the file's mtime, which every holder renews while
// it lives: an old lease is swept, a fresh one still refuses a restore.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { createBackup } from '../../electron/backup/backups';
import { holdersDirFor, holdWorkspace, LEASE_MS, LEASE_PERIODS, otherHolders, processStartTime, type Holder } from '../../electron/backup/workspace-lock';
import { runCli } from '../helpers/cli';
import { closeContext, makeContext, tempDbPath } from '../helpers/db';

const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});
afterEach(() => {
  vi.useRealTimers();
});

/** A live process that is not a holder: its PID is what a reused number would point at. */
function bystander(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 60000); process.stdout.write("up\\n")'], { stdio: ['ignore', 'pipe', 'ignore'] });
  children.push(child);
  return new Promise((resolve) => child.stdout!.once('data', () => resolve(child)));
}

function writeHolderFile(dbPath: string, name: string, h: Holder): string {
  fs.mkdirSync(holdersDirFor(dbPath), { recursive: true });
  const file = path.join(holdersDirFor(dbPath), name);
  fs.writeFileSync(file, JSON.stringify(h));
  return file;
}

const base = { startedAt: '2026-12-01T00:00:00.000Z', program: 'app', mode: 'shared' as const };

describe.skipIf(process.platform !== 'linux')('PID reuse (Linux: the start time in /proc/PID/stat)', () => {
  it('a live PID with another start time is swept; with its own start time it counts', async () => {
    const dbPath = tempDbPath();
    const child = await bystander();
    const started = processStartTime(child.pid!);
    expect(started).toMatch(/^\d+$/);
    expect(processStartTime(process.pid)).not.toBe(started);

    const same = writeHolderFile(dbPath, 'same.json', { ...base, pid: child.pid!, host: os.hostname(), procStart: started! });
    expect(otherHolders(dbPath).map((h) => h.pid)).toEqual([child.pid]);
    fs.rmSync(same);

    const reused = writeHolderFile(dbPath, 'reused.json', { ...base, pid: child.pid!, host: os.hostname(), procStart: String(Number(started) + 12345) });
    expect(otherHolders(dbPath)).toEqual([]);
    expect(fs.existsSync(reused)).toBe(false);

    // A file from before start times were recorded: the PID alone decides, as before.
    writeHolderFile(dbPath, 'old.json', { ...base, pid: child.pid!, host: os.hostname() });
    expect(otherHolders(dbPath).map((h) => h.pid)).toEqual([child.pid]);
  });

  it('this process records its own start time in its holder file', () => {
    const dbPath = tempDbPath();
    const hold = holdWorkspace(dbPath, { mode: 'shared', program: 'test' });
    try {
      const [name] = fs.readdirSync(holdersDirFor(dbPath));
      const h = JSON.parse(fs.readFileSync(path.join(holdersDirFor(dbPath), name), 'utf8')) as Holder;
      expect(h.procStart).toBe(processStartTime(process.pid));
    } finally {
      hold.release();
    }
  });
});

describe('holders on another host: a lease', () => {
  it('an old lease is swept; a fresh one refuses a restore, naming the remote holder', async () => {
    const ctx = makeContext({ corpus: false });
    const dbPath = ctx.dbPath;
    await createBackup(ctx.db, dbPath, { reason: 'test' });
    closeContext(ctx);

    const stale = writeHolderFile(dbPath, 'remote-old.json', { ...base, pid: 4242, host: 'analyst-laptop.example' });
    const old = new Date(Date.now() - LEASE_MS * LEASE_PERIODS - 10_000);
    fs.utimesSync(stale, old, old);
    expect(otherHolders(dbPath)).toEqual([]);
    expect(fs.existsSync(stale)).toBe(false);

    const fresh = writeHolderFile(dbPath, 'remote-new.json', { ...base, pid: 4243, host: 'analyst-desktop.example' });
    const recent = new Date(Date.now() - LEASE_MS * (LEASE_PERIODS - 1));
    fs.utimesSync(fresh, recent, recent);
    const refused = await runCli(['restore', '--latest', '--db', dbPath, '--json']);
    expect(refused.code).toBe(1);
    const { error } = JSON.parse(refused.stderr) as { error: { code: string; subject: string } };
    expect(error.code).toBe('db-busy');
    expect(error.subject).toContain('app (PID 4243 on analyst-desktop.example');
    expect(fs.existsSync(fresh)).toBe(true);
  });

  it('a holder renews its lease while it holds, and writes its file again if it was swept', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    const dbPath = tempDbPath();
    const hold = holdWorkspace(dbPath, { mode: 'shared', program: 'test' });
    try {
      const [name] = fs.readdirSync(holdersDirFor(dbPath));
      const file = path.join(holdersDirFor(dbPath), name);
      const old = new Date(Date.now() - 3_600_000);
      fs.utimesSync(file, old, old);
      vi.advanceTimersByTime(LEASE_MS);
      expect(fs.statSync(file).mtimeMs).toBeGreaterThan(old.getTime() + 3_000_000);
      fs.rmSync(file);
      vi.advanceTimersByTime(LEASE_MS);
      expect((JSON.parse(fs.readFileSync(file, 'utf8')) as Holder).pid).toBe(process.pid);
    } finally {
      hold.release();
    }
    expect(fs.existsSync(holdersDirFor(dbPath))).toBe(false);
  });
});
