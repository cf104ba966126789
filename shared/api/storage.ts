// API method for the state of the storage the window shows beside the work: whether the database
// can be written at all (a read-only file, folder or disk), which writes are waiting for a
// database another process holds (the "waiting for import…" state), with what holds it, the
// library's state (checking n %, ok, flagged for rebuild, being rebuilt, rebuilt on this open) and
// a background backup that failed or kept every older copy.
import { z } from 'zod';
import { method } from './define';
import { IsoTimestamp, Localized } from './schemas';

/** Why a library was rebuilt: found missing, damaged, another workspace's, at an old schema, flagged by the check, or asked for. */
export const LibraryRebuildReason = z.enum(['missing', 'damaged', 'other-workspace', 'old-schema', 'check-failed', 'requested']);

export const LibraryHealthSchema = z.object({
  /**
   * unchecked: no full pass of the check yet; checking: a pass is running; ok: the last pass found
   * nothing; damaged: a check found a problem, the library is rebuilt at the next open (or now, on
   * request); rebuilding: a rebuild is running; absent: a read-only workspace opened without its library.
   */
  state: z.enum(['unchecked', 'checking', 'ok', 'damaged', 'rebuilding', 'absent']),
  /** How far the running check or rebuild is, in per cent; null otherwise. */
  percent: z.number().int().min(0).max(100).nullable(),
  /** The running rebuild: documents done of all, and the one being read. */
  rebuilding: z.object({ done: z.number().int().min(0), total: z.number().int().min(0), document: z.string().nullable() }).nullable(),
  /** When the last full pass of the check ended. */
  checkedAt: IsoTimestamp.nullable(),
  /** What the check found (SQLite's words), when damaged. */
  problems: z.array(z.string()),
  /** The library was rebuilt since this workspace was opened: why, and when it was ready. */
  rebuilt: z.object({ reason: LibraryRebuildReason, at: IsoTimestamp }).nullable(),
});

/** A background backup that failed, or whose rotation was refused; cleared by the next success. */
export const BackupTroubleSchema = z.object({
  /** The last backup failed: when, which kind (startup, work, manual), and the typed error's words. */
  failed: z.object({ at: IsoTimestamp, reason: z.string(), code: z.string(), message: Localized, hint: Localized.nullable() }).nullable(),
  /** The last backup was taken but every older one kept: the workspace failed its full check. */
  pruneRefused: z.object({ at: IsoTimestamp, detail: z.string() }).nullable(),
});

export const StorageStatus = z.object({
  /** The database opened for reading only: reads work, every write fails as `read-only`. */
  readOnly: z.boolean(),
  /** Writes of this session waiting (boundedly) for the database, oldest first. */
  waiting: z.array(z.object({ holder: Localized.nullable(), since: IsoTimestamp })),
  library: LibraryHealthSchema,
  backup: BackupTroubleSchema,
});

export const storageApi = {
  'storage.status': method(z.object({}).strict(), StorageStatus, 'Whether the database is read-only, the writes waiting for a busy database (and what holds it), the library\'s state and a failed background backup.'),
};
