// Defect 2: a restore while another process has the workspace open is refused, naming the holder,
// and nothing is renamed (the other process would go on writing to the file moved aside). The
// holder is a real child process; once it is gone (SIGKILL, no clean-up), its entry is stale and
// the restore goes ahead.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../electron/app/context';
import { openContext } from '../../electron/app/context';
import { createBackup, listBackups } from '../../electron/backup/backups';
import { holdWorkspace, holdersDirFor, otherHolders } from '../../electron/backup/workspace-lock';
import { apiFor } from '../helpers/api';
import { apiError, findStatement } from '../helpers/annotate';
import { runCli } from '../helpers/cli';
import { killHoldersAfterAll, startHolder } from '../helpers/holder';
import { closeContext, corpusContext, RESOURCES_DIR } from '../helpers/db';

killHoldersAfterAll();

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

function annotationCount(ctx: AppContext): number {
  return ctx.db.prepare('SELECT COUNT(*) FROM annotations WHERE deleted_at IS NULL').pluck().get() as number;
}

describe('restore while another process holds the workspace', () => {
  it('the CLI refuses with db-busy naming the holder, renames nothing, and restores once the holder is gone', async () => {
    const ctx = corpusContext();
    const dbPath = ctx.dbPath;
    const api = apiFor(ctx);
    await api.call('annotations.create', { statementId: findStatement(ctx, '半導体').id, comment: 'in the backup' });
    await createBackup(ctx.db, dbPath, { reason: 'test' });
    await api.call('annotations.create', { statementId: findStatement(ctx, '半導体').id, comment: 'after the backup' });
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    closeContext(ctx);

    const child = await startHolder(dbPath);
    expect(otherHolders(dbPath).map((h) => [h.pid, h.program, h.mode])).toEqual([[child.pid, 'test holder', 'shared']]);
    const folder = path.dirname(dbPath);
    const before = fs.readdirSync(folder).sort();
    const bytes = fs.readFileSync(dbPath);

    const refused = await runCli(['restore', '--latest', '--db', dbPath, '--json']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(`PID ${child.pid}`);
    expect(refused.stderr).toContain('test holder');
    expect(fs.readdirSync(folder).sort()).toEqual(before);
    expect(fs.readFileSync(dbPath).equals(bytes)).toBe(true);

    // Killed without clean-up: its entry names a PID that is gone, so it no longer counts.
    await killed(child);
    expect(otherHolders(dbPath)).toEqual([]);
    const done = await runCli(['restore', '--latest', '--db', dbPath, '--json']);
    expect(done.code, done.stderr).toBe(0);
    const after = openContext({ dbPath, resourcesDir: RESOURCES_DIR, author: 'test-analyst' });
    try {
      expect(annotationCount(after)).toBe(1);
    } finally {
      closeContext(after);
    }
    expect(fs.existsSync(holdersDirFor(dbPath))).toBe(false);
  });

  it('the API (the app restoring under a running dev host) refuses too, and the context keeps working', async () => {
    const ctx = corpusContext();
    const api = apiFor(ctx);
    try {
      await api.call('annotations.create', { statementId: findStatement(ctx, '半導体').id, comment: 'kept' });
      const backup = await createBackup(ctx.db, ctx.dbPath, { reason: 'test' });
      const child = await startHolder(ctx.dbPath);
      const err = await apiError(api.call('backups.restore', { file: backup.file }));
      expect(err.data.code).toBe('db-busy');
      expect(err.data.subject).toContain(`PID ${child.pid}`);
      expect(err.message).toContain('test holder');
      expect(fs.readdirSync(path.dirname(ctx.dbPath)).filter((f) => /pre-restore|restoring/.test(f))).toEqual([]);
      // The database is still open and writable: nothing was closed or swapped.
      await api.call('annotations.create', { statementId: findStatement(ctx, '半導体').id, comment: 'still writing' });
      expect(annotationCount(ctx)).toBe(2);
      await killed(child);
      expect((await api.call('backups.restore', { file: backup.file })).restored.file).toBe(backup.file);
      expect(annotationCount(ctx)).toBe(1);
      expect(listBackups(ctx.dbPath).map((b) => b.file)).toContain(backup.file);
    } finally {
      closeContext(ctx);
    }
  });

  it('a process opening the workspace while a restore holds it is refused, naming the restore', () => {
    const ctx = corpusContext();
    const dbPath = ctx.dbPath;
    closeContext(ctx);
    // Another process's exclusive entry, as `workbench restore` writes it (this test's parent PID is alive).
    fs.mkdirSync(holdersDirFor(dbPath), { recursive: true });
    fs.writeFileSync(path.join(holdersDirFor(dbPath), 'elsewhere.json'), JSON.stringify({ pid: process.ppid, host: os.hostname(), startedAt: '2026-12-01T00:00:00.000Z', program: 'workbench restore', mode: 'exclusive' }));
    let err: unknown = null;
    try {
      openContext({ dbPath, resourcesDir: RESOURCES_DIR });
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ code: 'db-busy', subject: expect.stringContaining(`workbench restore (PID ${process.ppid}`) });
    // A shared holder beside it does not block another shared one.
    fs.rmSync(path.join(holdersDirFor(dbPath), 'elsewhere.json'));
    const a = holdWorkspace(dbPath, { mode: 'shared', program: 'a' });
    const b = openContext({ dbPath, resourcesDir: RESOURCES_DIR });
    closeContext(b);
    a.release();
    expect(fs.existsSync(holdersDirFor(dbPath))).toBe(false);
  });
});
