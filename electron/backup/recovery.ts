// Start-up and restore flows around the backups: a damaged database is reported with the newest
// good backup on offer (never silently replaced by an empty one), and restore swaps a live context.
// Layer: beside import and export (it moves whole files), below api, whose after-write step calls it.
import type Database from 'better-sqlite3';
import { AppError, isAppError, type AppErrorData } from '../../shared/errors';
import { replaceHooks } from '../annotate/replace-hooks';
import { ingestBundledCorpus } from '../corpus/ingest';
import { openDatabase } from '../store/open';
import { createBackup, findBackup, listBackups, newestGoodBackup, restoreBackup, type BackupInfo } from './backups';

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
/** A backup after this many analyst changes since the last one ("significant work"). */
export const CHANGES_PER_BACKUP = 25;

function lastChange(db: Database.Database): number {
  return (db.prepare('SELECT COALESCE(MAX(id), 0) AS n FROM change_groups').get() as { n: number }).n;
}

function lastBackedUp(db: Database.Database): number | null {
  const row = db.prepare('SELECT value FROM app_state WHERE key = ?').get(LAST_KEY) as { value: string } | undefined;
  return row ? Number(row.value) : null;
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

async function backupAndMark(ctx: LiveDatabase, reason: string, keep?: number): Promise<BackupInfo> {
  const upTo = lastChange(ctx.db);
  const info = await createBackup(ctx.db, ctx.dbPath, { reason, keep });
  ctx.db.prepare('INSERT INTO app_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(LAST_KEY, String(upTo));
  return info;
}

/** At start: a backup unless nothing changed since the last one (or there is one already). */
export function startupBackup(ctx: LiveDatabase, keep?: number): Promise<BackupInfo | null> {
  return serialized(ctx.dbPath, async () => {
    const last = lastBackedUp(ctx.db);
    if (last !== null && last === lastChange(ctx.db) && listBackups(ctx.dbPath).length > 0) return null;
    return backupAndMark(ctx, 'startup', keep);
  });
}

/** After a change: a backup once CHANGES_PER_BACKUP changes piled up since the last one. */
export function backupAfterWork(ctx: LiveDatabase, keep?: number): Promise<BackupInfo | null> {
  const due = () => lastChange(ctx.db) - (lastBackedUp(ctx.db) ?? 0) >= CHANGES_PER_BACKUP;
  if (!due()) return Promise.resolve(null); // the common case costs two indexed reads
  return serialized(ctx.dbPath, async () => (ctx.db.open && due() ? backupAndMark(ctx, 'work', keep) : null));
}

export function manualBackup(ctx: LiveDatabase, keep?: number): Promise<BackupInfo> {
  return serialized(ctx.dbPath, () => backupAndMark(ctx, 'manual', keep));
}

/**
 * Restores a backup under a running app: closes the connection, swaps the file, reopens (which
 * migrates an older backup forward) and puts the new connection into the same context object.
 */
export async function restoreInContext(ctx: LiveDatabase & { resourcesDir: string }, file: string): Promise<{ restored: BackupInfo; safetyCopy: string | null }> {
  const backup = findBackup(ctx.dbPath, file);
  await whenBackupsIdle(ctx.dbPath); // never close the connection under a running backup
  if (ctx.db.open) ctx.db.close();
  let safetyCopy: string | null = null;
  try {
    ({ safetyCopy } = restoreBackup(ctx.dbPath, backup));
  } finally {
    // Reopen whatever is now in place (the backup, or the untouched original if the swap failed).
    ctx.db = openDatabase(ctx.dbPath);
  }
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
