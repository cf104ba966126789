// Schema 12: what workspace bundles need to merge. A workspace's own identity (named in every
// bundle's manifest), and per annotation the revision last shared with another workspace: the
// common base that tells "edited here since" from "edited there since" when a bundle comes back.
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
      INSERT OR IGNORE INTO app_state (key, value) VALUES ('workspace-id', lower(hex(randomblob(16))));
    `);
  },
};
