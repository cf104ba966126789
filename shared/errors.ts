// Typed errors that cross the API boundary: a stable code, a user-facing message in
// Japanese and English, and the offending file/field/query, never a raw stack.
import { describeStorageFailure, type StorageContext } from './storage-errors';

export type ErrorCode =
  | 'invalid-request' // the request failed validation (field named in details)
  | 'unknown-method'
  | 'not-found' // a statement, document, annotation … id that does not exist
  | 'conflict' // the write would break an invariant (e.g. deleting a used default pillar)
  | 'db-corrupt' // the database file is damaged or not a SQLite database (SQLITE_NOTADB, SQLITE_CORRUPT: "not-a-database" is this code)
  | 'db-foreign' // a SQLite database that is not a workbench database
  | 'db-too-new' // written by a newer version of the workbench
  | 'db-migration-failed' // a schema upgrade failed; the database was left at its previous version
  | 'db-busy' // another process holds the database: a write waited past the bounded wait (SQLITE_BUSY, SQLITE_LOCKED), or a restore while the app runs (subject: who)
  | 'disk-full' // no space left for the write (SQLITE_FULL, ENOSPC, EDQUOT): nothing was half-written
  | 'read-only' // the database, its folder or the target cannot be written (SQLITE_READONLY*, EROFS, EACCES/EPERM on a write)
  | 'is-a-directory' // a path that must name a file names a folder (EISDIR, e.g. --db pointing at a folder)
  | 'library-missing' // a read-only workspace opened without its library file: corpus reads cannot be answered (open it writable once to rebuild, or restore)
  | 'io' // a file could not be read or written (SQLITE_IOERR*, EIO, and any other OS error)
  | 'bad-input' // a file or text the user supplied cannot be used
  | 'unsupported-format' // a file of a kind this build cannot read (e.g. PDF before its extractor is wired)
  | 'unavailable' // a needed external tool is missing (e.g. Chromium for PDF)
  | 'cancelled'
  | 'internal';

export interface LocalizedText {
  ja: string;
  en: string;
}

export interface AppErrorData {
  code: ErrorCode;
  message: LocalizedText;
  /** What was at fault: a file path, a field, a query, an id. */
  subject?: string;
  /** What the user can do about it. */
  hint?: LocalizedText;
}

/** Thrown inside services; converted to AppErrorData at every boundary (IPC, HTTP, CLI). */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly localized: LocalizedText;
  readonly subject?: string;
  readonly hint?: LocalizedText;

  constructor(code: ErrorCode, message: LocalizedText, opts: { subject?: string; hint?: LocalizedText; cause?: unknown } = {}) {
    super(message.en, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'AppError';
    this.code = code;
    this.localized = message;
    this.subject = opts.subject;
    this.hint = opts.hint;
  }

  toData(): AppErrorData {
    const data: AppErrorData = { code: this.code, message: this.localized };
    if (this.subject !== undefined) data.subject = this.subject;
    if (this.hint !== undefined) data.hint = this.hint;
    return data;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/**
 * The typed error for a storage failure (a SQLite result code, an OS errno: shared/storage-errors.ts),
 * or null when `e` is not one or is already typed. `where` adds the file, the holder, the wait.
 */
export function storageErrorOf(e: unknown, where: StorageContext = {}): AppError | null {
  if (isAppError(e)) return null;
  const f = describeStorageFailure(e, where);
  return f ? new AppError(f.code, f.message, { subject: f.subject, hint: f.hint, cause: e }) : null;
}

/**
 * Anything thrown, as data safe to show. A storage failure (a SQLite or OS error code) becomes its
 * typed error (shared/storage-errors.ts), never "unexpected"; only what is left is internal.
 */
export function toErrorData(e: unknown): AppErrorData {
  if (isAppError(e)) return e.toData();
  const storage = storageErrorOf(e);
  if (storage) return storage.toData();
  const detail = e instanceof Error ? e.message : String(e);
  return {
    code: 'internal',
    message: {
      ja: `予期しないエラーが発生しました: ${detail}`,
      en: `An unexpected error occurred: ${detail}`,
    },
  };
}

export function notFound(what: LocalizedText, id: string): AppError {
  return new AppError(
    'not-found',
    { ja: `${what.ja}「${id}」が見つかりません。`, en: `No ${what.en} with id "${id}".` },
    { subject: id },
  );
}

/** One line for a terminal, in the language the user prefers. */
export function formatError(data: AppErrorData, lang: 'ja' | 'en' = 'en'): string {
  const hint = data.hint ? ` ${data.hint[lang]}` : '';
  return `${data.message[lang]}${hint}`;
}
