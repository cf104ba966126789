// API method for the state of the storage the window shows beside the work: whether the database
// can be written at all (a read-only file, folder or disk), and which writes are waiting for a
// database another process holds (the "waiting for import…" state), with what holds it.
import { z } from 'zod';
import { method } from './define';
import { IsoTimestamp, Localized } from './schemas';

export const StorageStatus = z.object({
  /** The database opened for reading only: reads work, every write fails as `read-only`. */
  readOnly: z.boolean(),
  /** Writes of this session waiting (boundedly) for the database, oldest first. */
  waiting: z.array(z.object({ holder: Localized.nullable(), since: IsoTimestamp })),
});

export const storageApi = {
  'storage.status': method(z.object({}).strict(), StorageStatus, 'Whether the database is read-only, and the writes waiting for a busy database (and what holds it).'),
};
