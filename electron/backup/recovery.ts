// Start-up and restore flows around the backups: a damaged database is reported with the newest
// good backup on offer (never silently replaced by an empty one), and restore swaps a live context.
// Layer: beside import and export (it moves whole files), below api, whose after-write step calls it.
import type Database from 'better-sqlite3';
import { AppError, isAppError, toErrorData, type AppErrorData } from '../../shared/errors';
import { replaceHooks } from '../annotate/replace-hooks';
import { ingestBundledCorpus } from '../corpus/ingest';
import { openDatabase } from '../store/open';
import { storageFailure } from '../store/storage-errors';
import { createBackup, findBackup, listBackups, newestGoodBackup, restoreBackup, type BackupInfo, type BackupResult } from './backups';
import { HOUR_MS, TIERS } from './retention';
import { withExclusiveHold } from './workspace-lock';

/** The open database a backup is taken of or restored into (the app context, seen from here). */
export interface LiveDatabase {
  db: Database.Database;
  dbPath: string;
}

export type StartupCheck = { ok: true } | { ok: false; error: AppErrorData; offer: BackupInfo | null; backups: BackupInfo[] };

/** Full integrity check of the database at start; on damage, what the app can offer instead. */
export function checkDatabase(dbPath: string): StartupCheck {
  let db: Database.Database | null = null;
  try {
    db = openDatabase(dbPath, { fullCheck: true, migrate: false });
    return { ok: true };
  } catch (e) {
    if (!isAppError(e) || e.code !== 'db-corrupt') throw e;
    const offer = newestGoodBackup(dbPath);
    const hint = offer
      ? { ja: `最新の正常なバックアップ（${offer.createdAt}）から復元できます: workbench restore --latest --db ${dbPath}`, en: `The newest good backup (${offer.createdAt}) can be restored: workbench restore --latest --db ${dbPath}` }
      : { ja: '正常なバックアップはありません。ファイルはそのまま残しています。', en: 'There is no good backup. The file was left as it is.' };
    return { ok: false, error: { ...e.toData(), hint }, offer, backups: listBackups(dbPath) };
  } finally {
    db?.close();
  }
}

const LAST_KEY = 'backup_last_change_group';
const LAST_AT_KEY = 'backup_last_at';
/** A backup after this many analyst changes since the last one ("significant work"). */
export const CHANGES_PER_BACKUP = 25;

function lastChange(db: Database.Database): number {
  return (db.prepare('SELECT COALESCE(MAX(id), 0) AS n FROM change_groups').get() as { n: number }).n;
}

function stateValue(db: Database.Database, key: string): string | null {
  const row = db.prepare('SELECT value FROM app_state WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? row.value : null;
}

function lastBackedUp(db: Database.Database): number | null {
  const v = stateValue(db, LAST_KEY);
  return v === null ? null : Number(v);
}

/**
 * Journal checkpoints: every change of the last hour, as journal positions. Files start at the
 * hourly tier; inside the hour the journal itself is the record (`restore --to-change ID` undoes
 * back to one of these, and redo brings the changes back).
 */
export function journalCheckpoints(db: Database.Database, now: Date = new Date()): { position: number; at: string; label: { ja: string; en: string }; author: string }[] {
  const since = new Date(now.getTime() - TIERS.changes).toISOString();
  const rows = db
    .prepare("SELECT id, at, label_ja, label_en, author FROM change_groups WHERE state = 'done' AND at > ? ORDER BY id DESC")
    .all(since) as { id: number; at: string; label_ja: string; label_en: string; author: string }[];
  return rows.map((r) => ({ position: r.id, at: r.at, label: { ja: r.label_ja, en: r.label_en }, author: r.author }));
}

/** One backup at a time per database: a second request waits for the first, then decides again. */
const running = new Map<string, Promise<unknown>>();

/** Resolves once no backup of this database is being written (tests, and before closing). */
export async function whenBackupsIdle(dbPath: string): Promise<void> {
  while (running.has(dbPath)) await running.get(dbPath)!.catch(() => undefined);
}

function serialized<T>(dbPath: string, fn: () => Promise<T>): Promise<T> {
  const before = running.get(dbPath) ?? Promise.resolve();
  const next = before.catch(() => undefined).then(fn);
  running.set(dbPath, next);
  const clear = () => {
    if (running.get(dbPath) === next) running.delete(dbPath);
  };
  next.then(clear, clear);
  return next;
}

/** Tests drive the tiers with their own clock. */
export interface BackupClock {
  now?: () => Date;
}

/**
 * What went wrong with the last backup of each workspace in this process, for the window
 * (`storage.status`): a backup that failed (disk full, read-only, busy), and a rotation that kept
 * every older copy because the workspace failed its full check. A background backup has no one
 * to answer to, so without this its failure would go unseen; each is cleared by the next success.
 */
export interface BackupTrouble {
  failed: { at: string; reason: string; code: string; message: { ja: string; en: string }; hint: { ja: string; en: string } | null } | null;
  pruneRefused: { at: string; detail: string } | null;
}

const troubles = new Map<string, BackupTrouble>();

export function backupTrouble(dbPath: string): BackupTrouble {
  return troubles.get(dbPath) ?? { failed: null, pruneRefused: null };
}

function noteOutcome(dbPath: string, outcome: { failed: BackupTrouble['failed'] } | { pruneRefused: string | null; at: string }): void {
  const t = { ...backupTrouble(dbPath) };
  if ('failed' in outcome) t.failed = outcome.failed;
  else {
    t.failed = null;
    t.pruneRefused = outcome.pruneRefused ? { at: outcome.at, detail: outcome.pruneRefused } : null;
  }
  if (t.failed || t.pruneRefused) troubles.set(dbPath, t);
  else troubles.delete(dbPath);
}

async function backupAndMark(ctx: LiveDatabase, reason: string, clock: BackupClock = {}): Promise<BackupResult> {
  const upTo = lastChange(ctx.db);
  const now = clock.now?.() ?? new Date();
  let info: BackupResult;
  try {
    info = await createBackup(ctx.db, ctx.dbPath, { reason, now });
  } catch (e) {
    const data = toErrorData(storageFailure(e, ctx.dbPath) ?? e);
    noteOutcome(ctx.dbPath, { failed: { at: now.toISOString(), reason, code: data.code, message: data.message, hint: data.hint ?? null } });
    throw e;
  }
  noteOutcome(ctx.dbPath, { pruneRefused: info.pruneRefused, at: now.toISOString() });
  // A read-only database (issue 11, defect 4) can still be copied out; there is nowhere to note it.
  if (ctx.db.readonly) return info;
  const mark = ctx.db.prepare('INSERT INTO app_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  mark.run(LAST_KEY, String(upTo));
  mark.run(LAST_AT_KEY, now.toISOString());
  return info;
}

/** At start: a backup unless nothing changed since the last one (or there is one already). */
export function startupBackup(ctx: LiveDatabase, clock: BackupClock = {}): Promise<BackupResult | null> {
  return serialized(ctx.dbPath, async () => {
    const last = lastBackedUp(ctx.db);
    if (last !== null && last === lastChange(ctx.db) && listBackups(ctx.dbPath).length > 0) return null;
    return backupAndMark(ctx, 'startup', clock);
  });
}

/**
 * After a change: a backup once CHANGES_PER_BACKUP changes piled up since the last one, or once
 * the last one is an hour old and anything changed since (the hourly tier: the journal covers the
 * hour in between, change by change).
 */
export function backupAfterWork(ctx: LiveDatabase, clock: BackupClock = {}): Promise<BackupResult | null> {
  const due = () => {
    const changed = lastChange(ctx.db) - (lastBackedUp(ctx.db) ?? 0);
    if (changed >= CHANGES_PER_BACKUP) return true;
    if (changed <= 0) return false;
    const at = stateValue(ctx.db, LAST_AT_KEY);
    // No backup yet: the start-up backup or the N-change rule makes the first one.
    return at !== null && (clock.now?.() ?? new Date()).getTime() - Date.parse(at) >= HOUR_MS;
  };
  if (!due()) return Promise.resolve(null); // the common case costs three indexed reads
  return serialized(ctx.dbPath, async () => (ctx.db.open && due() ? backupAndMark(ctx, 'work', clock) : null));
}

export function manualBackup(ctx: LiveDatabase, clock: BackupClock = {}): Promise<BackupResult> {
  return serialized(ctx.dbPath, () => backupAndMark(ctx, 'manual', clock));
}

/**
 * Restores a backup under a running app: closes the connection, swaps the file, reopens (which
 * migrates an older backup forward) and puts the new connection into the same context object.
 */
export async function restoreInContext(ctx: LiveDatabase & { resourcesDir: string }, file: string): Promise<{ restored: BackupInfo; safetyCopy: string | null }> {
  const backup = findBackup(ctx.dbPath, file);
  // Refused (db-busy, naming the holder) while another process has the workspace open: it would
  // go on writing to the file moved aside, and its work would be reported saved but lost.
  const safetyCopy = await withExclusiveHold(ctx.dbPath, 'restore', async () => {
    await whenBackupsIdle(ctx.dbPath); // never close the connection under a running backup
    if (ctx.db.open) ctx.db.close();
    try {
      return restoreBackup(ctx.dbPath, backup).safetyCopy;
    } finally {
      // Reopen whatever is now in place (the backup, or the untouched original if the swap failed).
      ctx.db = openDatabase(ctx.dbPath);
    }
  });
  // A backup from before a corpus update gets today's corpus, its annotations re-anchored.
  ingestBundledCorpus(ctx.db, ctx.resourcesDir, { afterReplace: replaceHooks });
  return { restored: backup, safetyCopy };
}

export function latestOrNamed(dbPath: string, file: string | undefined): BackupInfo {
  if (file) return findBackup(dbPath, file);
  const good = newestGoodBackup(dbPath);
  if (!good) throw new AppError('not-found', { ja: `${dbPath} の正常なバックアップがありません。`, en: `There is no good backup of ${dbPath}.` }, { subject: dbPath });
  return good;
}
