// `workbench annotations-export --out FILE [--format json|webanno|qdpx|qdc]` and `workbench
// annotations-import FILE [--dry-run]`: the analyst's annotations as the versioned JSON exchange
// file, W3C Web Annotations or a REFI-QDA project / code book (commands/qda.ts), read back
// whatever the format (found from the content).
import type { InterchangeReport } from '../../../shared/api/interchange';
import type { CliIO } from '../command';
import { printJson, stringOpt, UsageError, withApi, type Command } from '../command';
import { isQdaFile, QDA_FORMATS, runQdaExport, runQdaImport, type QdaFormat } from './qda';

const FORMATS = ['json', 'webanno', 'qdpx', 'qdc'] as const;

export const annotationsExportCommand: Command = {
  name: 'annotations-export',
  summary: 'Write annotations (and their pillars) as the JSON exchange file (default) or W3C Web Annotations (JSON-LD).',
  usage: 'workbench annotations-export --out FILE [--format json|webanno|qdpx|qdc] [--force] [--doc ID] [--pillar ID] [--briefing ID] [--db PATH] [--json]',
  options: { out: { type: 'string' }, force: { type: 'boolean' }, doc: { type: 'string' }, pillar: { type: 'string' }, briefing: { type: 'string' }, format: { type: 'string' } },
  run: (input) => {
    const out = stringOpt(input.values, 'out');
    if (!out) throw new UsageError('--out FILE is required');
    const format = stringOpt(input.values, 'format') ?? 'json';
    if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got "${format}")`);
    if ((QDA_FORMATS as readonly string[]).includes(format)) return runQdaExport(input, out, format as QdaFormat);
    const briefingId = stringOpt(input.values, 'briefing');
    if (briefingId !== undefined && format === 'json') throw new UsageError('--briefing needs --format webanno (the JSON exchange file is filtered by --doc and --pillar only)');
    return withApi(input, async (api, _ctx, files) => {
      const r = await api.call('interchange.export', {
        target: files.saveTo(out, { replace: !!input.values.force }),
        format: format as 'json' | 'webanno',
        documentId: stringOpt(input.values, 'doc'),
        pillarId: stringOpt(input.values, 'pillar'),
        briefingId,
      });
      if (input.json) printJson(input.io, r);
      else input.io.out(`${r.annotations} annotation(s) written to ${r.path} (${r.format})\n`);
      return 0;
    });
  },
};

/** The counts every import prints, with each skipped item and its reason in the CLI's language. */
export function printReport(io: CliIO, lang: 'ja' | 'en', r: InterchangeReport): void {
  io.out(`${r.format}${r.dryRun ? ' (dry run: nothing written)' : ''}: ${r.added} added, ${r.updated} updated, ${r.unchanged} unchanged, ${r.conflicts} conflicts, ${r.skipped.length} skipped${r.orphaned ? `, ${r.orphaned} orphaned` : ''}\n`);
  if (r.pillarsAdded.length) io.out(`pillars added: ${r.pillarsAdded.join(', ')}\n`);
  for (const s of r.skipped) io.out(`skipped ${s.id}: ${s.reason[lang]}\n`);
  if (r.bundle) {
    for (const kind of ['documents', 'pillars', 'annotations', 'briefings', 'templates'] as const) {
      const c = r.bundle[kind];
      io.out(`  ${kind}: ${c.added} added, ${c.updated} updated, ${c.unchanged} unchanged, ${c.conflicts} conflicts\n`);
    }
    for (const id of r.bundle.conflictIds) io.out(`conflict ${id}: both versions kept (the incoming one is tagged conflict-of:${id})\n`);
  }
}

export const annotationsImportCommand: Command = {
  name: 'annotations-import',
  summary: 'Read annotations: the JSON exchange file, Web Annotation JSON-LD, a workspace bundle or a REFI-QDA project / code book (found from the content); all or nothing; undoable.',
  usage: 'workbench annotations-import FILE [--dry-run] [--db PATH] [--json]',
  options: { 'dry-run': { type: 'boolean' } },
  run: (input) => {
    const [file] = input.positionals;
    if (!file) throw new UsageError('an annotations file is required');
    if (isQdaFile(file)) return runQdaImport(input, file, !!input.values['dry-run']);
    return withApi(input, async (api, _ctx, files) => {
      const r = await api.call('interchange.import', { source: files.openFrom(file), dryRun: !!input.values['dry-run'] });
      if (input.json) printJson(input.io, r);
      else printReport(input.io, input.lang, r);
      return 0;
    });
  },
};
