// `workbench profile [set --name N …]`: the analyst's profile, through the same API method
// (validation, control-character refusal) as the app.
import { printJson, stringOpt, UsageError, withApi, type Command } from '../command';

const USAGE = [
  'workbench profile [--json]',
  '       workbench profile set --name NAME [--affiliation A] [--section S] [--contact C] [--json]',
].join('\n');

export const profileCommand: Command = {
  name: 'profile',
  summary: "Show or set the analyst's profile (author of briefings and annotations, DOCX creator).",
  usage: USAGE,
  options: { name: { type: 'string' }, affiliation: { type: 'string' }, section: { type: 'string' }, contact: { type: 'string' } },
  run: (input) => {
    const sub = input.positionals[0];
    if (sub !== undefined && sub !== 'set') throw new UsageError(`unknown subcommand "${sub}" (expected: set)`);
    const name = stringOpt(input.values, 'name');
    if (sub === 'set' && name === undefined) throw new UsageError('--name is required');
    return withApi(
      input,
      async (api) => {
        const { profile } =
          sub === 'set'
            ? await api.call('profile.set', {
                name: name!,
                affiliation: stringOpt(input.values, 'affiliation'),
                section: stringOpt(input.values, 'section'),
                contact: stringOpt(input.values, 'contact'),
              })
            : await api.call('profile.get', {});
        if (input.json) printJson(input.io, { profile });
        else if (!profile) input.io.out('no profile set (workbench profile set --name NAME)\n');
        else input.io.out([profile.name, profile.affiliation, profile.section, profile.contact].filter(Boolean).join('\n') + '\n');
        return 0;
      },
      { ingest: false },
    );
  },
};
