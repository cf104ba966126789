// Handler for the storage status: read from the connection and this process's waiting writes,
// never from the database's tables, so it answers at once while a write waits for a lock.
import type { storageApi } from '../../shared/api/storage';
import { waitingWrites } from '../store/storage-errors';
import type { DomainHandlers } from './dispatch';

export const storageHandlers: DomainHandlers<typeof storageApi> = {
  'storage.status': (_req, { db }) => ({ readOnly: db.readonly, waiting: waitingWrites() }),
};
