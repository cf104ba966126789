// Schema 20: a briefing item may cite one of the analyst's memos (issue 14: "memos citable in a
// briefing"). briefing_items gains memo_id, and its CHECK becomes "exactly one of annotation,
// statement or memo". SQLite cannot change a CHECK in place, so the table is rebuilt: created under
// a new name, filled, the old one dropped, the new one renamed (nothing references briefing_items,
// so no other table is touched). Like annotations, a memo item has no foreign key to memos: a
// deleted memo is reported in the export, never cascaded away.
// Frozen once released: holds its own SQL; never edit it, write a new migration.
import type { Migration } from '../migration';

export const m0020: Migration = {
  version: 20,
  name: 'briefing-memo-items',
  store: 'workspace',
  up(db) {
    db.exec(`
      CREATE TABLE briefing_items_v20 (
        id             TEXT PRIMARY KEY,
        section_id     TEXT NOT NULL REFERENCES briefing_sections(id) ON DELETE CASCADE,
        position       INTEGER NOT NULL,
        annotation_id  TEXT,
        statement_id   TEXT,
        comment        TEXT NOT NULL DEFAULT '',
        quote_at_add   TEXT NOT NULL DEFAULT '',
        memo_id        TEXT,
        CHECK ((annotation_id IS NOT NULL) + (statement_id IS NOT NULL) + (memo_id IS NOT NULL) = 1)
      );
      INSERT INTO briefing_items_v20 (id, section_id, position, annotation_id, statement_id, comment, quote_at_add)
        SELECT id, section_id, position, annotation_id, statement_id, comment, quote_at_add FROM briefing_items;
      DROP TABLE briefing_items;
      ALTER TABLE briefing_items_v20 RENAME TO briefing_items;
      CREATE INDEX briefing_items_order ON briefing_items(section_id, position);
      CREATE INDEX briefing_items_annotation ON briefing_items(annotation_id) WHERE annotation_id IS NOT NULL;
      CREATE INDEX briefing_items_memo ON briefing_items(memo_id) WHERE memo_id IS NOT NULL;
    `);
  },
};
