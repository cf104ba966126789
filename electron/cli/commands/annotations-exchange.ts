// `workbench annotations-export --out FILE` and `workbench annotations-import FILE`: the analyst's
// annotations as a versioned JSON file, or a REFI-QDA project / code book (commands/qda.ts), to
// move between machines and tools without a network.
import { printJson, stringOpt, UsageError, withApi, type Command } from '../command';
import { isQdaFile, QDA_FORMATS, runQdaExport, runQdaImport, type QdaFormat } from './qda';

export const annotationsExportCommand: Command = {
  name: 'annotations-export',
  summary: 'Write annotations (and their pillars) to a versioned JSON file, or a REFI-QDA project (.qdpx) or code book (.qdc).',
  usage: 'workbench annotations-export --out FILE [--format json|qdpx|qdc] [--force] [--doc ID] [--pillar ID] [--db PATH] [--json]',
  options: { out: { type: 'string' }, format: { type: 'string' }, force: { type: 'boolean' }, doc: { type: 'string' }, pillar: { type: 'string' } },
  run: (input) => {
    const out = stringOpt(input.values, 'out');
    if (!out) throw new UsageError('--out FILE is required');
    const format = stringOpt(input.values, 'format') ?? 'json';
    if ((QDA_FORMATS as readonly string[]).includes(format)) return runQdaExport(input, out, format as QdaFormat);
    if (format !== 'json') throw new UsageError(`--format must be json, qdpx or qdc (got "${format}")`);
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
  summary: 'Read an annotations file or a REFI-QDA project / code book, detected by content (all or nothing; undoable; re-anchored on this corpus).',
  usage: 'workbench annotations-import FILE [--dry-run] [--db PATH] [--json]',
  options: { 'dry-run': { type: 'boolean' } },
  run: (input) => {
    const [file] = input.positionals;
    if (!file) throw new UsageError('an annotations file is required');
    if (isQdaFile(file)) return runQdaImport(input, file, !!input.values['dry-run']);
    if (input.values['dry-run']) throw new UsageError('--dry-run is available for REFI-QDA projects (.qdpx, .qdc)');
    return withApi(input, async (api, _ctx, files) => {
      const r = await api.call('annotations.import', { source: files.openFrom(file) });
      if (input.json) printJson(input.io, r);
      else input.io.out(`${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged, ${r.orphaned} orphaned; pillars created: ${r.pillarsCreated.join(', ') || 'none'}\n`);
      return 0;
    });
  },
};
