// The original bytes of every imported source, kept once by content hash in a folder beside the
// database (`<db dir>/originals/ab/<sha256>`), so a source can be opened again and re-extracted by
// a newer extractor. Files are immutable, 0600 in 0700 folders, written atomically (temp file,
// fsync, rename) and verified against their hash on every read.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';

export const ORIGINALS_DIR_NAME = 'originals';

export function sha256Hex(bytes: Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

/** The originals folder beside a database file. */
export function originalsDirFor(dbPath: string): string {
  return path.join(path.dirname(dbPath), ORIGINALS_DIR_NAME);
}

/** The originals folder of an open database; an in-memory database has nowhere to keep them. */
export function originalsDirOf(db: Database.Database): string {
  if (db.memory || !db.name) {
    throw new AppError('io', { ja: 'メモリ上のデータベースには原本を保存できません。', en: 'An in-memory database has no folder to keep originals in.' });
  }
  return originalsDirFor(db.name);
}

function pathOf(dir: string, sha: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha)) throw new AppError('bad-input', { ja: `ハッシュ「${sha.slice(0, 80)}」が不正です。`, en: `"${sha.slice(0, 80)}" is not a SHA-256 hash.` }, { subject: sha.slice(0, 80) });
  return path.join(dir, sha.slice(0, 2), sha);
}

function ioError(e: unknown, what: string): AppError {
  const code = (e as NodeJS.ErrnoException).code ?? 'error';
  return new AppError('io', { ja: `原本の保存先 ${what} に書き込めません（${code}）。`, en: `Cannot write the original to ${what} (${code}).` }, { subject: what, cause: e });
}

function ensureFolder(folder: string): void {
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  fs.chmodSync(folder, 0o700);
}

export interface StoredOriginal {
  sha256: string;
  /** True when this call wrote the file (so a failed import can take it back). */
  created: boolean;
}

/** Keeps `bytes` under their hash; an intact copy already there is left alone. */
export function storeOriginal(dir: string, bytes: Uint8Array, sha = sha256Hex(bytes)): StoredOriginal {
  const target = pathOf(dir, sha);
  try {
    ensureFolder(dir);
    ensureFolder(path.dirname(target));
    if (fs.existsSync(target)) {
      // A damaged copy (disk error, a stray edit) is replaced by the good bytes we now hold.
      if (sha256Hex(fs.readFileSync(target)) === sha) return { sha256: sha, created: false };
    }
    const temp = `${target}.tmp-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
    const fd = fs.openSync(temp, 'wx', 0o600);
    try {
      fs.writeSync(fd, bytes);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, target);
    const dirFd = fs.openSync(path.dirname(target), 'r');
    try {
      fs.fsyncSync(dirFd);
    } finally {
      fs.closeSync(dirFd);
    }
    return { sha256: sha, created: true };
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw ioError(e, dir);
  }
}

/**
 * Keeps the originals of a batch of files before the batch's one transaction (./batch.ts): every
 * file is written to a temp file and fsynced, renamed into place, then every folder it went into
 * is fsynced, like storeOriginal, but the fsyncs run side by side on libuv's threads, so the file
 * system commits its journal for several at once instead of once per file (a file's fsyncs were
 * most of a small file's import). An intact copy already there is left alone (created: false).
 */
export async function storeOriginals(dir: string, items: readonly { bytes: Uint8Array; sha256: string }[]): Promise<StoredOriginal[]> {
  const unique = [...new Map(items.map((i) => [i.sha256, i])).values()];
  const temps: string[] = [];
  const created: string[] = [];
  try {
    ensureFolder(dir);
    const pending: { target: string; temp: string; sha: string }[] = [];
    const kept: StoredOriginal[] = [];
    for (const { bytes, sha256 } of unique) {
      const target = pathOf(dir, sha256);
      ensureFolder(path.dirname(target));
      if (fs.existsSync(target) && sha256Hex(fs.readFileSync(target)) === sha256) {
        kept.push({ sha256, created: false });
        continue;
      }
      const temp = `${target}.tmp-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
      temps.push(temp);
      pending.push({ target, temp, sha: sha256 });
      fs.writeFileSync(temp, bytes, { flag: 'wx', mode: 0o600 });
    }
    await Promise.all(pending.map((p) => syncPath(p.temp, 'r+')));
    for (const p of pending) {
      fs.renameSync(p.temp, p.target);
      created.push(p.target);
      kept.push({ sha256: p.sha, created: true });
    }
    await Promise.all([...new Set(pending.map((p) => path.dirname(p.target)))].map((folder) => syncPath(folder, 'r')));
    return kept;
  } catch (e) {
    for (const f of [...temps, ...created]) fs.rmSync(f, { force: true });
    if (e instanceof AppError) throw e;
    throw ioError(e, dir);
  }
}

/** fsync; a file is opened for writing (Windows flushes only such handles), a folder for reading. */
async function syncPath(file: string, flags: 'r+' | 'r'): Promise<void> {
  const handle = await fs.promises.open(file, flags);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Takes back a file this import wrote, when the import's transaction did not commit. */
export function discardOriginal(dir: string, stored: StoredOriginal): void {
  if (!stored.created) return;
  try {
    fs.unlinkSync(pathOf(dir, stored.sha256));
  } catch {
    /* already gone: nothing to take back */
  }
}

/** The original's bytes, checked against the hash they are stored under. */
export function readOriginal(dir: string, sha: string): Buffer {
  const file = pathOf(dir, sha);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new AppError('not-found', { ja: `原本 ${sha.slice(0, 12)}… が保存先にありません。`, en: `The original ${sha.slice(0, 12)}… is missing from the originals folder.` }, { subject: sha });
    }
    throw new AppError('io', { ja: `原本 ${sha.slice(0, 12)}… を読めません。`, en: `Cannot read the original ${sha.slice(0, 12)}….` }, { subject: sha, cause: e });
  }
  if (sha256Hex(bytes) !== sha) {
    throw new AppError('io', { ja: `原本 ${sha.slice(0, 12)}… が壊れています（ハッシュが一致しません）。`, en: `The original ${sha.slice(0, 12)}… is damaged (its hash does not match).` }, { subject: sha });
  }
  return bytes;
}
