// Schema 5: briefing changes join the one undo journal (new journal entities for briefings,
// sections and items), and an orphaned annotation remembers the statement number it was last at.
import type { Migration } from '../migration';

export const m0005: Migration = {
  version: 5,
  name: 'briefing-journal',
  up(db) {
    // SQLite cannot widen a CHECK constraint in place: the journal table is rebuilt, rows kept.
    db.exec(`
      CREATE TABLE change_entries_v5 (
        group_id        INTEGER NOT NULL REFERENCES change_groups(id),
        ordinal         INTEGER NOT NULL,
        entity          TEXT NOT NULL CHECK (entity IN ('annotation', 'pillar', 'rejection', 'term', 'briefing', 'briefing-section', 'briefing-item')),
        entity_id       TEXT NOT NULL,
        before_json     TEXT,
        after_json      TEXT,
        PRIMARY KEY (group_id, ordinal)
      );
      INSERT INTO change_entries_v5 (group_id, ordinal, entity, entity_id, before_json, after_json)
        SELECT group_id, ordinal, entity, entity_id, before_json, after_json FROM change_entries;
      DROP TABLE change_entries;
      ALTER TABLE change_entries_v5 RENAME TO change_entries;

      -- Statement number (1-based) in the document version where an orphan was last placed:
      -- an export names it, while saying the place cannot be confirmed in the current version.
      ALTER TABLE annotations ADD COLUMN last_locator INTEGER;
    `);
  },
};
