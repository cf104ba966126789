// Defect 1: backups of two databases in one folder were one pile. Now each workspace files its
// backups under its own id: B never restores A's backup, and A's rotation never prunes B's. A
// database copied from another (same id inside) gets an id of its own at its first backup.
import { libraryPathFor } from '../../electron/store/library-file';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBackup, listBackups, restoreBackup, workspaceBackupDir, workspaceIdOf } from '../../electron/backup/backups';
import type { AppContext } from '../../electron/app/context';
import { ensureLibrary, openContext } from '../../electron/app/context';
import { apiFor } from '../helpers/api';
import { findStatement } from '../helpers/annotate';
import { runCli } from '../helpers/cli';
import { closeContext, corpusContext, RESOURCES_DIR } from '../helpers/db';

function comments(dbPath: string): string[] {
  const ctx = openContext({ dbPath, resourcesDir: RESOURCES_DIR, author: 'test-analyst' });
  try {
    return ctx.db.prepare('SELECT comment FROM annotations WHERE deleted_at IS NULL ORDER BY comment').pluck().all() as string[];
  } finally {
    closeContext(ctx);
  }
}

async function annotate(dbPath: string, comment: string): Promise<void> {
  const ctx: AppContext = openContext({ dbPath, resourcesDir: RESOURCES_DIR, author: 'test-analyst' });
  try {
    // A workspace given an identity of its own no longer matches the library copied with it: rebuilt.
    await ensureLibrary(ctx);
    await apiFor(ctx).call('annotations.create', { statementId: findStatement(ctx, '半導体').id, comment });
  } finally {
    closeContext(ctx);
  }
}

describe('backups are stored per workspace', () => {
  it('two databases in one folder: B never gets A\'s backup, and ten backups of A never prune B\'s', async () => {
    const seed = corpusContext();
    const dir = path.dirname(seed.dbPath);
    seed.db.pragma('wal_checkpoint(TRUNCATE)');
    closeContext(seed);
    // B starts as a copy of A's file, the hardest case: the same identity inside.
    const A = path.join(dir, 'A.db');
    const B = path.join(dir, 'B.db');
    fs.copyFileSync(seed.dbPath, A);
    fs.copyFileSync(seed.dbPath, B);
    // Each workspace's library beside it (electron/store/library-file.ts).
    fs.copyFileSync(libraryPathFor(seed.dbPath), libraryPathFor(A));
    fs.copyFileSync(libraryPathFor(seed.dbPath), libraryPathFor(B));
    await annotate(A, 'A の注釈');

    expect((await runCli(['backup', '--db', A, '--json'])).code).toBe(0);
    // B has no backup of its own: nothing to restore, and B is untouched.
    const refused = await runCli(['restore', '--latest', '--db', B, '--json']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('no good backup');
    expect(comments(B)).toEqual([]);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('B.db.pre-restore'))).toEqual([]);

    await annotate(B, 'B の注釈');
    const bBackup = await runCli(['backup', '--db', B, '--json']);
    expect(bBackup.code, bBackup.stderr).toBe(0);
    const bFile = bBackup.json<{ backup: { path: string } }>().backup.path;
    // The copy was given an id of its own: two folders under backups/.
    expect(path.dirname(bFile)).not.toBe(path.dirname(listBackups(A)[0].path));
    expect(fs.readdirSync(path.join(dir, 'backups')).filter((f) => /^[0-9a-f]{32}$/.test(f))).toHaveLength(2);

    for (let i = 0; i < 10; i++) expect((await runCli(['backup', '--db', A])).code).toBe(0);
    expect(listBackups(B).map((b) => b.path)).toEqual([bFile]);
    expect(fs.existsSync(bFile)).toBe(true);
    expect(listBackups(A).every((b) => !b.path.startsWith(path.dirname(bFile)))).toBe(true);

    // B's latest is B's own: its annotation, not A's.
    await annotate(B, 'B の後の注釈');
    const restored = await runCli(['restore', '--latest', '--db', B, '--json']);
    expect(restored.code, restored.stderr).toBe(0);
    expect(comments(B)).toEqual(['B の注釈']);
    expect(comments(A)).toEqual(['A の注釈']);
  });

  it('a backup of another workspace named by path is refused, the target untouched', async () => {
    const a = corpusContext();
    const b = corpusContext();
    try {
      // corpusContext copies one file: make b a workspace of its own, as its first backup would.
      b.db.prepare("UPDATE workspace_identity SET workspace_id = lower(hex(randomblob(16)))").run();
      expect(workspaceIdOf(a.db)).not.toBe(workspaceIdOf(b.db));
      const aBackup = await createBackup(a.db, a.dbPath, { reason: 'test' });
      expect(path.dirname(aBackup.path)).toBe(workspaceBackupDir(a.dbPath, workspaceIdOf(a.db)));
      b.db.pragma('wal_checkpoint(TRUNCATE)');
      const bytes = fs.readFileSync(b.dbPath);
      expect(() => restoreBackup(b.dbPath, aBackup)).toThrowError(expect.objectContaining({ code: 'bad-input', message: expect.stringContaining('belongs to another workspace') }));
      expect(fs.readFileSync(b.dbPath).equals(bytes)).toBe(true);
    } finally {
      closeContext(a);
      closeContext(b);
    }
  });

  it('a database too damaged to read its id still finds its own backups through the manifest', async () => {
    const ctx = corpusContext();
    const made = await createBackup(ctx.db, ctx.dbPath, { reason: 'test' });
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    closeContext(ctx);
    fs.writeFileSync(ctx.dbPath, Buffer.alloc(8192, 0x5a)); // no SQLite header at all
    expect(listBackups(ctx.dbPath).map((b) => b.file)).toEqual([made.file]);
    const r = await runCli(['restore', '--latest', '--db', ctx.dbPath, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json<{ restored: { file: string } }>().restored.file).toBe(made.file);
  });
});
