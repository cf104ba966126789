// One write path: every CLI command that writes goes through the dispatcher and gets the same
// after-write step as the app (rolling backup when due, search index flushed), and no read does.
// Each command runs with a backup owed (CHANGES_PER_BACKUP changes since the last one), so
// exactly the commands that run the after-write step leave a new "work" backup behind.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listBackups } from '../../electron/backup/backups';
import { CHANGES_PER_BACKUP, whenBackupsIdle } from '../../electron/backup/recovery';
import { openDatabase } from '../../electron/store/open';
import { apiFor } from '../helpers/api';
import { runCli } from '../helpers/cli';
import { closeContext, corpusContext, REPO_ROOT, tempDir } from '../helpers/db';

const IMPORT_FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'import', 'memo-utf8.txt');

let dbPath: string;
let statementId: string;

beforeAll(() => {
  const ctx = corpusContext();
  dbPath = ctx.dbPath;
  statementId = ctx.db.prepare("SELECT id FROM statements WHERE kind = 'remark' AND length(text) > 40 ORDER BY rowid LIMIT 1").pluck().get() as string;
  closeContext(ctx);
});

/** Marks the last backup as CHANGES_PER_BACKUP changes old, so the next after-write step backs up. */
function oweBackup(): void {
  const db = openDatabase(dbPath);
  try {
    const last = (db.prepare('SELECT COALESCE(MAX(id), 0) FROM change_groups').pluck().get() as number) - CHANGES_PER_BACKUP;
    db.prepare("INSERT INTO app_state (key, value) VALUES ('backup_last_change_group', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(String(last));
  } finally {
    db.close();
  }
}

/** Runs one command with a backup owed; true when it left a new rolling backup (the newest one). */
async function backedUpBy(args: string[]): Promise<{ backedUp: boolean; stdout: string }> {
  oweBackup();
  // Backups are pruned to the last 10, so "one more" is read as "a new newest one".
  const before = listBackups(dbPath)[0]?.file ?? null;
  const r = await runCli([...args, '--db', dbPath]);
  expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
  const newest = listBackups(dbPath)[0];
  return { backedUp: !!newest && newest.file !== before && newest.reason === 'work', stdout: r.stdout };
}

async function writes(args: string[]): Promise<string> {
  const r = await backedUpBy(args);
  expect(r.backedUp, `${args.join(' ')} should run the after-write step`).toBe(true);
  return r.stdout;
}

async function reads(args: string[]): Promise<void> {
  const r = await backedUpBy(args);
  expect(r.backedUp, `${args.join(' ')} is a read and must not back up`).toBe(false);
}

describe('every CLI write gets the after-write step', () => {
  it('annotate, pillars add/update/archive/unarchive/delete', async () => {
    const a = JSON.parse(await writes(['annotate', statementId, '--comment', 'after-write', '--json'])) as { id: string };
    expect(a.id).toMatch(/\S/);
    await writes(['pillars', 'add', '--name-ja', '書込み確認', '--id', 'after-write-check']);
    await writes(['pillars', 'update', 'after-write-check', '--name-en', 'After-write check']);
    await writes(['pillars', 'archive', 'after-write-check']);
    await writes(['pillars', 'unarchive', 'after-write-check']);
    await writes(['pillars', 'delete', 'after-write-check']);
  });

  it('briefing create, delete and restore, and export (its log)', async () => {
    const b = JSON.parse(await writes(['briefing', 'create', '--title', '書込み経路の確認', '--json'])) as { id: string };
    await writes(['briefing', 'delete', b.id]);
    await writes(['briefing', 'restore', b.id]);
    await writes(['export', b.id, '--format', 'md', '--out', path.join(tempDir(), 'note.md')]);
  });

  it('undo and redo', async () => {
    // The journal has the briefing restore and the pillar changes above to undo.
    expect(await writes(['undo'])).toMatch(/^Undone: /);
    expect(await writes(['redo'])).toMatch(/^Redone: /);
  });

  it('import and annotations-import', async () => {
    await writes(['import', IMPORT_FIXTURE, '--id', 'after-write-memo']);
    const file = path.join(tempDir(), 'annotations.json');
    await reads(['annotations-export', '--out', file]);
    expect(fs.existsSync(file)).toBe(true);
    await writes(['annotations-import', file]);
  });

  it('reads never back up', async () => {
    await reads(['docs']);
    await reads(['briefings']);
    await reads(['annotations']);
    await reads(['history']);
    await reads(['pillars']);
    await reads(['search', '経済安全保障']);
    await reads(['show', statementId]);
  });
});

describe('the after-write step flushes the search index', () => {
  it('statements queued by a writer outside the API are indexed by the next write, not by a read', async () => {
    const withDb = <T>(fn: (db: ReturnType<typeof openDatabase>) => T): T => {
      const db = openDatabase(dbPath);
      try {
        return fn(db);
      } finally {
        db.close();
      }
    };
    const pending = () => withDb((db) => db.prepare('SELECT count(*) FROM search_pending').pluck().get() as number);
    // Rewriting a statement's text queues it for the index (trigger), as a raw writer would.
    withDb((db) => db.prepare('UPDATE statements SET text = text WHERE rowid IN (SELECT rowid FROM statements ORDER BY rowid LIMIT 3)').run());
    expect(pending()).toBe(3);
    expect((await runCli(['docs', '--db', dbPath])).code).toBe(0);
    expect(pending()).toBe(3);
    const r = await runCli(['pillars', 'add', '--name-ja', '索引確認', '--id', 'after-write-index', '--db', dbPath]);
    expect(r.code, r.stderr).toBe(0);
    expect(pending()).toBe(0);
  });
});

describe('the app and the dev host get the same step from the dispatcher', () => {
  const ctx = corpusContext();
  const api = apiFor(ctx);
  afterAll(() => closeContext(ctx));

  it('history.undo and briefings.create back up when one is due', async () => {
    const owe = () => {
      const last = (ctx.db.prepare('SELECT COALESCE(MAX(id), 0) FROM change_groups').pluck().get() as number) - CHANGES_PER_BACKUP;
      ctx.db.prepare("INSERT INTO app_state (key, value) VALUES ('backup_last_change_group', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(String(last));
    };
    // Backups an hour apart share the hourly tier, so a newer one replaces the last: count what was made.
    const made: string[] = [];
    const count = () => {
      const b = listBackups(ctx.dbPath).find((x) => x.reason === 'work');
      if (b && !made.includes(b.file)) made.push(b.file);
      return made.length;
    };
    owe();
    await api.call('briefings.create', { title: 'ディスパッチャの確認' });
    await whenBackupsIdle(ctx.dbPath);
    expect(count()).toBe(1);
    owe();
    expect((await api.call('history.undo', {})).done).toBe(true);
    await whenBackupsIdle(ctx.dbPath);
    expect(count()).toBe(2);
    // A read with a backup owed leaves none.
    owe();
    await api.call('briefings.list', {});
    await whenBackupsIdle(ctx.dbPath);
    expect(count()).toBe(2);
  });
});
