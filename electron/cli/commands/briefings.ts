// `workbench briefings`: every briefing note, most recently changed first.
import { printJson, withApi, type Command } from '../command';

export const briefingsCommand: Command = {
  name: 'briefings',
  summary: 'List the briefing notes.',
  usage: 'workbench briefings [--db PATH] [--json]',
  run: (input) =>
    withApi(input, async (api) => {
      const { briefings } = await api.call('briefings.list', {});
      if (input.json) printJson(input.io, { briefings });
      else for (const b of briefings) input.io.out(`${b.id}\t${b.date}\t${b.sections} sections, ${b.items} items\t${b.marking ? `[${b.marking}] ` : ''}${b.title}\n`);
      return 0;
    }),
};
