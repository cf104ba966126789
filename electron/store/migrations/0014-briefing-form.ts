// Schema 14: the ministry form of a briefing (宛先, 発信, 文書番号, 西暦/和暦, table of contents)
// and live by-pillar sections (a section fed by a pillar, with the annotations the analyst
// dismissed from it). Existing briefings keep their look: 西暦, no blocks, no contents list.
import type { Migration } from '../migration';

export const m0014: Migration = {
  version: 14,
  name: 'briefing-form',
  up(db) {
    db.exec(`
      ALTER TABLE briefings ADD COLUMN date_style TEXT NOT NULL DEFAULT 'seireki' CHECK (date_style IN ('seireki', 'wareki'));
      ALTER TABLE briefings ADD COLUMN addressee TEXT NOT NULL DEFAULT '';
      ALTER TABLE briefings ADD COLUMN sender TEXT NOT NULL DEFAULT '';
      ALTER TABLE briefings ADD COLUMN doc_number TEXT NOT NULL DEFAULT '';
      ALTER TABLE briefings ADD COLUMN toc INTEGER NOT NULL DEFAULT 0 CHECK (toc IN (0, 1));

      ALTER TABLE briefing_sections ADD COLUMN live_pillar_id TEXT;

      CREATE TABLE briefing_live_dismissed (
        section_id     TEXT NOT NULL REFERENCES briefing_sections(id) ON DELETE CASCADE,
        annotation_id  TEXT NOT NULL,
        dismissed_at   TEXT NOT NULL,
        PRIMARY KEY (section_id, annotation_id)
      );
    `);
  },
};
