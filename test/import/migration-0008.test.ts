// Migration 0008: a database of schema 5 with an imported document gains the import records and
// metadata-edit tables; records follow their document when it is removed; the constraints hold.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { currentVersion, migrate } from '../../electron/store/migrate';
import { LATEST_VERSION } from '../../electron/store/migrations';

describe('migration 0008 (import records)', () => {
  it('adds the tables to a schema-5 database, keeping its documents', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, { target: 5 });
    db.prepare("INSERT INTO documents (id, title, date, issuer, kind, language, source, origin, content_hash, text, ingested_at) VALUES ('import-memo', 'メモ', NULL, NULL, 'other', 'ja', 'memo.txt', 'imported', 'h', '本文', 'now')").run();
    // Schema 8 as it was; from 17 the documents are in the library file and removeDocument
    // deletes the records itself (test/store/split.test.ts).
    migrate(db, { target: 8 });
    expect(currentVersion(db)).toBe(8);
    expect(LATEST_VERSION).toBeGreaterThanOrEqual(8);
    const insert = db.prepare("INSERT INTO import_records (document_id, version, file_name, size, sha256, format, encoding, pages, statements, extractor, imported_at) VALUES (?, ?, 'memo.txt', 10, ?, ?, 'utf-8', NULL, 1, 'import-2', 'now')");
    insert.run('import-memo', 1, 'a'.repeat(64), 'text');
    expect(() => insert.run('import-memo', 1, 'b'.repeat(64), 'text')).toThrow(/UNIQUE/);
    expect(() => insert.run('import-memo', 2, 'short', 'text')).toThrow(/CHECK/);
    expect(() => insert.run('import-memo', 2, 'c'.repeat(64), 'rtf')).toThrow(/CHECK/);
    expect(() => insert.run('no-such-document', 1, 'd'.repeat(64), 'text')).toThrow(/FOREIGN KEY/);
    db.prepare("INSERT INTO document_edits (document_id, fields_json, edited_at) VALUES ('import-memo', '{\"title\":\"x\"}', 'now')").run();
    db.prepare("DELETE FROM documents WHERE id = 'import-memo'").run();
    expect(db.prepare('SELECT COUNT(*) AS n FROM import_records').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM document_edits').get()).toEqual({ n: 0 });
  });
});
