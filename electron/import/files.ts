// Files and folders named on the command line, as import sources: folders are walked (sorted,
// hidden files skipped, symlinked folders not followed so a loop cannot hang the walk), and a
// file is read only when it is a regular file under the size limit, checked on the open
// descriptor (opened non-blocking, so a FIFO or a device never blocks the import).
import fs from 'node:fs';
import path from 'node:path';
import { AppError, toErrorData, type AppErrorData } from '../../shared/errors';
import { MAX_IMPORT_BYTES } from './import';

/** Files no analyst means to import, written by file managers into every folder. */
const SKIPPED_NAMES = new Set(['thumbs.db', 'desktop.ini']);

export interface CollectedSources {
  files: string[];
  failed: { path: string; error: AppErrorData }[];
}

function notRegular(p: string, what: { ja: string; en: string }): AppError {
  return new AppError('bad-input', { ja: `${p}: 通常のファイルではありません（${what.ja}）。`, en: `${p}: not a regular file (${what.en}).` }, { subject: p });
}

function kindOf(st: fs.Stats): { ja: string; en: string } {
  if (st.isFIFO()) return { ja: '名前付きパイプ', en: 'a named pipe (FIFO)' };
  if (st.isSocket()) return { ja: 'ソケット', en: 'a socket' };
  if (st.isCharacterDevice() || st.isBlockDevice()) return { ja: 'デバイス', en: 'a device' };
  if (st.isDirectory()) return { ja: 'フォルダ', en: 'a folder' };
  return { ja: '特殊ファイル', en: 'a special file' };
}

function ioError(p: string, e: unknown): AppError {
  const code = (e as NodeJS.ErrnoException).code ?? 'error';
  const missing = code === 'ENOENT';
  return new AppError('io', { ja: `${p} を${missing ? '見つけられません' : '読めません'}（${code}）。`, en: `${missing ? 'Cannot find' : 'Cannot read'} ${p} (${code}).` }, { subject: p, cause: e });
}

/** The files to import from the paths given: folders recursively, in a stable order. */
export function collectSources(paths: readonly string[]): CollectedSources {
  const out: CollectedSources = { files: [], failed: [] };
  const walk = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      out.failed.push({ path: dir, error: toErrorData(ioError(dir, e)) });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.') || SKIPPED_NAMES.has(entry.name.toLowerCase())) continue;
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile()) out.files.push(p);
      else if (entry.isSymbolicLink()) {
        // A link to a file is imported; a link to a folder is not followed (it could loop).
        try {
          if (fs.statSync(p).isFile()) out.files.push(p);
        } catch (e) {
          out.failed.push({ path: p, error: toErrorData(ioError(p, e)) });
        }
      } else out.failed.push({ path: p, error: toErrorData(notRegular(p, kindOf(fs.lstatSync(p)))) });
    }
  };
  for (const p of paths) {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch (e) {
      out.failed.push({ path: p, error: toErrorData(ioError(p, e)) });
      continue;
    }
    if (st.isDirectory()) walk(p);
    else out.files.push(p); // a FIFO or device is refused when read, with its own message
  }
  return out;
}

/** The bytes of a regular file no larger than the import limit; anything else is refused unread. */
export function readSourceFile(p: string, maxBytes = MAX_IMPORT_BYTES): Buffer {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO with no writer must not wait for one.
    fd = fs.openSync(p, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw ioError(p, e);
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw notRegular(p, kindOf(st));
    if (st.size > maxBytes) {
      throw new AppError('bad-input', { ja: `${p}: ファイルが大きすぎます（上限 ${maxBytes / 1024 / 1024} MB）。分割して取り込んでください。`, en: `${p}: the file is too large (limit ${maxBytes / 1024 / 1024} MB); split it first.` }, { subject: p });
    }
    const buf = Buffer.alloc(st.size);
    let off = 0;
    while (off < st.size) {
      const n = fs.readSync(fd, buf, off, st.size - off, off);
      if (n === 0) break; // the file shrank while we read it: import what is there
      off += n;
    }
    return off === st.size ? buf : buf.subarray(0, off);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw ioError(p, e);
  } finally {
    fs.closeSync(fd);
  }
}
