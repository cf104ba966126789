// The two ways the annotate service refuses a request before writing anything: input that would
// store something wrong, and a request that clashes with what is already there.
import { AppError, type LocalizedText } from '../../shared/errors';

/** A request that would write something wrong: refused before anything is written. */
export function badInput(message: LocalizedText, subject?: string, hint?: LocalizedText): AppError {
  return new AppError('bad-input', message, { subject, hint });
}

export function conflict(message: LocalizedText, subject?: string, hint?: LocalizedText): AppError {
  return new AppError('conflict', message, { subject, hint });
}
