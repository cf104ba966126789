// Schema 12: what workspace bundles need to merge: per annotation the revision last shared with
// another workspace, the common base that tells "edited here since" from "edited there since"
// when a bundle comes back. A bundle import is one undoable change, so the journal learns two more entity kinds.
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

      -- SQLite cannot widen a CHECK constraint in place: the journal table is rebuilt, rows kept,
      -- with the sync base and saved briefing templates added to the entities it may record.
      CREATE TABLE change_entries_v12 (
        group_id        INTEGER NOT NULL REFERENCES change_groups(id),
        ordinal         INTEGER NOT NULL,
        entity          TEXT NOT NULL CHECK (entity IN ('annotation', 'pillar', 'rejection', 'term', 'briefing', 'briefing-section', 'briefing-item', 'annotation-sync-base', 'briefing-template')),
        entity_id       TEXT NOT NULL,
        before_json     TEXT,
        after_json      TEXT,
        PRIMARY KEY (group_id, ordinal)
      );
      INSERT INTO change_entries_v12 (group_id, ordinal, entity, entity_id, before_json, after_json)
        SELECT group_id, ordinal, entity, entity_id, before_json, after_json FROM change_entries;
      DROP TABLE change_entries;
      ALTER TABLE change_entries_v12 RENAME TO change_entries;
    `);
  },
};
