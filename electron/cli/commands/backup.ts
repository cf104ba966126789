// `workbench backup [--list]` and `workbench restore [FILE | --latest]`: rolling backups of the
// database. `backup` goes through the API; `backup --list` and `restore` work on the files
// without opening the database, which may be damaged (that is when they are needed most).
import { listBackups } from '../../backup/backups';
import { checkDatabase, latestOrNamed } from '../../backup/recovery';
import { restoreBackup } from '../../backup/backups';
import { openDatabase } from '../../store/open';
import { backupDirFor, resolveDbPath } from '../../store/paths';
import { formatError } from '../../../shared/errors';
import { printJson, withApi, type Command } from '../command';

export const backupCommand: Command = {
  name: 'backup',
  summary: 'Back up the database now (SQLite online backup), or --list the backups.',
  usage: 'workbench backup [--list] [--db PATH] [--json]',
  options: { list: { type: 'boolean' } },
  run: (input) => {
    if (input.values.list) {
      const dbPath = resolveDbPath(input.values.db as string | undefined);
      const backups = listBackups(dbPath);
      if (input.json) printJson(input.io, { directory: backupDirFor(dbPath), backups });
      else for (const b of backups) input.io.out(`${b.file}\t${b.createdAt}\t${b.reason}\t${b.bytes}\n`);
      return 0;
    }
    return withApi(
      input,
      async (api) => {
        const { backup } = await api.call('backups.create', {});
        if (input.json) printJson(input.io, { backup });
        else input.io.out(`Backed up to ${backup.path}\n`);
        return 0;
      },
      { ingest: false },
    );
  },
};

export const restoreCommand: Command = {
  name: 'restore',
  summary: 'Check the database; restore a backup by name or the newest good one (--latest).',
  usage: 'workbench restore [FILE | --latest] [--db PATH] [--json]',
  options: { latest: { type: 'boolean' } },
  run: (input) => {
    const dbPath = resolveDbPath(input.values.db as string | undefined);
    const [file] = input.positionals;
    if (!file && !input.values.latest) {
      // No choice made: report the state and what could be restored, change nothing.
      const check = checkDatabase(dbPath);
      const backups = listBackups(dbPath);
      if (input.json) printJson(input.io, { dbPath, ok: check.ok, error: check.ok ? null : check.error, offer: check.ok ? null : check.offer, backups });
      else {
        input.io.out(check.ok ? `${dbPath}: integrity ok.\n` : `${formatError(check.error, input.lang)}\n`);
        for (const b of backups) input.io.out(`  ${b.file}\t${b.createdAt}\t${b.reason}\n`);
      }
      return check.ok ? 0 : 1;
    }
    const backup = latestOrNamed(dbPath, file);
    const { safetyCopy } = restoreBackup(dbPath, backup);
    openDatabase(dbPath).close(); // migrates an older backup forward and proves it opens
    if (input.json) printJson(input.io, { dbPath, restored: backup, safetyCopy });
    else input.io.out(`Restored ${backup.file} into ${dbPath}${safetyCopy ? ` (previous file kept as ${safetyCopy})` : ''}.\n`);
    return 0;
  },
};
