// The app's start-up offer on a damaged database, against a mocked electron dialog: the newest
// good backup is offered, restored only on "Restore", and the damaged file is kept aside.
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createBackup } from '../../electron/backup/backups';
import { closeContext, corpusContext } from '../helpers/db';

const shown: { detail?: string; buttons?: string[] }[] = [];
let answer = 0;
vi.mock('electron', () => ({
  BrowserWindow: { getAllWindows: () => [] },
  dialog: {
    showMessageBox: vi.fn(async (opts: { detail?: string; buttons?: string[] }) => {
      shown.push(opts);
      return { response: answer };
    }),
    showErrorBox: vi.fn(),
  },
}));

async function offerBackupOnDamage(dbPath: string, lang: 'ja' | 'en'): Promise<boolean> {
  const dialogs = await import('../../electron/main/backup-dialogs');
  return dialogs.offerBackupOnDamage(dbPath, lang);
}

async function damagedDatabase(): Promise<{ dbPath: string; backupFile: string }> {
  const ctx = corpusContext();
  const backup = await createBackup(ctx.db, ctx.dbPath, { reason: 'startup' });
  ctx.db.pragma('wal_checkpoint(TRUNCATE)');
  closeContext(ctx);
  const fd = fs.openSync(ctx.dbPath, 'r+');
  fs.writeSync(fd, Buffer.alloc(8192, 0x5a), 0, 8192, 4096 * 4);
  fs.closeSync(fd);
  return { dbPath: ctx.dbPath, backupFile: backup.file };
}

describe('offer a backup when the database is damaged at start', () => {
  beforeEach(() => {
    shown.length = 0;
  });

  it('restores the newest good backup when the analyst accepts', async () => {
    const { dbPath } = await damagedDatabase();
    answer = 0;
    expect(await offerBackupOnDamage(dbPath, 'en')).toBe(true);
    expect(shown[0].buttons).toEqual(['Restore backup', 'Quit']);
    expect(shown[0].detail).toContain('newest good backup');
    expect(fs.readdirSync(path.dirname(dbPath)).some((f) => f.includes('.pre-restore-'))).toBe(true);
  });

  it('changes nothing when the analyst declines', async () => {
    const { dbPath } = await damagedDatabase();
    const bytes = fs.readFileSync(dbPath);
    answer = 1;
    expect(await offerBackupOnDamage(dbPath, 'ja')).toBe(false);
    expect(shown[0].buttons).toEqual(['バックアップから復元', '終了']);
    expect(fs.readFileSync(dbPath).equals(bytes)).toBe(true);
  });
});
