// Writes an export file safely: never over an existing file unless asked, through a temporary file
// in the same directory renamed into place, and nothing left behind when writing fails.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { notRegularFile } from '../files/read';

/** The file-system calls used, replaceable in tests to simulate a full disk. */
export interface WriteOps {
  openSync: typeof fs.openSync;
  writeSync: (fd: number, data: Uint8Array, offset: number, length: number) => number;
  fsyncSync: typeof fs.fsyncSync;
  closeSync: typeof fs.closeSync;
  renameSync: typeof fs.renameSync;
  linkSync: typeof fs.linkSync;
  unlinkSync: typeof fs.unlinkSync;
}

export const realOps: WriteOps = {
  openSync: fs.openSync,
  writeSync: (fd, data, offset, length) => fs.writeSync(fd, data, offset, length),
  fsyncSync: fs.fsyncSync,
  closeSync: fs.closeSync,
  renameSync: fs.renameSync,
  linkSync: fs.linkSync,
  unlinkSync: fs.unlinkSync,
};

function ioError(target: string, e: unknown): AppError {
  const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
  const why: Record<string, { ja: string; en: string }> = {
    ENOSPC: { ja: 'ディスクの空き容量が足りません', en: 'the disk is full' },
    EDQUOT: { ja: 'ディスク容量の上限に達しました', en: 'the disk quota is exhausted' },
    EACCES: { ja: '書き込む権限がありません', en: 'permission denied' },
    EPERM: { ja: '書き込む権限がありません', en: 'permission denied' },
    EROFS: { ja: '読み取り専用の場所です', en: 'the location is read-only' },
    ENOENT: { ja: 'フォルダーがありません', en: 'the folder does not exist' },
    ENOTDIR: { ja: 'パスの途中がフォルダーではありません', en: 'part of the path is not a folder' },
    EISDIR: { ja: '同名のフォルダーがあります', en: 'a folder has that name' },
  };
  const w = why[code] ?? { ja: `書き込みエラー ${code}`, en: `write error ${code}` };
  return new AppError(
    'io',
    { ja: `${target} に書き出せません（${w.ja}）。ファイルは作成・変更していません。`, en: `Cannot write ${target} (${w.en}). No file was created or changed.` },
    { subject: target, cause: e, hint: { ja: '別の保存先を選んでください。', en: 'Choose another location.' } },
  );
}

export function existsError(target: string): AppError {
  return new AppError(
    'conflict',
    { ja: `${target} は既に存在します。上書きしませんでした。`, en: `${target} already exists; it was not overwritten.` },
    { subject: target, hint: { ja: '上書きするには確認のうえ再実行してください（CLI では --force）。', en: 'Confirm to overwrite (on the command line: --force).' } },
  );
}

/**
 * The checks that need no data: an existing file without force, a folder in the way, a missing
 * folder. Run before rendering too, so a slow PDF is not rendered only to be refused.
 */
export function checkTarget(target: string, opts: { force?: boolean } = {}): string {
  const abs = path.resolve(target);
  let st: fs.Stats | null = null;
  try {
    st = fs.statSync(abs);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw ioError(abs, e);
  }
  if (st?.isDirectory()) throw ioError(abs, Object.assign(new Error('is a directory'), { code: 'EISDIR' }));
  // A FIFO, a device or a socket (or a symlink to one) is never replaced or written through.
  if (st && !st.isFile()) throw notRegularFile(abs, st);
  if (st && !opts.force) throw existsError(abs);
  let dirStat: fs.Stats;
  try {
    dirStat = fs.statSync(path.dirname(abs));
  } catch (e) {
    throw ioError(abs, e);
  }
  if (!dirStat.isDirectory()) throw ioError(abs, Object.assign(new Error('not a directory'), { code: 'ENOTDIR' }));
  return abs;
}

/** Without force: a hard link fails with EEXIST instead of replacing a file that appeared meanwhile.
 *  File systems without hard links (FAT/exFAT USB sticks) fall back to check-then-rename. */
function linkIntoPlace(ops: WriteOps, tmp: string, abs: string): void {
  try {
    ops.linkSync(tmp, abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw e;
    if (fs.existsSync(abs)) throw Object.assign(new Error('exists'), { code: 'EEXIST' });
    ops.renameSync(tmp, abs);
    return;
  }
  ops.unlinkSync(tmp);
}

/**
 * What must be true together with the file (the export log row): `record` runs once the data is
 * safely in the temporary file and before it is put in place, `unrecord` takes it back if placing
 * then fails. So the log and the file agree (issue 11, defect 7): a failed log leaves no file (and
 * a retry is not refused as "already exists"), a failed rename leaves no log row.
 */
export interface RecordedWrite<R> {
  record(finalPath: string, bytes: number): R;
  unrecord(recorded: R): void;
}

/**
 * Writes `data` to `target` atomically. Without `force`, an existing file is an error (checked
 * again at the final link, so a file appearing meanwhile is not clobbered either).
 */
export function writeFileAtomic(target: string, data: Uint8Array, opts: { force?: boolean; ops?: WriteOps } = {}): { path: string; bytes: number } {
  return writeFileRecorded(target, data, { record: () => undefined, unrecord: () => undefined }, opts).written;
}

class RecordFailed {
  constructor(readonly cause: unknown) {}
}

/** writeFileAtomic, with a record (the export log) that stands or falls with the file. */
export function writeFileRecorded<R>(target: string, data: Uint8Array, recorded: RecordedWrite<R>, opts: { force?: boolean; ops?: WriteOps } = {}): { written: { path: string; bytes: number }; record: R } {
  const ops = opts.ops ?? realOps;
  const abs = checkTarget(target, opts);
  const dir = path.dirname(abs);

  const tmp = path.join(dir, `.${path.basename(abs)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`);
  let fd: number | null = null;
  const made: { record?: { value: R } } = {};
  try {
    fd = ops.openSync(tmp, 'wx', 0o600);
    let off = 0;
    while (off < data.length) off += ops.writeSync(fd, data, off, data.length - off);
    ops.fsyncSync(fd);
    ops.closeSync(fd);
    fd = null;
    try {
      made.record = { value: recorded.record(abs, data.length) };
    } catch (e) {
      throw new RecordFailed(e);
    }
    if (opts.force) ops.renameSync(tmp, abs);
    else linkIntoPlace(ops, tmp, abs);
  } catch (e) {
    if (made.record) {
      try {
        recorded.unrecord(made.record.value);
      } catch {
        /* the placing error below is what the analyst must see */
      }
    }
    if (fd !== null) {
      try {
        ops.closeSync(fd);
      } catch {
        /* already failing; the original error is what matters */
      }
    }
    try {
      fs.unlinkSync(tmp);
    } catch {
      /* never created, or already renamed */
    }
    // The record failed (its own typed error: disk full, a read-only database): no file either.
    if (e instanceof RecordFailed) throw e.cause;
    if ((e as NodeJS.ErrnoException).code === 'EEXIST' && !opts.force && fd === null && fs.existsSync(abs)) throw existsError(abs);
    throw ioError(abs, e);
  }
  return { written: { path: abs, bytes: data.length }, record: made.record!.value };
}
