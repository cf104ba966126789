// Schema 10: the analyst's memos (workspace data): a memo on a document, or with no document the
// workspace's running analysis. No foreign key to documents: a memo outlives its document's
// removal or re-import, like an annotation. Memo writes are journaled as the entity 'memo', which
// the journal accepts since migration 15 (every registered kind), so no journal table is rebuilt.
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
    `);
  },
};
