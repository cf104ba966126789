// Data at rest is the analyst's alone: the database, its WAL and SHM, backups, exports and the
// folders they sit in are owner-only (0600 files in 0700 folders). Checked twice: in-process,
// where the test runner's umask (022) is not ours, so the explicit modes must do it; and through
// the built CLI as a real process, which sets umask 077 itself.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/store/open';
import { createBackup } from '../../electron/backup/backups';
import { writeFileAtomic } from '../../electron/export/write';
import { ownerOnlyFiles } from '../../electron/store/file-modes';
import { REPO_ROOT, tempDir } from '../helpers/db';

const CLI = path.join(REPO_ROOT, 'bin', 'workbench.js');
const posix = process.platform !== 'win32';
const mode = (p: string) => fs.statSync(p).mode & 0o777;

describe.skipIf(!posix)('owner-only files (POSIX modes; Windows relies on the per-user profile ACLs)', () => {
  it('creates the data folder, database, WAL and SHM owner-only even under a lax umask', async () => {
    const previous = process.umask(0o022);
    try {
      const root = tempDir('wb-modes-');
      const dbPath = path.join(root, 'data', 'workbench.db');
      const db = openDatabase(dbPath);
      db.exec('CREATE TABLE IF NOT EXISTS mode_probe (x); INSERT INTO mode_probe VALUES (1);');
      expect(mode(path.dirname(dbPath))).toBe(0o700);
      expect(mode(dbPath)).toBe(0o600);
      expect(mode(`${dbPath}-wal`)).toBe(0o600);
      expect(mode(`${dbPath}-shm`)).toBe(0o600);
      const backup = await createBackup(db, dbPath, { reason: 'test' });
      expect(mode(path.dirname(backup.path))).toBe(0o700);
      expect(mode(backup.path)).toBe(0o600);
      db.close();
      const exported = writeFileAtomic(path.join(root, 'note.md'), new TextEncoder().encode('# 所見\n'));
      expect(mode(exported.path)).toBe(0o600);
    } finally {
      process.umask(previous);
    }
  });

  it('tightens a database and WAL left 0644 by an older version when it opens them', () => {
    const root = tempDir('wb-modes-old-');
    const dbPath = path.join(root, 'workbench.db');
    openDatabase(dbPath).close();
    fs.chmodSync(dbPath, 0o644);
    const db = openDatabase(dbPath);
    expect(mode(dbPath)).toBe(0o600);
    db.close();
  });

  it('leaves a folder the analyst pointed --db at as it was, and makes only new folders 0700', () => {
    const root = tempDir('wb-modes-shared-');
    fs.chmodSync(root, 0o755);
    openDatabase(path.join(root, 'workbench.db')).close();
    expect(mode(root)).toBe(0o755);
  });

  it('sets the process umask to 077', () => {
    const previous = process.umask();
    try {
      expect(ownerOnlyFiles()).toBe(true);
      expect(process.umask()).toBe(0o077);
      expect(ownerOnlyFiles('win32')).toBe(false);
    } finally {
      process.umask(previous);
    }
  });

  it('the CLI, as a real process: init, a backup and an export are all owner-only', () => {
    if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'electron', 'cli', 'main.js'))) throw new Error('The CLI is not built: run "npm run build" first ("npm test" does).');
    const root = tempDir('wb-modes-cli-');
    const dbPath = path.join(root, 'analyst', 'workbench.db');
    // The caller's umask is lax on purpose: the CLI must not depend on it.
    const cli = (...args: string[]) => spawnSync('/bin/sh', ['-c', 'umask 022; exec "$0" "$@"', process.execPath, CLI, ...args, '--db', dbPath], { encoding: 'utf8', timeout: 120_000 });
    const init = cli('init');
    expect(init.status, init.stderr).toBe(0);
    const backup = cli('backup', '--json');
    expect(backup.status, backup.stderr).toBe(0);
    const created = cli('briefing', 'create', '--title', '保存時の権限', '--json');
    expect(created.status, created.stderr).toBe(0);
    const out = path.join(root, 'exports');
    fs.mkdirSync(out);
    const exported = cli('export', (JSON.parse(created.stdout) as { id: string }).id, '--format', 'md', '--out', path.join(out, 'note.md'));
    expect(exported.status, exported.stderr).toBe(0);
    const backupsDir = path.join(root, 'analyst', 'backups');
    // backups/<workspace id>/ holds the copies and their manifest: folders 0700, files 0600.
    const backups = (fs.readdirSync(backupsDir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(backupsDir, f)).isFile());
    expect(backups.filter((f) => f.endsWith('.db')).length).toBeGreaterThan(0);
    for (const d of fs.readdirSync(backupsDir)) expect([d, mode(path.join(backupsDir, d))]).toEqual([d, 0o700]);
    expect(mode(path.join(root, 'analyst'))).toBe(0o700);
    expect(mode(dbPath)).toBe(0o600);
    expect(mode(backupsDir)).toBe(0o700);
    for (const f of backups) expect([f, mode(path.join(backupsDir, f))]).toEqual([f, 0o600]);
    expect(mode(path.join(out, 'note.md'))).toBe(0o600);
  });
});
