// Reading a file the analyst named (CLI argument, open dialog): only a regular file under a size
// limit. FIFOs, devices, sockets and directories (also behind a symlink) are refused without ever
// blocking: the file is opened non-blocking and checked with fstat on the open descriptor, so the
// check and the read concern the same file. Errors name the file, never its contents.
import fs from 'node:fs';
import { AppError, type LocalizedText } from '../../shared/errors';

/** What a non-regular file is, in the analyst's words. */
function kindOf(st: fs.Stats): LocalizedText {
  if (st.isDirectory()) return { ja: 'フォルダー', en: 'a folder' };
  if (st.isFIFO()) return { ja: '名前付きパイプ（FIFO）', en: 'a named pipe (FIFO)' };
  if (st.isCharacterDevice() || st.isBlockDevice()) return { ja: 'デバイス', en: 'a device' };
  if (st.isSocket()) return { ja: 'ソケット', en: 'a socket' };
  return { ja: '通常のファイル以外', en: 'not a regular file' };
}

export function notRegularFile(file: string, st: fs.Stats): AppError {
  const kind = kindOf(st);
  return new AppError(
    'bad-input',
    { ja: `${file} は${kind.ja}です。通常のファイルしか読み書きしません。`, en: `${file} is ${kind.en}; only regular files are read or written.` },
    { subject: file },
  );
}

function readError(file: string, e: unknown): AppError {
  const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
  const why: Record<string, LocalizedText> = {
    ENOENT: { ja: 'ファイルがありません', en: 'no such file' },
    EACCES: { ja: '読む権限がありません', en: 'permission denied' },
    EPERM: { ja: '読む権限がありません', en: 'permission denied' },
    ELOOP: { ja: 'シンボリックリンクが循環しています', en: 'a symbolic link loops' },
    ENOTDIR: { ja: 'パスの途中がフォルダーではありません', en: 'part of the path is not a folder' },
    EISDIR: { ja: 'フォルダーです', en: 'it is a folder' },
  };
  const w = why[code] ?? { ja: `読み込みエラー ${code}`, en: `read error ${code}` };
  return new AppError('io', { ja: `${file} を読めません（${w.ja}）。`, en: `Cannot read ${file} (${w.en}).` }, { subject: file, cause: e });
}

export function tooLarge(file: string, bytes: number, maxBytes: number): AppError {
  return new AppError(
    'bad-input',
    { ja: `${file} は大きすぎます（${bytes} バイト、上限 ${maxBytes} バイト）。`, en: `${file} is too large (${bytes} bytes; the limit is ${maxBytes}).` },
    { subject: file },
  );
}

// O_NONBLOCK makes opening a FIFO return at once (instead of waiting for a writer) and is
// harmless for regular files; O_NOCTTY keeps a terminal device from becoming ours. Windows has
// neither (and no FIFOs in the file system), hence the fallbacks.
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOCTTY ?? 0);

/** The whole of a regular file of at most `maxBytes` bytes. */
export function readRegularFile(file: string, maxBytes: number): Buffer {
  let fd: number;
  try {
    fd = fs.openSync(file, OPEN_FLAGS);
  } catch (e) {
    throw readError(file, e);
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw notRegularFile(file, st);
    if (st.size > maxBytes) throw tooLarge(file, st.size, maxBytes);
    // Read until the end, not just st.size bytes: a file growing meanwhile is still bounded.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, maxBytes + 1 - total));
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      total += n;
      if (total > maxBytes) throw tooLarge(file, total, maxBytes);
      chunks.push(chunk.subarray(0, n));
    }
    return Buffer.concat(chunks, total);
  } catch (e) {
    throw e instanceof AppError ? e : readError(file, e);
  } finally {
    fs.closeSync(fd);
  }
}
