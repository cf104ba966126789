// Schema 9: the analyst's profile (name, affiliation, section, contact), one row: the author of
// new briefings and annotations, the DOCX creator, the 発信 block. (6–8 are other features'.)
import type { Migration } from '../migration';

export const m0009: Migration = {
  version: 9,
  name: 'analyst-profile',
  up(db) {
    db.exec(`
      CREATE TABLE analyst_profile (
        id           INTEGER PRIMARY KEY CHECK (id = 1),
        name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        affiliation  TEXT NOT NULL DEFAULT '',
        section      TEXT NOT NULL DEFAULT '',
        contact      TEXT NOT NULL DEFAULT '',
        updated_at   TEXT NOT NULL
      );
    `);
  },
};
