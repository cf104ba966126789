// Schema 10: the analyst's memos (workspace data): a memo on a document, or with no document the
// workspace's running analysis. No foreign key to documents: a memo outlives its document's
// removal or re-import, like an annotation. The journal learns the entity 'memo' so memo writes are
// undoable; SQLite cannot widen a CHECK constraint in place, so change_entries is rebuilt, rows kept.
// Frozen once released: holds its own SQL; never edit it, write a new migration.
import type { Migration } from '../migration';

export const m0010: Migration = {
  version: 10,
  name: 'memos',
  up(db) {
    db.exec(`
      CREATE TABLE memos (
        id           TEXT PRIMARY KEY,
        document_id  TEXT,
        title        TEXT NOT NULL,
        body         TEXT NOT NULL DEFAULT '',
        author       TEXT NOT NULL,
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL,
        -- Soft delete: undoing a deletion brings the memo back as it was.
        deleted_at   TEXT
      );
      CREATE INDEX memos_document ON memos(document_id, updated_at) WHERE deleted_at IS NULL;

      CREATE TABLE change_entries_v10 (
        group_id        INTEGER NOT NULL REFERENCES change_groups(id),
        ordinal         INTEGER NOT NULL,
        entity          TEXT NOT NULL CHECK (entity IN ('annotation', 'pillar', 'rejection', 'term', 'briefing', 'briefing-section', 'briefing-item', 'memo')),
        entity_id       TEXT NOT NULL,
        before_json     TEXT,
        after_json      TEXT,
        PRIMARY KEY (group_id, ordinal)
      );
      INSERT INTO change_entries_v10 (group_id, ordinal, entity, entity_id, before_json, after_json)
        SELECT group_id, ordinal, entity, entity_id, before_json, after_json FROM change_entries;
      DROP TABLE change_entries;
      ALTER TABLE change_entries_v10 RENAME TO change_entries;
    `);
  },
};
