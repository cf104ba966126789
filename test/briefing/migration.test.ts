// Schemas 4 and 5 (briefings, and the journal widened to them): older databases upgrade, rows kept,
// and the tables enforce their invariants.
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { currentVersion, migrate } from '../../electron/store/migrate';
import { tempDbPath } from '../helpers/db';

describe('migration 0004-briefings', () => {
  it('upgrades a schema-3 database and creates the briefing tables', () => {
    const db = new Database(tempDbPath());
    db.pragma('foreign_keys = ON');
    migrate(db, { target: 3 });
    expect(currentVersion(db)).toBe(3);
    migrate(db);
    expect(currentVersion(db)).toBeGreaterThanOrEqual(4);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['briefings', 'briefing_sections', 'briefing_items', 'briefing_templates', 'export_log']));

    const t = '2026-01-01T00:00:00Z';
    db.prepare("INSERT INTO briefings (id, title, author, date, language, created_at, updated_at) VALUES ('b', 'T', 'a', '2026-01-01', 'ja', ?, ?)").run(t, t);
    expect(() => db.prepare("INSERT INTO briefings (id, title, author, date, language, created_at, updated_at) VALUES ('c', 'T', 'a', '2026-01-01', 'fr', ?, ?)").run(t, t)).toThrow(/CHECK/);
    db.prepare("INSERT INTO briefing_sections (id, briefing_id, position) VALUES ('s', 'b', 0)").run();
    // An item cites exactly one of an annotation or a statement.
    expect(() => db.prepare("INSERT INTO briefing_items (id, section_id, position) VALUES ('i0', 's', 0)").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO briefing_items (id, section_id, position, annotation_id, statement_id) VALUES ('i1', 's', 0, 'a', 'x')").run()).toThrow(/CHECK/);
    db.prepare("INSERT INTO briefing_items (id, section_id, position, statement_id) VALUES ('i2', 's', 0, 'x')").run();
    expect(() => db.prepare("INSERT INTO export_log (briefing_title, format, path, marking, bytes, author, exported_at) VALUES ('T', 'rtf', '/x', '', 1, 'a', ?)").run(t)).toThrow(/CHECK/);
    // Deleting a briefing for good takes its sections and items with it.
    db.prepare("DELETE FROM briefings WHERE id = 'b'").run();
    expect(db.prepare('SELECT COUNT(*) AS n FROM briefing_items').get()).toEqual({ n: 0 });
    db.close();
  });

  it('schema 5 keeps the journal while widening it to briefing entities, and adds last_locator', () => {
    const db = new Database(tempDbPath());
    db.pragma('foreign_keys = ON');
    migrate(db, { target: 4 });
    const t = '2026-01-01T00:00:00Z';
    db.prepare("INSERT INTO change_groups (kind, label_ja, label_en, author, at, state) VALUES ('annotation.create', 'ja', 'en', 'a', ?, 'done')").run(t);
    db.prepare("INSERT INTO change_entries (group_id, ordinal, entity, entity_id, before_json, after_json) VALUES (1, 0, 'annotation', 'a-1', NULL, '{}')").run();
    expect(() => db.prepare("INSERT INTO change_entries (group_id, ordinal, entity, entity_id) VALUES (1, 1, 'briefing', 'b')").run()).toThrow(/CHECK/);
    migrate(db, { target: 5 });
    expect(currentVersion(db)).toBe(5);
    expect(db.prepare('SELECT group_id, ordinal, entity, entity_id, before_json, after_json FROM change_entries').all()).toEqual([
      { group_id: 1, ordinal: 0, entity: 'annotation', entity_id: 'a-1', before_json: null, after_json: '{}' },
    ]);
    for (const [i, entity] of ['briefing', 'briefing-section', 'briefing-item'].entries()) {
      db.prepare('INSERT INTO change_entries (group_id, ordinal, entity, entity_id) VALUES (1, ?, ?, ?)').run(i + 1, entity, 'x');
    }
    // At schema 5 the list of kinds is a CHECK (schema 15 leaves the list to the journal's registry).
    expect(() => db.prepare("INSERT INTO change_entries (group_id, ordinal, entity, entity_id) VALUES (1, 9, 'nonsense', 'x')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO change_entries (group_id, ordinal, entity, entity_id) VALUES (99, 9, 'briefing', 'x')").run()).toThrow(/FOREIGN KEY/);
    migrate(db);
    expect(db.prepare('SELECT COUNT(*) AS n FROM change_entries').get()).toEqual({ n: 4 });
    expect(() => db.prepare("INSERT INTO change_entries (group_id, ordinal, entity, entity_id) VALUES (1, 9, '', 'x')").run()).toThrow(/CHECK/);
    const columns = (db.prepare('PRAGMA table_info(annotations)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).toContain('last_locator');
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
