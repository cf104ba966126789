// `workbench annotations-export --out FILE` and `workbench annotations-import FILE`: the analyst's
// annotations as a versioned JSON file, to move between machines without a network.
import { printJson, stringOpt, UsageError, withApi, type Command } from '../command';

export const annotationsExportCommand: Command = {
  name: 'annotations-export',
  summary: 'Write annotations (and their pillars) to a versioned JSON file.',
  usage: 'workbench annotations-export --out FILE [--force] [--doc ID] [--pillar ID] [--db PATH] [--json]',
  options: { out: { type: 'string' }, force: { type: 'boolean' }, doc: { type: 'string' }, pillar: { type: 'string' } },
  run: (input) => {
    const out = stringOpt(input.values, 'out');
    if (!out) throw new UsageError('--out FILE is required');
    return withApi(input, async (api, _ctx, files) => {
      const r = await api.call('annotations.export', { target: files.saveTo(out, { replace: !!input.values.force }), documentId: stringOpt(input.values, 'doc'), pillarId: stringOpt(input.values, 'pillar') });
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
    return withApi(input, async (api, _ctx, files) => {
      const r = await api.call('annotations.import', { source: files.openFrom(file) });
      if (input.json) printJson(input.io, r);
      else input.io.out(`${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged, ${r.orphaned} orphaned; pillars created: ${r.pillarsCreated.join(', ') || 'none'}\n`);
      return 0;
    });
  },
};
