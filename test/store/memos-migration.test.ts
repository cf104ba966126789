// Migration 0010 (memos): upgrading a schema-9 database that already has journal rows keeps every
// row and ends at exactly the fresh schema; the memos table takes workspace and document memos, and
// the journal (opened to every registered kind by migration 15) takes the 'memo' entity. The
// schema-9 state is built by the frozen migrations 1–9.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { currentVersion, migrate } from '../../electron/store/migrate';
import { LATEST_VERSION } from '../../electron/store/migrations';

function schema(db: Database.Database): unknown[] {
  return db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all();
}

describe('migration 0010: memos', () => {
  it('upgrades a schema-9 database with journal rows, keeping them, to the fresh schema', () => {
    const db = new Database(':memory:');
    migrate(db, { target: 9 });
    expect(currentVersion(db)).toBe(9);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'memos'").pluck().get()).toBe(0);
    db.prepare("INSERT INTO change_groups (kind, label_ja, label_en, author, at, state) VALUES ('briefing.create', '作成', 'Create', 'tester', '2026-01-01T00:00:00Z', 'done')").run();
    const entries = [
      [1, 0, 'briefing', 'brf-1', null, '{"id":"brf-1"}'],
      [1, 1, 'annotation', 'ann-1', '{"id":"ann-1"}', null],
    ];
    for (const e of entries) db.prepare('INSERT INTO change_entries (group_id, ordinal, entity, entity_id, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?)').run(...e);

    migrate(db);
    expect(currentVersion(db)).toBe(LATEST_VERSION);
    expect(db.prepare('SELECT group_id, ordinal, entity, entity_id, before_json, after_json FROM change_entries ORDER BY ordinal').raw().all()).toEqual(entries);
    db.prepare("INSERT INTO change_entries (group_id, ordinal, entity, entity_id) VALUES (1, 2, 'memo', 'memo-1')").run();

    const fresh = new Database(':memory:');
    migrate(fresh);
    expect(schema(db)).toEqual(schema(fresh));
    db.close();
    fresh.close();
  });

  it('memos are workspace rows with a document or none', () => {
    const db = new Database(':memory:');
    migrate(db);
    db.prepare("INSERT INTO memos (id, document_id, title, author, created_at, updated_at) VALUES ('m1', NULL, '全体', 'a', 't', 't')").run();
    expect(db.prepare('SELECT body, deleted_at FROM memos').get()).toEqual({ body: '', deleted_at: null });
    expect(() => db.prepare("INSERT INTO memos (id, title, author, created_at, updated_at) VALUES ('m2', NULL, 'a', 't', 't')").run()).toThrow(/NOT NULL/);
    db.close();
  });
});
