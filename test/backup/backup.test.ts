// Rolling backups with the SQLite online backup API: verified copies, pruning, restore (the
// current file kept aside), and the start-up check that offers the newest good backup.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { ApiClient } from '../../shared/api/client';
import { openContext, type AppContext } from '../../electron/app/context';
import { createBackup, listBackups, newestGoodBackup, restoreBackup, verifyBackup, verifyDatabaseFile, workspaceIdOf } from '../../electron/backup/backups';
import { backupAfterWork, CHANGES_PER_BACKUP, checkDatabase, startupBackup, whenBackupsIdle } from '../../electron/backup/recovery';
import { createAnnotation } from '../../electron/annotate/annotations';
import { backupDirFor } from '../../electron/store/paths';
import { openDatabase } from '../../electron/store/open';
import { runCli } from '../helpers/cli';
import { closeContext, RESOURCES_DIR } from '../helpers/db';
import { findStatement, withCorpusApi } from '../helpers/annotate';

let ctx: AppContext;
let api: ApiClient;
withCorpusApi((env) => ({ ctx, api } = env), () => ctx);

function annotationCount(db = ctx.db): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM annotations WHERE deleted_at IS NULL').get() as { n: number }).n;
}

/** Overwrites the middle of the file with garbage, as a failing disk would. */
function damage(file: string): void {
  const size = fs.statSync(file).size;
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.alloc(8192, 0x5a), 0, 8192, Math.floor(size / 2 / 4096) * 4096);
  fs.closeSync(fd);
}

describe('backups', () => {
  it('makes verified online backups while the database is open, newest first, within the budget', async () => {
    const s = findStatement(ctx, '半導体');
    await api.call('annotations.create', { statementId: s.id, comment: 'one' });
    const made = [];
    const budget = { maxCount: 3, maxBytes: 1e12 };
    for (let i = 0; i < 4; i++) made.push(await createBackup(ctx.db, ctx.dbPath, { reason: 'test', budget, now: `2026-01-0${i + 1}T00:00:00.000Z` }));
    expect(made[3].pruned).toEqual([made[0].file]);
    const list = listBackups(ctx.dbPath);
    expect(list.map((b) => b.createdAt)).toEqual(['2026-01-04T00:00:00.000Z', '2026-01-03T00:00:00.000Z', '2026-01-02T00:00:00.000Z']);
    expect(fs.existsSync(made[0].path)).toBe(false);
    expect(verifyDatabaseFile(list[0].path)).toEqual({ ok: true });
    expect(verifyBackup(list[0])).toEqual({ ok: true });
    expect(list[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(path.dirname(path.dirname(list[0].path))).toBe(backupDirFor(ctx.dbPath));
    expect(path.basename(path.dirname(list[0].path))).toBe(workspaceIdOf(ctx.db));
    // Defect 8: nothing but the backups and the manifest is left in the folder.
    expect(fs.readdirSync(path.dirname(list[0].path)).sort()).toEqual([...list.map((b) => b.file), 'manifest.json'].sort());
    const copy = openDatabase(list[0].path, { readonly: true });
    expect(annotationCount(copy)).toBe(1);
    copy.close();
  });

  it('backs up at start only when something changed, and after significant work', async () => {
    expect(await startupBackup(ctx)).not.toBeNull();
    expect(await startupBackup(ctx)).toBeNull();
    const s = findStatement(ctx, '半導体');
    const actor = { db: ctx.db, author: 'test-analyst' };
    for (let i = 0; i < CHANGES_PER_BACKUP - 1; i++) createAnnotation(actor, { statementId: s.id, comment: `c${i}` });
    expect(await backupAfterWork(ctx)).toBeNull();
    createAnnotation(actor, { statementId: s.id, comment: 'last' });
    const work = await backupAfterWork(ctx);
    expect(work?.reason).toBe('work');
    expect(await startupBackup(ctx)).toBeNull();
  });

  it('the API backs up by itself once enough changes piled up', async () => {
    const s = findStatement(ctx, '半導体');
    for (let i = 0; i < CHANGES_PER_BACKUP; i++) await api.call('annotations.create', { statementId: s.id, comment: `c${i}` });
    await whenBackupsIdle(ctx.dbPath);
    expect(listBackups(ctx.dbPath).map((b) => b.reason)).toEqual(['work']);
  });

  it('counts briefing edits as work too', async () => {
    const { briefing } = await api.call('briefings.create', { title: 'T' });
    for (let i = 1; i < CHANGES_PER_BACKUP; i++) await api.call('briefings.sections.add', { briefingId: briefing.id, heading: `節${i}` });
    await whenBackupsIdle(ctx.dbPath);
    expect(listBackups(ctx.dbPath).map((b) => b.reason)).toEqual(['work']);
  });

  it('restores a backup through the API, keeping the replaced database as a safety copy', async () => {
    const s = findStatement(ctx, '半導体');
    await api.call('annotations.create', { statementId: s.id, comment: 'before backup' });
    const { backup } = await api.call('backups.create', {});
    await api.call('annotations.create', { statementId: s.id, comment: 'after backup' });
    expect(annotationCount()).toBe(2);
    const { restored, safetyCopy } = await api.call('backups.restore', { file: backup.file });
    expect(restored.file).toBe(backup.file);
    expect(annotationCount()).toBe(1); // the context now holds the restored database
    expect((await api.call('annotations.list', {})).annotations[0].comment).toBe('before backup');
    expect(safetyCopy && fs.existsSync(safetyCopy)).toBe(true);
    const old = openDatabase(safetyCopy!, { readonly: true });
    expect(annotationCount(old)).toBe(2);
    old.close();
    expect((await api.call('backups.list', {})).backups.map((b) => b.file)).toContain(backup.file);
  });

  it('detects a damaged database at start and offers the newest good backup, touching nothing', async () => {
    const s = findStatement(ctx, '半導体');
    await api.call('annotations.create', { statementId: s.id, comment: 'precious' });
    const good = await createBackup(ctx.db, ctx.dbPath, { reason: 'startup', now: '2026-01-01T00:00:00.000Z' });
    const bad = await createBackup(ctx.db, ctx.dbPath, { reason: 'work', now: '2026-01-02T00:00:00.000Z' });
    damage(bad.path);
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    closeContext(ctx);
    damage(ctx.dbPath);
    const damagedBytes = fs.readFileSync(ctx.dbPath);

    expect(() => openContext({ dbPath: ctx.dbPath, resourcesDir: RESOURCES_DIR, fullCheck: true })).toThrow(/damaged/);
    const check = checkDatabase(ctx.dbPath);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.error.code).toBe('db-corrupt');
    expect(check.offer?.file).toBe(good.file); // the newer backup is damaged too: skipped
    expect(check.error.hint?.en).toContain('restore --latest');
    expect(newestGoodBackup(ctx.dbPath)?.file).toBe(good.file);
    expect(fs.readFileSync(ctx.dbPath).equals(damagedBytes)).toBe(true);

    // The CLI offers the same and restores on request.
    const offered = await runCli(['restore', '--db', ctx.dbPath, '--json']);
    expect(offered.code).toBe(1);
    expect(offered.json<{ offer: { file: string } }>().offer.file).toBe(good.file);
    const done = await runCli(['restore', '--latest', '--db', ctx.dbPath, '--json']);
    expect(done.code).toBe(0);
    const report = done.json<{ restored: { file: string }; safetyCopy: string }>();
    expect(report.restored.file).toBe(good.file);
    expect(fs.readFileSync(report.safetyCopy).equals(damagedBytes)).toBe(true);
    ctx = openContext({ dbPath: ctx.dbPath, resourcesDir: RESOURCES_DIR, fullCheck: true, author: 'test-analyst' });
    expect(annotationCount()).toBe(1);
  });

  it('puts the current database back when a restore fails at its last step', async () => {
    const b = await createBackup(ctx.db, ctx.dbPath, { reason: 'x' });
    await api.call('annotations.create', { statementId: findStatement(ctx, '半導体').id, quote: '半導体' });
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    closeContext(ctx);
    const before = fs.readFileSync(ctx.dbPath);
    const real = fs.renameSync;
    const spy = vi.spyOn(fs, 'renameSync').mockImplementation((from, to) => {
      if (String(from).endsWith('.restoring')) throw Object.assign(new Error('EIO: i/o error'), { code: 'EIO' });
      real(from, to);
    });
    try {
      let err: unknown = null;
      try {
        restoreBackup(ctx.dbPath, b);
      } catch (e) {
        err = e;
      }
      expect(err).toMatchObject({ code: 'io' });
      expect((err as Error).message).toContain('EIO');
    } finally {
      spy.mockRestore();
    }
    expect(fs.readFileSync(ctx.dbPath).equals(before)).toBe(true);
    expect(fs.readdirSync(path.dirname(ctx.dbPath)).filter((f) => /restoring|pre-restore/.test(f))).toEqual([]);
    ctx = openContext({ dbPath: ctx.dbPath, resourcesDir: RESOURCES_DIR, author: 'test-analyst' });
    expect(annotationCount()).toBe(1);
  });

  it('refuses to restore a damaged backup', async () => {
    const b = await createBackup(ctx.db, ctx.dbPath, { reason: 'x' });
    damage(b.path);
    closeContext(ctx);
    expect(() => restoreBackup(ctx.dbPath, b)).toThrow(/damaged/);
    ctx = openContext({ dbPath: ctx.dbPath, resourcesDir: RESOURCES_DIR, author: 'test-analyst' });
  });
});
