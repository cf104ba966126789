// `workbench export`: write a briefing (or, with --from-annotations, one built on the spot from the
// annotations) as DOCX, PDF, Markdown or HTML; never over an existing file without --force.
import { EXPORT_FORMATS, type ExportFormat } from '../../../shared/briefing';
import { printJson, stringOpt, UsageError, withApi, type Command } from '../command';
import { createRequestFrom, DRAFT_OPTIONS } from './briefing-options';

const USAGE = [
  'workbench export BRIEFING_ID --format docx|pdf|md|html --out FILE [--force] [--json]',
  '       workbench export --from-annotations [--group-by pillar|document|speaker] [--pillar ID]... [--title T] [--marking TEXT]',
  '                        [--language ja|en] --format docx|pdf|md|html --out FILE [--force] [--json]',
].join('\n');

export const exportCommand: Command = {
  name: 'export',
  summary: 'Export a briefing note to DOCX, PDF, Markdown or HTML (or build one from the annotations and export it).',
  usage: USAGE,
  options: { ...DRAFT_OPTIONS, format: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' }, 'from-annotations': { type: 'boolean' } },
  run: (input) => {
    const format = stringOpt(input.values, 'format');
    if (!format || !(EXPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}${format ? ` (got "${format}")` : ''}`);
    const out = stringOpt(input.values, 'out');
    if (!out) throw new UsageError('--out FILE is required');
    const fromAnnotations = !!input.values['from-annotations'];
    const [id] = input.positionals;
    if (fromAnnotations && id) throw new UsageError('give either a briefing id or --from-annotations, not both');
    if (!fromAnnotations && !id) throw new UsageError('a briefing id (see `workbench briefings`) or --from-annotations is required');
    const req = fromAnnotations ? createRequestFrom(input.values, { fromAnnotations: true, defaultTitle: input.lang === 'ja' ? '注釈からのブリーフィング' : 'Briefing from annotations' }) : null;
    return withApi(input, async (api, _ctx, files) => {
      const opts = { format: format as ExportFormat, target: files.saveTo(out, { replace: !!input.values.force }) };
      const result = req ? await api.call('briefings.exportDraft', { ...req, ...opts }) : await api.call('briefings.export', { id, ...opts });
      if (input.json) printJson(input.io, { path: result.path, bytes: result.bytes, format: result.format, briefingId: result.log.briefingId, title: result.log.briefingTitle, marking: result.log.marking, exportedAt: result.log.exportedAt });
      else input.io.out(`Wrote ${result.format.toUpperCase()} to ${result.path} (${result.bytes} bytes)\n`);
      return 0;
    });
  },
};
