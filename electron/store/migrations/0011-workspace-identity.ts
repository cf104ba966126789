// Schema 11: the workspace's identity, a random id made once when the workspace is created or
// first upgraded. Backups are filed under it, so two databases never share (or prune) backups.
// (10 is another feature's.) The id is made by SQLite itself: a migration runs no live code.
import type { Migration } from '../migration';

export const m0011: Migration = {
  version: 11,
  name: 'workspace-identity',
  up(db) {
    db.exec(`
      CREATE TABLE workspace_identity (
        id            INTEGER PRIMARY KEY CHECK (id = 1),
        workspace_id  TEXT NOT NULL CHECK (length(workspace_id) = 32 AND workspace_id NOT GLOB '*[^0-9a-f]*'),
        created_at    TEXT NOT NULL
      );
      INSERT INTO workspace_identity (id, workspace_id, created_at)
        VALUES (1, lower(hex(randomblob(16))), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
    `);
  },
};
