// `workbench backup [--list]` and `workbench restore [--latest | --id ID | FILE | --to-change N]`:
// the workspace's own backups (backups/<workspace id>/ beside it). `backup` goes through the API;
// `backup --list` and `restore` work on the files without opening the database, which may be
// damaged (that is when they are needed most). A restore holds the workspace exclusively: refused
// (db-busy, naming the holder) while the app, a dev host or another command has it open.
import { backupDirForPath, budgetFor, listBackups, restoreBackup, setBudget, verifyBackup } from '../../backup/backups';
import { checkDatabase, journalCheckpoints, latestOrNamed } from '../../backup/recovery';
import { withExclusiveHold } from '../../backup/workspace-lock';
import { openDatabase } from '../../store/open';
import { resolveDbPath } from '../../store/paths';
import { formatError } from '../../../shared/errors';
import { intOpt, printJson, stringOpt, UsageError, withApi, withContext, type Command } from '../command';

export const backupCommand: Command = {
  name: 'backup',
  summary: 'Back up the workspace now, --list its backups (and the last hour\'s journal checkpoints), or set its budget.',
  usage: 'workbench backup [--list] [--verify] [--budget-count N] [--budget-bytes N] [--db PATH] [--json]',
  options: { list: { type: 'boolean' }, verify: { type: 'boolean' }, 'budget-count': { type: 'string' }, 'budget-bytes': { type: 'string' } },
  run: async (input) => {
    const dbPath = resolveDbPath(input.values.db as string | undefined);
    if (input.values.list) {
      const backups = listBackups(dbPath).map((b) => (input.values.verify ? { ...b, verified: verifyBackup(b) } : b));
      // Checkpoints need the database readable; a damaged one still lists its files.
      let checkpoints: ReturnType<typeof journalCheckpoints> = [];
      try {
        const db = openDatabase(dbPath, { readonly: true, migrate: false });
        try {
          checkpoints = journalCheckpoints(db);
        } finally {
          db.close();
        }
      } catch {
        /* listed without checkpoints */
      }
      if (input.json) printJson(input.io, { directory: backupDirForPath(dbPath), budget: budgetFor(dbPath), backups, checkpoints });
      else {
        for (const c of checkpoints) input.io.out(`change ${c.position}\t${c.at}\t${c.label[input.lang]}\n`);
        for (const b of backups) input.io.out(`${b.file}\t${b.createdAt}\t${b.reason}\t${b.bytes}${'verified' in b ? `\t${b.verified.ok ? 'ok' : `DAMAGED: ${b.verified.detail}`}` : ''}\n`);
      }
      return 0;
    }
    if (input.values['budget-count'] !== undefined || input.values['budget-bytes'] !== undefined) {
      const maxCount = input.values['budget-count'] !== undefined ? intOpt(input.values, 'budget-count', 0, 100_000) : undefined;
      const maxBytes = input.values['budget-bytes'] !== undefined ? intOpt(input.values, 'budget-bytes', 0) : undefined;
      if (maxCount === 0 || maxBytes === 0) throw new UsageError('--budget-count and --budget-bytes must be at least 1');
      const budget = await withContext(input, (ctx) => setBudget(ctx.db, ctx.dbPath, { ...(maxCount ? { maxCount } : {}), ...(maxBytes ? { maxBytes } : {}) }), { ingest: false });
      if (input.json) printJson(input.io, { budget });
      else input.io.out(`Budget: ${budget.maxCount} backups, ${budget.maxBytes} bytes\n`);
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
  summary: 'Check the workspace; restore one of its backups (--id, or --latest good one), or undo back to a journal checkpoint (--to-change).',
  usage: 'workbench restore [--latest | --id ID | FILE | --to-change N] [--db PATH] [--json]',
  options: { latest: { type: 'boolean' }, id: { type: 'string' }, 'to-change': { type: 'string' } },
  run: async (input) => {
    const dbPath = resolveDbPath(input.values.db as string | undefined);
    const file = stringOpt(input.values, 'id') ?? input.positionals[0];
    if (input.values['to-change'] !== undefined) return undoToCheckpoint(input, intOpt(input.values, 'to-change', 0));
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
    return withExclusiveHold(dbPath, 'workbench restore', () => {
      const backup = latestOrNamed(dbPath, file);
      const { safetyCopy } = restoreBackup(dbPath, backup);
      openDatabase(dbPath).close(); // migrates an older backup forward and proves it opens
      if (input.json) printJson(input.io, { dbPath, restored: backup, safetyCopy });
      else input.io.out(`Restored ${backup.file} into ${dbPath}${safetyCopy ? ` (previous file kept as ${safetyCopy})` : ''}.\n`);
      return 0;
    });
  },
};

/**
 * Back to a journal checkpoint: every later change undone through the API, as the Undo button
 * would, so each one can be redone again. Nothing is renamed, so it may run beside the app.
 */
function undoToCheckpoint(input: Parameters<Command['run']>[0], position: number): Promise<number> {
  return withApi(
    input,
    async (api, ctx) => {
      const top = () => (ctx.db.prepare("SELECT COALESCE(MAX(id), 0) AS n FROM change_groups WHERE state = 'done'").get() as { n: number }).n;
      const exists = ctx.db.prepare("SELECT 1 FROM change_groups WHERE id = ? AND state = 'done'").get(position);
      if (position !== 0 && !exists) {
        throw new UsageError(`--to-change ${position}: no such change in the journal (see \`workbench backup --list\`)`);
      }
      let undone = 0;
      while (top() > position) {
        await api.call('history.undo', {});
        undone++;
      }
      if (input.json) printJson(input.io, { dbPath: ctx.dbPath, position, undone });
      else input.io.out(`Undid ${undone} change(s); ${ctx.dbPath} is at change ${position}.\n`);
      return 0;
    },
    { ingest: false },
  );
}
