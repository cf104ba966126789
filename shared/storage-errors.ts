// The one mapping from a storage failure (a SQLite result code, an OS errno) to its typed error
// with ja/en advice. Every boundary reaches it: toErrorData and storageErrorOf (shared/errors.ts,
// which wraps this description in an AppError) serve the dispatcher, the worker, the CLI and the
// dev host; electron/store/storage-errors.ts adds what only the host knows (the database's path,
// who holds it, how long the write waited). Plain JS, and no imports: errors.ts imports this.

/** The storage members of ErrorCode (shared/errors.ts). */
export type StorageErrorCode = 'db-busy' | 'disk-full' | 'read-only' | 'io' | 'db-corrupt' | 'is-a-directory';

interface LocalizedText {
  ja: string;
  en: string;
}

/** A storage failure described: what errors.ts turns into an AppError. */
export interface StorageFailure {
  code: StorageErrorCode;
  message: LocalizedText;
  hint: LocalizedText;
  subject?: string;
}

/** What the caller knows beside the thrown error. */
export interface StorageContext {
  /** The file or folder at fault (the error's own path wins for OS errors). */
  subject?: string;
  /** Who holds a busy database, in words ("the import of notes.json (process 4121)"), if known. */
  holder?: LocalizedText;
  /** How long the write waited before giving up, in milliseconds. */
  waitedMs?: number;
}

// SQLite's extended result codes name the family first (SQLITE_IOERR_WRITE, SQLITE_READONLY_DBMOVED),
// so a prefix decides the family: https://sqlite.org/rescode.html
const SQLITE_FAMILIES: [prefix: string, code: StorageErrorCode][] = [
  ['SQLITE_BUSY', 'db-busy'],
  ['SQLITE_LOCKED', 'db-busy'],
  ['SQLITE_FULL', 'disk-full'],
  ['SQLITE_READONLY', 'read-only'],
  ['SQLITE_PERM', 'read-only'],
  ['SQLITE_IOERR', 'io'],
  ['SQLITE_NOTADB', 'db-corrupt'],
  ['SQLITE_CORRUPT', 'db-corrupt'],
  ['SQLITE_CANTOPEN_ISDIR', 'is-a-directory'],
  ['SQLITE_CANTOPEN', 'io'],
];

const ERRNO: Record<string, StorageErrorCode> = {
  ENOSPC: 'disk-full',
  EDQUOT: 'disk-full',
  EFBIG: 'disk-full',
  EROFS: 'read-only',
  EACCES: 'read-only',
  EPERM: 'read-only',
  EISDIR: 'is-a-directory',
  EIO: 'io',
  ENXIO: 'io',
  ENOENT: 'io',
  ENOTDIR: 'io',
  ENOTEMPTY: 'io',
  EEXIST: 'io',
  EMFILE: 'io',
  ENFILE: 'io',
  EBUSY: 'io',
  ETXTBSY: 'io',
  ENAMETOOLONG: 'io',
  ELOOP: 'io',
  EXDEV: 'io',
  ESTALE: 'io',
};

/** System calls that only read: a permission failure there is not "read-only", it is unreadable. */
const READING_CALLS = new Set(['read', 'scandir', 'opendir', 'stat', 'lstat', 'fstat', 'access', 'readlink', 'realpath']);

interface ThrownShape {
  code?: unknown;
  syscall?: unknown;
  path?: unknown;
}

/** The storage family of a thrown value's code, or null when it is not a storage failure. */
export function storageCodeOf(e: unknown): StorageErrorCode | null {
  if (typeof e !== 'object' || e === null) return null;
  const { code, syscall } = e as ThrownShape;
  if (typeof code !== 'string') return null;
  if (code.startsWith('SQLITE_')) {
    for (const [prefix, family] of SQLITE_FAMILIES) if (code === prefix || code.startsWith(`${prefix}_`)) return family;
    return null;
  }
  const family = ERRNO[code];
  if (!family) return null;
  if ((code === 'EACCES' || code === 'EPERM') && typeof syscall === 'string' && READING_CALLS.has(syscall)) return 'io';
  return family;
}

/** The file named in a message: the subject, or "the database" when none is known. */
function named(subject: string | undefined): LocalizedText {
  return subject ? { ja: subject, en: subject } : { ja: 'データベース', en: 'the database' };
}

/** A storage failure described with advice, or null when `e` is not one. */
export function describeStorageFailure(e: unknown, where: StorageContext = {}): StorageFailure | null {
  const family = storageCodeOf(e);
  if (!family) return null;
  const raw = String((e as ThrownShape).code);
  const ownPath = (e as ThrownShape).path;
  const subject = typeof ownPath === 'string' ? ownPath : where.subject;
  const it = named(subject);
  const failure = (code: StorageErrorCode, message: LocalizedText, hint: LocalizedText): StorageFailure => ({ code, message, hint, subject });
  switch (family) {
    case 'db-busy': {
      const holder = where.holder ?? { ja: '別のウィンドウかプログラム', en: 'another window or program' };
      const waited = where.waitedMs !== undefined ? Math.round(where.waitedMs / 1000) : null;
      return failure(
        'db-busy',
        {
          ja: `${it.ja} は${holder.ja}が使用中のため、${waited !== null ? `${waited} 秒待っても` : ''}書き込めませんでした（${raw}）。この変更は保存されていません。`,
          en: `Could not write to ${it.en}${waited !== null ? ` within ${waited} s` : ''}: it is in use by ${holder.en} (${raw}). This change was not saved.`,
        },
        { ja: 'その処理が終わってから、もう一度実行してください。', en: 'Try again once that work has finished.' },
      );
    }
    case 'disk-full':
      return failure(
        'disk-full',
        {
          ja: `ディスクに空きがないため ${it.ja} に書き込めませんでした（${raw}）。書きかけのものは残っておらず、データは以前のままです。`,
          en: `No space left on the disk for ${it.en} (${raw}). Nothing was half-written; your data is as it was.`,
        },
        { ja: 'ディスクの空きを増やしてから、もう一度実行してください。閲覧と検索はそのまま使えます。', en: 'Free some disk space, then try again. Reading and searching still work.' },
      );
    case 'read-only':
      return failure(
        'read-only',
        {
          ja: `${it.ja} は読み取り専用のため書き込めません（${raw}）。閲覧・検索・書き出しはできますが、変更は保存できません。`,
          en: `Cannot write to ${it.en}: it is read-only (${raw}). Reading, searching and exporting work; changes cannot be saved.`,
        },
        { ja: 'ファイルとそのフォルダを書き込み可能にするか、書き込めるフォルダにコピーして --db で指定してください。', en: 'Make the file and its folder writable, or copy the database to a writable folder and open it with --db.' },
      );
    case 'is-a-directory':
      return failure(
        'is-a-directory',
        { ja: `${it.ja} はフォルダです。ファイルのパスを指定してください（${raw}）。`, en: `${it.en} is a folder, not a file (${raw}).` },
        { ja: '--db には workbench.db のようなファイルのパスを指定してください。', en: 'Point --db at a file such as workbench.db, not at a folder.' },
      );
    case 'db-corrupt':
      return failure(
        'db-corrupt',
        { ja: `${it.ja} は壊れているか、SQLite のデータベースではありません（${raw}）。`, en: `${it.en} is damaged or not a SQLite database (${raw}).` },
        { ja: 'workbench backup --list でバックアップを確認し、workbench restore --latest で復元できます。', en: 'List backups with `workbench backup --list`; restore the newest good one with `workbench restore --latest`.' },
      );
    case 'io':
      return failure(
        'io',
        { ja: `${it.ja} の読み書き中にエラーが発生しました（${raw}）。`, en: `Reading or writing ${it.en} failed (${raw}).` },
        { ja: 'ディスクや接続先のドライブを確認してから、もう一度実行してください。', en: 'Check the disk or network drive, then try again.' },
      );
  }
}
