// `workbench briefings`: every briefing note, most recently changed first.
import { listBriefings } from '../../briefing/repo';
import { printJson, withContext, type Command } from '../command';

export const briefingsCommand: Command = {
  name: 'briefings',
  summary: 'List the briefing notes.',
  usage: 'workbench briefings [--db PATH] [--json]',
  run: (input) =>
    withContext(input, ({ db }) => {
      const briefings = listBriefings(db);
      if (input.json) printJson(input.io, { briefings });
      else for (const b of briefings) input.io.out(`${b.id}\t${b.date}\t${b.sections} sections, ${b.items} items\t${b.marking ? `[${b.marking}] ` : ''}${b.title}\n`);
      return 0;
    }),
};
