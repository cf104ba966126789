// Migration 0011 on every schema state earlier builds left (the committed fixtures the
// equivalence test uses): each upgraded database gets exactly one identity, a random 32-hex id,
// different for every database, and kept by every later open. The schema itself is compared with
// a fresh one by test/store/migration-equivalence.test.ts.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { workspaceIdOf } from '../../electron/backup/backups';
import { openDatabase } from '../../electron/store/open';
import { runCli } from '../helpers/cli';
import { openContext } from '../../electron/app/context';
import { closeContext, corpusContext, RESOURCES_DIR, tempDbPath } from '../helpers/db';
import { apiFor } from '../helpers/api';
import { findStatement } from '../helpers/annotate';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'store');

function fromFixture(file: string): string {
  const dbPath = tempDbPath();
  const db = new Database(dbPath);
  db.exec(fs.readFileSync(path.join(FIXTURES, file), 'utf8'));
  db.close();
  return dbPath;
}

describe('workspace identity (migration 0011)', () => {
  const states = fs.readdirSync(FIXTURES).filter((f) => f.startsWith('schema-'));

  it.each(states)('%s: upgraded twice, two different ids, each kept across opens', (file) => {
    const ids = [fromFixture(file), fromFixture(file)].map((dbPath) => {
      let db = openDatabase(dbPath);
      const rows = db.prepare('SELECT id, workspace_id FROM workspace_identity').all() as { id: number; workspace_id: string }[];
      expect(rows).toHaveLength(1);
      expect(rows[0].workspace_id).toMatch(/^[0-9a-f]{32}$/);
      const id = workspaceIdOf(db);
      db.close();
      db = openDatabase(dbPath);
      expect(workspaceIdOf(db)).toBe(id);
      db.close();
      return id;
    });
    expect(ids[0]).not.toBe(ids[1]);
  });

  it('refuses a second identity row or a malformed id', () => {
    const db = openDatabase(tempDbPath());
    try {
      expect(() => db.prepare("INSERT INTO workspace_identity (id, workspace_id, created_at) VALUES (2, ?, 'x')").run('a'.repeat(32))).toThrow(/CHECK/);
      expect(() => db.prepare("UPDATE workspace_identity SET workspace_id = 'not-hex-not-hex-not-hex-not-hex!'").run()).toThrow(/CHECK/);
    } finally {
      db.close();
    }
  });
});

describe('restore --to-change: back to a journal checkpoint', () => {
  it('undoes every later change through the journal, and redo brings them back', async () => {
    const ctx = corpusContext();
    const api = apiFor(ctx);
    const statementId = findStatement(ctx, '半導体').id;
    for (const c of ['一', '二', '三', '四']) await api.call('annotations.create', { statementId, comment: c });
    const list = await runCli(['backup', '--list', '--db', ctx.dbPath, '--json']);
    const checkpoints = list.json<{ checkpoints: { position: number; label: { en: string } }[] }>().checkpoints;
    expect(checkpoints).toHaveLength(4);
    const second = checkpoints[2].position; // newest first: 四, 三, 二, 一
    closeContext(ctx);
    const r = await runCli(['restore', '--to-change', String(second), '--db', ctx.dbPath, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json<{ undone: number }>().undone).toBe(2);
    const again = openContext({ dbPath: ctx.dbPath, resourcesDir: RESOURCES_DIR, author: 'test-analyst' });
    try {
      expect(again.db.prepare('SELECT comment FROM annotations WHERE deleted_at IS NULL ORDER BY comment').pluck().all()).toEqual(['一', '二']);
      expect((await apiFor(again).call('history.redo', {})).done).toBe(true);
      expect(again.db.prepare('SELECT comment FROM annotations WHERE deleted_at IS NULL ORDER BY comment').pluck().all()).toEqual(['一', '三', '二']);
    } finally {
      closeContext(again);
    }
    const bad = await runCli(['restore', '--to-change', '999999', '--db', ctx.dbPath]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--to-change 999999: no such change');
  });
});
