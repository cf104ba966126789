// The services' shared state for one open database (what every API handler receives). Declared
// at the bottom of the layers so the API, the hosts and the services can all name it without an
// upward import; electron/app/context.ts opens and closes one.
import type Database from 'better-sqlite3';

export interface AppContext {
  db: Database.Database;
  dbPath: string;
  resourcesDir: string;
  /** Default author of annotations and briefings: the OS user name. */
  author: string;
  version: string;
}
