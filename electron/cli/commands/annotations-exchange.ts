// `workbench annotations-export --out FILE` and `workbench annotations-import FILE`: the analyst's
// annotations as a versioned JSON file, to move between machines without a network.
import { exportAnnotations, importAnnotations } from '../../exchange/annotations-file';
import { backupAfterWork } from '../../backup/recovery';
import { printJson, stringOpt, UsageError, withContext, type Command } from '../command';

export const annotationsExportCommand: Command = {
  name: 'annotations-export',
  summary: 'Write annotations (and their pillars) to a versioned JSON file.',
  usage: 'workbench annotations-export --out FILE [--force] [--doc ID] [--pillar ID] [--db PATH] [--json]',
  options: { out: { type: 'string' }, force: { type: 'boolean' }, doc: { type: 'string' }, pillar: { type: 'string' } },
  run: (input) => {
    const out = stringOpt(input.values, 'out');
    if (!out) throw new UsageError('--out FILE is required');
    return withContext(input, (ctx) => {
      const r = exportAnnotations({ db: ctx.db, author: ctx.author }, { path: out, overwrite: !!input.values.force, documentId: stringOpt(input.values, 'doc'), pillarId: stringOpt(input.values, 'pillar') });
      if (input.json) printJson(input.io, r);
      else input.io.out(`${r.annotations} annotation(s) written to ${r.path}\n`);
      return 0;
    });
  },
};

export const annotationsImportCommand: Command = {
  name: 'annotations-import',
  summary: 'Read an annotations file (all or nothing; undoable; re-anchored on this corpus).',
  usage: 'workbench annotations-import FILE [--db PATH] [--json]',
  run: (input) => {
    const [file] = input.positionals;
    if (!file) throw new UsageError('an annotations file is required');
    return withContext(input, async (ctx) => {
      const r = importAnnotations({ db: ctx.db, author: ctx.author }, file);
      await backupAfterWork(ctx);
      if (input.json) printJson(input.io, r);
      else input.io.out(`${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged, ${r.orphaned} orphaned; pillars created: ${r.pillarsCreated.join(', ') || 'none'}\n`);
      return 0;
    });
  },
};
