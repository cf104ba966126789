// The analyst's data is theirs alone: owner-only folders (0700) and files (0600) for the
// database, its WAL/SHM, backups, exports and temporary files. The process umask (077, set by
// each entry point) covers whatever a library creates; the explicit modes here cover a process
// whose umask we do not own (tests, an embedding host) and files left by older versions.
import fs from 'node:fs';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;
/** The umask every entry point sets: nothing new is readable by group or others. */
export const OWNER_ONLY_UMASK = 0o077;

/**
 * Sets the process umask to 077 where the OS has one (not Windows, whose ACLs already make the
 * per-user data folder private). Returns whether it was set; in a worker thread Node refuses
 * (the umask is the process's, set by the main thread).
 */
export function ownerOnlyFiles(platform: NodeJS.Platform = process.platform): boolean {
  if (platform === 'win32') return false;
  try {
    process.umask(OWNER_ONLY_UMASK);
    return true;
  } catch {
    return false;
  }
}

/** Creates `dir` (and missing parents) as 0700. An existing folder is tightened only when `own`
 *  says it is the workbench's own (the backups folder), never a folder the analyst pointed at. */
export function makePrivateDir(dir: string, opts: { own?: boolean } = {}): void {
  const created = fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (created !== undefined || opts.own) tighten(dir, PRIVATE_DIR_MODE);
}

/** Takes group and other bits off a file of ours that exists (older versions made them 0644). */
export function makePrivateFile(file: string): void {
  tighten(file, PRIVATE_FILE_MODE);
}

function tighten(target: string, mode: number): void {
  if (process.platform === 'win32') return;
  try {
    const st = fs.statSync(target);
    if ((st.mode & 0o777) !== mode) fs.chmodSync(target, mode);
  } catch (e) {
    // Missing is fine (a WAL not yet made); anything else is a real storage failure.
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}
