// Schema 7: page locators for paged sources (imported PDFs). A statement records the page it
// starts on and that page's printed label; a document's pages keep their label and the running
// headers/footers the extractor lifted out of the text (page metadata, never statements).
import type { Migration } from '../migration';

export const m0007: Migration = {
  version: 7,
  name: 'statement-pages',
  up(db) {
    db.exec(`
      ALTER TABLE statements ADD COLUMN page INTEGER CHECK (page IS NULL OR page >= 1);
      ALTER TABLE statements ADD COLUMN page_label TEXT;

      CREATE TABLE document_pages (
        document_id  TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        page         INTEGER NOT NULL CHECK (page >= 1),
        label        TEXT,
        header       TEXT NOT NULL DEFAULT '[]',
        footer       TEXT NOT NULL DEFAULT '[]',
        PRIMARY KEY (document_id, page)
      ) WITHOUT ROWID;
    `);
  },
};
