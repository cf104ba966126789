// File handles: how the desktop app lets the renderer name a file without ever sending a path.
// The main process issues an opaque, single-use, expiring handle for the file the analyst chose in
// a native save/open dialog, keeps the path to itself, and when an API call carries the handle
// redeems it and forwards the path to the database worker beside the call, never inside it.
import crypto from 'node:crypto';
import path from 'node:path';
import type { Result } from '../../shared/api/define';
import { AppError, toErrorData } from '../../shared/errors';

export type FileMode = 'read' | 'write';

/** What a redeemed handle grants the one API call that carried it. */
export interface FileGrant {
  handle: string;
  path: string;
  mode: FileMode;
  /** Writing may replace an existing file: a save dialog already asked; the CLI only with --force. */
  replace: boolean;
}

// Long enough to pick a format and press export after the dialog closed; short enough that a
// handle left lying around (the analyst chose a file, then walked away) is soon worthless.
export const HANDLE_TTL_MS = 5 * 60 * 1000;
// A renderer that keeps opening dialogs without using them cannot grow the registry unbounded.
const MAX_OPEN_HANDLES = 64;

interface Entry {
  path: string;
  mode: FileMode;
  replace: boolean;
  expires: number;
  used: boolean;
}

function refused(ja: string, en: string): AppError {
  return new AppError('invalid-request', { ja, en }, { subject: 'handle', hint: { ja: 'ファイルをもう一度選んでください。', en: 'Choose the file again.' } });
}

export class FileHandleRegistry {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now, private readonly ttlMs = HANDLE_TTL_MS) {}

  /** A new handle for an absolute path the analyst chose (in a dialog, or on the command line). */
  issue(file: string, mode: FileMode, opts: { replace?: boolean } = {}): string {
    if (!path.isAbsolute(file)) throw new Error(`a file handle needs an absolute path (got ${file})`);
    this.sweep();
    while (this.entries.size >= MAX_OPEN_HANDLES) this.entries.delete(this.entries.keys().next().value as string);
    const handle = crypto.randomBytes(24).toString('base64url');
    this.entries.set(handle, { path: file, mode, replace: opts.replace ?? true, expires: this.now() + this.ttlMs, used: false });
    return handle;
  }

  /** The grant for `handle`, once: a second use, an expired or unknown handle, or the wrong mode is refused. */
  redeem(handle: string, mode: FileMode): FileGrant {
    const entry = this.entries.get(handle);
    if (!entry) throw refused('このファイル指定は無効です（不明なハンドル）。', 'This file choice is not valid (unknown handle).');
    if (entry.used) throw refused('このファイル指定はすでに使われました。ファイル指定は一度しか使えません。', 'This file choice was already used; each choice is good for one export or import.');
    entry.used = true;
    if (this.now() > entry.expires) {
      this.entries.delete(handle);
      throw refused('このファイル指定は期限切れです。', 'This file choice has expired.');
    }
    if (entry.mode !== mode) {
      throw refused(
        mode === 'write' ? 'このファイルは読み込み用に選ばれました。書き出しには使えません。' : 'このファイルは書き出し用に選ばれました。読み込みには使えません。',
        mode === 'write' ? 'This file was chosen for reading; it cannot be written.' : 'This file was chosen for saving; it cannot be read.',
      );
    }
    return { handle, path: entry.path, mode, replace: entry.replace };
  }

  /** Expired and used handles are forgotten (used ones stay until expiry, to say "already used"). */
  private sweep(): void {
    const now = this.now();
    for (const [h, e] of this.entries) if (now > e.expires) this.entries.delete(h);
  }
}

/**
 * The handle an API request carries, if any: `target.handle` is a file to write (exports),
 * `source.handle` a file to read (imports). Only these two places; the schemas allow no other.
 */
export function handleIn(params: unknown): { handle: string; mode: FileMode } | null {
  if (typeof params !== 'object' || params === null) return null;
  const { target, source } = params as { target?: unknown; source?: unknown };
  const pick = (v: unknown) => (typeof v === 'object' && v !== null && typeof (v as { handle?: unknown }).handle === 'string' ? (v as { handle: string }).handle : null);
  const write = pick(target);
  if (write !== null) return { handle: write, mode: 'write' };
  const read = pick(source);
  if (read !== null) return { handle: read, mode: 'read' };
  return null;
}

/** Redeems the request's handle (if any) for the host: the grant to forward, or the typed refusal. */
export function grantFor(registry: FileHandleRegistry, params: unknown): FileGrant | undefined {
  const found = handleIn(params);
  return found ? registry.redeem(found.handle, found.mode) : undefined;
}

/**
 * How a host serves one call: the request's handle (if any) is redeemed first, and the grant goes
 * to `call` beside the untouched request; a refused handle is the call's typed error.
 */
export function callWithGrant(registry: FileHandleRegistry, params: unknown, call: (grant: FileGrant | undefined) => Promise<Result<unknown>>): Promise<Result<unknown>> {
  let grant: FileGrant | undefined;
  try {
    grant = grantFor(registry, params);
  } catch (e) {
    return Promise.resolve({ ok: false, error: toErrorData(e) });
  }
  return call(grant);
}

/** How a host runs one call with its scope (the dispatcher's shape, without depending on electron/api). */
export type ScopedDispatch = (method: unknown, params: unknown, scope: { grant?: FileGrant }) => Promise<Result<unknown>>;

/**
 * A host that chooses files itself and calls the API with handles for them: the CLI (paths from
 * the analyst's shell) and the tests. The desktop app does the same in electron/main/ipc.ts,
 * with the files chosen in its dialogs.
 */
export function fileHost(dispatch: ScopedDispatch, registry = new FileHandleRegistry()) {
  return {
    invoke: (method: unknown, params: unknown) => callWithGrant(registry, params, (grant) => dispatch(method, params, { grant })),
    /** A target to write `file` (relative to the working directory); an existing file only with `replace`. */
    saveTo: (file: string, opts: { replace?: boolean } = {}) => ({ handle: registry.issue(path.resolve(file), 'write', { replace: opts.replace ?? false }) }),
    /** A source to read `file` (relative to the working directory). */
    openFrom: (file: string) => ({ handle: registry.issue(path.resolve(file), 'read') }),
  };
}
