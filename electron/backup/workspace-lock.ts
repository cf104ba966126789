// Who holds the workspace: one small file per process in `<workspace>.holders/` (PID, host, start
// time, program, shared or exclusive). The app, the dev host and the CLI hold it shared while their
// context is open; a restore holds it exclusive and is refused while any other live process holds
// it, so no process ever keeps writing to a file a restore has moved aside. SQLite's own locks
// cannot say this: an idle connection holds no lock. A holder on this host is stale, and swept,
// when its PID is gone or now names another process (on Linux the process's start time, field 22
// of /proc/PID/stat, is recorded and compared); a holder on another host (a shared folder) cannot
// be asked, so each holder renews a lease, its file's mtime, while it lives, and a remote holder
// whose lease is several periods old is stale.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { storageFailure } from '../store/storage-errors';

export type HoldMode = 'shared' | 'exclusive';

export interface Holder {
  pid: number;
  host: string;
  startedAt: string;
  program: string;
  mode: HoldMode;
  /**
   * The kernel's start time of the process (Linux: clock ticks since boot, /proc/PID/stat field 22).
   * A live PID with another start time is a new process that reused the number. Absent on other
   * platforms and in files written before it was recorded: there the PID alone decides, as before.
   */
  procStart?: string;
}

const HOST = os.hostname();
const STARTED_AT = new Date(Date.now() - Math.round(process.uptime() * 1000)).toISOString();

/**
 * How often a holder renews its lease (touches its file). A holder on another host whose file was
 * last touched more than LEASE_PERIODS periods ago is stale: it missed several renewals, so it has
 * ended or lost the shared folder. Several, not one, so a busy or briefly suspended machine and
 * coarse mtimes on network file systems do not make a live holder look gone.
 */
export const LEASE_MS = 30_000;
export const LEASE_PERIODS = 4;

/** The start time of a process on Linux (field 22 of /proc/PID/stat), or null where it cannot be read. */
export function processStartTime(pid: number): string | null {
  if (process.platform !== 'linux') return null;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2 is the command name in parentheses and may itself hold spaces and ")": count after the last ")".
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = rest[22 - 3];
    return ticks && /^\d+$/.test(ticks) ? ticks : null;
  } catch {
    return null;
  }
}

const PROC_START = processStartTime(process.pid) ?? undefined;

export function holdersDirFor(dbPath: string): string {
  return `${path.resolve(dbPath)}.holders`;
}

function holderFile(dbPath: string, mode: HoldMode): string {
  return path.join(holdersDirFor(dbPath), `${HOST.replace(/[^A-Za-z0-9._-]/g, '_')}-${process.pid}-${mode}.json`);
}

function isSelf(h: Holder): boolean {
  return h.pid === process.pid && h.host === HOST;
}

function alive(h: Holder, file: string, now: number): boolean {
  if (h.host !== HOST) {
    // Another machine's process cannot be asked: its lease (the file's mtime) answers for it.
    try {
      return now - fs.statSync(file).mtimeMs <= LEASE_MS * LEASE_PERIODS;
    } catch {
      return false;
    }
  }
  try {
    process.kill(h.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false; // EPERM: alive, someone else's
  }
  // The PID is in use; by the same process only if it started when the holder's did.
  if (h.procStart === undefined) return true;
  const current = processStartTime(h.pid);
  return current === null || current === h.procStart;
}

/** The live holders of the workspace other than this process (stale files are removed on the way). */
export function otherHolders(dbPath: string): Holder[] {
  const dir = holdersDirFor(dbPath);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const out: Holder[] = [];
  const now = Date.now();
  for (const name of names) {
    if (!name.endsWith('.json')) continue;
    const file = path.join(dir, name);
    let h: Holder;
    try {
      h = JSON.parse(fs.readFileSync(file, 'utf8')) as Holder;
    } catch {
      continue; // being written (written whole by rename, so only for an instant) or removed
    }
    if (typeof h?.pid !== 'number' || typeof h.host !== 'string') continue;
    if (isSelf(h)) continue;
    if (!alive(h, file, now)) {
      fs.rmSync(file, { force: true });
      continue;
    }
    out.push(h);
  }
  return out;
}

export function describeHolder(h: Holder): string {
  return `${h.program} (PID ${h.pid} on ${h.host}, since ${h.startedAt})`;
}

function busy(dbPath: string, holders: Holder[], wanted: HoldMode): AppError {
  const who = holders.map(describeHolder).join(', ');
  const restoring = wanted === 'shared';
  return new AppError(
    'db-busy',
    restoring
      ? { ja: `${dbPath} は復元中です: ${who}。復元が終わってから開いてください。`, en: `${dbPath} is being restored by ${who}. Open it once the restore has finished.` }
      : { ja: `${dbPath} は別のプロセスが使用中のため復元できません: ${who}。そのアプリまたはホストを終了してから復元してください。`, en: `Cannot restore ${dbPath} while another process holds it: ${who}. Quit that app or host, then restore.` },
    { subject: who, hint: { ja: 'ファイルは何も変更していません。', en: 'No file was changed.' } },
  );
}

/** Holds per database path and mode in this process (contexts are opened more than once in tests). */
const counts = new Map<string, number>();
/** The lease renewal of each written holder file, by the same key. */
const leases = new Map<string, ReturnType<typeof setInterval>>();

/**
 * Renews this process's lease every LEASE_MS: touches its holder file, or writes it again if
 * another process swept it (this one was suspended past the lease, say). Unreferenced, so a
 * timer never keeps a finished CLI command alive.
 */
function renewLease(key: string, dbPath: string, mode: HoldMode, program: string): void {
  const timer = setInterval(() => {
    const file = holderFile(dbPath, mode);
    try {
      const now = new Date();
      fs.utimesSync(file, now, now);
    } catch {
      try {
        writeHolder(dbPath, mode, program);
      } catch {
        /* the folder went read-only or away: the next renewal tries again */
      }
    }
  }, LEASE_MS);
  timer.unref?.();
  leases.set(key, timer);
}

function writeHolder(dbPath: string, mode: HoldMode, program: string): void {
  const dir = holdersDirFor(dbPath);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = holderFile(dbPath, mode);
  const tmp = `${file}.tmp`;
  const me: Holder = { pid: process.pid, host: HOST, startedAt: STARTED_AT, program, mode, ...(PROC_START ? { procStart: PROC_START } : {}) };
  fs.writeFileSync(tmp, JSON.stringify(me), { mode: 0o600 });
  fs.renameSync(tmp, file);
}

function removeHolder(dbPath: string, mode: HoldMode): void {
  fs.rmSync(holderFile(dbPath, mode), { force: true });
  try {
    fs.rmdirSync(holdersDirFor(dbPath)); // only when empty: another holder's file keeps it
  } catch {
    /* not empty, or already gone */
  }
}

export interface WorkspaceHold {
  release(): void;
}

/**
 * Registers this process as a holder. Shared: refused while another process restores (holds it
 * exclusive). Exclusive: refused while any other live process holds it at all. Both sides write
 * their file before they look, so two racing processes never both go ahead.
 * A folder where the holder file cannot be written (read-only media) gets a shared hold without
 * a file: nothing can be restored into that folder either.
 */
export function holdWorkspace(dbPath: string, opts: { mode: HoldMode; program: string }): WorkspaceHold {
  const key = `${path.resolve(dbPath)}\u0000${opts.mode}`;
  const n = counts.get(key) ?? 0;
  let written = n > 0;
  if (!written) {
    try {
      writeHolder(dbPath, opts.mode, opts.program);
      written = true;
    } catch (e) {
      if (opts.mode === 'exclusive') {
        // A read-only disk or folder is `read-only` (issue 11, defect 4), not a generic io error.
        const typed = storageFailure(e, holdersDirFor(dbPath));
        if (typed && typed.code === 'read-only') throw typed;
        throw new AppError('io', { ja: `${holdersDirFor(dbPath)} に書き込めません（${(e as NodeJS.ErrnoException).code}）。`, en: `Cannot write ${holdersDirFor(dbPath)} (${(e as NodeJS.ErrnoException).code}).` }, { subject: holdersDirFor(dbPath), cause: e });
      }
    }
  }
  const others = otherHolders(dbPath).filter((h) => opts.mode === 'exclusive' || h.mode === 'exclusive');
  if (others.length > 0) {
    if (n === 0 && written) removeHolder(dbPath, opts.mode);
    throw busy(dbPath, others, opts.mode);
  }
  counts.set(key, n + 1);
  if (n === 0 && written) renewLease(key, dbPath, opts.mode, opts.program);
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      const left = (counts.get(key) ?? 1) - 1;
      if (left > 0) counts.set(key, left);
      else {
        counts.delete(key);
        clearInterval(leases.get(key));
        leases.delete(key);
        if (written) removeHolder(dbPath, opts.mode);
      }
    },
  };
}

/** Runs `fn` holding the workspace exclusively (refused with db-busy while another process holds it). */
export async function withExclusiveHold<T>(dbPath: string, program: string, fn: () => T | Promise<T>): Promise<T> {
  const hold = holdWorkspace(dbPath, { mode: 'exclusive', program });
  try {
    return await fn();
  } finally {
    hold.release();
  }
}

// A process that ends without closing its context leaves no live-looking holder behind.
process.once('exit', () => {
  for (const key of counts.keys()) {
    const [dbPath, mode] = key.split('\u0000');
    try {
      removeHolder(dbPath, mode as HoldMode);
    } catch {
      /* exiting anyway */
    }
  }
});
