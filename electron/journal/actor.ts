// Who is making a change and when: the slice of the app context every journaled write needs, so
// tests and the CLI can drive annotations, pillars and briefings with a bare database and a fixed clock.
import type Database from 'better-sqlite3';

export interface Actor {
  db: Database.Database;
  /** Author of the change and default author of what it creates (the OS user name in the app). */
  author: string;
  /** The clock every timestamp of a change comes from (ISO 8601); the system clock when absent. */
  now?: () => string;
}

export function nowOf(actor: Pick<Actor, 'now'>): string {
  return actor.now ? actor.now() : new Date().toISOString();
}
