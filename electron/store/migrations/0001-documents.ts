// Schema 1: documents and their statements, plus key/value state (e.g. the corpus hash).
// Statements are replaced as a whole per document on re-ingest; ids are content-derived.
import type { Migration } from '../migration';

export const m0001: Migration = {
  version: 1,
  name: 'documents',
  up(db) {
    db.exec(`
      CREATE TABLE documents (
        id            TEXT PRIMARY KEY,
        title         TEXT NOT NULL,
        date          TEXT,
        issuer        TEXT,
        kind          TEXT NOT NULL,
        language      TEXT NOT NULL,
        source        TEXT NOT NULL,
        origin        TEXT NOT NULL CHECK (origin IN ('bundled', 'imported')),
        content_hash  TEXT NOT NULL,
        text          TEXT NOT NULL,
        ingested_at   TEXT NOT NULL
      );

      CREATE TABLE statements (
        rowid         INTEGER PRIMARY KEY,
        id            TEXT NOT NULL UNIQUE,
        document_id   TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        ordinal       INTEGER NOT NULL,
        kind          TEXT NOT NULL,
        level         INTEGER,
        text          TEXT NOT NULL,
        start_offset  INTEGER NOT NULL,
        end_offset    INTEGER NOT NULL,
        heading_path  TEXT NOT NULL,
        parent_id     TEXT,
        speaker       TEXT,
        marker        TEXT,
        table_cell    TEXT,
        footnotes     TEXT NOT NULL DEFAULT '[]',
        UNIQUE (document_id, ordinal)
      );
      CREATE INDEX statements_speaker ON statements(speaker) WHERE speaker IS NOT NULL;

      CREATE TABLE app_state (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `);
  },
};
