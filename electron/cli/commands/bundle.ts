// `workbench bundle export --out FILE` and `workbench bundle import FILE [--dry-run]`: a whole
// workspace in one file, to carry between air-gapped laptops and merge on the other side.
import { printJson, stringOpt, UsageError, withApi, type Command } from '../command';
import { fromBundle } from '../../exchange/interchange';
import { printReport } from './annotations-exchange';

export const bundleCommand: Command = {
  name: 'bundle',
  summary: 'Export the workspace as one bundle file, or merge a bundle into it (preview with --dry-run).',
  usage: 'workbench bundle export --out FILE [--force] | workbench bundle import FILE [--dry-run] [--db PATH] [--json]',
  options: { out: { type: 'string' }, force: { type: 'boolean' }, 'dry-run': { type: 'boolean' } },
  run: (input) => {
    const [sub, file, extra] = input.positionals;
    if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
    if (sub === 'export') {
      const out = stringOpt(input.values, 'out');
      if (!out) throw new UsageError('bundle export needs --out FILE');
      if (file !== undefined) throw new UsageError(`unexpected argument "${file}" (name the bundle with --out)`);
      return withApi(input, async (api, _ctx, files) => {
        const r = await api.call('bundle.export', { target: files.saveTo(out, { replace: !!input.values.force }) });
        if (input.json) printJson(input.io, r);
        else input.io.out(`bundle written to ${r.path}: ${r.counts.annotations} annotation(s), ${r.counts.pillars} pillar(s), ${r.counts.briefings} briefing(s), ${r.counts.templates} template(s), ${r.counts.documents} imported document(s)\n`);
        return 0;
      });
    }
    if (sub === 'import') {
      if (!file) throw new UsageError('bundle import needs a FILE');
      return withApi(input, async (api, _ctx, files) => {
        const r = await api.call('bundle.import', { source: files.openFrom(file), dryRun: !!input.values['dry-run'] });
        if (input.json) printJson(input.io, r);
        else printReport(input.io, input.lang, fromBundle(r));
        return 0;
      });
    }
    throw new UsageError(sub ? `unknown subcommand "${sub}" (expected: export, import)` : 'a subcommand is required (export, import)');
  },
};
