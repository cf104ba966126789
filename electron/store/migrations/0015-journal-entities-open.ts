// Schema 15: the journal accepts every entity kind a service registers (document metadata now,
// memos and imports next), so a new kind of undoable write needs no table rebuild of its own.
import type { Migration } from '../migration';

export const m0015: Migration = {
  version: 15,
  name: 'journal-entities-open',
  up(db) {
    // The list of kinds lived in a CHECK that had to be widened (rebuilt) for each new kind.
    // The journal's registry is the list now: replaying an unknown kind fails loudly there
    // (electron/journal/entities.ts), so the column keeps only a sanity bound.
    db.exec(`
      CREATE TABLE change_entries_v15 (
        group_id        INTEGER NOT NULL REFERENCES change_groups(id),
        ordinal         INTEGER NOT NULL,
        entity          TEXT NOT NULL CHECK (length(entity) BETWEEN 1 AND 64),
        entity_id       TEXT NOT NULL,
        before_json     TEXT,
        after_json      TEXT,
        PRIMARY KEY (group_id, ordinal)
      );
      INSERT INTO change_entries_v15 (group_id, ordinal, entity, entity_id, before_json, after_json)
        SELECT group_id, ordinal, entity, entity_id, before_json, after_json FROM change_entries;
      DROP TABLE change_entries;
      ALTER TABLE change_entries_v15 RENAME TO change_entries;
    `);
  },
};
