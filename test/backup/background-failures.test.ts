// A background backup has no one to answer to (issue 11): when the one started after 25 changes
// fails, or keeps every older copy because the workspace failed its full check (pruneRefused),
// storage.status says so with the reason, for the window's banner; the next success clears it.
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { backupDirForPath, createBackup, setBudget } from '../../electron/backup/backups';
import { CHANGES_PER_BACKUP, whenBackupsIdle } from '../../electron/backup/recovery';
import type { AppContext } from '../../electron/app/context';
import { apiFor } from '../helpers/api';
import { findStatement } from '../helpers/annotate';
import { closeContext, corpusContext } from '../helpers/db';

/** Enough analyst changes through the API for the after-write step to start a backup. */
async function work(ctx: AppContext, tag: string): Promise<void> {
  const api = apiFor(ctx);
  const st = findStatement(ctx, '半導体');
  for (let i = 0; i < CHANGES_PER_BACKUP; i++) await api.call('annotations.create', { statementId: st.id, comment: `${tag} ${i}` });
  await whenBackupsIdle(ctx.dbPath);
}

describe('background backup failures in storage.status', () => {
  it('a failed background backup is reported with its typed reason, and cleared by the next success', async () => {
    const ctx = corpusContext();
    try {
      const api = apiFor(ctx);
      expect((await api.call('storage.status', {})).backup).toEqual({ failed: null, pruneRefused: null });
      // The backups folder cannot be made: a file stands where it should be.
      const folder = path.join(path.dirname(ctx.dbPath), 'backups');
      fs.writeFileSync(folder, 'not a folder');
      await work(ctx, 'first');
      const { backup } = await api.call('storage.status', {});
      expect(backup.pruneRefused).toBeNull();
      expect(backup.failed).toMatchObject({ reason: 'work', code: 'io' });
      expect(backup.failed!.message.en).toContain(folder);
      expect(backup.failed!.message.ja).toContain(folder);
      expect(backup.failed!.hint?.en.length).toBeGreaterThan(10);
      expect(Date.parse(backup.failed!.at)).toBeGreaterThan(Date.now() - 60_000);

      fs.rmSync(folder);
      await api.call('backups.create', {});
      expect((await api.call('storage.status', {})).backup).toEqual({ failed: null, pruneRefused: null });
    } finally {
      closeContext(ctx);
    }
  });

  it('a rotation refused because the workspace failed its full check is reported, and cleared once one rotates again', async () => {
    const ctx = corpusContext();
    try {
      const api = apiFor(ctx);
      setBudget(ctx.db, ctx.dbPath, { maxCount: 2 });
      for (const at of ['2026-05-01T10:00:00.000Z', '2026-05-02T10:00:00.000Z', '2026-05-03T10:00:00.000Z']) await createBackup(ctx.db, ctx.dbPath, { reason: 'older', now: at });
      const copies = () => fs.readdirSync(backupDirForPath(ctx.dbPath)).filter((f) => f.endsWith('.db')).length;
      const kept = copies();
      expect(kept).toBe(2);
      const real = ctx.db.pragma.bind(ctx.db);
      const spy = vi.spyOn(ctx.db, 'pragma').mockImplementation(((source: string, options?: Database.PragmaOptions) =>
        source === 'main.integrity_check' ? [{ integrity_check: '*** in database main ***\nTree 12 page 40 cell 3: 2nd reference to page 41' }] : real(source, options)) as typeof ctx.db.pragma);
      try {
        await work(ctx, 'damaged');
      } finally {
        spy.mockRestore();
      }
      const { backup } = await api.call('storage.status', {});
      expect(backup.failed).toBeNull();
      expect(backup.pruneRefused?.detail).toContain('2nd reference to page 41');
      expect(copies()).toBe(kept + 1); // the new one, and every older one kept

      await work(ctx, 'whole again');
      expect((await api.call('storage.status', {})).backup).toEqual({ failed: null, pruneRefused: null });
    } finally {
      closeContext(ctx);
    }
  });
});
