// Handler for the storage status: read from the connection and this process's own records
// (waiting writes, the library's check or rebuild, the last background backup), never waiting on a
// lock, so it answers at once while a write waits for a busy database.
import type { storageApi } from '../../shared/api/storage';
import { libraryHealth } from '../backup/library-check';
import { backupTrouble } from '../backup/recovery';
import { waitingWrites } from '../store/storage-errors';
import type { DomainHandlers } from './dispatch';

export const storageHandlers: DomainHandlers<typeof storageApi> = {
  'storage.status': (_req, { db, dbPath }) => ({ readOnly: db.readonly, waiting: waitingWrites(), library: libraryHealth(db), backup: backupTrouble(dbPath) }),
};
