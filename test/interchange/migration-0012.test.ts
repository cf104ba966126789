// Migration 0012: a schema-9 database with journal rows gains the sync-base table, keeps every
// journal entry, and (with migration 15 after it) its journal takes the bundle's entity kinds.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { currentVersion, migrate } from '../../electron/store/migrate';
import { LATEST_VERSION } from '../../electron/store/migrations';

describe('migration 0012 (bundle)', () => {
  it('adds annotation_sync_base with its constraints, keeping the journal', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, { target: 9 });
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'annotation_sync_base'").get()).toBeUndefined();
    db.prepare("INSERT INTO change_groups (id, kind, label_ja, label_en, author, at, state) VALUES (1, 'annotation.create', 'a', 'a', 'x', 'now', 'done')").run();
    db.prepare("INSERT INTO change_entries (group_id, ordinal, entity, entity_id, before_json, after_json) VALUES (1, 0, 'annotation', 'a-1', NULL, '{}')").run();
    migrate(db);
    expect(currentVersion(db)).toBe(LATEST_VERSION);
    expect(db.prepare('SELECT group_id, ordinal, entity, entity_id, before_json, after_json FROM change_entries').all()).toEqual([{ group_id: 1, ordinal: 0, entity: 'annotation', entity_id: 'a-1', before_json: null, after_json: '{}' }]);
    db.prepare("INSERT INTO change_entries (group_id, ordinal, entity, entity_id) VALUES (1, 1, 'briefing-template', 't')").run();
    db.prepare("INSERT INTO change_entries (group_id, ordinal, entity, entity_id) VALUES (1, 2, 'annotation-sync-base', 'a-1')").run();
    const base = db.prepare("INSERT INTO annotation_sync_base (annotation_id, revision, recorded_at) VALUES (?, ?, 'now')");
    base.run('a-1', 'f'.repeat(64));
    expect(() => base.run('a-2', 'short')).toThrow(/CHECK/);
    expect(() => base.run('a-1', 'e'.repeat(64))).toThrow(/UNIQUE|PRIMARY/);
  });
});
