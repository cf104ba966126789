// Schema 21: placing evidence in a briefing. A section that follows a pillar (live_pillar_id,
// from schema 14) now records since when it follows it, so only annotations filed under the
// pillar after that moment are offered as new; a section keeps its pillar when it stops
// following (live_since NULL), so the section picker still knows which pillar it is about.
// The section the analyst last chose for a briefing is remembered in the briefing's row: a
// preference, shared by the desktop app, the browser host and the CLI (never undone).
import type { Migration } from '../migration';

export const m0021: Migration = {
  version: 21,
  name: 'briefing-live',
  store: 'workspace',
  up(db) {
    db.exec(`
      ALTER TABLE briefing_sections ADD COLUMN live_since TEXT;
      ALTER TABLE briefings ADD COLUMN last_section_id TEXT;
    `);
  },
};
