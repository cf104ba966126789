// Schema 8: what each import of an analyst's own source was: the original file's name, size and
// SHA-256 (its bytes live in the content-addressed originals folder beside the database), format,
// encoding and pages, one row per version of the document; and the metadata the analyst edited.
import type { Migration } from '../migration';

export const m0008: Migration = {
  version: 8,
  name: 'import-records',
  up(db) {
    db.exec(`
      CREATE TABLE import_records (
        id            INTEGER PRIMARY KEY,
        document_id   TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        version       INTEGER NOT NULL CHECK (version >= 1),
        file_name     TEXT NOT NULL,
        size          INTEGER NOT NULL CHECK (size >= 0),
        sha256        TEXT NOT NULL CHECK (length(sha256) = 64),
        format        TEXT NOT NULL CHECK (format IN ('text', 'markdown', 'html', 'docx', 'pdf')),
        encoding      TEXT,
        pages         INTEGER,
        statements    INTEGER NOT NULL,
        -- Which extractor read it: a newer one can re-extract the stored original.
        extractor     TEXT NOT NULL,
        imported_at   TEXT NOT NULL,
        -- What moved and what was orphaned when this version replaced the previous one (JSON).
        reanchor_json TEXT,
        UNIQUE (document_id, version)
      );
      CREATE INDEX import_records_sha256 ON import_records(sha256);
      CREATE INDEX import_records_file_name ON import_records(file_name);

      -- Title, date, issuer or kind the analyst corrected after import (JSON of the edited fields):
      -- re-applied over what a new version of the file states.
      CREATE TABLE document_edits (
        document_id   TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        fields_json   TEXT NOT NULL,
        edited_at     TEXT NOT NULL
      );
    `);
  },
};
