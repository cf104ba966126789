// Backups of the workspace, filed per workspace: `backups/<workspace id>/` beside the database,
// with a manifest (manifest.ts) holding each copy's SHA-256. A copy is SQLite's online backup of
// schema `main` only (the workspace; never an attached library), checked with integrity_check
// before it counts. Rotation follows the time tiers (retention.ts) and never runs on a source that
// fails its full check: a damaged workspace never rotates out the last good backup.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { AppError, type LocalizedText } from '../../shared/errors';
import { APPLICATION_ID } from '../store/migrate';
import { backupDirFor } from '../store/paths';
import { makePrivateDir, makePrivateFile } from '../store/file-modes';
import { connect } from '../store/open';
import { boundedBackupProgress, storageFailure, whyNotWritable } from '../store/storage-errors';
import { readManifest, writeManifest, type Manifest, type ManifestEntry } from './manifest';
import { chooseRetained, DEFAULT_BUDGET, type RetentionBudget } from './retention';

const NAME_RE = /^workbench-(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)-([a-z0-9-]{1,40})\.db$/;
/** A copy being written: `<name>.<pid>.partial` (and nothing else: see writeCopy). */
const PARTIAL_RE = /^workbench-.*\.db\.(\d+)\.partial(-wal|-shm|-journal)?$/;

export interface BackupInfo {
  file: string;
  path: string;
  createdAt: string;
  reason: string;
  bytes: number;
  /** From the manifest; null for a file named by path that no manifest lists (an older layout). */
  sha256: string | null;
  /** The journal's last change group in the copy: what the copy holds, as a journal position. */
  journalPosition: number;
}

export interface BackupResult extends BackupInfo {
  /** Backups removed by this rotation. */
  pruned: string[];
  /** Why nothing was rotated out although the tiers would have (the source failed its check). */
  pruneRefused: string | null;
}

function stamp(iso: string): string {
  return iso.replace(/:/g, '-').replace('.', '-');
}

function ioError(what: 'backup' | 'restore', file: string, e: unknown, hint?: LocalizedText): AppError {
  // Disk full, read-only folder, a folder in the way: the typed storage error (issue 11, defects 4 and 6).
  const typed = storageFailure(e, file);
  if (typed && typed.code !== 'io') return typed;
  // A read-only disk can surface as a bare ENOENT from mkdir: name the real reason when there is one.
  const refusal = whyNotWritable(path.dirname(file));
  const refused = refusal ? storageFailure(refusal, file) : null;
  if (refused) return refused;
  const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
  return new AppError(
    'io',
    { ja: `${what === 'backup' ? 'バックアップ' : '復元'}に失敗しました: ${file}（${code}）`, en: `Could not ${what === 'backup' ? 'back up' : 'restore'}: ${file} (${code})` },
    { subject: file, cause: e, hint },
  );
}

// ---- identity -----------------------------------------------------------------------------

/** The workspace id stored in an open database (migration 0011). */
export function workspaceIdOf(db: Database.Database): string {
  let row: { workspace_id: string } | undefined;
  try {
    row = db.prepare('SELECT workspace_id FROM main.workspace_identity WHERE id = 1').get() as { workspace_id: string } | undefined;
  } catch (e) {
    // A database whose schema skipped migration 11 (made by a build that numbered past it first).
    throw new AppError(
      'conflict',
      { ja: `${db.name} にはワークスペースの識別子の表がないため、バックアップの保存先を決められません。`, en: `${db.name} has no workspace identity table, so its backup folder cannot be chosen.` },
      { subject: db.name, cause: e },
    );
  }
  if (!row) throw new AppError('db-corrupt', { ja: 'ワークスペースの識別子がありません。', en: 'The workspace has no identity row.' }, { subject: db.name });
  return row.workspace_id;
}

/** The workspace id of a file, read without writing to it; null if it cannot be read. */
function workspaceIdOfFileOnly(file: string): string | null {
  let db: Database.Database | null = null;
  try {
    db = connect(file, { readonly: true, fileMustExist: true });
    return (db.prepare('SELECT workspace_id FROM main.workspace_identity WHERE id = 1').get() as { workspace_id: string } | undefined)?.workspace_id ?? null;
  } catch {
    return null;
  } finally {
    db?.close();
  }
}

/**
 * The workspace id of the database at `dbPath`, read from the file; for a file too damaged to say,
 * the folder whose manifest last named this path (that is when a restore is needed most).
 */
export function workspaceIdForPath(dbPath: string): string | null {
  const full = path.resolve(dbPath);
  const own = fs.existsSync(full) ? workspaceIdOfFileOnly(full) : null;
  if (own) return own;
  let best: { id: string; at: string } | null = null;
  for (const id of workspaceFolders(full)) {
    const m = readManifest(path.join(backupDirFor(full), id));
    if (m?.workspacePath === full && (!best || m.updatedAt > best.at)) best = { id, at: m.updatedAt };
  }
  return best?.id ?? null;
}

function workspaceFolders(dbPath: string): string[] {
  try {
    return fs.readdirSync(backupDirFor(dbPath)).filter((n) => /^[0-9a-f]{32}$/.test(n));
  } catch {
    return [];
  }
}

/** Where this workspace's backups live: `backups/<workspace id>/` beside the database. */
export function workspaceBackupDir(dbPath: string, workspaceId: string): string {
  return path.join(backupDirFor(dbPath), workspaceId);
}

/** The folder listed for this database (its own, or the shared root when it has no identity yet). */
export function backupDirForPath(dbPath: string): string {
  const id = workspaceIdForPath(dbPath);
  return id ? workspaceBackupDir(dbPath, id) : backupDirFor(dbPath);
}

/**
 * A copied database file carries its original's id. When this folder belongs to another file that
 * still exists and still holds the same id, this database is the copy: it gets an id of its own,
 * so the two never share (or prune) each other's backups. A moved database keeps its folder.
 */
function ownWorkspaceId(db: Database.Database, dbPath: string): string {
  const id = workspaceIdOf(db);
  const m = readManifest(workspaceBackupDir(dbPath, id));
  if (m && heldByAnother(m, dbPath)) {
    // Identity, not analyst data: no journal entry (undo must never hand a copy its original's id).
    db.prepare("UPDATE main.workspace_identity SET workspace_id = lower(hex(randomblob(16))) WHERE id = 1").run();
    return workspaceIdOf(db);
  }
  return id;
}

/** The folder's manifest names another file that exists and carries the same id: this one is its copy. */
function heldByAnother(m: Manifest, dbPath: string): boolean {
  return m.workspacePath !== path.resolve(dbPath) && fs.existsSync(m.workspacePath) && workspaceIdOfFileOnly(m.workspacePath) === m.workspaceId;
}

// ---- checks -------------------------------------------------------------------------------

/** SHA-256 of a file, read in chunks (a workspace before the library split can be large). */
export function sha256File(file: string): string {
  const hash = crypto.createHash('sha256');
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      hash.update(buf.subarray(0, n));
    }
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
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

/** A backup is good when its bytes match the manifest's SHA-256 and SQLite finds it whole. */
export function verifyBackup(b: BackupInfo): { ok: true } | { ok: false; detail: string } {
  if (b.sha256) {
    let actual: string;
    try {
      actual = sha256File(b.path);
    } catch (e) {
      return { ok: false, detail: (e as Error).message };
    }
    if (actual !== b.sha256) return { ok: false, detail: `SHA-256 ${actual.slice(0, 12)}… differs from the manifest's ${b.sha256.slice(0, 12)}…` };
  }
  return verifyDatabaseFile(b.path);
}

/** The full check of the live workspace (schema main), run before any older copy is rotated out. */
export function checkSource(db: Database.Database): { ok: true } | { ok: false; detail: string } {
  try {
    const rows = db.pragma('main.integrity_check') as { integrity_check: string }[];
    const detail = rows.map((r) => r.integrity_check).join('; ');
    return detail === 'ok' ? { ok: true } : { ok: false, detail };
  } catch (e) {
    return { ok: false, detail: (e as Error).message };
  }
}

// ---- listing ------------------------------------------------------------------------------

function toInfo(dir: string, e: ManifestEntry): BackupInfo {
  return { file: e.file, path: path.join(dir, e.file), createdAt: e.createdAt, reason: e.reason, bytes: e.bytes, sha256: e.sha256, journalPosition: e.journalPosition };
}

function newestFirst<T extends { createdAt: string; file: string }>(list: T[]): T[] {
  return list.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.file < b.file ? 1 : -1));
}

/** This workspace's backups, newest first: only its own folder's, only files that exist. */
export function listBackups(dbPath: string): BackupInfo[] {
  const id = workspaceIdForPath(dbPath);
  if (!id) return [];
  const dir = workspaceBackupDir(dbPath, id);
  const m = readManifest(dir);
  // A copy of another workspace's file lists nothing until its first backup gives it an id of its own.
  if (!m || heldByAnother(m, dbPath)) return [];
  return newestFirst(m.backups.filter((e) => fs.existsSync(path.join(dir, e.file))).map((e) => toInfo(dir, e)));
}

/** The newest backup that passes its checks (checked one by one, newest first). */
export function newestGoodBackup(dbPath: string): BackupInfo | null {
  for (const b of listBackups(dbPath)) if (verifyBackup(b).ok) return b;
  return null;
}

/**
 * A backup of this workspace named by file name, or any workbench database named by path (an
 * older layout's backup, or a copy kept elsewhere: the analyst's explicit choice).
 */
export function findBackup(dbPath: string, file: string): BackupInfo {
  const hit = listBackups(dbPath).find((b) => b.file === file || b.path === path.resolve(file));
  if (hit) return hit;
  if (path.isAbsolute(file) || file.includes(path.sep)) {
    const full = path.resolve(file);
    try {
      const st = fs.statSync(full);
      if (st.isFile()) {
        const m = NAME_RE.exec(path.basename(full));
        return { file: path.basename(full), path: full, createdAt: m ? m[1].replace(/T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/, 'T$1:$2:$3.$4Z') : st.mtime.toISOString(), reason: m?.[2] ?? 'file', bytes: st.size, sha256: null, journalPosition: 0 };
      }
    } catch {
      /* reported below */
    }
  }
  const dir = backupDirForPath(dbPath);
  throw new AppError('not-found', { ja: `バックアップ「${file}」が ${dir} にありません。`, en: `No backup "${file}" in ${dir}.` }, { subject: file });
}

// ---- budget -------------------------------------------------------------------------------

export function budgetFor(dbPath: string): RetentionBudget {
  const id = workspaceIdForPath(dbPath);
  return (id && readManifest(workspaceBackupDir(dbPath, id))?.budget) || DEFAULT_BUDGET;
}

/** Sets this workspace's budget (kept in its manifest, so it travels with its backups). */
export function setBudget(db: Database.Database, dbPath: string, budget: Partial<RetentionBudget>): RetentionBudget {
  const id = ownWorkspaceId(db, dbPath);
  const dir = workspaceBackupDir(dbPath, id);
  makePrivateDir(dir, { own: true });
  const m = readManifest(dir) ?? emptyManifest(id, dbPath);
  m.budget = { ...(m.budget ?? DEFAULT_BUDGET), ...budget };
  writeManifest(dir, m);
  return m.budget;
}

function emptyManifest(workspaceId: string, dbPath: string): Manifest {
  return { format: 1, workspaceId, workspacePath: path.resolve(dbPath), updatedAt: new Date().toISOString(), budget: null, backups: [] };
}

// ---- making one -----------------------------------------------------------------------------

function removeCopyFiles(tmp: string): void {
  for (const ext of ['', '-wal', '-shm', '-journal']) fs.rmSync(tmp + ext, { force: true });
}

/** Partial copies left by a process that died mid-backup (or by this one): removed before a new one. */
function sweepPartials(dir: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = PARTIAL_RE.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    let alive = false;
    if (pid !== process.pid) {
      try {
        process.kill(pid, 0);
        alive = true;
      } catch (e) {
        alive = (e as NodeJS.ErrnoException).code === 'EPERM';
      }
    }
    if (!alive) fs.rmSync(path.join(dir, name), { force: true });
  }
}

/**
 * Writes a copy of schema `main` to `tmp` and leaves it as one self-contained file in rollback
 * mode: the online backup copies the WAL flag in the header, and a copy left in WAL mode would
 * grow `-wal`/`-shm` files whenever it is checked (the old `.partial-wal` left-overs).
 */
async function writeCopy(db: Database.Database, tmp: string): Promise<{ ok: true; journalPosition: number } | { ok: false; detail: string }> {
  // Schema main only: after the library split an attached library is never copied. (`attached` is
  // better-sqlite3's documented option; its type declarations omit it.)
  // Bounded: better-sqlite3 retries SQLITE_BUSY without end, which spun at 100 % CPU (issue 11, defect 4).
  await db.backup(tmp, { attached: 'main', progress: boundedBackupProgress(tmp) } as unknown as Database.BackupOptions);
  let copy: Database.Database | null = null;
  try {
    copy = connect(tmp, { fileMustExist: true });
    copy.pragma('journal_mode = DELETE');
    const check = copy.pragma('integrity_check', { simple: true });
    if (check !== 'ok') return { ok: false, detail: String(check) };
    if (copy.pragma('application_id', { simple: true }) !== APPLICATION_ID) return { ok: false, detail: 'not a workbench database' };
    const pos = copy.prepare('SELECT COALESCE(MAX(id), 0) AS n FROM change_groups').get() as { n: number };
    return { ok: true, journalPosition: pos.n };
  } catch (e) {
    return { ok: false, detail: (e as Error).message };
  } finally {
    copy?.close();
    for (const ext of ['-wal', '-shm', '-journal']) fs.rmSync(tmp + ext, { force: true });
  }
}

export interface CreateOptions {
  reason?: string;
  /** The clock (tests drive the tiers with it). */
  now?: Date | string;
  /** Overrides the workspace's configured budget. */
  budget?: RetentionBudget;
}

/**
 * A verified copy of the open workspace in its own folder, then the rotation. The copy is written
 * under a temporary name, checked, hashed, entered in the manifest and only then renamed into place.
 */
export async function createBackup(db: Database.Database, dbPath: string, opts: CreateOptions = {}): Promise<BackupResult> {
  const workspaceId = ownWorkspaceId(db, dbPath);
  const dir = workspaceBackupDir(dbPath, workspaceId);
  const reason = (opts.reason ?? 'manual').toLowerCase().replace(/[^a-z0-9-]+/g, '-').slice(0, 40) || 'manual';
  const now = opts.now === undefined ? new Date() : new Date(opts.now);
  const createdAt = now.toISOString();
  const file = `workbench-${stamp(createdAt)}-${reason}.db`;
  const full = path.join(dir, file);
  const tmp = `${full}.${process.pid}.partial`;
  let written: Awaited<ReturnType<typeof writeCopy>>;
  try {
    makePrivateDir(backupDirFor(dbPath), { own: true });
    makePrivateDir(dir, { own: true });
    sweepPartials(dir);
    written = await writeCopy(db, tmp);
    makePrivateFile(tmp);
  } catch (e) {
    removeCopyFiles(tmp);
    throw ioError('backup', full, e);
  }
  if (!written.ok) {
    removeCopyFiles(tmp);
    throw new AppError(
      'db-corrupt',
      { ja: `ワークスペースの複製が検査に通りませんでした（${written.detail}）。既存のバックアップはすべて残しています。`, en: `The copy of the workspace failed its check (${written.detail}). Every existing backup was kept.` },
      { subject: dbPath, hint: { ja: 'workbench restore --latest で最新の正常なバックアップに戻せます。', en: 'Restore the newest good backup with `workbench restore --latest`.' } },
    );
  }
  const bytes = fs.statSync(tmp).size;
  const entry: ManifestEntry = { file, createdAt, reason, bytes, sha256: sha256File(tmp), journalPosition: written.journalPosition };
  const manifest = readManifest(dir) ?? emptyManifest(workspaceId, dbPath);
  manifest.workspacePath = path.resolve(dbPath);
  // Entries whose files are gone (a crash between manifest and rename) go; a same-named entry is replaced.
  manifest.backups = [...manifest.backups.filter((e) => e.file !== file && fs.existsSync(path.join(dir, e.file))), entry];
  try {
    writeManifest(dir, manifest);
    fs.renameSync(tmp, full);
  } catch (e) {
    removeCopyFiles(tmp);
    throw ioError('backup', full, e);
  }
  const rotation = rotate(db, dir, manifest, now, opts.budget ?? manifest.budget ?? DEFAULT_BUDGET);
  return { ...toInfo(dir, entry), ...rotation };
}

/**
 * Drops what the tiers and the budget no longer keep, but only after the live workspace passed
 * its full integrity check: a copy of a damaged source can look whole (a flipped bit inside a row),
 * so a failing source keeps every older copy and says why.
 */
function rotate(db: Database.Database, dir: string, manifest: Manifest, now: Date, budget: RetentionBudget): { pruned: string[]; pruneRefused: string | null } {
  const { drop } = chooseRetained(manifest.backups.map((e) => ({ ...e, id: e.file })), now, budget);
  if (drop.length === 0) return { pruned: [], pruneRefused: null };
  const source = checkSource(db);
  if (!source.ok) return { pruned: [], pruneRefused: source.detail };
  const gone = new Set(drop.map((d) => d.file));
  manifest.backups = manifest.backups.filter((e) => !gone.has(e.file));
  writeManifest(dir, manifest); // listed no more before the files go: never a listed backup that is missing
  for (const f of gone) fs.rmSync(path.join(dir, f), { force: true });
  return { pruned: [...gone], pruneRefused: null };
}

// ---- restoring ----------------------------------------------------------------------------

/**
 * Replaces the (closed) database with a backup. The current file, damaged or not, is first moved
 * aside as `<db>.pre-restore-<time>` so that nothing the analyst had is ever thrown away. A backup
 * of another workspace is refused: B never gets A's annotations by accident.
 */
export function restoreBackup(dbPath: string, backup: BackupInfo, now = new Date().toISOString()): { safetyCopy: string | null } {
  const check = verifyBackup(backup);
  if (!check.ok) {
    throw new AppError('bad-input', { ja: `バックアップ ${backup.file} は壊れています（${check.detail}）。別のバックアップを選んでください。`, en: `Backup ${backup.file} is damaged (${check.detail}). Choose another backup.` }, { subject: backup.path });
  }
  const target = fs.existsSync(dbPath) ? workspaceIdOfFileOnly(dbPath) : null;
  const source = workspaceIdOfFileOnly(backup.path);
  if (target && source && target !== source) {
    throw new AppError(
      'bad-input',
      { ja: `バックアップ ${backup.file} は別のワークスペース（${source}）のものです。${dbPath}（${target}）には復元しません。`, en: `Backup ${backup.file} belongs to another workspace (${source}); it is not restored into ${dbPath} (${target}).` },
      { subject: backup.path },
    );
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
    throw ioError('restore', dbPath, e, safetyCopy ? { ja: `元のデータベースは ${safetyCopy} に残っています。`, en: `The previous database is kept as ${safetyCopy}.` } : undefined);
  }
  return { safetyCopy };
}
