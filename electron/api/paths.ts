// File paths arriving over the API: the renderer cannot know the back end's working directory, so
// only a full path (from a save or open dialog) is meaningful; a relative one is refused.
import path from 'node:path';
import { AppError } from '../../shared/errors';

export function requireAbsolutePath(p: string, what: { ja: string; en: string }): string {
  if (!path.isAbsolute(p)) {
    throw new AppError('invalid-request', { ja: `${what.ja}は絶対パスで指定してください（${p}）。`, en: `The ${what.en} must be an absolute path (got ${p}).` }, { subject: 'path' });
  }
  return p;
}
