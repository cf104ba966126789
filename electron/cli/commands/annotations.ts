// `workbench annotations`: the analyst's annotations, filtered by pillar, document, tag …
import { printJson, stringOpt, withApi, type Command } from '../command';

export const annotationsCommand: Command = {
  name: 'annotations',
  summary: 'List annotations (filters: --pillar, --doc, --statement, --tag, --orphaned).',
  usage: 'workbench annotations [--pillar ID] [--doc ID] [--statement ID] [--tag T] [--orphaned] [--db PATH] [--json]',
  options: { pillar: { type: 'string' }, doc: { type: 'string' }, statement: { type: 'string' }, tag: { type: 'string' }, orphaned: { type: 'boolean' } },
  run: (input) =>
    withApi(input, async (api) => {
      const { annotations } = await api.call('annotations.list', {
        pillarId: stringOpt(input.values, 'pillar'),
        documentId: stringOpt(input.values, 'doc'),
        statementId: stringOpt(input.values, 'statement'),
        tag: stringOpt(input.values, 'tag'),
        orphaned: input.values.orphaned ? true : undefined,
      });
      if (input.json) printJson(input.io, { annotations });
      else {
        for (const a of annotations) {
          const flags = [a.orphaned ? 'ORPHAN' : '', a.pillarIds.join(','), a.tags.map((t) => `#${t}`).join(' ')].filter(Boolean).join(' ');
          input.io.out(`${a.id}\t${a.statementId}\t${flags}\t${a.target.quote.exact.replace(/\s+/g, ' ').slice(0, 60)}${a.comment ? `\t— ${a.comment.replace(/\s+/g, ' ').slice(0, 60)}` : ''}\n`);
        }
        input.io.out(`${annotations.length} annotation(s)\n`);
      }
      return 0;
    }),
};
