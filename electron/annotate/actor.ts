// Who is making a change and when: the slice of the app context the annotate service needs,
// so tests and the CLI can drive it with a bare database and a fixed clock.
import type Database from 'better-sqlite3';
import { AppError, type LocalizedText } from '../../shared/errors';

export interface Actor {
  db: Database.Database;
  /** Default author of new annotations (the OS user name in the app). */
  author: string;
  now?: () => string;
}

export function nowOf(actor: Actor): string {
  return actor.now ? actor.now() : new Date().toISOString();
}

/** A request that would write something wrong: refused before anything is written. */
export function badInput(message: LocalizedText, subject?: string, hint?: LocalizedText): AppError {
  return new AppError('bad-input', message, { subject, hint });
}

export function conflict(message: LocalizedText, subject?: string, hint?: LocalizedText): AppError {
  return new AppError('conflict', message, { subject, hint });
}
