// Rolling backups of the workbench database with SQLite's online backup API (a consistent copy
// while the app keeps writing), each verified before it counts, the oldest pruned beyond `keep`.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError, type LocalizedText } from '../../shared/errors';
import { APPLICATION_ID } from '../store/migrate';
import { backupDirFor } from '../store/paths';
import { makePrivateDir, makePrivateFile } from '../store/file-modes';
import { connect } from '../store/open';

export const DEFAULT_KEEP = 10;
const NAME_RE = /^workbench-(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)-([a-z0-9-]{1,40})\.db$/;

export interface BackupInfo {
  file: string;
  path: string;
  createdAt: string;
  reason: string;
  bytes: number;
}

function stamp(iso: string): string {
  return iso.replace(/:/g, '-').replace('.', '-');
}
function unstamp(s: string): string {
  // 2026-11-24T02-15-00-123Z → 2026-11-24T02:15:00.123Z
  return s.replace(/T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/, 'T$1:$2:$3.$4Z');
}

/** Backups beside the database, newest first (by the time in their names). */
export function listBackups(dbPath: string): BackupInfo[] {
  const dir = backupDirFor(dbPath);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const out: BackupInfo[] = [];
  for (const file of names) {
    const m = NAME_RE.exec(file);
    if (!m) continue;
    const full = path.join(dir, file);
    try {
      out.push({ file, path: full, createdAt: unstamp(m[1]), reason: m[2], bytes: fs.statSync(full).size });
    } catch {
      /* removed meanwhile */
    }
  }
  return out.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.file < b.file ? 1 : -1));
}

/** Is this file a whole, uncorrupted workbench database? (`detail` says why not.) */
export function verifyDatabaseFile(file: string): { ok: true } | { ok: false; detail: string } {
  let db: Database.Database | null = null;
  try {
    const head = Buffer.alloc(16);
    const fd = fs.openSync(file, 'r');
    try {
      fs.readSync(fd, head, 0, 16, 0);
    } finally {
      fs.closeSync(fd);
    }
    if (head.toString('latin1') !== 'SQLite format 3\u0000') return { ok: false, detail: 'no SQLite header' };
    db = connect(file, { readonly: true, fileMustExist: true });
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') return { ok: false, detail: String(check) };
    if (db.pragma('application_id', { simple: true }) !== APPLICATION_ID) return { ok: false, detail: 'not a workbench database' };
    return { ok: true };
  } catch (e) {
    return { ok: false, detail: (e as Error).message };
  } finally {
    db?.close();
  }
}

function ioError(what: string, file: string, e: unknown, hint?: LocalizedText): AppError {
  const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
  return new AppError('io', { ja: `${what}に失敗しました: ${file}（${code}）`, en: `Could not ${what === 'バックアップ' ? 'back up' : 'restore'}: ${file} (${code})` }, { subject: file, cause: e, hint });
}

/**
 * A verified copy of the open database in the backups folder; keeps the newest `keep`.
 * Written under a temporary name and renamed only once it passes integrity_check.
 */
export async function createBackup(db: Database.Database, dbPath: string, opts: { reason?: string; keep?: number; now?: string } = {}): Promise<BackupInfo> {
  const dir = backupDirFor(dbPath);
  const reason = (opts.reason ?? 'manual').toLowerCase().replace(/[^a-z0-9-]+/g, '-').slice(0, 40) || 'manual';
  const createdAt = opts.now ?? new Date().toISOString();
  const file = `workbench-${stamp(createdAt)}-${reason}.db`;
  const full = path.join(dir, file);
  const tmp = `${full}.${process.pid}.partial`;
  try {
    makePrivateDir(dir, { own: true });
    await db.backup(tmp);
    makePrivateFile(tmp);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw ioError('バックアップ', full, e);
  }
  const check = verifyDatabaseFile(tmp);
  if (!check.ok) {
    fs.rmSync(tmp, { force: true });
    throw new AppError('io', { ja: `作成したバックアップが検査に通りませんでした（${check.detail}）。`, en: `The backup just written failed its check (${check.detail}).` }, { subject: full });
  }
  fs.renameSync(tmp, full);
  pruneBackups(dbPath, opts.keep ?? DEFAULT_KEEP);
  return { file, path: full, createdAt, reason, bytes: fs.statSync(full).size };
}

export function pruneBackups(dbPath: string, keep: number): string[] {
  const removed: string[] = [];
  for (const b of listBackups(dbPath).slice(Math.max(1, keep))) {
    fs.rmSync(b.path, { force: true });
    removed.push(b.file);
  }
  return removed;
}

/** The newest backup that passes integrity_check (checked one by one, newest first). */
export function newestGoodBackup(dbPath: string): BackupInfo | null {
  for (const b of listBackups(dbPath)) if (verifyDatabaseFile(b.path).ok) return b;
  return null;
}

/** A backup named by file name (in the backups folder) or by path. */
export function findBackup(dbPath: string, file: string): BackupInfo {
  const all = listBackups(dbPath);
  const hit = all.find((b) => b.file === file || b.path === path.resolve(file));
  if (!hit) {
    throw new AppError('not-found', { ja: `バックアップ「${file}」が ${backupDirFor(dbPath)} にありません。`, en: `No backup "${file}" in ${backupDirFor(dbPath)}.` }, { subject: file });
  }
  return hit;
}

/**
 * Replaces the (closed) database with a backup. The current file, damaged or not, is first moved
 * aside as `<db>.pre-restore-<time>` so that nothing the analyst had is ever thrown away.
 */
export function restoreBackup(dbPath: string, backup: BackupInfo, now = new Date().toISOString()): { safetyCopy: string | null } {
  const check = verifyDatabaseFile(backup.path);
  if (!check.ok) {
    throw new AppError('bad-input', { ja: `バックアップ ${backup.file} は壊れています（${check.detail}）。別のバックアップを選んでください。`, en: `Backup ${backup.file} is damaged (${check.detail}). Choose another backup.` }, { subject: backup.path });
  }
  const tmp = `${dbPath}.restoring`;
  let safetyCopy: string | null = null;
  try {
    fs.copyFileSync(backup.path, tmp);
    const fd = fs.openSync(tmp, 'r+');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    if (fs.existsSync(dbPath)) {
      safetyCopy = `${dbPath}.pre-restore-${stamp(now)}`;
      fs.renameSync(dbPath, safetyCopy);
    }
    // A WAL left from the old file would be replayed into the restored one: move it with the old file.
    for (const ext of ['-wal', '-shm']) {
      if (fs.existsSync(dbPath + ext)) {
        if (safetyCopy) fs.renameSync(dbPath + ext, safetyCopy + ext);
        else fs.rmSync(dbPath + ext, { force: true });
      }
    }
    fs.renameSync(tmp, dbPath);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    // Put the analyst's database back where it was: a failed restore must not leave no database
    // at the path (the next start would make an empty one).
    if (safetyCopy && !fs.existsSync(dbPath)) {
      for (const ext of ['', '-wal', '-shm']) {
        try {
          if (fs.existsSync(safetyCopy + ext)) fs.renameSync(safetyCopy + ext, dbPath + ext);
        } catch {
          /* the safety copy stays where it is, named in the error below */
        }
      }
      if (fs.existsSync(dbPath)) safetyCopy = null;
    }
    throw ioError('復元', dbPath, e, safetyCopy ? { ja: `元のデータベースは ${safetyCopy} に残っています。`, en: `The previous database is kept as ${safetyCopy}.` } : undefined);
  }
  return { safetyCopy };
}
