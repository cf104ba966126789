// Schema 4: briefings (sections, items citing an annotation or a statement), the analyst's saved
// templates and the export log. Items keep no foreign key to evidence: a deleted annotation must
// be reported in the export, not silently cascade the item away.
import type { Migration } from '../migration';

export const m0004: Migration = {
  version: 4,
  name: 'briefings',
  up(db) {
    db.exec(`
      CREATE TABLE briefings (
        id          TEXT PRIMARY KEY,
        title       TEXT NOT NULL,
        subtitle    TEXT NOT NULL DEFAULT '',
        author      TEXT NOT NULL,
        date        TEXT NOT NULL,
        marking     TEXT NOT NULL DEFAULT '',
        language    TEXT NOT NULL CHECK (language IN ('ja', 'en')),
        summary     TEXT NOT NULL DEFAULT '',
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        deleted_at  TEXT
      );

      CREATE TABLE briefing_sections (
        id           TEXT PRIMARY KEY,
        briefing_id  TEXT NOT NULL REFERENCES briefings(id) ON DELETE CASCADE,
        position     INTEGER NOT NULL,
        heading      TEXT NOT NULL DEFAULT '',
        body         TEXT NOT NULL DEFAULT ''
      );
      CREATE INDEX briefing_sections_order ON briefing_sections(briefing_id, position);

      CREATE TABLE briefing_items (
        id             TEXT PRIMARY KEY,
        section_id     TEXT NOT NULL REFERENCES briefing_sections(id) ON DELETE CASCADE,
        position       INTEGER NOT NULL,
        annotation_id  TEXT,
        statement_id   TEXT,
        comment        TEXT NOT NULL DEFAULT '',
        quote_at_add   TEXT NOT NULL DEFAULT '',
        CHECK ((annotation_id IS NULL) <> (statement_id IS NULL))
      );
      CREATE INDEX briefing_items_order ON briefing_items(section_id, position);
      CREATE INDEX briefing_items_annotation ON briefing_items(annotation_id) WHERE annotation_id IS NOT NULL;

      CREATE TABLE briefing_templates (
        id          TEXT PRIMARY KEY,
        name        TEXT NOT NULL,
        spec        TEXT NOT NULL,
        created_at  TEXT NOT NULL
      );

      CREATE TABLE export_log (
        id              INTEGER PRIMARY KEY,
        briefing_id     TEXT,
        briefing_title  TEXT NOT NULL,
        format          TEXT NOT NULL CHECK (format IN ('docx', 'pdf', 'md', 'html')),
        path            TEXT NOT NULL,
        marking         TEXT NOT NULL,
        bytes           INTEGER NOT NULL,
        author          TEXT NOT NULL,
        exported_at     TEXT NOT NULL
      );
      CREATE INDEX export_log_briefing ON export_log(briefing_id, exported_at);
    `);
  },
};
