// Migration 0020 (briefing items may cite a memo): upgrading a schema-17 database keeps every item
// (position, evidence, comment, stored quote) with no memo, ends at exactly the fresh schema, and
// the rebuilt CHECK takes one kind of evidence per item. A journal snapshot written before schema
// 20 (no memoId) still replays.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { applyItem, type ItemSnapshot } from '../../electron/briefing/rows';
import { currentVersion, migrate } from '../../electron/store/migrate';
import { LATEST_VERSION } from '../../electron/store/migrations';

function schema(db: Database.Database): unknown[] {
  return db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all();
}

function schema17(): Database.Database {
  const db = new Database(':memory:');
  migrate(db, { target: 17 });
  expect(currentVersion(db)).toBe(17);
  db.prepare("INSERT INTO briefings (id, title, author, date, language, created_at, updated_at) VALUES ('brf-1', '題', 'a', '2026-12-01', 'ja', 't', 't')").run();
  db.prepare("INSERT INTO briefing_sections (id, briefing_id, position, heading) VALUES ('sec-1', 'brf-1', 0, '一')").run();
  return db;
}

const ITEMS = [
  ['itm-1', 'sec-1', 0, 'ann-1', null, '注釈への所見', '注釈の引用'],
  ['itm-2', 'sec-1', 1, null, 'st-9', '', '文の本文'],
];

describe('migration 0020: briefing items citing memos', () => {
  it('keeps every item of a schema-17 database and ends at the fresh schema', () => {
    const db = schema17();
    for (const it of ITEMS) db.prepare('INSERT INTO briefing_items (id, section_id, position, annotation_id, statement_id, comment, quote_at_add) VALUES (?, ?, ?, ?, ?, ?, ?)').run(...it);
    migrate(db);
    expect(currentVersion(db)).toBe(LATEST_VERSION);
    expect(db.prepare('SELECT id, section_id, position, annotation_id, statement_id, comment, quote_at_add, memo_id FROM briefing_items ORDER BY position').raw().all()).toEqual(ITEMS.map((r) => [...r, null]));
    const fresh = new Database(':memory:');
    migrate(fresh);
    expect(schema(db)).toEqual(schema(fresh));
    // Items still go with their section.
    db.prepare("DELETE FROM briefing_sections WHERE id = 'sec-1'").run();
    expect(db.prepare('SELECT count(*) FROM briefing_items').pluck().get()).toBe(0);
    db.close();
    fresh.close();
  });

  it('takes exactly one kind of evidence per item', () => {
    const db = schema17();
    migrate(db);
    const insert = db.prepare("INSERT INTO briefing_items (id, section_id, position, annotation_id, statement_id, memo_id) VALUES (?, 'sec-1', 0, ?, ?, ?)");
    insert.run('ok-memo', null, null, 'memo-1');
    expect(() => insert.run('none', null, null, null)).toThrow(/CHECK/);
    expect(() => insert.run('two', 'ann-1', null, 'memo-1')).toThrow(/CHECK/);
    expect(() => insert.run('three', 'ann-1', 'st-1', 'memo-1')).toThrow(/CHECK/);
    db.close();
  });

  it('replays an item snapshot journaled before schema 20 (no memoId) as a non-memo item', () => {
    const db = schema17();
    migrate(db);
    const old = { id: 'itm-old', briefingId: 'brf-1', sectionId: 'sec-1', position: 0, annotationId: 'ann-7', statementId: null, comment: '', quoteAtAdd: '旧' } as ItemSnapshot;
    applyItem(db, 'itm-old', null, old, '2026-12-02T00:00:00Z');
    expect(db.prepare("SELECT annotation_id, memo_id FROM briefing_items WHERE id = 'itm-old'").get()).toEqual({ annotation_id: 'ann-7', memo_id: null });
    db.close();
  });
});
