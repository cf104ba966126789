// Schema 12: what workspace bundles need to merge: per annotation the revision last shared with
// another workspace, the common base that tells "edited here since" from "edited there since"
// when a bundle comes back. (The journal records the new entity kinds once migration 15 opened it.)
import type { Migration } from '../migration';

export const m0012: Migration = {
  version: 12,
  name: 'bundle',
  up(db) {
    db.exec(`
      -- Workspace table (the analyst's own data): one row per annotation that ever crossed a bundle.
      CREATE TABLE annotation_sync_base (
        annotation_id  TEXT PRIMARY KEY,
        revision       TEXT NOT NULL CHECK (length(revision) = 64),
        recorded_at    TEXT NOT NULL
      );
    `);
  },
};
