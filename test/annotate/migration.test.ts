// Schema 3 (annotations): what the other services rely on: the seeded pillars, the table and
// column names, soft delete, and no cascade from statements (re-ingest must not drop annotations).
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../electron/store/migrate';
import { listDocuments } from '../../electron/corpus/repo';
import { tempDbPath } from '../helpers/db';

function at(version: number): Database.Database {
  const db = new Database(tempDbPath());
  db.pragma('foreign_keys = ON');
  migrate(db, { target: version });
  return db;
}

describe('migration 0003-annotations', () => {
  it('seeds the four default pillars with names, colours and order', () => {
    const db = at(3);
    const rows = db.prepare('SELECT id, name_ja, name_en, color, position, parent_id, is_default, archived, deleted_at FROM pillars ORDER BY position').all();
    expect(rows).toEqual([
      { id: 'supply-chain', name_ja: 'サプライチェーン強靱化', name_en: 'Supply chain resilience', color: '#2e7d6b', position: 0, parent_id: null, is_default: 1, archived: 0, deleted_at: null },
      { id: 'infrastructure', name_ja: '基幹インフラの安全性・信頼性', name_en: 'Core infrastructure', color: '#3b68b0', position: 1, parent_id: null, is_default: 1, archived: 0, deleted_at: null },
      { id: 'tech-protection', name_ja: '先端重要技術の育成と技術流出防止', name_en: 'Technology protection', color: '#b8621b', position: 2, parent_id: null, is_default: 1, archived: 0, deleted_at: null },
      { id: 'patents', name_ja: '特許出願の非公開', name_en: 'Patent non-disclosure', color: '#7b3fa0', position: 3, parent_id: null, is_default: 1, archived: 0, deleted_at: null },
    ]);
    db.close();
  });

  it('keeps annotations when their statement is deleted (no cascade), and the document count query works', () => {
    const db = at(3);
    db.prepare("INSERT INTO documents VALUES ('d1','題',NULL,NULL,'report','ja','x.txt','imported','h','本文です。','2021-11-19T00:00:00Z')").run();
    db.prepare("INSERT INTO statements (id, document_id, ordinal, kind, text, start_offset, end_offset, heading_path) VALUES ('d1:a','d1',0,'paragraph','本文です。',0,5,'[]')").run();
    db.prepare(
      `INSERT INTO annotations (id, statement_id, document_id, scope, quote_exact, start_offset, end_offset, doc_start, doc_end, author, created_at, updated_at)
       VALUES ('a1', 'd1:a', 'd1', 'span', '本文', 0, 2, 0, 2, 'me', 'now', 'now')`,
    ).run();
    db.prepare("INSERT INTO annotation_pillars (annotation_id, pillar_id) VALUES ('a1', 'patents')").run();
    expect(() => db.prepare("INSERT INTO annotation_pillars (annotation_id, pillar_id) VALUES ('a1', 'no-such-pillar')").run()).toThrow(/FOREIGN KEY/);
    expect(listDocuments(db)[0].annotations).toBe(1);
    // The search filter pillar:ID relies on exactly this join.
    const pillarHit = db
      .prepare("SELECT s.id FROM statements s WHERE EXISTS (SELECT 1 FROM annotations a JOIN annotation_pillars ap ON ap.annotation_id = a.id WHERE a.statement_id = s.id AND a.deleted_at IS NULL AND ap.pillar_id = 'patents')")
      .all();
    expect(pillarHit).toEqual([{ id: 'd1:a' }]);
    db.prepare("DELETE FROM statements WHERE document_id = 'd1'").run();
    expect((db.prepare('SELECT COUNT(*) AS n FROM annotations').get() as { n: number }).n).toBe(1);
    db.prepare("UPDATE annotations SET deleted_at = 'now'").run();
    expect(listDocuments(db)[0].annotations).toBe(0);
    db.close();
  });

  it('rejects an importance outside 1–3 and an unknown scope at the database level', () => {
    const db = at(3);
    const insert = (scope: string, importance: number | null) =>
      db
        .prepare(
          `INSERT INTO annotations (id, statement_id, document_id, scope, quote_exact, start_offset, end_offset, doc_start, doc_end, importance, author, created_at, updated_at)
           VALUES (?, 's', 'd', ?, 'q', 0, 1, 0, 1, ?, 'me', 'now', 'now')`,
        )
        .run(`a-${scope}-${importance}`, scope, importance);
    expect(() => insert('span', 4)).toThrow(/CHECK/);
    expect(() => insert('page', 1)).toThrow(/CHECK/);
    insert('statement', 3);
    db.close();
  });
});
